// Distributor and redistributor behaviours Linux's GICv3 driver relies on, checked against the
// GICv3 architecture specification (IHI 0069: §12.9 GICD_*, §12.10–12.11 GICR_*, §12.2.23
// ICC_SGI1R_EL1), on the vGIC core shared with the GICv2 front end.
import { describe, expect, it } from "vitest";
import type { VgicHost } from "./vgic-core";
import { VgicV3 } from "./vgic-v3";

function setup(vcpus = 2, on: (v: number) => boolean = (v) => v === 0) {
  const lrs: string[] = [];
  const host: VgicHost = {
    injectListRegister: (v, irq, lr) => lrs.push(`${v}:${irq}@${lr}`),
    vcpuIsOn: on,
    log: { info() {}, error() {} },
  };
  return { vgic: new VgicV3(host, vcpus), lrs };
}
const SGI = 0x1_0000;
const RD = (v: number) => v * 0x2_0000;

describe("vGICv3 distributor", () => {
  it("GICD_CTLR: ARE and DS read as one, only the group enables are writable; PIDR2.ArchRev = 3", () => {
    const { vgic } = setup();
    expect(vgic.read(0, 0x0)).toBe(0x50);
    vgic.write(0, 0x0, 0xffff_ffff, 0xffff_ffff);
    expect(vgic.read(0, 0x0)).toBe(0x53);
    expect((vgic.read(0, 0xffe8)! >> 4) & 0xf).toBe(3);
    expect(vgic.read(0, 0x4)! & 0x1f).toBe(7); // ITLinesNumber: 256 INTIDs
    expect((vgic.read(0, 0x4)! >> 19) & 0x1f).toBe(15); // IDbits: 16-bit INTIDs
    expect(vgic.read(0, 0xc)).toBe(0); // GICD_TYPER2: no extended SPIs
  });

  it("with affinity routing, GICD word 0 (SGIs/PPIs) is RAZ/WI and SPI words work", () => {
    const { vgic } = setup();
    vgic.write(0, 0x100, 0xffff_ffff, 0xffff_ffff);
    expect(vgic.read(0, 0x100)).toBe(0);
    vgic.write(0, 0x104, 0x3, 0x3);
    expect(vgic.read(1, 0x104)).toBe(0x3);
    vgic.write(0, 0x420, 0, 0xa0a0_a0a0);
    expect(vgic.read(0, 0x420)).toBe(0xa0a0_a0a0);
    vgic.write(0, 0x400, 0, 0xffff_ffff);
    expect(vgic.read(0, 0x400)).toBe(0);
  });

  it("GICD_IROUTER<n> keeps Aff0-2, IRM and Aff3 for SPIs; IROUTER0-31 are reserved", () => {
    const { vgic } = setup();
    vgic.write(0, 0x6000 + 40 * 8, 0, 0xffff_ffff);
    vgic.write(0, 0x6000 + 40 * 8 + 4, 0, 0xffff_ffff);
    expect(vgic.read(0, 0x6000 + 40 * 8)).toBe(0x80ff_ffff);
    expect(vgic.read(0, 0x6000 + 40 * 8 + 4)).toBe(0xff);
    vgic.write(0, 0x6000 + 8, 0, 1);
    expect(vgic.read(0, 0x6000 + 8)).toBe(0);
  });

  it("inject needs EnableGrp1 (not EnableGrp0) and the IRQ enabled; the IRQ goes to a list register", () => {
    const { vgic, lrs } = setup();
    vgic.register(0, 40, () => undefined, null);
    vgic.write(0, 0x104, 1 << 8, 1 << 8);
    vgic.write(0, 0x0, 1, 1); // EnableGrp0 only
    expect(vgic.inject(0, 40)).toBe(false);
    vgic.write(0, 0x0, 2, 2);
    expect(vgic.inject(0, 40)).toBe(true);
    expect(lrs).toEqual(["0:40@0"]);
  });
});

