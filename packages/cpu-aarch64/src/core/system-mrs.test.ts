// MRS at the system level: what lands in Xt (both 32-bit halves, values with the high half set)
// and which accesses are refused, with which syndrome. The values and ESRs are written out here
// from the architecture, independently of the register file's fast and BigInt paths.
import { describe, expect, it } from "vitest";
import { NO_HYP_TRAPS } from "../system/hyp-traps.js";
import { SCTLR, SCTLR_RESET } from "../system/sysreg-table.js";
import type { CpuExit } from "./exits.js";
import { CODE, exceptionRegisters, hvc, systemMachine, vectorTaken } from "./system-test-machine.test-helper.js";

const PC = BigInt(CODE);
const DONE = hvc(0x77);
const SP_EL0_VALUE = 0xffff_8000_1234_5678n;
const SP_EL1_VALUE = 0xffff_8002_0000_4000n;
const TPIDR_EL1_VALUE = 0xffff_8001_9abc_def0n;
/** Cortex-A53 CTR_EL0 (as QEMU's model). */
const CTR_EL0_VALUE = 0x84448004n;

/** `mrs x<rt>, S<op0>_<op1>_C<crn>_C<crm>_<op2>`. */
const mrs = (rt: number, op0: number, op1: number, crn: number, crm: number, op2: number): number =>
  (0xd5200000 | (op0 << 19) | (op1 << 16) | (crn << 12) | (crm << 8) | (op2 << 5) | rt) >>> 0;
const SP_EL0 = [3, 0, 4, 1, 0] as const;
const SP_EL1 = [3, 4, 4, 1, 0] as const;
const TPIDR_EL1 = [3, 0, 13, 0, 4] as const;
const SPSEL = [3, 0, 4, 2, 0] as const;
const DAIF = [3, 3, 4, 2, 1] as const;
const NZCV = [3, 3, 4, 2, 0] as const;
const CTR_EL0 = [3, 3, 0, 0, 1] as const;
const FPCR = [3, 3, 4, 4, 0] as const;
const TPIDRRO_EL0 = [3, 3, 13, 0, 3] as const;
const SCTLR_EL1 = [3, 0, 1, 0, 0] as const;
const MOV_X7_XZR = 0xaa1f03e7; // orr x7, xzr, xzr

/** ESR = EC[31:26] | IL[25] | ISS. */
const esr = (ec: number, iss: number): number => ((ec << 26) | (1 << 25) | iss) >>> 0;
const UNDEFINED = esr(0x00, 0);
/** EC 0x18 for an MRS (Direction = 1) of `reg` into x<rt>. */
const mrsTrap = (reg: readonly number[], rt: number): number => {
  const [op0, op1, crn, crm, op2] = reg as [number, number, number, number, number];
  return esr(0x18, (op0 << 20) | (op2 << 17) | (op1 << 14) | (crn << 10) | (rt << 5) | (crm << 1) | 1);
};

/** A machine at EL1h with SP_EL0, SP_EL1 and TPIDR_EL1 holding values with the high half set. */
function machine(words: readonly number[]) {
  const m = systemMachine(words);
  m.cpu.setSP(SP_EL1_VALUE);
  m.cpu.writeSystemRegister("SP_EL0", SP_EL0_VALUE);
  m.cpu.writeSystemRegister("TPIDR_EL1", TPIDR_EL1_VALUE);
  for (let n = 0; n <= 30; n++) m.cpu.setX(n, 0x5555_0000_0000_0000n + BigInt(n));
  return m;
}

function expectDone(exit: CpuExit): void {
  expect(exit).toMatchObject({ kind: "hvc", imm16: 0x77 });
}

