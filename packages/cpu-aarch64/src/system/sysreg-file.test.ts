import { describe, expect, it } from "vitest";
import { CpuError } from "../core/errors.js";
import { GenericTimer } from "../timer/generic-timer.js";
import { CORTEX_A53, ID_REG } from "./cpu-model.js";
import type { PendingInterrupts } from "./exceptions.js";
import { NO_HYP_TRAPS, SEL4_VCPU_TRAPS } from "./hyp-traps.js";
import { esrFpAccess, esrSysregTrap, esrUndefined } from "./syndrome.js";
import { sysregKey } from "./sysreg-key.js";
import { SEL4_VCPU_REGS, SysregFile, type SysregHost, type SysregOutcome } from "./sysreg-file.js";
import { SCTLR, SCTLR_RESET, type HostRegister } from "./sysreg-table.js";

const UNDEF = { kind: "exception", target: 1, esr: esrUndefined(), cause: "undefined" };
const MAX = (1n << 64n) - 1n;

class TestHost implements SysregHost {
  readonly regs = new Map<HostRegister, bigint>([["SPSel", 1n]]);
  lines: PendingInterrupts = { irq: false, fiq: false, serror: false };
  readHost(name: HostRegister): bigint {
    return this.regs.get(name) ?? 0n;
  }
  writeHost(name: HostRegister, value: bigint): void {
    this.regs.set(name, value);
  }
  pendingInterrupts(): PendingInterrupts {
    return this.lines;
  }
}

/** A host that also gives its registers as 32-bit halves, so `readHalves` serves them. */
class HalvesHost extends TestHost {
  readHostHalves(name: HostRegister, out: Uint32Array, at: number): void {
    const v = this.readHost(name);
    out[at] = Number(v & 0xffffffffn);
    out[at + 1] = Number(v >> 32n);
  }
}

function setup(cpuIndex = 0, host: TestHost = new TestHost()) {
  const timer = new GenericTimer();
  const file = new SysregFile({ host, timer, cpuIndex });
  return { host, timer, file };
}

const K = (op0: number, op1: number, crn: number, crm: number, op2: number): number =>
  sysregKey(op0, op1, crn, crm, op2);
const SCTLR_EL1 = K(3, 0, 1, 0, 0);
const CTR_EL0 = K(3, 3, 0, 0, 1);
const DCZID_EL0 = K(3, 3, 0, 0, 7);
const CNTVCT_EL0 = K(3, 3, 14, 0, 2);
const CNTFRQ_EL0 = K(3, 3, 14, 0, 0);
const CNTV_CTL_EL0 = K(3, 3, 14, 3, 1);
const DAIF = K(3, 3, 4, 2, 1);
const SP_EL0 = K(3, 0, 4, 1, 0);

function value(outcome: SysregOutcome): bigint {
  if (outcome.kind !== "done") throw new Error(`expected a value, got ${JSON.stringify(outcome)}`);
  return outcome.value;
}

function trapEl1(key: number, rt: number, isRead: boolean) {
  const { op0, op1, crn, crm, op2 } = {
    op0: key >>> 14,
    op1: (key >>> 11) & 7,
    crn: (key >>> 7) & 15,
    crm: (key >>> 3) & 15,
    op2: key & 7,
  };
  return {
    kind: "exception",
    target: 1,
    esr: esrSysregTrap({ op0, op1, crn, crm, op2, rt, isRead }),
    cause: "sysregTrap",
  };
}

