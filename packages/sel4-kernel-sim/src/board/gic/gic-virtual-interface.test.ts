import { describe, expect, it } from "vitest";
import { IrqSignal } from "../device";
import { GICC_CTLR, GICC_REGISTERS as V, GIC_SPURIOUS_INTID } from "./gic-constants";
import { GICH_HCR, GICH_MISR, GICH_REGISTERS as H, GICH_VMCR, GicVirtualInterface } from "./gic-virtual-interface";
import { LR_STATE, decodeListRegister, encodeListRegister, type ListRegister } from "./list-register";

function setup() {
  const virtualIrq = new IrqSignal();
  const maintenanceIrq = new IrqSignal();
  const deactivated: number[] = [];
  const vgic = new GicVirtualInterface({
    virtualIrq,
    maintenanceIrq,
    deactivatePhysical: (pid) => deactivated.push(pid),
  });
  return { vgic, virtualIrq, maintenanceIrq, deactivated, gich: vgic.hypervisorWindow, gicv: vgic.guestWindow };
}

/** Hypervisor enabled, guest CPU interface enabled for Group 0 with PMR open. */
function running() {
  const s = setup();
  s.gich.write(H.HCR, 4, GICH_HCR.EN);
  s.gicv.write(V.CTLR, 4, GICC_CTLR.ENABLE_GRP0);
  s.gicv.write(V.PMR, 4, 0xf8);
  return s;
}

const software = (fields: Partial<ListRegister>): number =>
  encodeListRegister({
    virtualId: 0,
    physicalId: 0,
    sourceCpu: 0,
    eoiMaintenance: false,
    priority: 0,
    state: LR_STATE.pending,
    group: 0,
    hardware: false,
    ...fields,
  });

describe("GICv2 list registers (aarch64-linux-boot §6 LR layout)", () => {
  it("packs vID[9:0], Prio[27:23], State[29:28], Grp1 30, HW 31, pID[19:10] with HW", () => {
    const value = encodeListRegister({
      virtualId: 27,
      physicalId: 27,
      sourceCpu: 0,
      eoiMaintenance: false,
      priority: 0x1f,
      state: LR_STATE.pendingActive,
      group: 1,
      hardware: true,
    });
    expect(value).toBe(((1 << 31) | (1 << 30) | (3 << 28) | (0x1f << 23) | (27 << 10) | 27) >>> 0);
    expect(decodeListRegister(value)).toMatchObject({ virtualId: 27, physicalId: 27, hardware: true, group: 1 });
  });

  it("packs the SGI source CPU [12:10] and EOI bit 19 when HW = 0", () => {
    const value = software({ virtualId: 3, sourceCpu: 5, eoiMaintenance: true, state: LR_STATE.active });
    expect(value).toBe((2 << 28) | (1 << 19) | (5 << 10) | 3);
    expect(decodeListRegister(value)).toMatchObject({ sourceCpu: 5, eoiMaintenance: true, physicalId: 0 });
  });
});

