import { describe, expect, it } from "vitest";
import { EAGAIN, EINTR, EINVAL, ENOSYS, ESRCH, ETIMEDOUT } from "../errno.js";
import { VIRTUAL_EPOCH_NS } from "../virtual-clock.js";
import { SCRATCH, createHarness } from "./harness.test-helper.js";

const utsField = (bytes: Uint8Array, i: number): string => {
  const field = bytes.subarray(i * 65, i * 65 + 65);
  return new TextDecoder().decode(field.subarray(0, field.indexOf(0)));
};

describe("process syscalls", () => {
  it("records the exit status of exit_group modulo 256", () => {
    const h = createHarness();
    h.call("exit_group", 300);
    expect(h.state.exitStatus).toBe(44);
    expect(h.straceLines.at(-1)).toBe("exit_group(300) = ?");
  });

  it("reports Linux on aarch64 from uname", () => {
    const h = createHarness();
    expect(h.call("uname", SCRATCH)).toBe(0);
    const bytes = h.memory.read(SCRATCH, 390);
    expect(utsField(bytes, 0)).toBe("Linux");
    expect(utsField(bytes, 4)).toBe("aarch64");
  });

  it("returns the same ids every run", () => {
    const h = createHarness();
    expect(h.call("getpid")).toBe(1000);
    expect(h.call("gettid")).toBe(1000);
    expect(h.call("getppid")).toBe(999);
    expect([h.call("getuid"), h.call("geteuid"), h.call("getgid"), h.call("getegid")]).toEqual([1000, 1000, 1000, 1000]);
    expect(h.call("set_tid_address", SCRATCH)).toBe(1000);
    expect(h.call("set_robust_list", SCRATCH, 24)).toBe(0);
    expect(h.call("set_robust_list", SCRATCH, 8)).toBe(-EINVAL);
  });

  it("answers rseq and unknown syscalls with ENOSYS", () => {
    const h = createHarness();
    expect(h.call("rseq", SCRATCH, 32, 0, 0)).toBe(-ENOSYS);
    expect(h.callNumber(435)).toBe(-ENOSYS);
    expect(h.straceLines.at(-1)).toBe("syscall_0x1b3(0x0, 0x0, 0x0, 0x0, 0x0, 0x0) = -1 ENOSYS (Function not implemented)");
  });

  it("reports an 8 MiB stack limit and one CPU", () => {
    const h = createHarness();
    expect(h.call("prlimit64", 0, 3, 0, SCRATCH)).toBe(0);
    expect(h.u64(SCRATCH)).toBe(8n * 1024n * 1024n);
    expect(h.u64(SCRATCH + 8)).toBe(0xffff_ffff_ffff_ffffn);
    expect(h.call("prlimit64", 0, 99, 0, SCRATCH)).toBe(-EINVAL);
    expect(h.call("sched_getaffinity", 0, 128, SCRATCH)).toBe(8);
    expect(h.u64(SCRATCH)).toBe(1n);
    expect(h.call("sched_getaffinity", 0, 4, SCRATCH)).toBe(-EINVAL);
  });

  it("handles single-threaded futex wake and wait", () => {
    const h = createHarness();
    h.memory.write(SCRATCH, new Uint8Array([5, 0, 0, 0]));
    expect(h.call("futex", SCRATCH, 1 | 128, 1, 0)).toBe(0);
    expect(h.call("futex", SCRATCH, 0 | 128, 4, 0)).toBe(-EAGAIN);
    expect(h.call("futex", SCRATCH, 0, 5, SCRATCH + 0x100)).toBe(-ETIMEDOUT);
    expect(h.call("futex", SCRATCH, 0, 5, 0)).toBe(-EINTR);
    expect(h.call("futex", SCRATCH, 5, 0, 0)).toBe(-ENOSYS);
  });

  it("answers getrlimit like prlimit64 and refuses other processes", () => {
    const h = createHarness();
    expect(h.call("getrlimit", 7, SCRATCH)).toBe(0);
    expect([h.u64(SCRATCH), h.u64(SCRATCH + 8)]).toEqual([1024n, 4096n]);
    expect(h.call("prlimit64", 4242, 7, 0, SCRATCH)).toBe(-ESRCH);
    expect(h.call("sched_yield")).toBe(0);
  });
});