describe("reset values and storage (spec §3)", () => {
  it("SCTLR_EL1 resets to 0x00C50838 and keeps Linux's MMU-off value 0x30500800", () => {
    const { file } = setup();
    expect(value(file.read(SCTLR_EL1, 1, 0))).toBe(SCTLR_RESET);
    expect(value(file.write(SCTLR_EL1, 1, 0, 0x30500800n))).toBe(0x30500800n);
  });

  it("SCTLR_EL1 drops RES0 bits: the MMU-on value loses IESB, ITFSB, EPAN (not advertised)", () => {
    const { file } = setup();
    expect(value(file.write(SCTLR_EL1, 1, 0, 0x0200_0020_34f4_d91dn))).toBe(0x34d4d91dn);
  });

  it("write masks: CPACR keeps FPEN, TCR drops TBID1/HA, VBAR bits [10:0], TTBR CnP", () => {
    const { file } = setup();
    expect(value(file.write(K(3, 0, 1, 0, 2), 1, 0, MAX))).toBe(3n << 20n);
    expect(value(file.write(K(3, 0, 2, 0, 2), 1, 0, 0x0050_0072_b550_3510n))).toBe(0x72_b550_3510n);
    expect(value(file.write(K(3, 0, 12, 0, 0), 1, 0, 0xffff_8000_0801_07ffn))).toBe(0xffff_8000_0801_0000n);
    expect(value(file.write(K(3, 0, 2, 0, 0), 1, 0, 0x0001_0000_4000_1001n))).toBe(0x0001_0000_4000_1000n);
  });

  it("ACTLR, AMAIR, AFSR0/1 are RAZ/WI", () => {
    const { file } = setup();
    for (const key of [K(3, 0, 1, 0, 1), K(3, 0, 10, 3, 0), K(3, 0, 5, 1, 0), K(3, 0, 5, 1, 1)]) {
      expect(value(file.write(key, 1, 0, 0x1234n))).toBe(0n);
      expect(value(file.read(key, 1, 0))).toBe(0n);
    }
  });

  it("plain EL1 registers store what is written (MAIR, ELR, FAR, PAR, TPIDR_EL1, CONTEXTIDR)", () => {
    const { file } = setup();
    for (const key of [K(3, 0, 10, 2, 0), K(3, 0, 4, 0, 1), K(3, 0, 6, 0, 0), K(3, 0, 7, 4, 0), K(3, 0, 13, 0, 4)]) {
      file.write(key, 1, 0, 0x0000_0004_0044_ffffn);
      expect(value(file.read(key, 1, 0))).toBe(0x0000_0004_0044_ffffn);
    }
    expect(value(file.write(K(3, 0, 13, 0, 1), 1, 0, MAX))).toBe(0xffffffffn);
  });

  it("reset() restores stored registers", () => {
    const { file } = setup();
    file.write(SCTLR_EL1, 1, 0, 1n);
    file.reset();
    expect(file.get("SCTLR_EL1")).toBe(SCTLR_RESET);
  });
});

describe("ID registers (spec §2)", () => {
  it("EL1 reads model values; MPIDR reads VMPIDR_EL2 (cpu index affinity)", () => {
    const { file } = setup(9);
    expect(value(file.read(ID_REG.MIDR_EL1, 1, 0))).toBe(0x410fd034n);
    expect(value(file.read(ID_REG.ID_AA64MMFR0_EL1, 1, 0))).toBe(0x0f000022n);
    expect(value(file.read(ID_REG.MPIDR_EL1, 1, 0))).toBe(0x80000101n);
    file.writeVcpuReg(16, 0x80000002n);
    expect(value(file.read(ID_REG.MPIDR_EL1, 1, 0))).toBe(0x80000002n);
  });

  it("every encoding of the ID space reads zero or its value at EL1, is UNDEFINED at EL0, and rejects MSR", () => {
    const { file } = setup();
    for (let crm = 0; crm < 8; crm++) {
      for (let op2 = 0; op2 < 8; op2++) {
        const key = K(3, 0, 0, crm, op2);
        expect(file.read(key, 1, 0).kind).toBe("done");
        expect(file.read(key, 0, 0)).toEqual(UNDEF);
        expect(file.write(key, 1, 0, 0n)).toEqual(UNDEF);
      }
    }
    expect(value(file.read(K(3, 0, 0, 3, 7), 1, 0))).toBe(0n);
  });

  it("CCSIDR follows CSSELR; CLIDR and AIDR from the model", () => {
    const { file } = setup();
    const CCSIDR = K(3, 1, 0, 0, 0);
    expect(value(file.read(CCSIDR, 1, 0))).toBe(0x700fe01an);
    file.write(K(3, 2, 0, 0, 0), 1, 0, 1n);
    expect(value(file.read(CCSIDR, 1, 0))).toBe(0x201fe00an);
    file.write(K(3, 2, 0, 0, 0), 1, 0, 2n);
    expect(value(file.read(CCSIDR, 1, 0))).toBe(0x707fe07an);
    expect(value(file.read(K(3, 1, 0, 0, 1), 1, 0))).toBe(0x0a200023n);
    expect(value(file.read(K(3, 1, 0, 0, 7), 1, 0))).toBe(0n);
  });
});

