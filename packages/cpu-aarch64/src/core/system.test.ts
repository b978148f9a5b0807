import { describe, expect, it } from "vitest";
import { CNTFRQ_HZ, INSTRUCTIONS_PER_TICK } from "./sysregs.js";
import { CODE, DATA, machine, run, runToExit } from "./cpu.test-helper.js";

const D = BigInt(DATA);
const PC = BigInt(CODE);

describe("exception-generating instructions", () => {
  it("SVC exits with the immediate and the PC past it, retired", () => {
    const { cpu, exit } = runToExit([0xd4002461]); // svc #0x123
    expect(exit).toEqual({ kind: "svc", imm16: 0x123 });
    expect(cpu.getPC()).toBe(PC + 4n);
    expect(cpu.instructionsRetired).toBe(1);
  });

  it("BRK, UDF, HVC, SMC, HLT and ERET stop at the instruction without retiring it", () => {
    expect(runToExit([0xd42000a0]).exit).toEqual({ kind: "brk", imm16: 5, pc: PC });
    for (const word of [0x00000001, 0xd4000002, 0xd4000003, 0xd4400020, 0xd69f03e0]) {
      const { cpu, exit } = runToExit([word]);
      expect(exit).toEqual({ kind: "undefined", pc: PC, insn: word });
      expect(cpu.instructionsRetired).toBe(0);
    }
  });

  it("unallocated FP/AdvSIMD, SVE and LSE encodings are UNDEFINED", () => {
    for (const word of [0x1ea02800 /* FADD with ftype 10 is unallocated */, 0x0ee08400 /* add v0.1d: size 11 with Q=0 is reserved */, 0x04200000, 0xf8e08020]) {
      expect(runToExit([word]).exit).toMatchObject({ kind: "undefined", insn: word });
    }
  });

  it("WFI and WFE exit with their own PC, already stepped past", () => {
    const { cpu, exit } = runToExit([0xd503207f]);
    expect(exit).toEqual({ kind: "wfi", pc: PC });
    expect(cpu.getPC()).toBe(PC + 4n);
    expect(runToExit([0xd503205f]).exit).toEqual({ kind: "wfe", pc: PC });
  });

  it("every other hint (PAC, BTI, YIELD, unknown) is a NOP", () => {
    const cpu = run([0xd503233f, 0xd503245f, 0xd503203f, 0xd5032fff, 0xd50323bf]);
    expect(cpu.instructionsRetired).toBe(6);
  });
});

describe("branches", () => {
  it("BR/BLR/RET go to the register; BLR links even when branching through X30", () => {
    const { cpu } = machine([0xd63f03c0], { 30: PC + 8n }); // blr x30
    cpu.run(1);
    expect(cpu.getPC()).toBe(PC + 8n);
    expect(cpu.getX(30)).toBe(PC + 4n);
  });

  it("a branch to a misaligned address is a PC alignment fault at the target", () => {
    const { exit } = runToExit([0xd61f0020], { 1: PC + 2n }); // br x1
    expect(exit).toEqual({ kind: "instructionAbort", address: PC + 2n, pc: PC + 2n, alignment: true });
  });

  it("fetching from a hole or a non-executable page is an instruction abort", () => {
    expect(runToExit([0xd61f0020], { 1: 0x7000000n }).exit).toEqual({
      kind: "instructionAbort",
      address: 0x7000000n,
      pc: 0x7000000n,
    });
    // The data page is executable (and holds zeros: UDF #0).
    expect(runToExit([0xd61f0020], { 1: D }).exit).toEqual({ kind: "undefined", pc: D, insn: 0 });
    const { cpu, memory } = machine([0xd61f0020], { 1: D });
    memory.protect(DATA, 0x1000, { read: true, write: true, exec: false });
    expect(cpu.run(5)).toEqual({ kind: "instructionAbort", address: D, pc: D });
  });

  it("a branch far above 2^53 keeps the exact target", () => {
    const { exit, cpu } = runToExit([0xd61f0020], { 1: 0xffff000000001000n });
    expect(exit).toEqual({ kind: "instructionAbort", address: 0xffff000000001000n, pc: 0xffff000000001000n });
    expect(cpu.getPC()).toBe(0xffff000000001000n);
  });

  it("CBZ/CBNZ/TBZ/TBNZ test the right width and bit", () => {
    // cbz w1, .+8 ; movz x5,#1 ; tbnz x2, #63, .+8 ; movz x6,#1 ; tbz x2, #32, .+8 ; movz x7, #1
    const cpu = run([0x34000041, 0xd2800025, 0xb7f80042, 0xd2800026, 0xb6000042, 0xd2800027], {
      1: 0xffffffff00000000n,
      2: 0x8000000100000000n,
    });
    expect([cpu.getX(5), cpu.getX(6), cpu.getX(7)]).toEqual([0n, 0n, 1n]);
  });

  it("stops after exactly `budget` instructions", () => {
    // b . (an infinite loop)
    const { cpu } = machine([0x14000000]);
    expect(cpu.run(1234)).toEqual({ kind: "budget" });
    expect(cpu.instructionsRetired).toBe(1234);
    expect(cpu.getPC()).toBe(PC);
  });
});

