/**
 * The GICv2 virtualisation extensions for one virtual CPU: the hypervisor control registers
 * (GICH: HCR, VTR, VMCR, MISR, EISR, ELRSR, APR, LR0–3) and the guest-facing virtual CPU
 * interface (GICV, laid out like GICC). A guest reading GICV_IAR takes the best pending list
 * register and makes it active; writing GICV_EOIR drops the priority and deactivates it; a
 * deactivated list register with the EOI bit raises the maintenance interrupt (PPI 25 on
 * qemu-virt), which seL4 reports to the VMM as a VGICMaintenance fault.
 *
 * seL4 saves and restores this state on every VCPU switch, so one instance can serve a physical
 * CPU (with {@link GicVirtualInterface.save}/{@link GicVirtualInterface.restore}), or the kernel can
 * keep one per VCPU and connect the running one to the CPU.
 */

import type { BoardDevice, IrqLine } from "../device";
import { ActivePriorities, NO_RUNNING_PRIORITY, groupPriority } from "./active-priorities";
import {
  GICC_CTLR,
  GICC_IIDR_VALUE,
  GICC_REGISTERS,
  GIC_GROUP1_SPURIOUS_INTID,
  GIC_IDLE_PRIORITY,
  GIC_MAX_IRQS,
  GIC_SGI_COUNT,
  GIC_SPURIOUS_INTID,
} from "./gic-constants";
import {
  LR_STATE,
  decodeListRegister,
  encodeListRegister,
  listRegisterState,
  listRegisterWantsEoiMaintenance,
  withListRegisterState,
  withoutEoiMaintenance,
  type ListRegister,
} from "./list-register";

/** Register offsets of the hypervisor control window (GICH). */
export const GICH_REGISTERS = {
  HCR: 0x00,
  VTR: 0x04,
  VMCR: 0x08,
  MISR: 0x10,
  EISR0: 0x20,
  EISR1: 0x24,
  ELRSR0: 0x30,
  ELRSR1: 0x34,
  APR: 0xf0,
  LR0: 0x100,
} as const;

/** GICH_HCR bits. */
export const GICH_HCR = {
  EN: 1 << 0,
  UIE: 1 << 1,
  LRENPIE: 1 << 2,
  NPIE: 1 << 3,
  VGRP0EIE: 1 << 4,
  VGRP0DIE: 1 << 5,
  VGRP1EIE: 1 << 6,
  VGRP1DIE: 1 << 7,
} as const;
const HCR_EOICOUNT_SHIFT = 27;
const HCR_MASK = 0xff | (0x1f << HCR_EOICOUNT_SHIFT);

/** GICH_MISR bits (each is a maintenance interrupt condition). */
export const GICH_MISR = {
  EOI: 1 << 0,
  U: 1 << 1,
  LRENP: 1 << 2,
  NP: 1 << 3,
  VGRP0E: 1 << 4,
  VGRP0D: 1 << 5,
  VGRP1E: 1 << 6,
  VGRP1D: 1 << 7,
} as const;

/** GICH_VMCR fields: the guest's GICV_CTLR bits, binary points and priority mask. */
export const GICH_VMCR = {
  /** GICV_CTLR bits 0–4 (EnableGrp0/1, AckCtl, FIQEn, CBPR) sit in VMCR bits 0–4. */
  CTLR_LOW_MASK: 0x1f,
  /** GICV_CTLR.EOImode sits in VMCR bit 9 (VEM). */
  VEM: 1 << 9,
  ABP_SHIFT: 18,
  BP_SHIFT: 21,
  PRIMASK_SHIFT: 27,
} as const;
const VMCR_MASK = GICH_VMCR.CTLR_LOW_MASK | GICH_VMCR.VEM | (7 << 18) | (7 << 21) | (0x1f << 27);

/** Number of list registers (GIC-400 and QEMU's GICv2 have 4). */
export const GIC_LIST_REGISTER_COUNT = 4;
/** Priority bits the virtual interface implements; also its preemption bits. */
const VIRTUAL_PRIORITY_BITS = 5;
/** Smallest GICV_BPR / GICV_ABPR with 5 preemption bits. */
const MIN_VIRTUAL_BPR = 7 - VIRTUAL_PRIORITY_BITS;
const MIN_VIRTUAL_ABPR = MIN_VIRTUAL_BPR + 1;