describe("EL0 access rules (spec §2–§3)", () => {
  it("an EL1 register from EL0 is UNDEFINED (EC 0x00)", () => {
    const { file } = setup();
    expect(file.read(SCTLR_EL1, 0, 0)).toEqual(UNDEF);
    expect(file.write(K(3, 0, 13, 0, 4), 0, 0, 1n)).toEqual(UNDEF);
    expect(file.read(K(3, 0, 4, 2, 2), 0, 0)).toEqual(UNDEF); // CurrentEL
  });

  it("CTR_EL0 at EL0 needs SCTLR.UCT, else EC 0x18 to EL1", () => {
    const { file } = setup();
    file.write(SCTLR_EL1, 1, 0, 0n);
    expect(file.read(CTR_EL0, 0, 3)).toEqual(trapEl1(CTR_EL0, 3, true));
    file.write(SCTLR_EL1, 1, 0, SCTLR.UCT);
    expect(value(file.read(CTR_EL0, 0, 3))).toBe(0x84448004n);
  });

  it("DCZID_EL0 is readable at EL0; DZP reads 1 there while SCTLR.DZE = 0", () => {
    const { file } = setup();
    file.write(SCTLR_EL1, 1, 0, 0n);
    expect(value(file.read(DCZID_EL0, 0, 0))).toBe(0x14n);
    expect(value(file.read(DCZID_EL0, 1, 0))).toBe(4n);
    file.write(SCTLR_EL1, 1, 0, SCTLR.DZE);
    expect(value(file.read(DCZID_EL0, 0, 0))).toBe(4n);
    expect(file.write(DCZID_EL0, 0, 0, 0n)).toEqual(UNDEF);
  });

  it("CNTVCT and CNTFRQ at EL0 follow CNTKCTL.EL0VCTEN/EL0PCTEN; CNTV_* follows EL0VTEN", () => {
    const { file, timer } = setup();
    timer.setCounter(1234n);
    expect(file.read(CNTVCT_EL0, 0, 5)).toEqual(trapEl1(CNTVCT_EL0, 5, true));
    expect(file.read(CNTFRQ_EL0, 0, 5)).toEqual(trapEl1(CNTFRQ_EL0, 5, true));
    file.write(K(3, 0, 14, 1, 0), 1, 0, 2n); // Linux: EL0VCTEN
    expect(value(file.read(CNTVCT_EL0, 0, 5))).toBe(1234n);
    expect(value(file.read(CNTFRQ_EL0, 0, 5))).toBe(62_500_000n);
    expect(file.read(K(3, 3, 14, 0, 1), 0, 5).kind).toBe("exception"); // CNTPCT needs EL0PCTEN
    expect(file.write(CNTV_CTL_EL0, 0, 1, 1n)).toEqual(trapEl1(CNTV_CTL_EL0, 1, false));
    file.write(K(3, 0, 14, 1, 0), 1, 0, 0x100n);
    expect(value(file.write(CNTV_CTL_EL0, 0, 1, 1n))).toBe(5n); // ENABLE, and ISTATUS as 1234 ≥ CVAL 0
  });

  it("DAIF at EL0 needs SCTLR.UMA", () => {
    const { file, host } = setup();
    file.write(SCTLR_EL1, 1, 0, 0n);
    expect(file.write(DAIF, 0, 2, 0x3c0n)).toEqual(trapEl1(DAIF, 2, false));
    file.write(SCTLR_EL1, 1, 0, SCTLR.UMA);
    expect(value(file.write(DAIF, 0, 2, 0xffffn))).toBe(0x3c0n);
    expect(host.regs.get("DAIF")).toBe(0x3c0n);
  });

  it("TPIDRRO_EL0 is read-only at EL0 and writable at EL1; TPIDR_EL0 and NZCV are EL0 registers", () => {
    const { file, host } = setup();
    const TPIDRRO = K(3, 3, 13, 0, 3);
    expect(file.write(TPIDRRO, 0, 0, 1n)).toEqual(UNDEF);
    file.write(TPIDRRO, 1, 0, 0x77n);
    expect(value(file.read(TPIDRRO, 0, 0))).toBe(0x77n);
    file.write(K(3, 3, 13, 0, 2), 0, 0, 0x1234_5678_9abc_def0n);
    expect(host.regs.get("TPIDR_EL0")).toBe(0x1234_5678_9abc_def0n);
    expect(value(file.write(K(3, 3, 4, 2, 0), 0, 0, MAX))).toBe(0xf0000000n);
  });

  it("cache maintenance at EL0: DC ZVA needs DZE; DC CVAU/CIVAC, IC IVAU need UCI; DC IVAC, TLBI, AT are UNDEFINED", () => {
    const { file } = setup();
    const ZVA = K(1, 3, 7, 4, 1);
    const CVAU = K(1, 3, 7, 11, 1);
    const IVAU = K(1, 3, 7, 5, 1);
    file.write(SCTLR_EL1, 1, 0, 0n);
    expect(file.write(ZVA, 0, 4, 0x1000n)).toEqual(trapEl1(ZVA, 4, false));
    expect(file.write(CVAU, 0, 4, 0x1000n)).toEqual(trapEl1(CVAU, 4, false));
    expect(file.write(IVAU, 0, 4, 0x1000n)).toEqual(trapEl1(IVAU, 4, false));
    file.write(SCTLR_EL1, 1, 0, SCTLR.DZE | SCTLR.UCI);
    expect(file.write(ZVA, 0, 4, 0x1000n)).toEqual({ kind: "op", op: "DC ZVA", operand: 0x1000n });
    expect(file.write(K(1, 3, 7, 14, 1), 0, 4, 8n)).toEqual({ kind: "op", op: "DC CIVAC", operand: 8n });
    expect(file.write(IVAU, 0, 4, 8n)).toMatchObject({ kind: "op", op: "IC IVAU" });
    expect(file.write(K(1, 0, 7, 6, 1), 0, 4, 0n)).toEqual(UNDEF); // DC IVAC
    expect(file.write(K(1, 0, 8, 7, 0), 0, 4, 0n)).toEqual(UNDEF); // TLBI VMALLE1
    expect(file.write(K(1, 0, 7, 8, 0), 0, 4, 0n)).toEqual(UNDEF); // AT S1E1R
  });

  it("operation() checks a SYS as write() does, without the operand; null for a register's encoding", () => {
    const { file } = setup();
    const ZVA = K(1, 3, 7, 4, 1);
    file.write(SCTLR_EL1, 1, 0, 0n);
    expect(file.operation(ZVA, 0, 4)).toEqual(file.write(ZVA, 0, 4, 0n)); // DZE clear: the trap
    expect(file.operation(ZVA, 1, 4)).toBe("DC ZVA");
    expect(file.operation(K(1, 0, 8, 7, 0), 0, 4)).toEqual(UNDEF); // TLBI VMALLE1 at EL0
    expect(file.operation(K(1, 0, 8, 7, 0), 1, 4)).toBe("TLBI VMALLE1");
    expect(file.operation(SP_EL0, 1, 4)).toBeNull();
    expect(file.operation(CTR_EL0, 1, 4)).toEqual(UNDEF); // read-only: as write() refuses it
  });
});