describe("system registers", () => {
  it("TPIDR_EL0 is read-write; TPIDRRO_EL0 is read-only at EL0 but settable by the host", () => {
    const { cpu } = machine([0xd51bd040, 0xd53bd041, 0xd53bd062], { 0: 0x1234n }); // msr tpidr,x0; mrs x1,tpidr; mrs x2,tpidrro
    cpu.setSysreg("TPIDRRO_EL0", 0x77n);
    cpu.run(3);
    expect([cpu.getX(1), cpu.getX(2), cpu.getSysreg("TPIDR_EL0")]).toEqual([0x1234n, 0x77n, 0x1234n]);
    expect(runToExit([0xd51bd060]).exit).toMatchObject({ kind: "undefined" }); // msr tpidrro_el0, x0
  });

  it("NZCV, FPCR and FPSR read back what was written (only implemented bits)", () => {
    // msr nzcv, x0 ; mrs x1, nzcv ; msr fpcr, x2 ; mrs x3, fpcr ; msr fpsr, x2 ; mrs x4, fpsr
    const cpu = run([0xd51b4200, 0xd53b4201, 0xd51b4402, 0xd53b4403, 0xd51b4422, 0xd53b4424], {
      0: 0xffffffffffffffffn,
      2: 0xffffffffn,
    });
    expect(cpu.getX(1)).toBe(0xf0000000n);
    expect(cpu.getX(3)).toBe(0x07c00000n);
    expect(cpu.getX(4)).toBe(0x0800009fn);
  });

  it("identification registers: CTR_EL0, DCZID_EL0, CNTFRQ_EL0; MIDR_EL1 as Linux emulates it; MVFR0_EL1 is UNDEFINED at EL0", () => {
    const cpu = run([0xd53b0020, 0xd53b00e1, 0xd53be002, 0xd5380003]);
    expect([cpu.getX(0), cpu.getX(1), cpu.getX(2), cpu.getX(3)]).toEqual([0x84448004n, 4n, BigInt(CNTFRQ_HZ), 0x410fd034n]);
    expect(runToExit([0xd5380300]).exit).toMatchObject({ kind: "undefined", insn: 0xd5380300 });
  });

  it("CNTVCT_EL0 counts one tick per INSTRUCTIONS_PER_TICK retired instructions", () => {
    const nops = new Array<number>(10 * INSTRUCTIONS_PER_TICK).fill(0xd503201f);
    const cpu = run([...nops, 0xd53be040]); // … ; mrs x0, cntvct_el0
    expect(cpu.getX(0)).toBe(10n);
  });
});

