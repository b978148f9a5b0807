import { describe, expect, it } from "vitest";
import { KernelSimError } from "../../errors";
import { IrqSignal } from "../device";
import { GICC_CTLR, GICC_REGISTERS as C, GICD_REGISTERS as D, GIC_SPURIOUS_INTID } from "./gic-constants";
import { GicV2 } from "./gic-v2";

function setup(numCpus = 1) {
  const lines = Array.from({ length: numCpus }, () => new IrqSignal());
  const gic = new GicV2({ cpuIrqLines: lines });
  const dist = gic.distributor;
  const cpu = gic.cpuInterface(0);
  return { gic, lines, dist, cpu };
}

type Setup = ReturnType<typeof setup>;

/** Distributor and CPU interface 0 enabled for Group 0, PMR fully open. */
function enabled(numCpus = 1): Setup {
  const s = setup(numCpus);
  s.dist.write(D.CTLR, 4, 1);
  for (let c = 0; c < numCpus; c++) {
    s.gic.cpuInterface(c).write(C.CTLR, 4, GICC_CTLR.ENABLE_GRP0);
    s.gic.cpuInterface(c).write(C.PMR, 4, 0xff);
  }
  return s;
}

function enableIrq(s: Setup, intid: number, priority: number): void {
  s.dist.write(D.ISENABLER + 4 * (intid >> 5), 4, 1 << (intid & 31));
  s.dist.write(D.IPRIORITYR + intid, 1, priority);
}

const iar = (s: Setup, cpu = 0) => s.gic.cpuInterface(cpu).read(C.IAR, 4);
const eoi = (s: Setup, value: number, cpu = 0) => s.gic.cpuInterface(cpu).write(C.EOIR, 4, value);