describe("vGICv3 redistributors", () => {
  it("GICR_TYPER names each vCPU (Processor_Number, Aff0) and sets Last on the final one; PIDR2 says GICv3", () => {
    const { vgic } = setup(2);
    expect(vgic.readRedistributor(RD(0) + 0x8)).toBe(0);
    expect(vgic.readRedistributor(RD(0) + 0xc)).toBe(0);
    expect(vgic.readRedistributor(RD(1) + 0x8)).toBe((1 << 8) | (1 << 4));
    expect(vgic.readRedistributor(RD(1) + 0xc)).toBe(1);
    expect((vgic.readRedistributor(RD(1) + 0xffe8)! >> 4) & 0xf).toBe(3);
    expect(vgic.readRedistributor(RD(2) + 0x8)).toBeNull();
  });

  it("GICR_WAKER: ChildrenAsleep follows ProcessorSleep (Linux clears it and polls)", () => {
    const { vgic } = setup();
    expect(vgic.readRedistributor(0x14)).toBe(6);
    vgic.writeRedistributor(0x14, 2, 0);
    expect(vgic.readRedistributor(0x14)).toBe(0);
    expect(vgic.readRedistributor(RD(1) + 0x14)).toBe(6);
  });

  it("the SGI frame banks ISENABLER0/ICENABLER0, IPRIORITYR and ICFGR per vCPU; SGIs stay enabled; ICFGR0 is fixed", () => {
    const { vgic } = setup();
    vgic.writeRedistributor(SGI + 0x100, 1 << 27, 1 << 27);
    expect(vgic.readRedistributor(SGI + 0x100)).toBe(1 << 27);
    expect(vgic.readRedistributor(RD(1) + SGI + 0x100)).toBe(0);
    vgic.writeRedistributor(SGI + 0x180, 0xffff_ffff, 0);
    expect(vgic.readRedistributor(SGI + 0x180)).toBe(0);
    vgic.writeRedistributor(SGI + 0x100, 0xffff, 0xffff);
    vgic.writeRedistributor(SGI + 0x180, 0xffff, 0);
    expect(vgic.readRedistributor(SGI + 0x100)).toBe(0xffff);
    vgic.writeRedistributor(SGI + 0x418, 0, 0x8090_a0b0);
    expect(vgic.readRedistributor(SGI + 0x418)).toBe(0x8090_a0b0);
    expect(vgic.readRedistributor(RD(1) + SGI + 0x418)).toBe(0);
    expect(vgic.readRedistributor(SGI + 0xc00)).toBe(0xaaaa_aaaa);
    expect(vgic.readRedistributor(SGI + 0x104)).toBe(0); // only word 0 in the SGI frame
  });

  it("ICC_SGI1R_EL1: TargetList picks vCPUs by Aff0, IRM = 1 means all but the sender; vCPUs that are off ignore it", () => {
    const { vgic, lrs } = setup(3, () => true);
    vgic.write(0, 0x0, 2, 2);
    for (let v = 0; v < 3; v++) vgic.register(v, 5, () => undefined, null);
    vgic.writeRedistributor(RD(1) + SGI + 0x100, 1 << 5, 1 << 5);
    vgic.writeRedistributor(RD(2) + SGI + 0x100, 1 << 5, 1 << 5);
    vgic.writeRedistributor(SGI + 0x100, 1 << 5, 1 << 5);
    vgic.sendSgi1r(0, (5n << 24n) | 0b100n); // INTID 5 to Aff0 = 2
    expect(lrs).toEqual(["2:5@0"]);
    vgic.sendSgi1r(2, (5n << 24n) | (1n << 40n)); // IRM: everyone else
    expect(lrs).toEqual(["2:5@0", "0:5@0", "1:5@0"]);
    vgic.sendSgi1r(0, (5n << 24n) | (1n << 16n) | 0b10n); // Aff1 = 1: no such vCPU
    expect(lrs).toHaveLength(3);
  });
});
