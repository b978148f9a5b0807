// The GICv3 virtual CPU interface as a guest at EL1 sees it through ICC_* system registers
// (HCR_EL2.IMO/FMO set), checked against IHI 0069 (GICv3/v4 architecture specification):
// §12.4 ICH_* registers, §12.5 ICV_* behaviour, list register layout §12.4.6. Instruction words
// are built here from the A64 MRS/MSR layout, independently of src/system/sysreg-key.ts.
import { describe, expect, it } from "vitest";
import { systemMachine, vectorTaken, hvc } from "../core/system-test-machine.test-helper.js";
import { NO_HYP_TRAPS, SEL4_VCPU_TRAPS } from "../system/hyp-traps.js";
import { GicV3VirtualInterface } from "./virtual-interface.js";

type Enc = [number, number, number, number, number];
const REG: Record<string, Enc> = {
  PMR: [3, 0, 4, 6, 0],
  IAR0: [3, 0, 12, 8, 0],
  IAR1: [3, 0, 12, 12, 0],
  EOIR1: [3, 0, 12, 12, 1],
  HPPIR1: [3, 0, 12, 12, 2],
  BPR0: [3, 0, 12, 8, 3],
  BPR1: [3, 0, 12, 12, 3],
  CTLR: [3, 0, 12, 12, 4],
  SRE: [3, 0, 12, 12, 5],
  IGRPEN0: [3, 0, 12, 12, 6],
  IGRPEN1: [3, 0, 12, 12, 7],
  AP1R0: [3, 0, 12, 9, 0],
  DIR: [3, 0, 12, 11, 1],
  RPR: [3, 0, 12, 11, 3],
  SGI1R: [3, 0, 12, 11, 5],
  PFR0: [3, 0, 0, 4, 0],
};
/** MRS (L = 1) / MSR (L = 0): 1101 0101 00 L 1 o0 op1 CRn CRm op2 Rt, o0 = op0 − 2. */
const sys = (l: number, [op0, op1, crn, crm, op2]: Enc, rt: number): number =>
  (0xd5100000 | (l << 21) | ((op0 - 2) << 19) | (op1 << 16) | (crn << 12) | (crm << 8) | (op2 << 5) | rt) >>> 0;
const mrs = (reg: keyof typeof REG, rt: number): number => sys(1, REG[reg]!, rt);
const msr = (reg: keyof typeof REG, rt: number): number => sys(0, REG[reg]!, rt);
/** MOVZ Xd, #imm16 */
const movz = (rd: number, imm: number): number => (0xd2800000 | (imm << 5) | rd) >>> 0;
const DONE = hvc(0x77);

/** LR: State [63:62], HW [61], Group [60], Priority [55:48], pINTID [44:32] / EOI [41], vINTID [31:0]. */
function lr(f: { vintid: number; state?: number; group?: number; priority: number; eoi?: boolean; pintid?: number }): bigint {
  let v = BigInt(f.vintid) | (BigInt(f.priority) << 48n) | (BigInt(f.state ?? 1) << 62n) | (BigInt(f.group ?? 1) << 60n);
  if (f.pintid !== undefined) v |= (1n << 61n) | (BigInt(f.pintid) << 32n);
  else if (f.eoi) v |= 1n << 41n;
  return v;
}

function machine(words: number[], options: { deactivated?: number[]; traps?: typeof NO_HYP_TRAPS } = {}) {
  const lines = { irq: false, fiq: false, maintenance: false };
  const vgic = new GicV3VirtualInterface({
    virtualIrq: { setLevel: (l) => (lines.irq = l) },
    virtualFiq: { setLevel: (l) => (lines.fiq = l) },
    maintenanceIrq: { setLevel: (l) => (lines.maintenance = l) },
    deactivatePhysical: (id) => options.deactivated?.push(id),
  });
  const { cpu } = systemMachine([...words, DONE], { hypTraps: options.traps ?? SEL4_VCPU_TRAPS, gicv3: vgic });
  const run = () => {
    const exit = cpu.run(1000);
    expect(exit).toMatchObject({ kind: "hvc", imm16: 0x77 });
  };
  return { cpu, vgic, lines, run };
}