describe("GICv2 distributor registers (aarch64-linux-boot §6 GICD)", () => {
  it("setEnabled changes the same GICD_ISENABLERn bits a register write does (SGIs RAO/WI) and signals the CPU", () => {
    const s = enabled();
    s.dist.write(D.ISPENDR + 4, 4, 1 << 8); // SPI 40 pending, not yet enabled
    expect(s.lines[0]!.level).toBe(false);
    s.gic.setEnabled(40, true);
    expect(s.dist.read(D.ISENABLER + 4, 4) & (1 << 8)).not.toBe(0);
    expect(s.gic.isEnabled(40)).toBe(true);
    expect(s.lines[0]!.level).toBe(true);
    s.gic.setEnabled(40, false);
    expect(s.dist.read(D.ICENABLER + 4, 4) & (1 << 8)).toBe(0);
    expect(s.lines[0]!.level).toBe(false);
    s.gic.setEnabled(3, false);
    expect(s.dist.read(D.ISENABLER, 4) & (1 << 3)).not.toBe(0);
  });

  it("reports TYPER.ITLines = 8 for QEMU's 288 IRQs and CPUs-1 in [7:5]", () => {
    expect(setup().dist.read(D.TYPER, 4)).toBe(8);
    expect(setup(2).dist.read(D.TYPER, 4)).toBe(8 | (1 << 5));
  });

  it("identifies itself: IIDR implementer Arm 0x43B, PIDR2 ArchRev = 2, CIDR 0xB105F00D", () => {
    const { dist } = setup();
    expect(dist.read(D.IIDR, 4) & 0xfff).toBe(0x43b);
    expect((dist.read(D.PIDR2, 4) >> 4) & 0xf).toBe(2);
    const cid = [0, 1, 2, 3].map((i) => dist.read(D.CIDR0 + 4 * i, 4));
    expect(cid).toEqual([0x0d, 0xf0, 0x05, 0xb1]);
  });

  it("stores CTLR group enables (bits 0-1) and IGROUPR bits", () => {
    const { dist } = setup();
    dist.write(D.CTLR, 4, 0xffffffff);
    expect(dist.read(D.CTLR, 4)).toBe(3);
    dist.write(D.IGROUPR + 4, 4, 0x8000_0001);
    expect(dist.read(D.IGROUPR + 4, 4)).toBe(0x8000_0001);
  });

  it("sets and clears enables through ISENABLER/ICENABLER; SGI enables are RAO/WI", () => {
    const { dist } = setup();
    expect(dist.read(D.ISENABLER, 4)).toBe(0xffff);
    dist.write(D.ICENABLER, 4, 0xffffffff);
    expect(dist.read(D.ISENABLER, 4)).toBe(0xffff);
    dist.write(D.ISENABLER + 4, 4, 0x0000_0006);
    dist.write(D.ISENABLER + 4, 4, 0x0000_0001);
    expect(dist.read(D.ICENABLER + 4, 4)).toBe(7);
    dist.write(D.ICENABLER + 4, 4, 0x0000_0002);
    expect(dist.read(D.ISENABLER + 4, 4)).toBe(5);
  });

  it("treats IPRIORITYR as byte-accessible: a word write sets four priorities", () => {
    const { dist } = setup();
    dist.write(D.IPRIORITYR + 32, 4, 0xa0b0c0d0);
    expect(dist.read(D.IPRIORITYR + 33, 1)).toBe(0xc0);
    dist.write(D.IPRIORITYR + 34, 1, 0x11);
    expect(dist.read(D.IPRIORITYR + 32, 4)).toBe(0xa011c0d0);
    expect(dist.read(D.IPRIORITYR + 34, 2)).toBe(0xa011);
  });

  it("makes ITARGETSR RAZ/WI on a uniprocessor GIC (GICv2 §4.3.12)", () => {
    const { dist } = setup();
    dist.write(D.ITARGETSR + 32, 4, 0x01010101);
    expect(dist.read(D.ITARGETSR, 4)).toBe(0);
    expect(dist.read(D.ITARGETSR + 32, 4)).toBe(0);
  });

  it("with two CPUs, banks ITARGETSR0-7 read-only returning the reader's bit; SPI targets are RW", () => {
    const { gic } = setup(2);
    expect(gic.distributorFor(0).read(D.ITARGETSR, 4)).toBe(0x01010101);
    expect(gic.distributorFor(1).read(D.ITARGETSR + 28, 4)).toBe(0x02020202);
    gic.distributorFor(1).write(D.ITARGETSR + 16, 4, 0x03030303);
    expect(gic.distributorFor(1).read(D.ITARGETSR + 16, 4)).toBe(0x02020202);
    gic.distributorFor(0).write(D.ITARGETSR + 32, 1, 0xff);
    expect(gic.distributorFor(1).read(D.ITARGETSR + 32, 1)).toBe(0x03); // masked to existing CPUs
  });

  it("reads ICFGR0 as all-edge for SGIs (read-only) and stores bit 2F+1 = edge for others", () => {
    const { dist } = setup();
    dist.write(D.ICFGR, 4, 0);
    expect(dist.read(D.ICFGR, 4)).toBe(0xaaaaaaaa);
    dist.write(D.ICFGR + 8, 4, 0x0000_000a);
    expect(dist.read(D.ICFGR + 8, 4)).toBe(0x0000_000a); // INTIDs 32 and 33 edge
  });

  it("sets and clears pending and active bits through IS/ICPENDR and IS/ICACTIVER", () => {
    const { dist, gic } = setup();
    dist.write(D.ISPENDR + 4, 4, 1 << 8);
    expect(gic.isPending(40)).toBe(true);
    expect(dist.read(D.ICPENDR + 4, 4)).toBe(1 << 8);
    dist.write(D.ICPENDR + 4, 4, 1 << 8);
    expect(gic.isPending(40)).toBe(false);
    dist.write(D.ISACTIVER + 4, 4, 1 << 9);
    expect(dist.read(D.ICACTIVER + 4, 4)).toBe(1 << 9);
    dist.write(D.ICACTIVER + 4, 4, 1 << 9);
    expect(gic.isActive(41)).toBe(false);
    dist.write(D.ISPENDR, 4, 0xffff); // SGI pending bits are WI here; SPENDSGIR sets them
    expect(dist.read(D.ISPENDR, 4)).toBe(0);
  });

  it("keeps a level interrupt pending after ICPENDR while its line is high; an edge is latched once", () => {
    const { dist, gic } = setup();
    gic.setLevel(40, true);
    dist.write(D.ICPENDR + 4, 4, 1 << 8);
    expect(gic.isPending(40)).toBe(true);
    gic.setLevel(40, false);
    expect(gic.isPending(40)).toBe(false);
    dist.write(D.ICFGR + 10, 1, 0x02); // INTID 40 edge-triggered
    gic.setLevel(40, true);
    gic.setLevel(40, false);
    expect(gic.isPending(40)).toBe(true);
  });

  it("rejects input lines that do not exist (SGIs, beyond 287) with the package error", () => {
    const { gic } = setup();
    expect(() => gic.setLevel(3, true)).toThrow(KernelSimError);
    expect(() => gic.setLevel(288, true)).toThrow(/INTID 288/);
    expect(() => gic.cpuInterface(1)).toThrow(KernelSimError);
  });
});

