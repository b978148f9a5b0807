// The system level as a hypervisor drives it: exceptions to the EL1 vectors, interrupt delivery
// and masking, WFI wake-up, the timer's output, and every exit to the hypervisor with its ESR_EL2
// built from the field layout in spec aarch64-linux-boot.md §4 (written out here independently
// of src/system/syndrome.ts).
import { describe, expect, it } from "vitest";
import { NO_HYP_TRAPS, SEL4_VCPU_TRAPS } from "../system/hyp-traps.js";
import type { CpuExit } from "./exits.js";
import {
  CODE,
  HOLE,
  RAM,
  VECTORS,
  exceptionRegisters,
  hvc,
  systemMachine,
  vectorTaken,
} from "./system-test-machine.test-helper.js";

const PC = BigInt(CODE);
const NOP = 0xd503201f;
const WFI = 0xd503207f;
const WFE = 0xd503205f;
const MSR_DAIFCLR_I = 0xd50342ff;
const DONE = hvc(0x77);

/** ESR = EC[31:26] | IL[25] | ISS. */
const esr = (ec: number, iss: number): number => ((ec << 26) | (1 << 25) | iss) >>> 0;

/** A data abort ISS from the spec's field positions. */
function dataAbortEsr(f: {
  ec?: number;
  isv?: boolean;
  sas?: number;
  sse?: boolean;
  srt?: number;
  sf?: boolean;
  ar?: boolean;
  wnr?: boolean;
  dfsc?: number;
}): number {
  let iss = f.dfsc ?? 0x07;
  if (f.wnr) iss |= 1 << 6;
  if (f.isv) {
    iss |= (1 << 24) | ((f.sas ?? 0) << 22) | ((f.srt ?? 0) << 16);
    if (f.sse) iss |= 1 << 21;
    if (f.sf) iss |= 1 << 15;
    if (f.ar) iss |= 1 << 14;
  }
  return esr(f.ec ?? 0x24, iss);
}

function expectKind<K extends CpuExit["kind"]>(exit: CpuExit, kind: K): Extract<CpuExit, { kind: K }> {
  expect(exit.kind, JSON.stringify(exit, (_k, v: unknown) => (typeof v === "bigint" ? `0x${v.toString(16)}` : v))).toBe(kind);
  return exit as Extract<CpuExit, { kind: K }>;
}

describe("exceptions to the EL1 vectors", () => {
  it("starts at EL1h with DAIF masked and the MMU off", () => {
    const { cpu } = systemMachine([DONE]);
    expect(cpu.getPstate()).toMatchObject({ el: 1, spSel: 1, daif: 0xf });
    expect(cpu.readSystemRegister("SCTLR_EL1")).toBe(0x00c50838n);
    expect(cpu.readSystemRegister("CurrentEL")).toBe(4n);
  });

  it("SVC goes to current EL with SPx sync (+0x200) with ESR, ELR = next and SPSR = EL1h, DAIF", () => {
    const { cpu } = systemMachine([0xd4000841]); // svc #0x42
    expect(vectorTaken(cpu.run(100))).toBe(0x200);
    expect(exceptionRegisters(cpu)).toMatchObject({ esr: esr(0x15, 0x42), elr: PC + 4n, spsr: 0x3c5 });
  });

  it("a BRK at EL0 goes to lower EL sync (+0x400) with ELR = the BRK and SPSR = EL0t", () => {
    const { cpu } = systemMachine([0xd4200000]); // brk #0
    cpu.setPstate({ ...cpu.getPstate(), el: 0, spSel: 0, daif: 0 });
    expect(vectorTaken(cpu.run(100))).toBe(0x400);
    expect(exceptionRegisters(cpu)).toMatchObject({ esr: esr(0x3c, 0), elr: PC, spsr: 0 });
    expect(cpu.getPstate()).toMatchObject({ el: 1, spSel: 1, daif: 0xf });
  });

  it("banks SP_EL0 and SP_EL1 across exception entry", () => {
    const { cpu } = systemMachine([0xd4000001]); // svc #0 from EL0
    cpu.setPstate({ ...cpu.getPstate(), el: 0, spSel: 0 });
    cpu.setSP(0x1000n);
    cpu.writeSystemRegister("SP_EL1", 0x2000n);
    cpu.run(100);
    expect(cpu.getSP()).toBe(0x2000n);
    expect(cpu.readSystemRegister("SP_EL0")).toBe(0x1000n);
  });
});