/** Guest prologue: PMR = 0xF0, IGRPEN1 = 1. */
const ENABLE = [movz(0, 0xf0), msr("PMR", 0), movz(0, 1), msr("IGRPEN1", 0)];

describe("GICv3 system register interface presence", () => {
  it("ID_AA64PFR0_EL1.GIC reads 1 with a GICv3 and 0 without (GICv2 machines unchanged)", () => {
    const v3 = machine([mrs("PFR0", 1)]);
    v3.run();
    expect((v3.cpu.getX(1) >> 24n) & 0xfn).toBe(1n);
    const { cpu } = systemMachine([mrs("PFR0", 1), DONE], { hypTraps: SEL4_VCPU_TRAPS });
    cpu.run(100);
    expect((cpu.getX(1) >> 24n) & 0xfn).toBe(0n);
  });

  it("ICC_IAR1_EL1 is UNDEFINED on a CPU without a GICv3, and without a physical interface when IMO is clear", () => {
    const { cpu } = systemMachine([mrs("IAR1", 1), DONE], { hypTraps: SEL4_VCPU_TRAPS });
    expect(vectorTaken(cpu.run(100))).toBe(0x200);
    const bare = machine([mrs("IAR1", 1)], { traps: NO_HYP_TRAPS });
    expect(vectorTaken(bare.cpu.run(100))).toBe(0x200);
  });

  it("ICC_SRE_EL1 reads SRE|DFB|DIB = 0b111 and ignores writes; ICC_CTLR_EL1 reports PRIbits 4 and A3V", () => {
    const m = machine([movz(0, 0), msr("SRE", 0), mrs("SRE", 1), mrs("CTLR", 2)]);
    m.run();
    expect(m.cpu.getX(1)).toBe(7n);
    expect((m.cpu.getX(2) >> 8n) & 7n).toBe(4n);
    expect((m.cpu.getX(2) >> 15n) & 1n).toBe(1n);
  });

  it("ICC_SGI1R_EL1 writes trap to EL2 (EC 0x18, ISS names the register and Rt)", () => {
    const m = machine([movz(3, 5), msr("SGI1R", 3)]);
    const exit = m.cpu.run(100);
    expect(exit.kind).toBe("sysregTrap");
    const esr = (exit as { esr: number }).esr;
    expect(esr >>> 26).toBe(0x18);
    // ISS: Op0 [21:20], Op2 [19:17], Op1 [16:14], CRn [13:10], Rt [9:5], CRm [4:1], Dir [0] = 0 (write)
    expect([(esr >>> 20) & 3, (esr >>> 17) & 7, (esr >>> 14) & 7, (esr >>> 10) & 15, (esr >>> 5) & 31, (esr >>> 1) & 15, esr & 1]).toEqual([
      3, 5, 0, 12, 3, 11, 0,
    ]);
  });
});