describe("GICv2 SGIs (aarch64-linux-boot §6 SGIR)", () => {
  it("delivers a self-IPI (filter 2) with the source CPU in IAR[12:10]", () => {
    const s = enabled();
    s.dist.write(D.SGIR, 4, (2 << 24) | 5);
    expect(s.lines[0]!.level).toBe(true);
    expect(iar(s)).toBe(5);
    eoi(s, 5);
    expect(s.lines[0]!.level).toBe(false);
  });

  it("sends to a target list (filter 0) and to all others (filter 1); reports the source per target", () => {
    const s = enabled(3);
    s.gic.distributorFor(2).write(D.SGIR, 4, (0 << 24) | (0b011 << 16) | 7);
    expect(iar(s, 0)).toBe(7 | (2 << 10));
    expect(iar(s, 1)).toBe(7 | (2 << 10));
    expect(iar(s, 2)).toBe(GIC_SPURIOUS_INTID);
    s.gic.distributorFor(1).write(D.SGIR, 4, (1 << 24) | 3);
    expect(iar(s, 1)).toBe(GIC_SPURIOUS_INTID);
    expect(iar(s, 2)).toBe(3 | (1 << 10));
  });

  it("ignores a sub-word write to SGIR", () => {
    const s = enabled();
    s.dist.write(D.SGIR, 2, 5);
    s.dist.write(D.SGIR + 2, 2, 0x200);
    expect(s.lines[0]!.level).toBe(false);
  });

  it("keeps an SGI pending from each source separately and shows them in C/SPENDSGIR", () => {
    const s = enabled(2);
    const d0 = s.gic.distributorFor(0);
    d0.write(D.SPENDSGIR, 1, 0b11); // SGI 0 pending from CPUs 0 and 1
    expect(d0.read(D.CPENDSGIR, 1)).toBe(0b11);
    expect(iar(s)).toBe(0);
    eoi(s, 0);
    expect(iar(s)).toBe(0 | (1 << 10));
    eoi(s, 1 << 10);
    d0.write(D.SPENDSGIR + 1, 1, 0b10);
    d0.write(D.CPENDSGIR + 1, 1, 0b10);
    expect(d0.read(D.SPENDSGIR, 4)).toBe(0);
  });
});