describe("GICH registers (aarch64-linux-boot §6 GICH)", () => {
  it("reports VTR with 4 list registers and 5 priority bits", () => {
    const { gich } = setup();
    const vtr = gich.read(H.VTR, 4);
    expect(vtr & 0x3f).toBe(3);
    expect(vtr >>> 29).toBe(4);
  });

  it("reads LR0-3 at 0x100 + 4n and ignores the unimplemented ones", () => {
    const { gich, vgic } = setup();
    gich.write(H.LR0 + 8, 4, 0x1234);
    gich.write(H.LR0 + 16, 4, 0x5678);
    expect(vgic.readListRegister(2)).toBe(0x1234);
    expect(gich.read(H.LR0 + 16, 4)).toBe(0);
  });

  it("lists empty list registers in ELRSR and EOI-maintenance ones in EISR", () => {
    const { gich } = setup();
    expect(gich.read(H.ELRSR0, 4)).toBe(0xf);
    gich.write(H.LR0, 4, software({ virtualId: 40 }));
    gich.write(H.LR0 + 4, 4, software({ virtualId: 41, state: LR_STATE.invalid, eoiMaintenance: true }));
    expect(gich.read(H.ELRSR0, 4)).toBe(0b1100);
    expect(gich.read(H.EISR0, 4)).toBe(0b0010);
  });

  it("raises MISR.U when UIE is set and at most one list register is valid", () => {
    const { gich, maintenanceIrq } = setup();
    gich.write(H.HCR, 4, GICH_HCR.EN | GICH_HCR.UIE);
    expect(gich.read(H.MISR, 4)).toBe(GICH_MISR.U);
    expect(maintenanceIrq.level).toBe(true);
    gich.write(H.LR0, 4, software({ virtualId: 40 }));
    gich.write(H.LR0 + 4, 4, software({ virtualId: 41 }));
    expect(gich.read(H.MISR, 4)).toBe(0);
    expect(maintenanceIrq.level).toBe(false);
  });

  it("raises MISR.NP when NPIE is set and no list register is pending", () => {
    const { gich } = setup();
    gich.write(H.HCR, 4, GICH_HCR.EN | GICH_HCR.NPIE);
    expect(gich.read(H.MISR, 4) & GICH_MISR.NP).toBe(GICH_MISR.NP);
    gich.write(H.LR0, 4, software({ virtualId: 40 }));
    expect(gich.read(H.MISR, 4) & GICH_MISR.NP).toBe(0);
  });

  it("raises the VGrp0E/VGrp0D/VGrp1E/VGrp1D conditions from the guest's group enables", () => {
    const { gich, gicv } = setup();
    gich.write(H.HCR, 4, GICH_HCR.VGRP0EIE | GICH_HCR.VGRP0DIE | GICH_HCR.VGRP1EIE | GICH_HCR.VGRP1DIE);
    expect(gich.read(H.MISR, 4)).toBe(GICH_MISR.VGRP0D | GICH_MISR.VGRP1D);
    gicv.write(V.CTLR, 4, GICC_CTLR.ENABLE_GRP0);
    expect(gich.read(H.MISR, 4)).toBe(GICH_MISR.VGRP0E | GICH_MISR.VGRP1D);
  });

  it("keeps the maintenance line low while HCR.En is clear", () => {
    const { gich, maintenanceIrq } = setup();
    gich.write(H.HCR, 4, GICH_HCR.UIE);
    expect(gich.read(H.MISR, 4)).toBe(GICH_MISR.U);
    expect(maintenanceIrq.level).toBe(false);
  });

  it("maps GICV_CTLR, PMR and BPR onto VMCR fields", () => {
    const { gich, gicv } = setup();
    gicv.write(V.CTLR, 4, GICC_CTLR.ENABLE_GRP0 | GICC_CTLR.EOI_MODE);
    gicv.write(V.PMR, 4, 0xf0);
    gicv.write(V.BPR, 4, 4);
    const vmcr = gich.read(H.VMCR, 4);
    expect(vmcr & 1).toBe(1);
    expect(vmcr & GICH_VMCR.VEM).toBe(GICH_VMCR.VEM);
    expect(vmcr >>> 27).toBe(0xf0 >> 3);
    expect((vmcr >>> 21) & 7).toBe(4);
    gich.write(H.VMCR, 4, 0x1f << 27);
    expect(gicv.read(V.PMR, 4)).toBe(0xf8);
    expect(gicv.read(V.CTLR, 4)).toBe(0);
    expect(gicv.read(V.BPR, 4)).toBe(2); // below the minimum binary point for 5 priority bits
  });
});