describe("signal bookkeeping", () => {
  it("remembers sigaction handlers and returns the previous one", () => {
    const h = createHarness();
    const act = new Uint8Array(32);
    act[0] = 0x44;
    h.memory.write(SCRATCH, act);
    expect(h.call("rt_sigaction", 2, SCRATCH, 0, 8)).toBe(0);
    expect(h.call("rt_sigaction", 2, 0, SCRATCH + 0x100, 8)).toBe(0);
    expect(h.memory.read(SCRATCH + 0x100, 1)[0]).toBe(0x44);
    expect(h.call("rt_sigaction", 9, SCRATCH, 0, 8)).toBe(-EINVAL);
    expect(h.call("rt_sigaction", 2, SCRATCH, 0, 16)).toBe(-EINVAL);
  });

  it("blocks, unblocks and sets the mask, never SIGKILL", () => {
    const h = createHarness();
    h.memory.write(SCRATCH, new Uint8Array(new BigUint64Array([0x1_0000_0101n]).buffer));
    expect(h.call("rt_sigprocmask", 0, SCRATCH, 0, 8)).toBe(0);
    expect(h.call("rt_sigprocmask", 1, 0, SCRATCH + 8, 8)).toBe(0);
    expect(h.u64(SCRATCH + 8)).toBe(0x1_0000_0001n);
    expect(h.call("rt_sigprocmask", 7, SCRATCH, 0, 8)).toBe(-EINVAL);
    expect(h.call("rt_sigprocmask", 2, SCRATCH, 0, 8)).toBe(0);
    expect(h.call("rt_sigprocmask", 2, 0, SCRATCH + 8, 8)).toBe(0);
    expect(h.u64(SCRATCH + 8)).toBe(0x1_0000_0001n);
  });

  it("reports a disabled alternate stack until one is set", () => {
    const h = createHarness();
    expect(h.call("sigaltstack", 0, SCRATCH)).toBe(0);
    expect(h.memory.read(SCRATCH + 8, 4)).toEqual(new Uint8Array([2, 0, 0, 0]));
    h.memory.write(SCRATCH + 0x100, new Uint8Array(new BigUint64Array([0x7000n, 0n, 100n]).buffer));
    expect(h.call("sigaltstack", SCRATCH + 0x100, 0)).toBe(-12);
  });
});

describe("kill, tkill, tgkill to itself", () => {
  it("ends the process for a signal whose default action is to terminate", () => {
    const h = createHarness();
    expect(h.call("tgkill", 1000, 1000, 6)).toBe(0);
    expect(h.state.exitStatus).toBe(134);
    expect(h.state.fatalSignal).toBe(6);
    expect(h.straceLines.at(-1)).toBe("tgkill(1000, 1000, 6) = ?");
  });

  it("does nothing for signal 0, ignored, blocked or harmless signals", () => {
    const h = createHarness();
    expect(h.call("kill", 1000, 0)).toBe(0);
    expect(h.call("kill", 0, 17)).toBe(0); // SIGCHLD is ignored by default
    h.memory.write(SCRATCH, new Uint8Array([1, 0, 0, 0, 0, 0, 0, 0])); // SIG_IGN
    h.call("rt_sigaction", 15, SCRATCH, 0, 8);
    expect(h.call("kill", 1000, 15)).toBe(0);
    h.memory.write(SCRATCH, new Uint8Array(new BigUint64Array([1n << 9n]).buffer)); // block SIGUSR1
    h.call("rt_sigprocmask", 0, SCRATCH, 0, 8);
    expect(h.call("tkill", 1000, 10)).toBe(0);
    expect(h.state.exitStatus).toBeNull();
  });

  it("cannot run handlers, and refuses other processes and bad signals", () => {
    const h = createHarness();
    h.memory.write(SCRATCH, new Uint8Array(new BigUint64Array([0x400100n, 0n, 0n, 0n]).buffer));
    h.call("rt_sigaction", 12, SCRATCH, 0, 8);
    expect(h.call("kill", 1000, 12)).toBe(-ENOSYS);
    expect(h.call("kill", 4242, 9)).toBe(-ESRCH);
    expect(h.call("tgkill", 1000, 1000, 65)).toBe(-EINVAL);
    expect(h.state.exitStatus).toBeNull();
  });
});