/** GICH_VTR: ListRegs [5:0] = n − 1, PREbits [28:26] and PRIbits [31:29] = 5 − 1. */
export const GICH_VTR_VALUE =
  ((VIRTUAL_PRIORITY_BITS - 1) << 29) | ((VIRTUAL_PRIORITY_BITS - 1) << 26) | (GIC_LIST_REGISTER_COUNT - 1);

/** A snapshot of the virtual interface, what seL4 saves on a VCPU switch. */
export interface GicVirtualInterfaceState {
  /** GICH_HCR, including EOICount. */
  hcr: number;
  /** GICH_VMCR. */
  vmcr: number;
  /** GICH_APR. */
  apr: number;
  /** GICH_LR0..3 raw values. */
  listRegisters: number[];
}

/** Result of {@link GicVirtualInterface.injectIrq}, to be turned into an seL4 error by the kernel. */
export type InjectIrqResult =
  | { kind: "ok" }
  /** An argument is out of range: seL4_RangeError with this range; `argument` is 1-based as seL4 counts. */
  | { kind: "rangeError"; argument: number; min: number; max: number; message: string }
  /** The list register holds an active interrupt: seL4_DeleteFirst. */
  | { kind: "deleteFirst"; message: string };

/**
 * seL4_ARM_VCPU_InjectIRQ's argument checks (GICv2 and GICv3 alike): virq ≤ 1023, priority ≤ 31,
 * group ≤ 1, index below the number of list registers. Null when they pass.
 */
export function checkInjectIrqArguments(
  virq: number,
  priority: number,
  group: number,
  index: number,
  numListRegisters: number,
): InjectIrqResult | null {
  const range = (argument: number, value: number, max: number, name: string): InjectIrqResult | null =>
    Number.isInteger(value) && value >= 0 && value <= max
      ? null
      : { kind: "rangeError", argument, min: 0, max, message: `${name} ${value} is outside 0..${max}` };
  return (
    range(1, virq, 1023, "virq") ??
    range(2, priority, 31, "priority") ??
    range(3, group, 1, "group") ??
    range(4, index, numListRegisters - 1, "list register index")
  );
}

/** Construction options of {@link GicVirtualInterface}. */
export interface GicVirtualInterfaceOptions {
  /** The virtual IRQ input of the CPU running the guest. */
  virtualIrq: IrqLine;
  /** The maintenance interrupt, PPI 25 of the physical GIC on qemu-virt. */
  maintenanceIrq: IrqLine;
  /** Called when the guest deactivates a hardware-linked list register: deactivate this physical INTID. */
  deactivatePhysical?: (physicalId: number) => void;
}

/** GICv2 virtual CPU interface state of one VCPU, with its GICH and GICV windows. */
export class GicVirtualInterface {
  /** The hypervisor control window (GICH). */
  readonly hypervisorWindow: BoardDevice<GicVirtualInterfaceState>;
  /** The guest's virtual CPU interface window (GICV), mapped at the guest's GICC address. */
  readonly guestWindow: BoardDevice<GicVirtualInterfaceState>;
  #hcr = 0;
  #vmcr = (MIN_VIRTUAL_BPR << GICH_VMCR.BP_SHIFT) | (MIN_VIRTUAL_ABPR << GICH_VMCR.ABP_SHIFT);
  readonly #apr = new ActivePriorities(VIRTUAL_PRIORITY_BITS);
  readonly #lrs = new Uint32Array(GIC_LIST_REGISTER_COUNT);
  readonly #virtualIrq: IrqLine;
  readonly #maintenanceIrq: IrqLine;
  readonly #deactivatePhysical: (physicalId: number) => void;