describe("MRS at EL1", () => {
  it("EL1h: SP_EL0, TPIDR_EL1, DAIF, NZCV, CTR_EL0 and SPSel land in Xt whole", () => {
    const { cpu } = machine([
      mrs(1, ...SP_EL0),
      mrs(2, ...TPIDR_EL1),
      mrs(3, ...DAIF),
      mrs(4, ...NZCV),
      mrs(5, ...CTR_EL0),
      mrs(6, ...SPSEL),
      DONE,
    ]);
    cpu.setPstate({ ...cpu.getPstate(), daif: 0b0101, nzcv: 0b0110 });
    expectDone(cpu.run(100));
    expect([1, 2, 3, 4, 5, 6].map((n) => cpu.getX(n))).toEqual([
      SP_EL0_VALUE,
      TPIDR_EL1_VALUE,
      0x140n,
      0x6000_0000n,
      CTR_EL0_VALUE,
      1n,
    ]);
    expect(cpu.getSP()).toBe(SP_EL1_VALUE);
  });

  it("MRS XZR, <reg> writes nothing: XZR still reads zero and no other register changes", () => {
    const { cpu } = machine([
      mrs(31, ...SP_EL0),
      mrs(31, ...TPIDR_EL1),
      mrs(31, ...DAIF),
      mrs(31, ...CTR_EL0),
      MOV_X7_XZR,
      DONE,
    ]);
    const registers = (): bigint[] => Array.from({ length: 31 }, (_, n) => cpu.getX(n));
    const expected = registers();
    expected[7] = 0n;
    expectDone(cpu.run(100));
    expect(registers()).toEqual(expected);
    expect(cpu.getSP()).toBe(SP_EL1_VALUE);
  });

  it("EL1t: SP_EL0 is the current SP, so MRS SP_EL0 is UNDEFINED (EL1t vector +0x000); SPSel reads 0", () => {
    const { cpu } = machine([mrs(6, ...SPSEL), mrs(1, ...SP_EL0), DONE]);
    cpu.setPstate({ ...cpu.getPstate(), spSel: 0 });
    expect(cpu.getSP()).toBe(SP_EL0_VALUE);
    expect(cpu.readSystemRegister("SP_EL1")).toBe(SP_EL1_VALUE); // banked
    expect(vectorTaken(cpu.run(100))).toBe(0x000);
    expect(exceptionRegisters(cpu)).toMatchObject({ esr: UNDEFINED, elr: PC + 4n });
    expect(cpu.getX(6)).toBe(0n);
    expect(cpu.getX(1)).toBe(0x5555_0000_0000_0001n);
  });

  it("SP_EL1 is EL2 state: UNDEFINED to the guest; the hypervisor reads it current or banked", () => {
    const { cpu } = machine([mrs(1, ...SP_EL1), DONE]);
    expect(cpu.readSystemRegister("SP_EL1")).toBe(SP_EL1_VALUE); // current
    expect(cpu.readSystemRegister("SP_EL0")).toBe(SP_EL0_VALUE); // banked
    expect(vectorTaken(cpu.run(100))).toBe(0x200);
    expect(exceptionRegisters(cpu)).toMatchObject({ esr: UNDEFINED, elr: PC });
    expect(cpu.getX(1)).toBe(0x5555_0000_0000_0001n);
  });

  it("FPCR traps (EC 0x07) while CPACR_EL1.FPEN disables FP, and reads once it is enabled", () => {
    const off = machine([mrs(1, ...FPCR), DONE]);
    expect(vectorTaken(off.cpu.run(100))).toBe(0x200);
    // ISS: CV = 1, COND = 0xE (always), as for any unconditional A64 instruction.
    expect(exceptionRegisters(off.cpu)).toMatchObject({ esr: esr(0x07, 0x1e0_0000), elr: PC });
    const on = machine([mrs(1, ...FPCR), DONE]);
    on.cpu.writeSystemRegister("CPACR_EL1", 1n << 20n);
    on.cpu.setFPCR(0x0340_0000);
    expectDone(on.cpu.run(100));
    expect(on.cpu.getX(1)).toBe(0x0340_0000n);
  });

  it("HCR_EL2.TRVM: MRS SCTLR_EL1 exits to the hypervisor with EC 0x18", () => {
    const { cpu } = machine([mrs(9, ...SCTLR_EL1), DONE]);
    cpu.hypTraps = { ...NO_HYP_TRAPS, trvm: true };
    expect(cpu.run(100)).toMatchObject({ kind: "sysregTrap", esr: mrsTrap(SCTLR_EL1, 9), pc: PC });
    expect(cpu.getX(9)).toBe(0x5555_0000_0000_0009n);
  });
});

describe("MRS at EL0", () => {
  const toEl0 = (cpu: ReturnType<typeof machine>["cpu"]): void => {
    cpu.setPstate({ ...cpu.getPstate(), el: 0, spSel: 0, daif: 0b1010 });
  };

  it("CTR_EL0 and DAIF trap to EL1 (EC 0x18, +0x400) unless SCTLR_EL1.UCT / UMA", () => {
    const ctr = machine([mrs(3, ...CTR_EL0), DONE]);
    toEl0(ctr.cpu);
    expect(vectorTaken(ctr.cpu.run(100))).toBe(0x400);
    expect(exceptionRegisters(ctr.cpu)).toMatchObject({ esr: mrsTrap(CTR_EL0, 3), elr: PC });
    expect(ctr.cpu.getX(3)).toBe(0x5555_0000_0000_0003n);
    const daif = machine([mrs(4, ...DAIF), DONE]);
    toEl0(daif.cpu);
    expect(vectorTaken(daif.cpu.run(100))).toBe(0x400);
    expect(exceptionRegisters(daif.cpu)).toMatchObject({ esr: mrsTrap(DAIF, 4), elr: PC });
  });

  it("with UCT and UMA they read; TPIDRRO_EL0 reads; TPIDR_EL1 and SP_EL0 are UNDEFINED", () => {
    const { cpu } = machine([mrs(3, ...CTR_EL0), mrs(4, ...DAIF), mrs(5, ...TPIDRRO_EL0), mrs(6, ...TPIDR_EL1), DONE]);
    cpu.writeSystemRegister("SCTLR_EL1", SCTLR_RESET | SCTLR.UCT | SCTLR.UMA);
    cpu.writeSystemRegister("TPIDRRO_EL0", 0xffff_0000_0bad_f00dn);
    toEl0(cpu);
    expect(vectorTaken(cpu.run(100))).toBe(0x400);
    expect(exceptionRegisters(cpu)).toMatchObject({ esr: UNDEFINED, elr: PC + 12n });
    expect([3, 4, 5, 6].map((n) => cpu.getX(n))).toEqual([
      CTR_EL0_VALUE,
      0x280n,
      0xffff_0000_0bad_f00dn,
      0x5555_0000_0000_0006n,
    ]);
    const sp = machine([mrs(1, ...SP_EL0), DONE]);
    toEl0(sp.cpu);
    expect(vectorTaken(sp.cpu.run(100))).toBe(0x400);
    expect(exceptionRegisters(sp.cpu)).toMatchObject({ esr: UNDEFINED, elr: PC });
  });
});
