// Distributor behaviours Linux relies on, checked against the GICv2 architecture (IHI 0048B §4.3).
import { describe, expect, it } from "vitest";
import { VgicV2, type VgicHost } from "./vgic-v2";

function setup(vcpus = 2) {
  const lrs: string[] = [];
  const errors: string[] = [];
  const host: VgicHost = {
    injectListRegister: (v, irq, lr) => lrs.push(`${v}:${irq}@${lr}`),
    vcpuIsOn: (v) => v === 0,
    log: { info() {}, error: (f, t) => errors.push(`${f}: ${t}`) },
  };
  const vgic = new VgicV2(host, vcpus);
  const acks: string[] = [];
  return { vgic, lrs, errors, acks, ack: (v: number, irq: number) => acks.push(`${v}:${irq}`) };
}

describe("vGICv2 distributor", () => {
  it("GICD_CTLR enable bit; TYPER and IIDR are read-only reset values", () => {
    const { vgic } = setup();
    expect(vgic.read(0, 0x000)).toBe(0);
    vgic.write(0, 0x000, 1, 1);
    expect(vgic.read(0, 0x000)).toBe(1);
    vgic.write(0, 0x004, 0, 0);
    expect(vgic.read(0, 0x004)).toBe(0xfce7);
    expect(vgic.read(0, 0x008)).toBe(0x0200_043b);
  });

  it("ISENABLER sets and ICENABLER clears; both read the enable bits; SGIs stay enabled; bank 0 is per CPU", () => {
    const { vgic } = setup();
    vgic.write(0, 0x104, 0x0001_0001, 0);
    expect(vgic.read(0, 0x104)).toBe(0x0001_0001);
    expect(vgic.read(1, 0x184)).toBe(0x0001_0001); // SPIs are shared
    vgic.write(0, 0x184, 0x1, 0);
    expect(vgic.read(0, 0x104)).toBe(0x0001_0000);
    vgic.write(0, 0x100, 0x8000_0003, 0);
    vgic.write(0, 0x180, 0x8000_0003, 0); // ICENABLER0: SGI bits are RAO/WI on GIC-400
    expect(vgic.read(0, 0x100)).toBe(0x3);
    expect(vgic.read(1, 0x100)).toBe(0); // vCPU 1 has its own SGI/PPI bank
  });

  it("IPRIORITYR holds byte fields; ITARGETSR0-7 read as the reading CPU; ICFGR keeps only the edge bits; ICFGR0 is fixed", () => {
    const { vgic } = setup();
    vgic.write(0, 0x430, 0, 0xa0b0_c0d0);
    expect(vgic.read(0, 0x430)).toBe(0xa0b0_c0d0);
    expect(vgic.read(0, 0x800)).toBe(0x0101_0101);
    expect(vgic.read(1, 0x81c)).toBe(0x0202_0202);
    vgic.write(0, 0x830, 0, 0x0102_0401);
    expect(vgic.read(0, 0x830)).toBe(0x0102_0401);
    vgic.write(0, 0xc04, 0, 0xffff_ffff);
    expect(vgic.read(0, 0xc04)).toBe(0xaaaa_aaaa);
    expect(vgic.read(0, 0xc00)).toBe(0xaaaa_aaaa);
  });

  it("inject: refused unless registered, the distributor enabled and the IRQ enabled", () => {
    const { vgic, lrs, errors, ack } = setup();
    expect(vgic.inject(0, 40)).toBe(false);
    expect(errors[0]).toMatch(/vIRQ 40 is not registered/);
    vgic.register(0, 40, ack, null);
    expect(vgic.inject(0, 40)).toBe(false); // distributor off
    vgic.write(0, 0x000, 1, 1);
    expect(vgic.inject(0, 40)).toBe(false); // IRQ disabled
    vgic.write(0, 0x104, 1 << 8, 0);
    expect(vgic.inject(0, 40)).toBe(true);
    expect(lrs).toEqual(["0:40@0"]);
    expect(vgic.register(0, 40, ack, null)).toBe(false);
  });

  it("more IRQs than list registers wait in the queue and load as maintenance frees list registers", () => {
    const { vgic, lrs, acks, ack } = setup();
    vgic.write(0, 0x000, 1, 1);
    vgic.write(0, 0x104, 0x3f, 0);
    for (let irq = 32; irq < 38; irq++) {
      vgic.register(0, irq, ack, null);
      expect(vgic.inject(0, irq)).toBe(true);
    }
    expect(lrs).toEqual(["0:32@0", "0:33@1", "0:34@2", "0:35@3"]);
    expect(vgic.read(0, 0x204)).toBe(0x30); // 36 and 37 pending in the distributor
    vgic.maintenance(0, 1);
    vgic.maintenance(0, 3);
    expect(lrs.slice(4)).toEqual(["0:36@1", "0:37@3"]);
    expect(acks).toEqual(["0:33", "0:35"]);
  });

  it("ISENABLER on a registered IRQ that is not pending calls its ack (re-arms a pass-through source)", () => {
    const { vgic, acks, ack } = setup();
    vgic.register(0, 33, ack, null);
    vgic.write(0, 0x104, 0x2, 0);
    expect(acks).toEqual(["0:33"]);
  });

  it("GICD_SGIR: target list, all-but-self and self filters; vCPUs that are off are skipped", () => {
    const { vgic, lrs, ack } = setup();
    vgic.write(0, 0x000, 1, 1);
    vgic.register(0, 3, ack, null);
    vgic.register(1, 3, ack, null);
    vgic.write(0, 0x100, 0xffff, 0);
    vgic.write(1, 0x100, 0xffff, 0);
    vgic.write(0, 0xf00, 0, (2 << 24) | 3); // self
    expect(lrs).toEqual(["0:3@0"]);
    vgic.write(0, 0xf00, 0, (1 << 24) | 3); // all others: vCPU 1 is off
    vgic.write(0, 0xf00, 0, (0 << 24) | (0x3 << 16) | 3); // list {0,1}: 0 already in an LR, pending again
    expect(lrs).toEqual(["0:3@0", "0:3@1"]);
  });

  it("reset clears the distributor and returns the IRQs in flight; registrations stay", () => {
    const { vgic, ack } = setup();
    vgic.write(0, 0x000, 1, 1);
    vgic.register(0, 50, ack, null);
    vgic.write(0, 0x104, 1 << 18, 0);
    vgic.inject(0, 50);
    expect(vgic.reset()).toEqual([{ vcpu: 0, irq: 50 }]);
    expect(vgic.read(0, 0x000)).toBe(0);
    expect(vgic.read(0, 0x104)).toBe(0);
    expect(vgic.registration(0, 50)).toBeDefined();
  });
});