describe("GICv2 CPU interface (aarch64-linux-boot §6 GICC)", () => {
  it("returns IIDR 0x0002043B, which passes Linux's (v & 0xff0fff) == 0x02043B check", () => {
    const { cpu } = setup();
    expect(cpu.read(C.IIDR, 4)).toBe(0x0002043b);
    expect(cpu.read(C.IIDR, 4) & 0xff0fff).toBe(0x02043b);
  });

  it("signals an interrupt only when enabled, pending and below PMR (enable rules)", () => {
    const s = setup();
    s.gic.setLevel(33, true);
    enableIrq(s, 33, 0xa0);
    expect(s.lines[0]!.level).toBe(false); // distributor and CPU interface disabled
    s.dist.write(D.CTLR, 4, 1);
    s.cpu.write(C.CTLR, 4, 1);
    expect(s.lines[0]!.level).toBe(false); // PMR = 0 masks everything
    s.cpu.write(C.PMR, 4, 0xa0);
    expect(s.lines[0]!.level).toBe(false); // priority must be strictly below PMR
    s.cpu.write(C.PMR, 4, 0xf0);
    expect(s.lines[0]!.level).toBe(true);
    s.dist.write(D.ICENABLER + 4, 4, 1 << 1);
    expect(s.lines[0]!.level).toBe(false);
    expect(iar(s)).toBe(GIC_SPURIOUS_INTID);
  });

  it("acknowledges the highest priority first, the lowest INTID on a tie", () => {
    const s = enabled();
    for (const [intid, prio] of [[40, 0x80], [35, 0x40], [34, 0x40]] as const) {
      enableIrq(s, intid, prio);
      s.gic.setLevel(intid, true);
    }
    expect(s.cpu.read(C.HPPIR, 4)).toBe(34);
    expect(iar(s)).toBe(34);
  });

  it("makes an acknowledged level interrupt active and pending while its line is high; EOI re-signals it", () => {
    const s = enabled();
    enableIrq(s, 33, 0xa0);
    s.gic.setLevel(33, true);
    expect(iar(s)).toBe(33);
    expect(s.gic.isActive(33)).toBe(true);
    expect(s.gic.isPending(33)).toBe(true);
    expect(s.lines[0]!.level).toBe(false); // an active interrupt is not signalled again
    expect(iar(s)).toBe(GIC_SPURIOUS_INTID);
    eoi(s, 33);
    expect(s.gic.isActive(33)).toBe(false);
    expect(s.lines[0]!.level).toBe(true);
    s.gic.setLevel(33, false);
    expect(s.lines[0]!.level).toBe(false);
  });

  it("clears an edge interrupt's pending state on acknowledge", () => {
    const s = enabled();
    s.dist.write(D.ICFGR + 8, 1, 0x08); // INTID 33 edge
    enableIrq(s, 33, 0xa0);
    s.gic.setLevel(33, true);
    expect(iar(s)).toBe(33);
    expect(s.gic.isPending(33)).toBe(false);
    eoi(s, 33);
    expect(s.lines[0]!.level).toBe(false); // the line is still high but there was no new edge
  });

  it("lets a higher priority preempt the running one, not an equal or lower one; RPR tracks it", () => {
    const s = enabled();
    enableIrq(s, 40, 0x80);
    enableIrq(s, 41, 0x80);
    enableIrq(s, 42, 0x40);
    expect(s.cpu.read(C.RPR, 4)).toBe(0xff);
    s.gic.setLevel(40, true);
    expect(iar(s)).toBe(40);
    expect(s.cpu.read(C.RPR, 4)).toBe(0x80);
    s.gic.setLevel(41, true);
    expect(s.lines[0]!.level).toBe(false);
    expect(iar(s)).toBe(GIC_SPURIOUS_INTID);
    expect(s.cpu.read(C.HPPIR, 4)).toBe(41); // pending, just not preempting
    s.gic.setLevel(42, true);
    expect(iar(s)).toBe(42);
    expect(s.cpu.read(C.RPR, 4)).toBe(0x40);
    s.gic.setLevel(42, false);
    eoi(s, 42);
    expect(s.cpu.read(C.RPR, 4)).toBe(0x80);
    s.gic.setLevel(40, false);
    eoi(s, 40);
    expect(iar(s)).toBe(41);
  });

  it("compares group priority under BPR: with BPR = 3 priorities 0x40 and 0x48 do not preempt each other", () => {
    const s = enabled();
    s.cpu.write(C.BPR, 4, 3);
    expect(s.cpu.read(C.BPR, 4)).toBe(3);
    enableIrq(s, 40, 0x48);
    enableIrq(s, 41, 0x40);
    s.gic.setLevel(40, true);
    expect(iar(s)).toBe(40);
    s.gic.setLevel(41, true);
    expect(iar(s)).toBe(GIC_SPURIOUS_INTID);
  });

  it("records the active priority in APR0 and restores it from a write", () => {
    const s = enabled();
    enableIrq(s, 40, 0x10);
    s.gic.setLevel(40, true);
    iar(s);
    expect(s.cpu.read(C.APR0, 4)).toBe(1 << (0x10 >> 1));
    s.cpu.write(C.APR0, 4, 0);
    expect(s.cpu.read(C.RPR, 4)).toBe(0xff);
  });

  it("splits priority drop and deactivation with EOImode = 1: EOIR drops, DIR deactivates", () => {
    const s = enabled();
    s.cpu.write(C.CTLR, 4, GICC_CTLR.ENABLE_GRP0 | GICC_CTLR.EOI_MODE);
    enableIrq(s, 40, 0x80);
    s.gic.setLevel(40, true);
    expect(iar(s)).toBe(40);
    eoi(s, 40);
    expect(s.cpu.read(C.RPR, 4)).toBe(0xff);
    expect(s.gic.isActive(40)).toBe(true);
    expect(s.lines[0]!.level).toBe(false);
    s.cpu.write(C.DIR, 4, 40);
    expect(s.gic.isActive(40)).toBe(false);
    expect(s.lines[0]!.level).toBe(true);
  });

  it("ignores EOIR of the spurious ID and DIR in EOImode 0", () => {
    const s = enabled();
    enableIrq(s, 40, 0x80);
    s.gic.setLevel(40, true);
    iar(s);
    eoi(s, GIC_SPURIOUS_INTID);
    s.cpu.write(C.DIR, 4, 40);
    expect(s.gic.isActive(40)).toBe(true);
    expect(s.cpu.read(C.RPR, 4)).toBe(0x80);
  });

  it("returns 1022 for a Group 1 interrupt unless AckCtl is set", () => {
    const s = enabled();
    s.dist.write(D.CTLR, 4, 3);
    s.dist.write(D.IGROUPR + 4, 4, 1 << 8);
    s.cpu.write(C.CTLR, 4, GICC_CTLR.ENABLE_GRP0 | GICC_CTLR.ENABLE_GRP1);
    enableIrq(s, 40, 0x80);
    s.gic.setLevel(40, true);
    expect(iar(s)).toBe(1022);
    s.cpu.write(C.CTLR, 4, GICC_CTLR.ENABLE_GRP0 | GICC_CTLR.ENABLE_GRP1 | GICC_CTLR.ACK_CTL);
    expect(iar(s)).toBe(40);
  });

  it("routes an SPI only to the CPUs in its ITARGETSR byte when there are several CPUs", () => {
    const s = enabled(2);
    enableIrq(s, 50, 0x80);
    s.dist.write(D.ITARGETSR + 50, 1, 0x02);
    s.gic.setLevel(50, true);
    expect(s.lines[0]!.level).toBe(false);
    expect(s.lines[1]!.level).toBe(true);
  });

  it("banks PPIs per CPU: a PPI line of CPU 1 does not reach CPU 0", () => {
    const s = enabled(2);
    s.gic.distributorFor(1).write(D.ISENABLER, 4, 1 << 27);
    s.gic.distributorFor(1).write(D.IPRIORITYR + 27, 1, 0x20);
    s.gic.setLevel(27, true, 1);
    expect(s.lines[0]!.level).toBe(false);
    expect(iar(s, 1)).toBe(27);
  });

  it("reads narrow or misaligned CPU interface accesses as zero and ignores them", () => {
    const s = enabled();
    s.cpu.write(C.PMR, 1, 0);
    expect(s.cpu.read(C.PMR, 4)).toBe(0xff);
    expect(s.cpu.read(C.IIDR, 2)).toBe(0);
  });
});