describe("ICV acknowledge, priority drop and deactivation", () => {
  it("IAR1 takes the pending list register, EOIR1 deactivates it and the EOI bit raises maintenance", () => {
    const m = machine([...ENABLE, mrs("HPPIR1", 5), mrs("IAR1", 1), mrs("RPR", 2), mrs("AP1R0", 3), msr("EOIR1", 1), mrs("RPR", 4)]);
    m.vgic.writeIch("ICH_HCR_EL2", 1n);
    m.vgic.writeIch("ICH_LR0_EL2", lr({ vintid: 27, priority: 0xa0, eoi: true }));
    expect(m.lines.irq).toBe(false); // IGRPEN1 still 0
    m.run();
    expect(m.cpu.getX(5)).toBe(27n);
    expect(m.cpu.getX(1)).toBe(27n);
    expect(m.cpu.getX(2)).toBe(0xa0n);
    expect(m.cpu.getX(3)).toBe(1n << BigInt(0xa0 >> 3));
    expect(m.cpu.getX(4)).toBe(0xffn);
    expect(m.vgic.readIch("ICH_LR0_EL2") >> 62n).toBe(0n);
    expect(m.vgic.readIch("ICH_EISR_EL2")).toBe(1n);
    expect(m.vgic.readIch("ICH_ELRSR_EL2")).toBe(0b1110n);
    expect(m.vgic.readIch("ICH_MISR_EL2") & 1n).toBe(1n);
    expect(m.lines.maintenance).toBe(true);
    expect(m.lines.irq).toBe(false);
  });

  it("drives the virtual IRQ line only while a pending LR passes PMR and the group is enabled", () => {
    const m = machine(ENABLE);
    m.vgic.writeIch("ICH_HCR_EL2", 1n);
    m.vgic.writeIch("ICH_LR1_EL2", lr({ vintid: 40, priority: 0xf0 }));
    m.run();
    expect(m.lines.irq).toBe(false); // priority 0xF0 is not below PMR 0xF0
    m.vgic.writeIch("ICH_LR1_EL2", lr({ vintid: 40, priority: 0xe8 }));
    expect(m.lines.irq).toBe(true);
    m.vgic.writeIch("ICH_HCR_EL2", 0n); // En = 0: nothing is signalled
    expect(m.lines.irq).toBe(false);
  });

  it("a masked interrupt acknowledges as spurious 1023", () => {
    const m = machine([...ENABLE, mrs("IAR1", 1)]);
    m.vgic.writeIch("ICH_HCR_EL2", 1n);
    m.vgic.writeIch("ICH_LR0_EL2", lr({ vintid: 33, priority: 0xf8 }));
    m.run();
    expect(m.cpu.getX(1)).toBe(1023n);
    expect(m.vgic.readIch("ICH_LR0_EL2") >> 62n).toBe(1n); // still pending
  });

  it("IAR1 returns 1023 for a group 0 interrupt, which IAR0 acknowledges", () => {
    const m = machine([...ENABLE, movz(0, 1), msr("IGRPEN0", 0), mrs("IAR1", 1), mrs("IAR0", 2)]);
    m.vgic.writeIch("ICH_HCR_EL2", 1n);
    m.vgic.writeIch("ICH_LR0_EL2", lr({ vintid: 20, priority: 0x10, group: 0 }));
    expect(m.lines.fiq).toBe(false);
    m.run();
    expect(m.cpu.getX(1)).toBe(1023n);
    expect(m.cpu.getX(2)).toBe(20n);
  });

  it("an active priority blocks equal priorities and lets higher ones preempt", () => {
    const m = machine([...ENABLE, mrs("IAR1", 1), mrs("IAR1", 2)]);
    m.vgic.writeIch("ICH_HCR_EL2", 1n);
    m.vgic.writeIch("ICH_LR0_EL2", lr({ vintid: 50, priority: 0x80 }));
    m.vgic.writeIch("ICH_LR1_EL2", lr({ vintid: 51, priority: 0x80 }));
    m.run();
    expect([m.cpu.getX(1), m.cpu.getX(2)]).toEqual([50n, 1023n]);
    expect(m.lines.irq).toBe(false);
    m.vgic.writeIch("ICH_LR2_EL2", lr({ vintid: 52, priority: 0x40 }));
    expect(m.lines.irq).toBe(true);
  });

  it("EOImode 1: EOIR1 only drops the priority, DIR deactivates", () => {
    const m = machine([...ENABLE, movz(0, 2), msr("CTLR", 0), mrs("IAR1", 1), msr("EOIR1", 1), mrs("RPR", 2)]);
    m.vgic.writeIch("ICH_HCR_EL2", 1n);
    m.vgic.writeIch("ICH_LR0_EL2", lr({ vintid: 60, priority: 0x20, eoi: true }));
    m.run();
    expect(m.cpu.getX(2)).toBe(0xffn);
    expect(m.vgic.readIch("ICH_LR0_EL2") >> 62n).toBe(2n); // still active
    expect((m.vgic.readIch("ICH_VMCR_EL2") >> 9n) & 1n).toBe(1n); // VEOIM
    m.vgic.writeVirtual("ICC_DIR_EL1", 60n);
    expect(m.vgic.readIch("ICH_LR0_EL2") >> 62n).toBe(0n);
    expect(m.vgic.readIch("ICH_EISR_EL2")).toBe(1n);
  });

  it("deactivating a hardware list register deactivates the physical INTID and needs no maintenance", () => {
    const deactivated: number[] = [];
    const m = machine([...ENABLE, mrs("IAR1", 1), msr("EOIR1", 1)], { deactivated });
    m.vgic.writeIch("ICH_HCR_EL2", 1n);
    m.vgic.writeIch("ICH_LR3_EL2", lr({ vintid: 27, priority: 0, pintid: 27 }));
    m.run();
    expect(deactivated).toEqual([27]);
    expect(m.vgic.readIch("ICH_EISR_EL2")).toBe(0n);
    expect(m.lines.maintenance).toBe(false);
  });

  it("an EOI for an interrupt in no list register counts in ICH_HCR_EL2.EOIcount (LRENP maintenance)", () => {
    const m = machine([...ENABLE, mrs("IAR1", 1), movz(1, 99), msr("EOIR1", 1)]);
    m.vgic.writeIch("ICH_HCR_EL2", 1n | 4n); // En, LRENPIE
    m.vgic.writeIch("ICH_LR0_EL2", lr({ vintid: 30, priority: 0x30 }));
    m.run();
    expect(m.vgic.readIch("ICH_HCR_EL2") >> 27n).toBe(1n);
    expect(m.vgic.readIch("ICH_MISR_EL2") & 4n).toBe(4n);
    expect(m.lines.maintenance).toBe(true);
  });
});

