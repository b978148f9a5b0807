import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { LinuxUserError } from "./errors.js";
import { BufferedUserIo } from "./io.js";
import { AT_ENTRY, AT_EXECFN, AT_HWCAP, AT_NULL, AT_PHDR, AT_PHNUM, AT_RANDOM } from "./stack.js";
import { createLinuxUserProcess, runLinuxUserProgram } from "./run.js";

const fixtures = fileURLToPath(new URL("./fixtures/", import.meta.url));
const benchDir = fileURLToPath(new URL("../../bench/", import.meta.url));
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(`${fixtures}bin/${name}`));
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe("runLinuxUserProgram", () => {
  it("runs a static program: stdout, exit status and instruction count", () => {
    const result = runLinuxUserProgram({ image: fixture("hello"), argv: ["hello"] });
    expect(text(result.stdout)).toBe("Hello, world!\n");
    expect(result.exitCode).toBe(0);
    expect(result.instructions).toBe(8);
    expect(result.stderr.length).toBe(0);
  });

  it("runs a static-pie program at the PIE base", () => {
    const result = runLinuxUserProgram({ image: fixture("hello-pie"), argv: ["hello-pie"] });
    expect(text(result.stdout)).toBe("Hello, world!\n");
    expect(result.exitCode).toBe(0);
  });

  it("passes argv and reports the exit status", () => {
    const result = runLinuxUserProgram({ image: fixture("args"), argv: ["args", "one", "two words"] });
    expect(text(result.stdout)).toBe("args\none\ntwo words\n");
    expect(result.exitCode).toBe(3);
  });

  it("feeds stdin", () => {
    const input = "line one\nline two, which is longer than the 64-byte buffer of the program\n";
    const result = runLinuxUserProgram({ image: fixture("cat"), argv: ["cat"], stdin: new TextEncoder().encode(input) });
    expect(text(result.stdout)).toBe(input);
  });

  it("runs freestanding C that opens a host file and uses brk and mmap", () => {
    const source = readFileSync(`${fixtures}src/hello.S`, "utf8");
    const result = runLinuxUserProgram({ image: fixture("wc"), argv: ["wc", "src/hello.S"], cwd: fixtures });
    const words = source.split(/[ \n\t\r]+/).filter((w) => w !== "").length;
    expect(text(result.stdout)).toBe(`${source.split("\n").length - 1} ${words} ${source.length}\n`);
    expect(result.exitCode).toBe(0);
  });

  it("ends with 132 and a report on stderr after an undefined instruction", () => {
    const result = runLinuxUserProgram({ image: fixture("undefined"), argv: ["undefined"] });
    expect(result.exitCode).toBe(132);
    expect(text(result.stdout)).toBe("before\n");
    expect(text(result.stderr)).toMatch(/^undefined: SIGILL: undefined instruction at pc 0x40008c: 0x00000000 udf/);
  });

  it("ends with 139 and a report on stderr after a fault on an unmapped address", () => {
    const result = runLinuxUserProgram({ image: fixture("segv"), argv: ["segv"] });
    expect(result.exitCode).toBe(139);
    expect(text(result.stderr)).toMatch(/^segv: SIGSEGV: invalid read from 0x10 at pc 0x40007c: 0xf9400001 ldr/);
  });

  it("ends with 133 after BRK and 135 after a PC alignment fault", () => {
    const trap = runLinuxUserProgram({ image: fixture("breakpoint"), argv: ["breakpoint"] });
    expect(trap.exitCode).toBe(133);
    expect(text(trap.stderr)).toBe("breakpoint: SIGTRAP: brk #0x3e8 at pc 0x400078\n");
    const bus = runLinuxUserProgram({ image: fixture("misaligned-pc"), argv: ["misaligned-pc"] });
    expect(bus.exitCode).toBe(135);
    expect(text(bus.stderr)).toBe("misaligned-pc: SIGBUS: misaligned pc 0x40007a\n");
  });

  it("ends with 134 and a report when the program sends itself SIGABRT", () => {
    const result = runLinuxUserProgram({ image: fixture("abort"), argv: ["abort"] });
    expect(result.exitCode).toBe(134);
    expect(text(result.stderr)).toBe("abort: SIGABRT: killed by signal 6 it sent itself\n");
  });

  it("reports each syscall to strace", () => {
    const lines: string[] = [];
    runLinuxUserProgram({ image: fixture("hello"), argv: ["hello"], strace: (line) => lines.push(line) });
    expect(lines).toEqual(['write(1, "Hello, world!\\n", 14) = 14', "exit_group(0) = ?"]);
  });

  it("stops at the instruction limit with a LinuxUserError", () => {
    expect(() => runLinuxUserProgram({ image: fixture("hello"), argv: ["hello"], maxInstructions: 3 })).toThrow(
      /hello: still running after 3 instructions/,
    );
  });

  it("refuses a dynamically linked program, naming its interpreter", () => {
    try {
      runLinuxUserProgram({ image: fixture("hello-dynamic"), argv: ["hello-dynamic"] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(LinuxUserError);
      expect((error as LinuxUserError).kind).toBe("dynamicallyLinked");
      expect((error as Error).message).toContain("/lib/ld-linux-aarch64.so.1");
    }
  });

  it("computes the CRC-32 and SHA-256 benchmark exactly as QEMU did", () => {
    const result = runLinuxUserProgram({ image: new Uint8Array(readFileSync(`${benchDir}workload`)), argv: ["workload", "4"] });
    expect(text(result.stdout)).toBe(readFileSync(`${benchDir}golden/workload-4.out`, "utf8"));
    expect(result.exitCode).toBe(Number(readFileSync(`${benchDir}golden/workload-4.exit`, "utf8")));
  });
});

describe("LinuxUserProcess.run", () => {
  it("resumes after an instruction limit and keeps its result once ended", () => {
    const io = new BufferedUserIo();
    const process = createLinuxUserProcess({ image: fixture("hello"), argv: ["hello"], io });
    expect(() => process.run(3)).toThrow(LinuxUserError);
    expect(process.cpu.instructionsRetired).toBe(3);
    expect(process.run()).toEqual({ exitCode: 0, instructions: 8 });
    expect(process.run()).toEqual({ exitCode: 0, instructions: 8 });
    expect(text(io.collected(1))).toBe("Hello, world!\n");
  });
});

describe("the initial process state", () => {
  const image = fixture("hello");
  const make = (seed: number) =>
    createLinuxUserProcess({ image, argv: ["hello", "x"], env: ["A=1"], path: "/bin/hello", seed, io: { readStdin: () => 0, write: () => undefined } });

  function auxvOf(process: ReturnType<typeof make>): Map<number, bigint> {
    const auxv = new Map<number, bigint>();
    for (let at = process.stack.auxvAddress; ; at += 16) {
      const pair = new DataView(process.memory.read(at, 16).buffer);
      const type = Number(pair.getBigUint64(0, true));
      auxv.set(type, pair.getBigUint64(8, true));
      if (type === AT_NULL) return auxv;
    }
  }

  it("starts at the entry point with SP at argc", () => {
    const process = make(1);
    expect(process.cpu.getPC()).toBe(0x400078n);
    expect(process.cpu.getSP()).toBe(BigInt(process.stack.sp));
    const sp = process.stack.sp;
    expect(sp % 16).toBe(0);
    expect(new DataView(process.memory.read(sp, 8).buffer).getBigUint64(0, true)).toBe(2n);
  });

  it("describes the program in auxv: entry, program headers, hwcaps, execfn", () => {
    const process = make(1);
    const auxv = auxvOf(process);
    expect(auxv.get(AT_ENTRY)).toBe(0x400078n);
    expect(auxv.get(AT_PHNUM)).toBe(BigInt(new DataView(image.buffer, image.byteOffset).getUint16(56, true)));
    const phdr = Number(auxv.get(AT_PHDR));
    expect(process.memory.read(phdr, 56)).toEqual(image.subarray(64, 64 + 56));
    expect(auxv.get(AT_HWCAP)).toBe(0x8ffn); // fp asimd evtstrm aes pmull sha1 sha2 crc32 cpuid
    const execFn = process.memory.read(Number(auxv.get(AT_EXECFN)), 11);
    expect(text(execFn)).toBe("/bin/hello\0");
  });

  it("derives AT_RANDOM from the seed", () => {
    const randomOf = (seed: number) => {
      const process = make(seed);
      return process.memory.read(Number(auxvOf(process).get(AT_RANDOM)), 16);
    };
    expect(randomOf(5)).toEqual(randomOf(5));
    expect(randomOf(5)).not.toEqual(randomOf(6));
  });
});
