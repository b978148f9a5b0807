import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EACCES, EBADF, EFAULT, ENOENT, ENOTDIR, ENOTTY, ESPIPE } from "../errno.js";
import { S_IFCHR, S_IFIFO, S_IFREG } from "../stat.js";
import { SCRATCH, createHarness } from "./harness.test-helper.js";

const dir = mkdtempSync(join(tmpdir(), "sel4ts-user-"));
const filePath = join(dir, "data.txt");
writeFileSync(filePath, "0123456789abcdef");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe("read/write/writev on the standard streams", () => {
  it("writes guest bytes to stdout and stderr", () => {
    const h = createHarness();
    h.putString(SCRATCH, "hello\n");
    expect(h.call("write", 1, SCRATCH, 6)).toBe(6);
    expect(h.call("write", 2, SCRATCH, 3)).toBe(3);
    expect(text(h.io.collected(1))).toBe("hello\n");
    expect(text(h.io.collected(2))).toBe("hel");
  });

  it("gathers writev iovecs into one write", () => {
    const h = createHarness();
    h.putString(SCRATCH + 0x100, "ab");
    h.putString(SCRATCH + 0x200, "cde");
    h.memory.write(SCRATCH, new Uint8Array(new BigUint64Array([BigInt(SCRATCH + 0x100), 2n, BigInt(SCRATCH + 0x200), 3n]).buffer));
    expect(h.call("writev", 1, SCRATCH, 2)).toBe(5);
    expect(text(h.io.collected(1))).toBe("abcde");
  });

  it("scatters readv into several buffers", () => {
    const h = createHarness({ stdin: "abcdefg" });
    h.memory.write(SCRATCH, new Uint8Array(new BigUint64Array([BigInt(SCRATCH + 0x100), 3n, BigInt(SCRATCH + 0x200), 10n]).buffer));
    expect(h.call("readv", 0, SCRATCH, 2)).toBe(7);
    expect(text(h.memory.read(SCRATCH + 0x100, 3))).toBe("abc");
    expect(text(h.memory.read(SCRATCH + 0x200, 4))).toBe("defg");
    expect(h.call("writev", 1, SCRATCH, 5000)).toBe(-22); // EINVAL: more than IOV_MAX
  });

  it("reads stdin in pieces and then reports end of input", () => {
    const h = createHarness({ stdin: "input!" });
    expect(h.call("read", 0, SCRATCH, 4)).toBe(4);
    expect(h.call("read", 0, SCRATCH + 4, 100)).toBe(2);
    expect(h.call("read", 0, SCRATCH, 100)).toBe(0);
    expect(text(h.memory.read(SCRATCH, 6))).toBe("input!");
  });

  it("returns EFAULT for unmapped buffers and EBADF for unknown descriptors", () => {
    const h = createHarness();
    expect(h.call("write", 1, 0x9000_0000, 4)).toBe(-EFAULT);
    expect(h.call("write", 7, SCRATCH, 4)).toBe(-EBADF);
    expect(h.call("write", 0, SCRATCH, 4)).toBe(-EBADF);
    expect(h.call("close", 7)).toBe(-EBADF);
  });
});

describe("host files", () => {
  it("opens read-only relative to the cwd, reads, seeks, stats and closes", () => {
    const h = createHarness({ cwd: dir });
    h.putString(SCRATCH, "data.txt");
    const fd = h.call("openat", -100, SCRATCH, 0, 0);
    expect(fd).toBe(3);
    expect(h.call("read", fd, SCRATCH + 0x100, 4)).toBe(4);
    expect(text(h.memory.read(SCRATCH + 0x100, 4))).toBe("0123");
    expect(h.call("lseek", fd, -2, 2)).toBe(14);
    expect(h.call("read", fd, SCRATCH + 0x100, 10)).toBe(2);
    expect(text(h.memory.read(SCRATCH + 0x100, 2))).toBe("ef");
    expect(h.call("fstat", fd, SCRATCH + 0x200)).toBe(0);
    const stat = new DataView(h.memory.read(SCRATCH + 0x200, 128).buffer);
    expect(stat.getUint32(16, true) & 0o170000).toBe(S_IFREG);
    expect(stat.getBigInt64(48, true)).toBe(16n);
    expect(h.call("close", fd)).toBe(0);
    expect(h.call("read", fd, SCRATCH, 1)).toBe(-EBADF);
  });

  it("refuses writes, missing files and non-directories", () => {
    const h = createHarness({ cwd: dir });
    h.putString(SCRATCH, "data.txt");
    expect(h.call("openat", -100, SCRATCH, 1, 0)).toBe(-EACCES);
    expect(h.call("openat", -100, SCRATCH, 0o1101, 0o644)).toBe(-EACCES);
    expect(h.call("openat", -100, SCRATCH, 0o40000, 0)).toBe(-ENOTDIR);
    h.putString(SCRATCH, "missing.txt");
    expect(h.call("openat", -100, SCRATCH, 0, 0)).toBe(-ENOENT);
  });

  it("stats paths with newfstatat, opens relative to a directory fd", () => {
    const h = createHarness();
    h.putString(SCRATCH, filePath);
    expect(h.call("newfstatat", -100, SCRATCH, SCRATCH + 0x200, 0)).toBe(0);
    expect(h.u64(SCRATCH + 0x200 + 48)).toBe(16n);
    h.putString(SCRATCH, dir);
    const dirfd = h.call("openat", -100, SCRATCH, 0o40000, 0);
    expect(dirfd).toBe(3);
    expect(h.call("read", dirfd, SCRATCH, 8)).toBe(-21); // EISDIR
    h.putString(SCRATCH, "data.txt");
    expect(h.call("openat", dirfd, SCRATCH, 0, 0)).toBe(4);
    h.putString(SCRATCH, "");
    expect(h.call("newfstatat", 4, SCRATCH, SCRATCH + 0x200, 0x1000)).toBe(0);
    expect(h.u64(SCRATCH + 0x200 + 48)).toBe(16n);
  });

  it("reports the standard streams as pipes, or as a terminal when the io says so", () => {
    const h = createHarness();
    expect(h.call("fstat", 1, SCRATCH)).toBe(0);
    expect(Number(h.u64(SCRATCH + 16)) & 0o170000).toBe(S_IFIFO);
    expect(h.call("lseek", 0, 0, 0)).toBe(-ESPIPE);
    const tty = createHarness({
      io: { readStdin: () => 0, write: () => undefined, isTerminal: () => true, terminalSize: () => ({ rows: 50, columns: 132 }) },
    });
    expect(tty.call("fstat", 1, SCRATCH)).toBe(0);
    expect(Number(tty.u64(SCRATCH + 16)) & 0o170000).toBe(S_IFCHR);
  });
});