describe("EL1 operations and PSTATE registers", () => {
  it("TLBI (op1=0, CRn=8, CRm=3 IS / 7 local) and AT are operations at EL1; SYSL is UNDEFINED", () => {
    const { file } = setup();
    expect(file.write(K(1, 0, 8, 3, 0), 1, 31, 0n)).toMatchObject({ op: "TLBI VMALLE1IS" });
    expect(file.write(K(1, 0, 8, 7, 1), 1, 0, 0x55n)).toEqual({ kind: "op", op: "TLBI VAE1", operand: 0x55n });
    expect(file.write(K(1, 0, 8, 7, 7), 1, 0, 0n)).toMatchObject({ op: "TLBI VAALE1" });
    expect(file.write(K(1, 0, 7, 8, 0), 1, 0, 0n)).toMatchObject({ op: "AT S1E1R" });
    expect(file.write(K(1, 0, 7, 5, 0), 1, 0, 0n)).toMatchObject({ op: "IC IALLU" });
    expect(file.read(K(1, 0, 8, 7, 0), 1, 0)).toEqual(UNDEF);
    expect(file.write(K(1, 3, 7, 12, 1), 1, 0, 0n)).toEqual(UNDEF); // DC CVAP: no FEAT_DPB
  });

  it("CurrentEL reads EL<<2; SPSel and SP_EL0 go to the core", () => {
    const { file, host } = setup();
    expect(value(file.read(K(3, 0, 4, 2, 2), 1, 0))).toBe(4n);
    file.write(SP_EL0, 1, 0, 0xffff_0000_1234_0000n); // Linux: current task
    expect(host.regs.get("SP_EL0")).toBe(0xffff_0000_1234_0000n);
    expect(value(file.write(K(3, 0, 4, 2, 0), 1, 0, 3n))).toBe(1n);
  });

  it("SP_EL0 is UNDEFINED at EL1 while SPSel = 0", () => {
    const { file, host } = setup();
    host.regs.set("SPSel", 0n);
    expect(file.read(SP_EL0, 1, 0)).toEqual(UNDEF);
  });

  it("ISR_EL1 shows pending A (8), I (7), F (6) and is read-only", () => {
    const { file, host } = setup();
    const ISR = K(3, 0, 12, 1, 0);
    expect(value(file.read(ISR, 1, 0))).toBe(0n);
    host.lines = { irq: true, fiq: false, serror: true };
    expect(value(file.read(ISR, 1, 0))).toBe(0x180n);
    host.lines = { irq: false, fiq: true, serror: false };
    expect(value(file.read(ISR, 1, 0))).toBe(0x40n);
    expect(file.write(ISR, 1, 0, 0n)).toEqual(UNDEF);
  });

  it("MSR DAIFSet/DAIFClr set and clear DAIF[9:6]; at EL0 they need UMA; SPSel imm is EL1 only", () => {
    const { file, host } = setup();
    host.regs.set("DAIF", 0x3c0n);
    expect(value(file.msrImmediate(3, 7, 0b0010, 1))).toBe(0x340n); // daifclr #2: unmask IRQ
    expect(value(file.msrImmediate(3, 6, 0b1111, 1))).toBe(0x3c0n);
    file.write(SCTLR_EL1, 1, 0, 0n);
    expect(file.msrImmediate(3, 7, 2, 0)).toEqual(trapEl1(K(0, 3, 4, 2, 7), 31, false));
    expect(file.msrImmediate(0, 5, 0, 0)).toEqual(UNDEF);
    expect(value(file.msrImmediate(0, 5, 0, 1))).toBe(0n);
    expect(host.regs.get("SPSel")).toBe(0n);
  });

  it("MSR PAN/UAO/SSBS/DIT/TCO immediates are UNDEFINED (not advertised)", () => {
    const { file } = setup();
    for (const [op1, op2] of [
      [0, 4],
      [0, 3],
      [3, 1],
      [3, 2],
      [3, 4],
    ] as const) {
      expect(file.msrImmediate(op1, op2, 1, 1)).toEqual(UNDEF);
    }
  });

  it("PMU and other unlisted registers are UNDEFINED (PMUVer = 0)", () => {
    const { file } = setup();
    expect(file.read(K(3, 3, 9, 12, 0), 1, 0)).toEqual(UNDEF); // PMCR_EL0
    expect(file.write(K(3, 3, 9, 14, 0), 1, 0, 0n)).toEqual(UNDEF); // PMUSERENR_EL0
    expect(file.read(K(3, 0, 15, 0, 0), 1, 0)).toEqual(UNDEF);
  });

  it("EL2 registers are not reachable by the guest", () => {
    const { file } = setup();
    expect(file.read(K(3, 4, 0, 0, 5), 1, 0)).toEqual(UNDEF); // VMPIDR_EL2
    expect(file.write(K(3, 4, 14, 0, 3), 1, 0, 0n)).toEqual(UNDEF); // CNTVOFF_EL2
  });
});