describe("cache maintenance and decoded-code invalidation", () => {
  it("DC ZVA zeroes the aligned 64-byte block", () => {
    const { cpu, memory } = machine([0xd50b7421], { 1: D + 0x47n }); // dc zva, x1
    memory.write(DATA, new Uint8Array(0x100).fill(0xee));
    cpu.run(1);
    const bytes = memory.read(DATA, 0x100);
    expect(bytes.slice(0x40, 0x80).every((b) => b === 0)).toBe(true);
    expect(bytes[0x3f]).toBe(0xee);
    expect(bytes[0x80]).toBe(0xee);
  });

  it("DC ZVA after a store to its page (the write-TLB path) zeroes only its own block", () => {
    // str x2, [x1] ; dc zva, x3
    const { cpu, memory } = machine([0xf9000022, 0xd50b7423], { 1: D + 0x100n, 2: 0x1122334455667788n, 3: D + 0x85n });
    memory.write(DATA, new Uint8Array(0x200).fill(0xee));
    cpu.run(2);
    const bytes = memory.read(DATA, 0x200);
    expect(bytes.slice(0x80, 0xc0).every((b) => b === 0)).toBe(true);
    expect(bytes[0x7f]).toBe(0xee);
    expect(bytes[0xc0]).toBe(0xee);
    expect(bytes[0x100]).toBe(0x88);
  });

  it("self-modifying code: a guest store of a new instruction is executed afterwards", () => {
    // str w3, [x1] (overwrites the movz below with movz x0, #2) ; movz x0, #1
    const { cpu } = machine([0xb9000023, 0xd2800020], { 1: PC + 4n, 3: 0xd2800040n });
    // Decode the movz first so that a stale decoded copy would be used.
    cpu.setPC(PC + 4n);
    cpu.run(1);
    expect(cpu.getX(0)).toBe(1n);
    cpu.setPC(PC);
    expect(cpu.run(10).kind).toBe("svc");
    expect(cpu.getX(0)).toBe(2n);
  });

  it("host writes through GuestMemory.write invalidate decoded code", () => {
    const { cpu, memory } = machine([0xd2800020]); // movz x0, #1
    cpu.run(1);
    memory.write(CODE, new Uint8Array([0x40, 0x00, 0x80, 0xd2])); // movz x0, #2
    cpu.setPC(PC);
    cpu.run(1);
    expect(cpu.getX(0)).toBe(2n);
  });

  it("IC IVAU drops decoded code for code changed behind the CPU's back", () => {
    const { cpu, memory } = machine([0xd2800020, 0xd50b7521], { 1: PC }); // movz x0,#1 ; ic ivau, x1
    cpu.run(2);
    // Change the backing bytes directly (as another agent with its own view could).
    const page = memory.pageAt(CODE)!;
    page.view!.setUint32(page.offset, 0xd2800040, true);
    cpu.setPC(PC);
    cpu.run(1);
    expect(cpu.getX(0)).toBe(2n);
  });

  it("IC IVAU with any address of a 64-byte line (CTR_EL0.IminLine) drops that line's decoded code", () => {
    // ic ivau, x1 ; 17 NOPs ; movz x0, #1 at offset 0x48, the line 0x40..0x7f; x1 = 0x7c in that line.
    const words = [0xd50b7521, ...new Array<number>(17).fill(0xd503201f), 0xd2800020];
    const { cpu, memory } = machine(words, { 1: PC + 0x7cn });
    cpu.setPC(PC + 0x48n);
    cpu.run(1);
    expect(cpu.getX(0)).toBe(1n);
    const page = memory.pageAt(CODE)!;
    page.view!.setUint32(page.offset + 0x48, 0xd2800040, true); // movz x0, #2, behind the CPU's back
    cpu.setPC(PC);
    cpu.run(19);
    expect(cpu.getX(0)).toBe(2n);
  });

  it("unmapping the code page makes the next fetch abort", () => {
    const { cpu, memory } = machine([0xd503201f, 0xd503201f]);
    cpu.run(1);
    memory.unmap(CODE, 0x1000);
    expect(cpu.run(1)).toEqual({ kind: "instructionAbort", address: PC + 4n, pc: PC + 4n });
  });
});

describe("trace hook", () => {
  it("sees every instruction with its PC and word", () => {
    const { cpu } = machine([0xd2800020, 0xd503201f]);
    const seen: string[] = [];
    cpu.traceHook = (pc, insn) => seen.push(`${pc.toString(16)}:${insn.toString(16)}`);
    cpu.run(10);
    expect(seen).toEqual(["10000:d2800020", "10004:d503201f", "10008:d4000001"]);
  });
});