describe("system registers at EL0", () => {
  it("NZCV and TPIDR_EL0 work at EL0; an EL1 register is UNDEFINED there (EC 0x00 to +0x400)", () => {
    const { cpu } = systemMachine([
      0xd53b4209, // mrs x9, nzcv
      0xd51bd043, // msr tpidr_el0, x3
      0xd53bd04a, // mrs x10, tpidr_el0
      0xd5381000, // mrs x0, sctlr_el1
    ]);
    cpu.setPstate({ ...cpu.getPstate(), el: 0, spSel: 0, nzcv: 0b1010 });
    cpu.setX(3, 0x1234_5678_9abc_def0n);
    expect(vectorTaken(cpu.run(100))).toBe(0x400);
    expect([cpu.getX(9), cpu.getX(10)]).toEqual([0xa0000000n, 0x1234_5678_9abc_def0n]);
    expect(cpu.readSystemRegister("TPIDR_EL0")).toBe(0x1234_5678_9abc_def0n);
    expect(exceptionRegisters(cpu)).toMatchObject({ esr: esr(0, 0), elr: PC + 12n });
  });
});

describe("interrupts", () => {
  it("an IRQ is taken once DAIF.I is cleared, with ELR = the first instruction not executed", () => {
    const { cpu } = systemMachine([NOP, MSR_DAIFCLR_I, NOP, NOP, DONE]);
    cpu.setInterruptLine("irq", true);
    expect(vectorTaken(cpu.run(100))).toBe(0x280);
    expect(exceptionRegisters(cpu)).toMatchObject({ elr: PC + 8n, spsr: 0x345 });
  });

  it("a masked IRQ is not taken; FIQ and SError have their own masks and vectors", () => {
    const masked = systemMachine([NOP, NOP, DONE]);
    masked.cpu.setInterruptLine("irq", true);
    expect(masked.cpu.run(100)).toMatchObject({ kind: "hvc", imm16: 0x77 });
    const fiq = systemMachine([0xd50341ff /* msr daifclr, #1 */, NOP, DONE]);
    fiq.cpu.setInterruptLine("fiq", true);
    expect(vectorTaken(fiq.cpu.run(100))).toBe(0x300);
    const serror = systemMachine([0xd50344ff /* msr daifclr, #4 */, NOP, DONE]);
    serror.cpu.setInterruptLine("serror", true);
    expect(vectorTaken(serror.cpu.run(100))).toBe(0x380);
    expect(exceptionRegisters(serror.cpu).esr).toBe(esr(0x2f, 0));
  });

  it("WFI with nothing pending reports idle; a pending IRQ wakes it even while masked", () => {
    const { cpu } = systemMachine([WFI, DONE]);
    expect(cpu.run(100)).toEqual({ kind: "idle", wakeAt: null });
    expect(cpu.run(100)).toEqual({ kind: "idle", wakeAt: null });
    cpu.setInterruptLine("irq", true);
    expect(cpu.run(100)).toMatchObject({ kind: "hvc", imm16: 0x77 });
    expect(cpu.getPstate().daif).toBe(0xf);
  });

  it("the host moving the PC ends a wait", () => {
    const { cpu } = systemMachine([WFI, DONE]);
    expect(cpu.run(100)).toMatchObject({ kind: "idle" });
    cpu.setPC(PC + 4n); // where it already is: still waiting
    expect(cpu.run(100)).toMatchObject({ kind: "idle" });
    cpu.setPC(PC);
    expect(cpu.run(100)).toMatchObject({ kind: "idle" }); // runs the WFI again, which waits again
    expect(cpu.instructionsRetired).toBe(2);
  });

  it("WFE completes at once after SEVL, and waits otherwise", () => {
    const { cpu } = systemMachine([0xd50320bf /* sevl */, WFE, WFE, DONE]);
    expect(cpu.run(100)).toEqual({ kind: "idle", wakeAt: null });
    expect(cpu.getPC()).toBe(PC + 12n);
  });

  it("the timer event stream wakes a waiting WFE: idle reports the event, skipIdle reaches it", () => {
    // CNTKCTL_EL1 = EVNTEN | EVNTI = 4: an event each time counter bit 4 rises (every 32 ticks).
    const { cpu } = systemMachine([WFE, DONE]);
    cpu.writeSystemRegister("CNTKCTL_EL1", 0x44n);
    const idle = expectKind(cpu.run(100), "idle");
    expect(idle.wakeAt).not.toBeNull();
    expect(idle.wakeAt! % 32n).toBe(16n);
    expect(cpu.skipIdle()).toBe(true);
    expect(cpu.run(100)).toMatchObject({ kind: "hvc", imm16: 0x77 });
  });

  it("the virtual timer drives the IRQ line: WFI skips to the deadline and the IRQ is taken", () => {
    const { cpu } = systemMachine([
      0xd2800c80, // mov x0, #100
      0xd51be300, // msr cntv_tval_el0, x0
      0xd2800020, // mov x0, #1
      0xd51be320, // msr cntv_ctl_el0, x0
      MSR_DAIFCLR_I,
      WFI,
      DONE,
    ]);
    const idle = expectKind(cpu.run(1000), "idle");
    expect(idle.wakeAt).not.toBeNull();
    expect(cpu.skipIdle()).toBe(true);
    expect(cpu.counterTicks).toBeGreaterThanOrEqual(idle.wakeAt!);
    expect(vectorTaken(cpu.run(1000))).toBe(0x280);
    expect(cpu.timer.virtualIrqLevel).toBe(true);
    expect(exceptionRegisters(cpu).elr).toBe(PC + 24n);
  });

  it("a host that parks a waiting core passes the idle time: the counter lands exactly on the deadline", () => {
    const { cpu } = systemMachine([
      0xd2800c80, // mov x0, #100
      0xd51be300, // msr cntv_tval_el0, x0
      0xd2800020, // mov x0, #1
      0xd51be320, // msr cntv_ctl_el0, x0
      WFI,
      DONE,
    ]);
    const idle = expectKind(cpu.run(1000), "idle");
    const deadline = cpu.timer.nextVirtualDeadline();
    expect(deadline).toBe(idle.wakeAt);
    // 5 instructions retired (16 ns ticks): CVAL = 0 + 100 ticks, reached after 1600 instructions.
    expect(cpu.idleTimeUntil(deadline!)).toBe(1600 - 5);
    cpu.passIdleTime(1000);
    expect(cpu.run(1000)).toEqual({ kind: "idle", wakeAt: deadline });
    cpu.passIdleTime(cpu.idleTimeUntil(deadline!));
    expect(cpu.counterTicks).toBe(deadline);
    expect(cpu.idleTimeUntil(deadline!)).toBe(0);
    expect(cpu.timer.virtualIrqLevel).toBe(true);
    expect(cpu.run(1000)).toMatchObject({ kind: "hvc", imm16: 0x77 }); // woken (IRQ masked: no vector)
    expect(() => cpu.passIdleTime(-1)).toThrow(/whole number of instructions/);
  });

  it("with timerToIrq off, a change of timer output is an exit for the host's interrupt controller", () => {
    const words = [0xd2800000 /* mov x0, #0 */, 0xd51be300, 0xd2800020, 0xd51be320, NOP, DONE];
    const { cpu } = systemMachine(words, { timerToIrq: false });
    expect(cpu.run(100)).toEqual({ kind: "timer", virtual: true, physical: false });
    expect(cpu.run(100)).toMatchObject({ kind: "hvc", imm16: 0x77 });
  });
});