describe("FP control registers and CPACR_EL1.FPEN (EC 0x07)", () => {
  const FPCR = K(3, 3, 4, 4, 0);
  const FP_TRAP = { kind: "exception", target: 1, esr: esrFpAccess(), cause: "fpAccess" };
  it.each([
    [0n, false, false],
    [1n, true, false],
    [2n, false, false],
    [3n, true, true],
  ])("FPEN = %d: EL1 allowed %s, EL0 allowed %s", (fpen, el1, el0) => {
    const { file } = setup();
    file.write(K(3, 0, 1, 0, 2), 1, 0, fpen << 20n);
    expect(file.read(FPCR, 1, 0)).toEqual(el1 ? expect.objectContaining({ kind: "done" }) : FP_TRAP);
    expect(file.read(FPCR, 0, 0)).toEqual(el0 ? expect.objectContaining({ kind: "done" }) : FP_TRAP);
  });
  it("FPCR/FPSR keep only their state bits", () => {
    const { file } = setup();
    file.write(K(3, 0, 1, 0, 2), 1, 0, 3n << 20n);
    expect(value(file.write(FPCR, 0, 0, MAX))).toBe(0x07c00000n);
    expect(value(file.write(K(3, 3, 4, 4, 1), 0, 0, MAX))).toBe(0x0800009fn);
  });
});