describe("GICV guest interface (aarch64-linux-boot §6 GICV)", () => {
  it("returns IIDR 0x0002043B like GICC", () => {
    expect(setup().gicv.read(V.IIDR, 4)).toBe(0x0002043b);
  });

  it("IAR takes the highest-priority pending LR and makes it active; EOIR invalidates it", () => {
    const s = running();
    s.gich.write(H.LR0, 4, software({ virtualId: 40, priority: 8 }));
    s.gich.write(H.LR0 + 4, 4, software({ virtualId: 41, priority: 2 }));
    expect(s.virtualIrq.level).toBe(true);
    expect(s.gicv.read(V.HPPIR, 4)).toBe(41);
    expect(s.gicv.read(V.IAR, 4)).toBe(41);
    expect(s.vgic.listRegister(1).state).toBe(LR_STATE.active);
    expect(s.gicv.read(V.RPR, 4)).toBe(2 << 3);
    expect(s.gicv.read(V.IAR, 4)).toBe(GIC_SPURIOUS_INTID); // 40 does not preempt
    s.gicv.write(V.EOIR, 4, 41);
    expect(s.vgic.listRegister(1).state).toBe(LR_STATE.invalid);
    expect(s.gicv.read(V.RPR, 4)).toBe(0xff);
    expect(s.gicv.read(V.IAR, 4)).toBe(40);
  });

  it("does not signal when HCR.En is clear, the group is disabled or the priority is masked", () => {
    const s = setup();
    s.gich.write(H.LR0, 4, software({ virtualId: 40, priority: 0x10 }));
    expect(s.virtualIrq.level).toBe(false);
    s.gich.write(H.HCR, 4, GICH_HCR.EN);
    expect(s.virtualIrq.level).toBe(false); // group 0 not enabled by the guest
    s.gicv.write(V.CTLR, 4, GICC_CTLR.ENABLE_GRP0);
    expect(s.virtualIrq.level).toBe(false); // PMR 0
    s.gicv.write(V.PMR, 4, 0x80);
    expect(s.virtualIrq.level).toBe(false); // 0x10 << 3 = 0x80 is not below PMR
    s.gicv.write(V.PMR, 4, 0x88);
    expect(s.virtualIrq.level).toBe(true);
  });

  it("reports a software SGI's source CPU in IAR[12:10] and matches it on EOI", () => {
    const s = running();
    s.gich.write(H.LR0, 4, software({ virtualId: 1, sourceCpu: 3 }));
    expect(s.gicv.read(V.IAR, 4)).toBe(1 | (3 << 10));
    s.gicv.write(V.EOIR, 4, 1); // wrong source: no LR matches, EOICount counts it
    expect(s.vgic.listRegister(0).state).toBe(LR_STATE.active);
    expect(s.gich.read(H.HCR, 4) >>> 27).toBe(1);
  });

  it("counts EOIs that match no LR in HCR.EOICount and raises LRENP when LRENPIE is set", () => {
    const s = running();
    s.gich.write(H.HCR, 4, GICH_HCR.EN | GICH_HCR.LRENPIE);
    s.gich.write(H.APR, 4, 1); // an interrupt the hypervisor took out of the LRs is still active
    s.gicv.write(V.EOIR, 4, 77);
    expect(s.gich.read(H.HCR, 4) >>> 27).toBe(1);
    expect(s.gich.read(H.MISR, 4) & GICH_MISR.LRENP).toBe(GICH_MISR.LRENP);
    expect(s.maintenanceIrq.level).toBe(true);
  });

  it("on EOI of an LR with the EOI bit, reports it in EISR/MISR.EOI and raises maintenance", () => {
    const s = running();
    s.gich.write(H.LR0 + 8, 4, software({ virtualId: 44, eoiMaintenance: true }));
    expect(s.gicv.read(V.IAR, 4)).toBe(44);
    expect(s.maintenanceIrq.level).toBe(false);
    s.gicv.write(V.EOIR, 4, 44);
    expect(s.gich.read(H.EISR0, 4)).toBe(0b100);
    expect(s.gich.read(H.MISR, 4) & GICH_MISR.EOI).toBe(GICH_MISR.EOI);
    expect(s.maintenanceIrq.level).toBe(true);
  });

  it("deactivates the physical interrupt when the guest EOIs a hardware LR, without maintenance", () => {
    const s = running();
    s.gich.write(
      H.LR0,
      4,
      encodeListRegister({
        virtualId: 27,
        physicalId: 30,
        sourceCpu: 0,
        eoiMaintenance: false,
        priority: 1,
        state: LR_STATE.pending,
        group: 0,
        hardware: true,
      }),
    );
    expect(s.gicv.read(V.IAR, 4)).toBe(27);
    s.gicv.write(V.EOIR, 4, 27);
    expect(s.deactivated).toEqual([30]);
    expect(s.maintenanceIrq.level).toBe(false);
  });

  it("turns an active+pending LR back into pending on EOI", () => {
    const s = running();
    s.gich.write(H.LR0, 4, software({ virtualId: 40 }));
    s.gicv.read(V.IAR, 4);
    s.gich.write(H.LR0, 4, software({ virtualId: 40, state: LR_STATE.pendingActive }));
    s.gicv.write(V.EOIR, 4, 40);
    expect(s.vgic.listRegister(0).state).toBe(LR_STATE.pending);
    expect(s.gicv.read(V.IAR, 4)).toBe(40);
  });

  it("with GICV_CTLR.EOImode = 1, EOIR only drops priority and DIR deactivates", () => {
    const s = running();
    s.gicv.write(V.CTLR, 4, GICC_CTLR.ENABLE_GRP0 | GICC_CTLR.EOI_MODE);
    s.gich.write(H.LR0, 4, software({ virtualId: 40, priority: 4 }));
    s.gicv.read(V.IAR, 4);
    s.gicv.write(V.EOIR, 4, 40);
    expect(s.gicv.read(V.RPR, 4)).toBe(0xff);
    expect(s.vgic.listRegister(0).state).toBe(LR_STATE.active);
    s.gicv.write(V.DIR, 4, 40);
    expect(s.vgic.listRegister(0).state).toBe(LR_STATE.invalid);
  });

  it("answers 1022 for a Group 1 LR unless VMCR.AckCtl is set", () => {
    const s = running();
    s.gicv.write(V.CTLR, 4, GICC_CTLR.ENABLE_GRP0 | GICC_CTLR.ENABLE_GRP1);
    s.gich.write(H.LR0, 4, software({ virtualId: 40, group: 1 }));
    expect(s.gicv.read(V.IAR, 4)).toBe(1022);
    s.gicv.write(V.CTLR, 4, GICC_CTLR.ENABLE_GRP0 | GICC_CTLR.ENABLE_GRP1 | GICC_CTLR.ACK_CTL);
    expect(s.gicv.read(V.IAR, 4)).toBe(40);
  });
});