describe("exits to the hypervisor", () => {
  // [name, word, ESR fields, immediate offset of the access from x0]
  const loads: readonly [string, number, Parameters<typeof dataAbortEsr>[0], number?][] = [
    ["ldrb w1", 0x39400001, { isv: true, sas: 0, srt: 1 }],
    ["ldrh w1", 0x79400001, { isv: true, sas: 1, srt: 1 }],
    ["ldr w3", 0xb9400003, { isv: true, sas: 2, srt: 3 }],
    ["ldr x4", 0xf9400004, { isv: true, sas: 3, srt: 4, sf: true }],
    ["ldrsb w9", 0x39c00009, { isv: true, sas: 0, sse: true, srt: 9 }],
    ["ldrsb x9", 0x39800009, { isv: true, sas: 0, sse: true, srt: 9, sf: true }],
    ["ldrsh x2", 0x79800002, { isv: true, sas: 1, sse: true, srt: 2, sf: true }],
    ["ldrsw x8", 0xb9800008, { isv: true, sas: 2, sse: true, srt: 8, sf: true }],
    ["strb w5", 0x39000005, { isv: true, sas: 0, srt: 5, wnr: true }],
    ["strh w5", 0x79000005, { isv: true, sas: 1, srt: 5, wnr: true }],
    ["str w5", 0xb9000005, { isv: true, sas: 2, srt: 5, wnr: true }],
    ["str x5", 0xf9000005, { isv: true, sas: 3, srt: 5, sf: true, wnr: true }],
    ["ldar x6", 0xc8dffc06, { isv: true, sas: 3, srt: 6, sf: true, ar: true }],
    ["stlr w7", 0x889ffc07, { isv: true, sas: 2, srt: 7, ar: true, wnr: true }],
    ["ldp x1, x2", 0xa9400801, { isv: false }],
    ["ldr x1, post-index", 0xf8408401, { isv: false }],
    ["ldr x1, pre-index", 0xf8408c01, { isv: false }, 8],
    ["ldxr x1", 0xc85f7c01, { isv: false }],
    ["ldp x1, x2, pre-index", 0xa9c10801, { isv: false }, 16],
  ];

  it.each(loads)("%s to a stage-2 hole: vmFault with the exact ESR_EL2", (_name, word, fields, offset = 0) => {
    const { cpu } = systemMachine([word, DONE]);
    const base = BigInt(HOLE - offset);
    cpu.setX(0, base);
    const exit = expectKind(cpu.run(100), "vmFault");
    expect(exit).toEqual({
      kind: "vmFault",
      instruction: false,
      ipa: HOLE,
      far: BigInt(HOLE),
      esr: dataAbortEsr(fields),
      pc: PC,
    });
    expect(cpu.getPC()).toBe(PC);
    expect(cpu.getX(0)).toBe(base); // no writeback happened
  });

  it("the hypervisor emulates an ISV=1 load and resumes after it", () => {
    const { cpu } = systemMachine([0x79800002 /* ldrsh x2, [x0] */, DONE]);
    cpu.setX(0, BigInt(HOLE));
    const exit = expectKind(cpu.run(100), "vmFault");
    const srt = (exit.esr >>> 16) & 31;
    cpu.setX(srt, BigInt.asUintN(64, -2n));
    cpu.setPC(exit.pc + 4n);
    expect(cpu.run(100)).toMatchObject({ kind: "hvc", imm16: 0x77 });
    expect(cpu.getX(2)).toBe(BigInt.asUintN(64, -2n));
  });

  it("an unscaled load reports the accessed address in FAR and the IPA", () => {
    const { cpu } = systemMachine([0xf85f8007 /* ldur x7, [x0, #-8] */]);
    cpu.setX(0, BigInt(HOLE + 0x10));
    expect(cpu.run(100)).toMatchObject({ kind: "vmFault", ipa: HOLE + 8, far: BigInt(HOLE + 8) });
  });

  it("a fetch from a stage-2 hole is a vmFault with an instruction-abort ESR (EC 0x20)", () => {
    const { cpu } = systemMachine([0xd61f0020 /* br x1 */]);
    cpu.setX(1, BigInt(HOLE));
    expect(cpu.run(100)).toEqual({
      kind: "vmFault",
      instruction: true,
      ipa: HOLE,
      far: BigInt(HOLE),
      esr: esr(0x20, 0x07),
      pc: BigInt(HOLE),
    });
  });

  it("HVC exits with imm16, ESR EC 0x16 and the PC past it; with HCD it is UNDEFINED", () => {
    const { cpu } = systemMachine([0xd4024682 /* hvc #0x1234 */]);
    expect(cpu.run(100)).toEqual({ kind: "hvc", imm16: 0x1234, esr: esr(0x16, 0x1234), pc: PC });
    expect(cpu.getPC()).toBe(PC + 4n);
    // With HCD the vector markers are UNDEFINED too: run only the one exception.
    const disabled = systemMachine([0xd4024682], { hypTraps: { ...NO_HYP_TRAPS, hcd: true } });
    expect(disabled.cpu.run(1)).toEqual({ kind: "budget" });
    expect(disabled.cpu.getPC()).toBe(BigInt(VECTORS + 0x200));
    expect(exceptionRegisters(disabled.cpu)).toMatchObject({ esr: esr(0, 0), elr: PC });
  });

  it("SMC traps with TSC (EC 0x17, PC at the SMC) and is UNDEFINED without it", () => {
    const { cpu } = systemMachine([0xd4000ee3 /* smc #0x77 */], { hypTraps: SEL4_VCPU_TRAPS });
    expect(cpu.run(100)).toEqual({ kind: "smc", imm16: 0x77, esr: esr(0x17, 0x77), pc: PC });
    const bare = systemMachine([0xd4000ee3]);
    expect(vectorTaken(bare.cpu.run(100))).toBe(0x200);
    expect(exceptionRegisters(bare.cpu).esr).toBe(esr(0, 0));
  });

  it("WFI/WFE trap with TWI/TWE only when they would wait (ESR CV=1, COND=0xE, TI)", () => {
    const { cpu } = systemMachine([WFI], { hypTraps: SEL4_VCPU_TRAPS });
    expect(cpu.run(100)).toEqual({ kind: "wfxTrap", isWfe: false, esr: esr(0x01, 0x01e00000), pc: PC });
    const wfe = systemMachine([WFE], { hypTraps: SEL4_VCPU_TRAPS });
    expect(wfe.cpu.run(100)).toEqual({ kind: "wfxTrap", isWfe: true, esr: esr(0x01, 0x01e00001), pc: PC });
    const woken = systemMachine([WFI, DONE], { hypTraps: { ...SEL4_VCPU_TRAPS, imo: false } });
    woken.cpu.setInterruptLine("irq", true);
    expect(woken.cpu.run(100)).toMatchObject({ kind: "hvc", imm16: 0x77 });
  });

  it("MSR/MRS of a VM control register traps with TVM/TRVM (EC 0x18 with the operands)", () => {
    const traps = { ...NO_HYP_TRAPS, tvm: true, trvm: true };
    const write = systemMachine([0xd5181000 /* msr sctlr_el1, x0 */], { hypTraps: traps });
    // Op0 = 3 [21:20], Op2 = 0, Op1 = 0, CRn = 1 [13:10], Rt = 0, CRm = 0, Dir = 0 (write).
    expect(write.cpu.run(100)).toEqual({ kind: "sysregTrap", esr: esr(0x18, (3 << 20) | (1 << 10)), pc: PC });
    const read = systemMachine([0xd5381000 /* mrs x0, sctlr_el1 */], { hypTraps: traps });
    expect(read.cpu.run(100)).toEqual({ kind: "sysregTrap", esr: esr(0x18, (3 << 20) | (1 << 10) | 1), pc: PC });
  });

  it("a physical IRQ routed to the hypervisor (IMO) is an interrupt exit; the virtual line reaches EL1", () => {
    const { cpu } = systemMachine([MSR_DAIFCLR_I, NOP, DONE], { hypTraps: SEL4_VCPU_TRAPS });
    cpu.setInterruptLine("irq", true);
    expect(cpu.run(100)).toEqual({ kind: "interrupt", irq: true, fiq: false, serror: false });
    cpu.setInterruptLine("irq", false);
    cpu.setInterruptLine("irq", true, "virtual");
    expect(vectorTaken(cpu.run(100))).toBe(0x280);
  });

  it("a physical IRQ raised by a store before a WFI exits to the hypervisor before the WFI", () => {
    // A device write raises the line mid-run (as a guest's GICV EOI raises the maintenance IRQ):
    // the interrupt exit comes at the boundary after the store, so the WFI neither traps nor waits.
    const { cpu, memory } = systemMachine([0xb9000001 /* str w1, [x0] */, WFI, DONE], { hypTraps: SEL4_VCPU_TRAPS });
    memory.mapDevice(0x0900_0000, 0x1000, { read: () => 0n, write: () => cpu.setInterruptLine("irq", true) });
    cpu.setX(0, 0x0900_0000n);
    expect(cpu.run(10_000)).toEqual({ kind: "interrupt", irq: true, fiq: false, serror: false });
    expect(cpu.getPC()).toBe(PC + 4n);
    expect(cpu.instructionsRetired).toBe(1);
  });

  it("a line raised by a device access mid-run takes effect at the next instruction boundary", () => {
    // Straight-line code with no timer deadline: before the slice ended at the line change, the
    // NOPs after the store ran to the end of the budget before the interrupt was seen.
    const program = [0xb9000001 /* str w1, [x0] */, NOP, NOP, NOP, DONE];
    const hyp = systemMachine(program, { hypTraps: SEL4_VCPU_TRAPS });
    hyp.memory.mapDevice(0x0900_0000, 0x1000, { read: () => 0n, write: () => hyp.cpu.setInterruptLine("irq", true) });
    hyp.cpu.setX(0, 0x0900_0000n);
    expect(hyp.cpu.run(10_000)).toEqual({ kind: "interrupt", irq: true, fiq: false, serror: false });
    expect([hyp.cpu.getPC(), hyp.cpu.instructionsRetired]).toEqual([PC + 4n, 1]);

    const guest = systemMachine([MSR_DAIFCLR_I, ...program]);
    guest.memory.mapDevice(0x0900_0000, 0x1000, { read: () => 0n, write: () => guest.cpu.setInterruptLine("irq", true) });
    guest.cpu.setX(0, 0x0900_0000n);
    expect(vectorTaken(guest.cpu.run(10_000))).toBe(0x280);
    expect(exceptionRegisters(guest.cpu).elr).toBe(PC + 8n);
  });

  it("runs out of budget with a budget exit", () => {
    const { cpu } = systemMachine([0x14000000 /* b . */]);
    expect(cpu.run(1000)).toEqual({ kind: "budget" });
    expect(cpu.instructionsRetired).toBe(1000);
  });
});