describe("readHalves: MRS as 32-bit halves, decided as read() decides", () => {
  const TPIDR_EL1 = K(3, 0, 13, 0, 4);
  const FILL = 0xdeadbeef;
  const xt = (out: Uint32Array, rt: number): bigint => (BigInt(out[2 * rt + 1]!) << 32n) | BigInt(out[2 * rt]!);

  /** A file whose host and stored registers hold values with both halves set. */
  function loaded() {
    const { host, file } = setup(0, new HalvesHost());
    host.regs.set("SP_EL0", 0xffff_8000_1234_5678n);
    host.regs.set("SP_EL1", 0xffff_8002_0000_4000n);
    host.regs.set("TPIDRRO_EL0", 0x0000_ffff_0bad_f00dn);
    host.regs.set("DAIF", 0x2c0n);
    host.regs.set("NZCV", 0x6000_0000n);
    file.set("TPIDR_EL1", 0xffff_8001_9abc_def0n);
    file.set("ELR_EL1", 0x8000_0000_0000_0004n);
    return { host, file };
  }

  it("agrees with read() on every encoding at EL0/EL1, SPSel 0/1, UMA/UCT, FPEN and TRVM; refusals write nothing", () => {
    const { host, file } = loaded();
    const mismatches: string[] = [];
    const served = new Set<string>();
    for (const el of [0, 1] as const) {
      for (const spSel of [0n, 1n]) {
        for (const sctlr of [SCTLR_RESET, SCTLR_RESET | SCTLR.UMA | SCTLR.UCT]) {
          for (const cpacr of [0n, 3n << 20n]) {
            for (const trvm of [false, true]) {
              host.regs.set("SPSel", spSel);
              file.set("SCTLR_EL1", sctlr);
              file.set("CPACR_EL1", cpacr);
              file.hypTraps = { ...NO_HYP_TRAPS, trvm };
              const state = `el=${el} spSel=${spSel} sctlr=${sctlr} cpacr=${cpacr} trvm=${trvm}`;
              const out = new Uint32Array(64).fill(FILL);
              for (let key = 0; key < 1 << 16; key++) {
                if (!file.readHalves(key, el, 5, out)) continue;
                const slow = file.read(key, el, 5);
                if (slow.kind !== "done" || slow.value !== xt(out, 5)) mismatches.push(`${file.nameOf(key)} ${state}`);
                if (el === 1 && spSel === 1n && cpacr !== 0n) served.add(file.nameOf(key));
                out.fill(FILL, 10, 12);
              }
              if (!out.every((w) => w === FILL)) mismatches.push(`a refusal wrote Xt, ${state}`);
            }
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
    for (const name of ["SP_EL0", "TPIDR_EL1", "DAIF", "NZCV", "CTR_EL0", "FPCR", "MIDR_EL1", "TPIDRRO_EL0"]) {
      expect(served).toContain(name);
    }
    for (const name of ["CNTVCT_EL0", "DCZID_EL0", "ISR_EL1", "MPIDR_EL1", "CurrentEL", "OSLAR_EL1", "ACTLR_EL1"]) {
      expect(served).not.toContain(name);
    }
  });

  it("copies both halves in order; XZR (rt = 31) is written nothing", () => {
    const { file } = loaded();
    const out = new Uint32Array(64).fill(FILL);
    expect(file.readHalves(SP_EL0, 1, 3, out)).toBe(true);
    expect(file.readHalves(TPIDR_EL1, 1, 4, out)).toBe(true);
    expect([out[6], out[7], out[8], out[9]]).toEqual([0x1234_5678, 0xffff_8000, 0x9abc_def0, 0xffff_8001]);
    const zr = new Uint32Array(64).fill(FILL);
    expect(file.readHalves(TPIDR_EL1, 1, 31, zr)).toBe(true);
    expect(file.readHalves(SP_EL0, 1, 31, zr)).toBe(true);
    expect(zr.every((w) => w === FILL)).toBe(true);
  });

  it("leaves refusals and the host's registers (without readHostHalves) to read(), writing nothing", () => {
    const out = new Uint32Array(64).fill(FILL);
    const plain = setup().file;
    expect(plain.readHalves(SP_EL0, 1, 0, out)).toBe(false); // TestHost has no readHostHalves
    const { host, file } = loaded();
    host.regs.set("SPSel", 0n);
    expect(file.readHalves(SP_EL0, 1, 0, out)).toBe(false);
    expect(file.read(SP_EL0, 1, 0)).toEqual(UNDEF);
    expect(file.readHalves(TPIDR_EL1, 0, 0, out)).toBe(false);
    expect(file.read(TPIDR_EL1, 0, 0)).toEqual(UNDEF);
    expect(out.every((w) => w === FILL)).toBe(true);
    expect(plain.readHalves(TPIDR_EL1, 1, 0, out)).toBe(true); // stored: served whatever the host
  });
});

describe("debug registers (spec §2: storage; DFR0 says 6 breakpoints and 4 watchpoints, as QEMU's cortex-a53)", () => {
  it("DBGBVR/BCR0-5 and DBGWVR/WCR0-3 store; breakpoint 6 and watchpoint 4 are UNDEFINED", () => {
    const { file } = setup();
    for (let n = 0; n < 6; n++) {
      for (const op2 of n < 4 ? [4, 5, 6, 7] : [4, 5]) {
        file.write(K(2, 0, 0, n, op2), 1, 0, 0xabcn + BigInt(op2));
        expect(value(file.read(K(2, 0, 0, n, op2), 1, 0))).toBe(0xabcn + BigInt(op2));
      }
    }
    expect(file.read(K(2, 0, 0, 6, 4), 1, 0)).toEqual(UNDEF);
    expect(file.read(K(2, 0, 0, 4, 6), 1, 0)).toEqual(UNDEF);
  });
  it("OSLAR is write-only and sets OSLSR.OSLK; OSLSR reads OSLM = 0b10, lock set at reset", () => {
    const { file } = setup();
    const OSLAR = K(2, 0, 1, 0, 4);
    const OSLSR = K(2, 0, 1, 1, 4);
    expect(value(file.read(OSLSR, 1, 0))).toBe(0xan);
    file.write(OSLAR, 1, 0, 0n); // Linux clear_os_lock
    expect(value(file.read(OSLSR, 1, 0))).toBe(0x8n);
    expect(file.read(OSLAR, 1, 0)).toEqual(UNDEF);
    expect(file.write(OSLSR, 1, 0, 0n)).toEqual(UNDEF);
  });
  it("MDSCR, OSDLR and MDCCINT hold values", () => {
    const { file } = setup();
    expect(value(file.write(K(2, 0, 0, 2, 2), 1, 0, 1n << 12n))).toBe(0x1000n);
    expect(value(file.write(K(2, 0, 1, 3, 4), 1, 0, 3n))).toBe(1n);
    expect(value(file.write(K(2, 0, 0, 2, 0), 1, 0, 0x5n))).toBe(0x5n);
  });
});

describe("hypervisor traps (HCR_EL2.TVM/TRVM → EC 0x18 to EL2)", () => {
  it("only with TVM/TRVM, only for the VM control group, only from EL1", () => {
    const { file } = setup();
    expect(file.hypTraps).toBe(NO_HYP_TRAPS);
    file.hypTraps = { ...SEL4_VCPU_TRAPS, tvm: true };
    const esr = esrSysregTrap({ op0: 3, op1: 0, crn: 1, crm: 0, op2: 0, rt: 7, isRead: false });
    expect(file.write(SCTLR_EL1, 1, 7, 1n)).toEqual({ kind: "exception", target: 2, esr, cause: "sysregTrap" });
    expect(file.read(SCTLR_EL1, 1, 7).kind).toBe("done");
    expect(file.write(K(3, 0, 12, 0, 0), 1, 7, 0n).kind).toBe("done"); // VBAR is not in the group
    file.hypTraps = { ...NO_HYP_TRAPS, trvm: true };
    expect(file.read(K(3, 0, 2, 0, 0), 1, 3)).toMatchObject({ target: 2 });
    expect(file.get("SCTLR_EL1")).toBe(SCTLR_RESET); // the hypervisor's view is not trapped
  });
});

describe("hypervisor view: by name and by seL4_VCPUReg index (spec sel4-kernel.md §3)", () => {
  it("has 24 registers in seL4's order", () => {
    expect(SEL4_VCPU_REGS).toHaveLength(24);
    expect(SEL4_VCPU_REGS[0]).toBe("SCTLR_EL1");
    expect(SEL4_VCPU_REGS[13]).toBe("PAR_EL1");
    expect(SEL4_VCPU_REGS[17]).toBe("SP_EL1");
    expect(SEL4_VCPU_REGS[23]).toBe("CNTKCTL_EL1");
  });

  it("every index round-trips a value the register can hold", () => {
    const { file } = setup();
    // RAZ/WI ones read 0; CNTV_CTL also shows ISTATUS (counter 0 ≥ CVAL 0 when it is read).
    const holds: Record<number, bigint> = { 6: 0n, 8: 0n, 9: 0n, 10: 0n, 20: 5n };
    for (let i = 0; i < 24; i++) {
      const v = i === 1 ? 3n << 20n : i === 20 ? 1n : i === 23 ? 0x302n : i === 7 ? 0xabcn : BigInt(i + 1) * 0x1000n;
      file.writeVcpuReg(i, v);
      expect(file.readVcpuReg(i), SEL4_VCPU_REGS[i]).toBe(holds[i] ?? v);
    }
  });

  it("reaches the timer (20–23) and the core's SP_EL1 (17)", () => {
    const { file, timer, host } = setup();
    timer.setCounter(500n);
    file.writeVcpuReg(22, 100n); // CNTVOFF
    file.writeVcpuReg(21, 300n); // CNTV_CVAL
    file.writeVcpuReg(20, 1n); // CNTV_CTL ENABLE
    expect(timer.virtualIrqLevel).toBe(true);
    expect(file.readVcpuReg(20)).toBe(5n); // ISTATUS shows
    file.writeVcpuReg(17, 0x4000_8000n);
    expect(host.regs.get("SP_EL1")).toBe(0x4000_8000n);
  });

  it("an index ≥ 24, an unknown name or a read-only register is refused with CpuError", () => {
    const { file } = setup();
    expect(() => file.readVcpuReg(24)).toThrow(CpuError);
    expect(() => file.readVcpuReg(24)).toThrow(/seL4_VCPUReg index 24/);
    expect(() => file.get("PMCR_EL0")).toThrow(/unknown system register "PMCR_EL0"/);
    expect(() => file.set("MIDR_EL1", 0n)).toThrow(/MIDR_EL1 is read-only/);
  });

  it("translationRegime() gives the MMU its inputs; nameOf names encodings", () => {
    const { file } = setup();
    file.set("TCR_EL1", 0x10n);
    file.set("TTBR1_EL1", 0x4000_0000n);
    expect(file.translationRegime()).toEqual({
      sctlr: SCTLR_RESET,
      tcr: 0x10n,
      ttbr0: 0n,
      ttbr1: 0x4000_0000n,
      mair: 0n,
    });
    expect(file.nameOf(SCTLR_EL1)).toBe("SCTLR_EL1");
    expect(file.nameOf(K(1, 3, 7, 4, 1))).toBe("DC ZVA");
    expect(file.nameOf(K(3, 3, 9, 12, 0))).toBe("S3_3_C9_C12_0");
  });
});

describe("CPU models", () => {
  it("a model advertising PAN is refused (the file has no PSTATE.PAN)", () => {
    const idRegisters = new Map(CORTEX_A53.idRegisters);
    idRegisters.set(ID_REG.ID_AA64MMFR1_EL1, 0x100000n);
    const options = { host: new TestHost(), timer: new GenericTimer() };
    expect(() => new SysregFile({ ...options, model: { ...CORTEX_A53, idRegisters } })).toThrow(/advertises PAN/);
  });

  it("the number of debug registers follows ID_AA64DFR0.BRPs/WRPs", () => {
    const idRegisters = new Map(CORTEX_A53.idRegisters);
    idRegisters.set(ID_REG.ID_AA64DFR0_EL1, 0x00305006n); // 6 BRPs, 4 WRPs
    const file = new SysregFile({
      host: new TestHost(),
      timer: new GenericTimer(),
      model: { ...CORTEX_A53, idRegisters },
    });
    expect(file.read(K(2, 0, 0, 5, 4), 1, 0).kind).toBe("done");
    expect(file.read(K(2, 0, 0, 6, 4), 1, 0)).toEqual(UNDEF);
    expect(file.read(K(2, 0, 0, 3, 7), 1, 0).kind).toBe("done");
    expect(file.read(K(2, 0, 0, 4, 7), 1, 0)).toEqual(UNDEF);
  });
});