  /** Creates the interface in its reset state (disabled, all list registers invalid). */
  constructor(options: GicVirtualInterfaceOptions) {
    this.#virtualIrq = options.virtualIrq;
    this.#maintenanceIrq = options.maintenanceIrq;
    this.#deactivatePhysical = options.deactivatePhysical ?? (() => undefined);
    const snapshot = { save: () => this.save(), restore: (s: GicVirtualInterfaceState) => this.restore(s) };
    this.hypervisorWindow = {
      read: (offset, size) => (size >= 4 && (offset & 3) === 0 ? this.#readGich(offset) : 0),
      write: (offset, size, value) => {
        if (size >= 4 && (offset & 3) === 0) this.#writeGich(offset, value >>> 0);
      },
      ...snapshot,
    };
    this.guestWindow = {
      read: (offset, size) => (size >= 4 && (offset & 3) === 0 ? this.#readGicv(offset) : 0),
      write: (offset, size, value) => {
        if (size >= 4 && (offset & 3) === 0) this.#writeGicv(offset, value >>> 0);
      },
      ...snapshot,
    };
    this.#update();
  }

  /** Number of list registers (GICH_VTR.ListRegs + 1). */
  get numListRegisters(): number {
    return GIC_LIST_REGISTER_COUNT;
  }

  /** The raw value of list register `index`. */
  readListRegister(index: number): number {
    return this.#lrs[index] ?? 0;
  }

  /** Writes list register `index` as the hypervisor does through GICH_LRn. */
  writeListRegister(index: number, value: number): void {
    if (index < 0 || index >= GIC_LIST_REGISTER_COUNT) return;
    this.#lrs[index] = value >>> 0;
    this.#update();
  }

  /** List register `index` decoded. */
  listRegister(index: number): ListRegister {
    return decodeListRegister(this.readListRegister(index));
  }

  /**
   * seL4_ARM_VCPU_InjectIRQ(vcpu, virq, priority, group, index) with seL4's checks: virq ≤ 1023,
   * priority ≤ 31, group ≤ 1, index below the number of list registers, and the list register
   * not holding an active interrupt. Writes a pending software interrupt with the EOI
   * maintenance bit set, so the VMM hears when the guest is done with it.
   */
  injectIrq(virq: number, priority: number, group: number, index: number): InjectIrqResult {
    const error = checkInjectIrqArguments(virq, priority, group, index, GIC_LIST_REGISTER_COUNT);
    if (error) return error;
    if (listRegisterState(this.#lrs[index]!) === LR_STATE.active) {
      return { kind: "deleteFirst", message: `VGIC list register ${index} is in use (holds an active IRQ)` };
    }
    this.writeListRegister(
      index,
      encodeListRegister({
        virtualId: virq,
        physicalId: 0,
        sourceCpu: 0,
        eoiMaintenance: true,
        priority,
        state: LR_STATE.pending,
        group: group === 1 ? 1 : 0,
        hardware: false,
      }),
    );
    return { kind: "ok" };
  }

  /**
   * What seL4 does on a maintenance interrupt: finds the lowest list register in GICH_EISR
   * (deactivated with EOI set), clears its EOI bit and returns its index, the MR0 of the
   * VGICMaintenance fault; −1 when no list register caused it.
   */
  takeEoiMaintenance(): number {
    const eisr = this.#eisr();
    if (eisr === 0) return -1;
    const index = 31 - Math.clz32(eisr & -eisr);
    this.writeListRegister(index, withoutEoiMaintenance(this.#lrs[index]!));
    return index;
  }

  /** Whether the maintenance interrupt is asserted (HCR.En and some MISR condition). */
  get maintenancePending(): boolean {
    return (this.#hcr & GICH_HCR.EN) !== 0 && this.#misr() !== 0;
  }

  /** Whether the virtual IRQ to the CPU is asserted. */
  get virtualIrqPending(): boolean {
    return this.#signalled() >= 0;
  }

  /** A snapshot (what seL4's vcpu_save stores). */
  save(): GicVirtualInterfaceState {
    return { hcr: this.#hcr, vmcr: this.#vmcr, apr: this.#apr.words[0]!, listRegisters: Array.from(this.#lrs) };
  }

  /** Restores a snapshot (seL4's vcpu_restore) and drives the output lines. */
  restore(state: GicVirtualInterfaceState): void {
    this.#hcr = (state.hcr & HCR_MASK) >>> 0;
    this.#writeVmcr(state.vmcr);
    this.#apr.words[0] = state.apr;
    this.#lrs.fill(0);
    state.listRegisters.slice(0, GIC_LIST_REGISTER_COUNT).forEach((value, i) => (this.#lrs[i] = value));
    this.#update();
  }

  // --- GICH -------------------------------------------------------------------------------

  #readGich(offset: number): number {
    const R = GICH_REGISTERS;
    switch (offset) {
      case R.HCR:
        return this.#hcr;
      case R.VTR:
        return GICH_VTR_VALUE >>> 0;
      case R.VMCR:
        return this.#vmcr;
      case R.MISR:
        return this.#misr();
      case R.EISR0:
        return this.#eisr();
      case R.ELRSR0:
        return this.#elrsr();
      case R.APR:
        return this.#apr.words[0]!;
      default:
        if (offset >= R.LR0 && offset < R.LR0 + GIC_LIST_REGISTER_COUNT * 4) return this.#lrs[(offset - R.LR0) >> 2]!;
        return 0; // EISR1, ELRSR1, unimplemented list registers and reserved space
    }
  }

  #writeGich(offset: number, value: number): void {
    const R = GICH_REGISTERS;
    if (offset === R.HCR) this.#hcr = (value & HCR_MASK) >>> 0;
    else if (offset === R.VMCR) this.#writeVmcr(value);
    else if (offset === R.APR) this.#apr.words[0] = value;
    else if (offset >= R.LR0 && offset < R.LR0 + GIC_LIST_REGISTER_COUNT * 4) this.#lrs[(offset - R.LR0) >> 2] = value;
    else return; // read-only and reserved registers
    this.#update();
  }

  #writeVmcr(value: number): void {
    let vmcr = value & VMCR_MASK;
    // Binary points below the minimum for 5 preemption bits read back as the minimum.
    const bp = Math.max(MIN_VIRTUAL_BPR, (vmcr >>> GICH_VMCR.BP_SHIFT) & 7);
    const abp = Math.max(MIN_VIRTUAL_ABPR, (vmcr >>> GICH_VMCR.ABP_SHIFT) & 7);
    vmcr = (vmcr & ~((7 << GICH_VMCR.BP_SHIFT) | (7 << GICH_VMCR.ABP_SHIFT))) | (bp << GICH_VMCR.BP_SHIFT);
    this.#vmcr = (vmcr | (abp << GICH_VMCR.ABP_SHIFT)) >>> 0;
  }

  /** List registers deactivated with a pending EOI maintenance request. */
  #eisr(): number {
    let bits = 0;
    for (let i = 0; i < GIC_LIST_REGISTER_COUNT; i++) {
      const lr = this.#lrs[i]!;
      if (listRegisterState(lr) === LR_STATE.invalid && listRegisterWantsEoiMaintenance(lr)) bits |= 1 << i;
    }
    return bits;
  }

  /** Empty list registers: invalid and not waiting for EOI maintenance. */
  #elrsr(): number {
    let bits = 0;
    for (let i = 0; i < GIC_LIST_REGISTER_COUNT; i++) {
      const lr = this.#lrs[i]!;
      if (listRegisterState(lr) === LR_STATE.invalid && !listRegisterWantsEoiMaintenance(lr)) bits |= 1 << i;
    }
    return bits;
  }

  #misr(): number {
    const hcr = this.#hcr;
    let valid = 0;
    let pending = 0;
    for (const lr of this.#lrs) {
      const state = listRegisterState(lr);
      if (state !== LR_STATE.invalid) valid++;
      if (state === LR_STATE.pending) pending++;
    }
    const grp0 = (this.#vmcr & GICC_CTLR.ENABLE_GRP0) !== 0;
    const grp1 = (this.#vmcr & GICC_CTLR.ENABLE_GRP1) !== 0;
    let misr = 0;
    if (this.#eisr() !== 0) misr |= GICH_MISR.EOI;
    if (hcr & GICH_HCR.UIE && valid <= 1) misr |= GICH_MISR.U;
    if (hcr & GICH_HCR.LRENPIE && hcr >>> HCR_EOICOUNT_SHIFT !== 0) misr |= GICH_MISR.LRENP;
    if (hcr & GICH_HCR.NPIE && pending === 0) misr |= GICH_MISR.NP;
    if (hcr & GICH_HCR.VGRP0EIE && grp0) misr |= GICH_MISR.VGRP0E;
    if (hcr & GICH_HCR.VGRP0DIE && !grp0) misr |= GICH_MISR.VGRP0D;
    if (hcr & GICH_HCR.VGRP1EIE && grp1) misr |= GICH_MISR.VGRP1E;
    if (hcr & GICH_HCR.VGRP1DIE && !grp1) misr |= GICH_MISR.VGRP1D;
    return misr;
  }

  // --- GICV -------------------------------------------------------------------------------

  #priorityMask(): number {
    return ((this.#vmcr >>> GICH_VMCR.PRIMASK_SHIFT) & 0x1f) << 3;
  }

  #groupPriority(lr: number): number {
    const priority = ((lr >>> 23) & 0x1f) << 3;
    const group1 = (lr & (1 << 30)) !== 0;
    if (!group1 || this.#vmcr & GICC_CTLR.CBPR) {
      return groupPriority(priority, (this.#vmcr >>> GICH_VMCR.BP_SHIFT) & 7, false);
    }
    return groupPriority(priority, (this.#vmcr >>> GICH_VMCR.ABP_SHIFT) & 7, true);
  }

  /** Index of the best pending list register in an enabled group that passes the priority mask, or −1. */
  #highestPending(): number {
    if (!(this.#hcr & GICH_HCR.EN)) return -1;
    let best = -1;
    let bestPriority = 0x100;
    for (let i = 0; i < GIC_LIST_REGISTER_COUNT; i++) {
      const lr = this.#lrs[i]!;
      if (listRegisterState(lr) !== LR_STATE.pending) continue;
      const groupEnable = lr & (1 << 30) ? GICC_CTLR.ENABLE_GRP1 : GICC_CTLR.ENABLE_GRP0;
      if (!(this.#vmcr & groupEnable)) continue;
      const priority = ((lr >>> 23) & 0x1f) << 3;
      if (priority < bestPriority && priority < this.#priorityMask()) {
        bestPriority = priority;
        best = i;
      }
    }
    return best;
  }

  /** The list register being signalled to the guest (it also preempts the running priority), or −1. */
  #signalled(): number {
    const index = this.#highestPending();
    if (index < 0) return -1;
    return this.#groupPriority(this.#lrs[index]!) < this.#apr.runningPriority() ? index : -1;
  }

  /** The value the guest reads for list register `lr`: vID, plus the source CPU of a software SGI. */
  #interruptValue(lr: number): number {
    const info = decodeListRegister(lr);
    return !info.hardware && info.virtualId < GIC_SGI_COUNT ? info.virtualId | (info.sourceCpu << 10) : info.virtualId;
  }

  #acknowledge(): number {
    const index = this.#signalled();
    if (index < 0) return GIC_SPURIOUS_INTID;
    const lr = this.#lrs[index]!;
    if (lr & (1 << 30) && !(this.#vmcr & GICC_CTLR.ACK_CTL)) return GIC_GROUP1_SPURIOUS_INTID;
    this.#lrs[index] = withListRegisterState(lr, LR_STATE.active);
    this.#apr.markActive(this.#groupPriority(lr));
    this.#update();
    return this.#interruptValue(lr);
  }

  #endOfInterrupt(value: number): void {
    if ((value & 0x3ff) >= GIC_MAX_IRQS) return; // spurious IDs are ignored
    if (!this.#apr.dropHighest()) return; // nothing active
    if (!(this.#vmcr & GICH_VMCR.VEM)) this.#deactivate(value);
    this.#update();
  }

  /** Deactivates the list register holding `value`'s interrupt, or counts an unmatched EOI. */
  #deactivate(value: number): void {
    const intid = value & 0x3ff;
    const sourceCpu = (value >>> 10) & 7;
    for (let i = 0; i < GIC_LIST_REGISTER_COUNT; i++) {
      const lr = this.#lrs[i]!;
      const state = listRegisterState(lr);
      if (state !== LR_STATE.active && state !== LR_STATE.pendingActive) continue;
      const info = decodeListRegister(lr);
      if (info.virtualId !== intid) continue;
      if (!info.hardware && intid < GIC_SGI_COUNT && info.sourceCpu !== sourceCpu) continue;
      this.#lrs[i] = withListRegisterState(lr, state === LR_STATE.pendingActive ? LR_STATE.pending : LR_STATE.invalid);
      if (info.hardware) this.#deactivatePhysical(info.physicalId);
      return;
    }
    const eoiCount = ((this.#hcr >>> HCR_EOICOUNT_SHIFT) + 1) & 0x1f;
    this.#hcr = ((this.#hcr & ~(0x1f << HCR_EOICOUNT_SHIFT)) | (eoiCount << HCR_EOICOUNT_SHIFT)) >>> 0;
  }

  #readGicv(offset: number): number {
    const R = GICC_REGISTERS;
    switch (offset) {
      case R.CTLR:
        return (this.#vmcr & GICH_VMCR.CTLR_LOW_MASK) | (this.#vmcr & GICH_VMCR.VEM ? GICC_CTLR.EOI_MODE : 0);
      case R.PMR:
        return this.#priorityMask();
      case R.BPR:
        return (this.#vmcr >>> GICH_VMCR.BP_SHIFT) & 7;
      case R.ABPR:
        return (this.#vmcr >>> GICH_VMCR.ABP_SHIFT) & 7;
      case R.IAR:
        return this.#acknowledge();
      case R.RPR: {
        const running = this.#apr.runningPriority();
        return running === NO_RUNNING_PRIORITY ? GIC_IDLE_PRIORITY : running;
      }
      case R.HPPIR: {
        const index = this.#highestPending();
        return index < 0 ? GIC_SPURIOUS_INTID : this.#interruptValue(this.#lrs[index]!);
      }
      case R.APR0:
        return this.#apr.words[0]!;
      case R.IIDR:
        return GICC_IIDR_VALUE;
      default:
        return 0;
    }
  }

  #writeGicv(offset: number, value: number): void {
    const R = GICC_REGISTERS;
    const vmcr = this.#vmcr;
    switch (offset) {
      case R.CTLR: {
        const low = value & GICH_VMCR.CTLR_LOW_MASK;
        const vem = value & GICC_CTLR.EOI_MODE ? GICH_VMCR.VEM : 0;
        this.#writeVmcr((vmcr & ~(GICH_VMCR.CTLR_LOW_MASK | GICH_VMCR.VEM)) | low | vem);
        break;
      }
      case R.PMR:
        this.#writeVmcr((vmcr & ~(0x1f << GICH_VMCR.PRIMASK_SHIFT)) | (((value >>> 3) & 0x1f) << GICH_VMCR.PRIMASK_SHIFT));
        break;
      case R.BPR:
        this.#writeVmcr((vmcr & ~(7 << GICH_VMCR.BP_SHIFT)) | ((value & 7) << GICH_VMCR.BP_SHIFT));
        break;
      case R.ABPR:
        this.#writeVmcr((vmcr & ~(7 << GICH_VMCR.ABP_SHIFT)) | ((value & 7) << GICH_VMCR.ABP_SHIFT));
        break;
      case R.EOIR:
        this.#endOfInterrupt(value);
        return;
      case R.DIR:
        if (this.#vmcr & GICH_VMCR.VEM && (value & 0x3ff) < GIC_MAX_IRQS) this.#deactivate(value);
        break;
      case R.APR0:
        this.#apr.words[0] = value;
        break;
      default:
        return;
    }
    this.#update();
  }

  #update(): void {
    this.#virtualIrq.setLevel(this.#signalled() >= 0);
    this.#maintenanceIrq.setLevel(this.maintenancePending);
  }
}