describe("GICv2 as Linux 6.1 drives it (aarch64-linux-boot §6 Linux init)", () => {
  it("takes the PL011 interrupt after Linux's distributor and CPU interface setup", () => {
    const s = setup();
    const { dist, cpu } = s;
    dist.write(D.CTLR, 4, 0);
    for (let i = 32; i < 288; i += 4) dist.write(D.ITARGETSR + i, 4, 0x01010101);
    for (let i = 32; i < 288; i += 16) dist.write(D.ICFGR + i / 4, 4, 0);
    for (let i = 32; i < 288; i += 4) dist.write(D.IPRIORITYR + i, 4, 0xa0a0a0a0);
    for (let i = 32; i < 288; i += 32) dist.write(D.ICENABLER + i / 8, 4, 0xffffffff);
    dist.write(D.CTLR, 4, 1);
    dist.write(D.ISENABLER, 4, 0xffff);
    cpu.write(C.PMR, 4, 0xf0);
    for (let i = 0; i < 4; i++) cpu.write(C.APR0 + 4 * i, 4, 0);
    cpu.write(C.CTLR, 4, 1);
    dist.write(D.ISENABLER + 4, 4, 1 << 1); // INTID 33
    s.gic.setLevel(33, true);
    expect(s.lines[0]!.level).toBe(true);
    expect(iar(s)).toBe(33);
    s.gic.setLevel(33, false); // the driver drained the UART
    eoi(s, 33);
    expect(iar(s)).toBe(GIC_SPURIOUS_INTID);
  });
});

describe("GICv2 save()/restore()", () => {
  it("round-trips distributor and CPU interface state, active priorities and line levels included", () => {
    const a = enabled(2);
    enableIrq(a, 33, 0xa0);
    enableIrq(a, 40, 0x40);
    a.dist.write(D.ICFGR + 10, 1, 0x02);
    a.dist.write(D.ITARGETSR + 33, 1, 3);
    a.dist.write(D.ITARGETSR + 40, 1, 1);
    a.gic.setLevel(33, true);
    a.gic.setLevel(40, true);
    expect(iar(a)).toBe(40);
    a.gic.distributorFor(1).write(D.SGIR, 4, (1 << 16) | 2);
    const state = a.gic.save();
    expect(state.distributor.shared.find((irq) => irq.intid === 33)).toMatchObject({
      enabled: true,
      lineLevel: true,
      priority: 0xa0,
      targets: 3,
    });

    const b = setup(2);
    b.gic.restore(structuredClone(state));
    expect(b.gic.save()).toEqual(state);
    expect(b.lines.map((line) => line.level)).toEqual(a.lines.map((line) => line.level));
    expect(b.cpu.read(C.RPR, 4)).toBe(0x40);
    expect(b.gic.cpuInterface(0).read(C.HPPIR, 4)).toBe(2 | (1 << 10)); // SGI 2 from CPU 1, for CPU 0 only
    expect(b.gic.cpuInterface(1).read(C.HPPIR, 4)).toBe(33);
  });
});