describe("time and randomness", () => {
  it("derives clocks from instructions retired", () => {
    const h = createHarness();
    h.advance(2_500_000_123);
    expect(h.call("clock_gettime", 1, SCRATCH)).toBe(0);
    expect([h.u64(SCRATCH), h.u64(SCRATCH + 8)]).toEqual([2n, 500_000_123n]);
    expect(h.call("clock_gettime", 0, SCRATCH)).toBe(0);
    expect(h.u64(SCRATCH)).toBe(VIRTUAL_EPOCH_NS / 1_000_000_000n + 2n);
    expect(h.call("gettimeofday", SCRATCH, 0)).toBe(0);
    expect(h.u64(SCRATCH + 8)).toBe(500_000n);
    expect(h.call("clock_gettime", 99, SCRATCH)).toBe(-EINVAL);
    expect(h.call("clock_getres", 1, SCRATCH)).toBe(0);
    expect([h.u64(SCRATCH), h.u64(SCRATCH + 8)]).toEqual([0n, 1n]);
  });

  it("sleeps in virtual time: the clocks jump, relative or to an absolute deadline", () => {
    const h = createHarness();
    h.memory.write(SCRATCH + 0x100, new Uint8Array(new BigUint64Array([3n, 250n]).buffer));
    expect(h.call("nanosleep", SCRATCH + 0x100, 0)).toBe(0);
    expect(h.call("clock_gettime", 1, SCRATCH)).toBe(0);
    expect([h.u64(SCRATCH), h.u64(SCRATCH + 8)]).toEqual([3n, 250n]);
    h.memory.write(SCRATCH + 0x100, new Uint8Array(new BigUint64Array([5n, 0n]).buffer));
    expect(h.call("clock_nanosleep", 1, 1, SCRATCH + 0x100, 0)).toBe(0);
    expect(h.call("clock_gettime", 1, SCRATCH)).toBe(0);
    expect([h.u64(SCRATCH), h.u64(SCRATCH + 8)]).toEqual([5n, 0n]);
    h.memory.write(SCRATCH + 0x100, new Uint8Array(new BigUint64Array([0n, 1_000_000_000n]).buffer));
    expect(h.call("nanosleep", SCRATCH + 0x100, 0)).toBe(-EINVAL);
  });

  it("gives the same getrandom bytes for the same seed and different ones otherwise", () => {
    const bytesFor = (seed: number) => {
      const h = createHarness({ seed });
      expect(h.call("getrandom", SCRATCH, 24, 0)).toBe(24);
      return h.memory.read(SCRATCH, 24);
    };
    expect(bytesFor(7)).toEqual(bytesFor(7));
    expect(bytesFor(7)).not.toEqual(bytesFor(8));
    expect(createHarness().call("getrandom", SCRATCH, 4, 0x100)).toBe(-EINVAL);
  });
});

describe("strace", () => {
  it("prints calls like strace: quoted buffers, AT_FDCWD, errno names", () => {
    const h = createHarness();
    h.putString(SCRATCH, "hi\n");
    h.call("write", 1, SCRATCH, 3);
    h.putString(SCRATCH, "/nonexistent/x");
    h.call("openat", -100, SCRATCH, 0, 0);
    h.call("brk", 0);
    expect(h.straceLines).toEqual([
      'write(1, "hi\\n", 3) = 3',
      'openat(AT_FDCWD, "/nonexistent/x", 0x0, 0x0) = -1 ENOENT (No such file or directory)',
      "brk(0x0) = 0x401000",
    ]);
  });
});