describe("ICH registers", () => {
  it("ICH_VTR_EL2: 4 list registers, 5 priority and preemption bits", () => {
    const vgic = new GicV3VirtualInterface({ virtualIrq: { setLevel: () => undefined } });
    const vtr = vgic.readIch("ICH_VTR_EL2");
    expect(vtr & 0x1fn).toBe(3n);
    expect((vtr >> 26n) & 7n).toBe(4n);
    expect((vtr >> 29n) & 7n).toBe(4n);
    expect(() => vgic.readIch("ICH_LR4_EL2")).toThrow(/list registers 0\.\.3/);
  });

  it("binary points: BPR0 ≥ 2, BPR1 ≥ 3; with CBPR BPR1 reads BPR0 + 1 and ignores writes", () => {
    const m = machine([movz(0, 0), msr("BPR0", 0), msr("BPR1", 0), mrs("BPR0", 1), mrs("BPR1", 2), movz(0, 1), msr("CTLR", 0), movz(0, 6), msr("BPR1", 0), mrs("BPR1", 3)]);
    m.run();
    expect([m.cpu.getX(1), m.cpu.getX(2), m.cpu.getX(3)]).toEqual([2n, 3n, 3n]);
  });

  it("ICH_ELRSR_EL2 lists empty registers; save/restore carries the whole state", () => {
    const vgic = new GicV3VirtualInterface({ virtualIrq: { setLevel: () => undefined } });
    vgic.writeIch("ICH_LR2_EL2", lr({ vintid: 9, priority: 0 }));
    expect(vgic.readIch("ICH_ELRSR_EL2")).toBe(0b1011n);
    const saved = vgic.save();
    vgic.restore({ hcr: 0n, vmcr: 0n, ap0r: 0, ap1r: 0, listRegisters: [] });
    expect(vgic.readIch("ICH_ELRSR_EL2")).toBe(0b1111n);
    vgic.restore(saved);
    expect(vgic.readIch("ICH_LR2_EL2")).toBe(lr({ vintid: 9, priority: 0 }));
  });
});