describe("the hypervisor's view of the registers", () => {
  it("reads and writes EL1 registers by seL4_VCPUReg index", () => {
    const { cpu } = systemMachine([DONE]);
    cpu.writeVcpuReg(14, 0x4000_0800n); // VBAR_EL1
    expect(cpu.readSystemRegister("VBAR_EL1")).toBe(0x4000_0800n);
    cpu.writeSystemRegister("ELR_EL1", 0x1234n);
    expect(cpu.readVcpuReg(18)).toBe(0x1234n); // ELR_EL1
    expect(cpu.readVcpuReg(16)).toBe(0x8000_0000n); // VMPIDR_EL2 (what MPIDR_EL1 reads)
  });

  it("moves registers in seL4_UserContext order", () => {
    const { cpu } = systemMachine([DONE]);
    for (let n = 0; n <= 30; n++) cpu.setX(n, BigInt(0x100 + n));
    cpu.writeSystemRegister("SP_EL0", 0xaaaan);
    const words = cpu.getUserContext();
    expect(words).toHaveLength(36);
    expect(words.slice(0, 3)).toEqual([PC, 0xaaaan, 0x3c5n]);
    expect(words.slice(3, 12)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8].map((n) => BigInt(0x100 + n)));
    expect(words.slice(12, 17)).toEqual([16, 17, 18, 29, 30].map((n) => BigInt(0x100 + n)));
    expect(words[17]).toBe(0x109n);
    const changed = [...words];
    changed[0] = BigInt(RAM + 0x100);
    changed[2] = 0x3c4n; // EL1t
    cpu.setUserContext(changed);
    expect(cpu.getPC()).toBe(BigInt(RAM + 0x100));
    expect(cpu.getPstate()).toMatchObject({ el: 1, spSel: 0 });
    expect(cpu.getSP()).toBe(0xaaaan);
    // The allocation-free forms move the same 36 words.
    const file = new BigUint64Array(36);
    cpu.readUserContextInto(file);
    expect(Array.from(file)).toEqual(cpu.getUserContext());
    file[3] = 0x1234n; // x0
    cpu.writeUserContextFrom(file);
    expect(cpu.getX(0)).toBe(0x1234n);
    expect(cpu.getPC()).toBe(BigInt(RAM + 0x100));
    expect(() => cpu.writeUserContextFrom([1n])).toThrow(/seL4_UserContext has 36/);
  });
});