describe("seL4_ARM_VCPU_InjectIRQ and VGICMaintenance (sel4-kernel §ARM VCPU, §VGIC maintenance)", () => {
  it("writes a pending software LR with the EOI maintenance bit", () => {
    const s = running();
    expect(s.vgic.injectIrq(33, 0, 0, 1)).toEqual({ kind: "ok" });
    expect(s.vgic.listRegister(1)).toEqual({
      virtualId: 33,
      physicalId: 0,
      sourceCpu: 0,
      eoiMaintenance: true,
      priority: 0,
      state: LR_STATE.pending,
      group: 0,
      hardware: false,
    });
    expect(s.virtualIrq.level).toBe(true);
  });

  it("answers RangeError for virq > 1023, priority > 31, group > 1, index >= 4", () => {
    const { vgic } = running();
    expect(vgic.injectIrq(1024, 0, 0, 0)).toMatchObject({ kind: "rangeError", argument: 1, min: 0, max: 1023 });
    expect(vgic.injectIrq(1, 32, 0, 0)).toMatchObject({ kind: "rangeError", argument: 2, max: 31 });
    expect(vgic.injectIrq(1, 0, 2, 0)).toMatchObject({ kind: "rangeError", argument: 3, max: 1 });
    expect(vgic.injectIrq(1, 0, 0, 4)).toMatchObject({ kind: "rangeError", argument: 4, max: 3 });
    expect(vgic.readListRegister(0)).toBe(0);
  });

  it("answers DeleteFirst when the LR holds an active virq, and overwrites a pending one", () => {
    const s = running();
    s.vgic.injectIrq(40, 0, 0, 0);
    expect(s.vgic.injectIrq(41, 0, 0, 0)).toEqual({ kind: "ok" });
    expect(s.gicv.read(V.IAR, 4)).toBe(41);
    expect(s.vgic.injectIrq(42, 0, 0, 0)).toMatchObject({ kind: "deleteFirst" });
  });

  it("runs the libvmm cycle: inject, guest IAR/EOIR, maintenance names the LR, kernel clears its EOI bit", () => {
    const s = running();
    s.vgic.injectIrq(48, 0, 0, 2);
    expect(s.gicv.read(V.IAR, 4)).toBe(48);
    s.gicv.write(V.EOIR, 4, 48);
    expect(s.vgic.maintenancePending).toBe(true);
    expect(s.vgic.takeEoiMaintenance()).toBe(2);
    expect(s.maintenanceIrq.level).toBe(false);
    expect(s.gich.read(H.ELRSR0, 4)).toBe(0xf);
    expect(s.vgic.takeEoiMaintenance()).toBe(-1);
  });

  it("round-trips save()/restore() (seL4's VCPU switch) including the active priority", () => {
    const a = running();
    a.vgic.injectIrq(40, 3, 0, 0);
    a.vgic.injectIrq(41, 1, 0, 3);
    a.gicv.read(V.IAR, 4);
    const state = a.vgic.save();
    expect(state.listRegisters).toHaveLength(4);
    const b = setup();
    b.vgic.restore(structuredClone(state));
    expect(b.vgic.save()).toEqual(state);
    expect(b.gicv.read(V.RPR, 4)).toBe(1 << 3);
    expect(b.virtualIrq.level).toBe(a.virtualIrq.level);
    b.gicv.write(V.EOIR, 4, 41);
    expect(b.gicv.read(V.IAR, 4)).toBe(40);
  });
});