describe("dup, dup3, fcntl, pread64", () => {
  it("shares the file position between duplicates and closes the host file with the last one", () => {
    const h = createHarness({ cwd: dir });
    h.putString(SCRATCH, "data.txt");
    const fd = h.call("openat", -100, SCRATCH, 0o2000000, 0);
    expect(h.call("fcntl", fd, 1, 0)).toBe(1); // FD_CLOEXEC from O_CLOEXEC
    const copy = h.call("dup", fd);
    expect(copy).toBe(fd + 1);
    expect(h.call("fcntl", copy, 1, 0)).toBe(0);
    expect(h.call("read", fd, SCRATCH + 0x100, 4)).toBe(4);
    expect(h.call("close", fd)).toBe(0);
    expect(h.call("read", copy, SCRATCH + 0x100, 4)).toBe(4);
    expect(text(h.memory.read(SCRATCH + 0x100, 4))).toBe("4567");
    expect(h.call("pread64", copy, SCRATCH + 0x100, 3, 13)).toBe(3);
    expect(text(h.memory.read(SCRATCH + 0x100, 3))).toBe("def");
    expect(h.call("pread64", 0, SCRATCH, 1, 0)).toBe(-ESPIPE);
    expect(h.call("dup3", copy, 9, 0o2000000)).toBe(9);
    expect(h.call("fcntl", 9, 1, 0)).toBe(1);
    expect(h.call("close", copy)).toBe(0);
    expect(h.call("read", 9, SCRATCH + 0x100, 2)).toBe(2);
    expect(h.call("dup3", 9, 9, 0)).toBe(-22);
    expect(h.call("fcntl", 9, 0, 20)).toBe(20); // F_DUPFD: lowest free at or above 20
    expect(h.call("fcntl", 42, 1, 0)).toBe(-EBADF);
  });

  it("reports access modes with F_GETFL and redirects stdout with dup3", () => {
    const h = createHarness();
    expect([h.call("fcntl", 0, 3, 0), h.call("fcntl", 1, 3, 0)]).toEqual([0, 1]);
    h.putString(SCRATCH, "to stderr");
    expect(h.call("dup3", 2, 1, 0)).toBe(1);
    h.call("write", 1, SCRATCH, 9);
    expect(text(h.io.collected(2))).toBe("to stderr");
    expect(h.io.collected(1).length).toBe(0);
  });
});

describe("ioctl, readlinkat, getcwd", () => {
  it("answers TCGETS and TIOCGWINSZ only for a terminal", () => {
    const h = createHarness();
    expect(h.call("ioctl", 1, 0x5401, SCRATCH)).toBe(-ENOTTY);
    expect(h.call("ioctl", 1, 0x5413, SCRATCH)).toBe(-ENOTTY);
    const tty = createHarness({
      io: { readStdin: () => 0, write: () => undefined, isTerminal: () => true, terminalSize: () => ({ rows: 50, columns: 132 }) },
    });
    expect(tty.call("ioctl", 1, 0x5401, SCRATCH)).toBe(0);
    expect(tty.call("ioctl", 1, 0x5413, SCRATCH)).toBe(0);
    const winsize = new DataView(tty.memory.read(SCRATCH, 4).buffer);
    expect([winsize.getUint16(0, true), winsize.getUint16(2, true)]).toEqual([50, 132]);
  });

  it("resolves /proc/self/exe to the program path, truncated to the buffer", () => {
    const h = createHarness();
    h.putString(SCRATCH, "/proc/self/exe");
    expect(h.call("readlinkat", -100, SCRATCH, SCRATCH + 0x100, 64)).toBe("/opt/prog".length);
    expect(text(h.memory.read(SCRATCH + 0x100, 9))).toBe("/opt/prog");
    expect(h.call("readlinkat", -100, SCRATCH, SCRATCH + 0x100, 4)).toBe(4);
  });

  it("copies the cwd with its NUL, or ERANGE when the buffer is short", () => {
    const h = createHarness({ cwd: "/tmp/x" });
    expect(h.call("getcwd", SCRATCH, 64)).toBe(7);
    expect(text(h.memory.read(SCRATCH, 7))).toBe("/tmp/x\0");
    expect(h.call("getcwd", SCRATCH, 3)).toBe(-34);
  });
});
