/**
 * The GICv3 virtual CPU interface of one physical CPU (IHI 0069 §11, §12.4–12.5): the
 * hypervisor's ICH_*_EL2 registers, and the ICV_* registers a guest at EL1 reaches through its
 * ICC_* system register accesses while HCR_EL2.IMO/FMO are set. A guest reading ICC_IAR1_EL1
 * takes the best pending group 1 list register and makes it active; ICC_EOIR1_EL1 drops its
 * priority and (EOImode 0) deactivates it; ICC_DIR_EL1 deactivates (EOImode 1). A deactivated
 * software list register with EOI = 1 raises the maintenance interrupt (PPI 25 on qemu-virt).
 *
 * The hypervisor switches guests by {@link GicV3VirtualInterface.save} and
 * {@link GicV3VirtualInterface.restore} (what seL4's vcpu_save/vcpu_restore do for GICv3).
 */
import { CpuError } from "../core/errors.js";
import type { GicSystemRegisterPort, IccRegister } from "./icc-registers.js";
import {
  ICH_LR_STATE,
  decodeIchListRegister,
  ichListRegisterAwaitsEoi,
  ichListRegisterState,
  withIchListRegisterState,
} from "./list-register.js";

/** An output line (the CPU's virtual IRQ/FIQ input, the maintenance PPI). */
export interface GicOutputLine {
  setLevel(level: boolean): void;
}

/** ICH_HCR_EL2 bits. */
export const ICH_HCR = {
  EN: 1n << 0n,
  UIE: 1n << 1n,
  LRENPIE: 1n << 2n,
  NPIE: 1n << 3n,
  VGRP0EIE: 1n << 4n,
  VGRP0DIE: 1n << 5n,
  VGRP1EIE: 1n << 6n,
  VGRP1DIE: 1n << 7n,
  EOICOUNT_SHIFT: 27n,
} as const;
/** Bits this model implements (En, the maintenance enables, EOIcount); TC/TALL/TDIR read as 0. */
const HCR_MASK = 0xffn | (0x1fn << ICH_HCR.EOICOUNT_SHIFT);

/** ICH_MISR_EL2 bits (the maintenance conditions). */
export const ICH_MISR = { EOI: 1n, U: 2n, LRENP: 4n, NP: 8n, VGRP0E: 16n, VGRP0D: 32n, VGRP1E: 64n, VGRP1D: 128n } as const;

/** ICH_VMCR_EL2 fields: the guest's view of its CPU interface control. */
export const ICH_VMCR = {
  VENG0: 1n << 0n,
  VENG1: 1n << 1n,
  VACKCTL: 1n << 2n,
  VFIQEN: 1n << 3n,
  VCBPR: 1n << 4n,
  VEOIM: 1n << 9n,
  VBPR1_SHIFT: 18n,
  VBPR0_SHIFT: 21n,
  VPMR_SHIFT: 24n,
} as const;

/** Priority and preemption bits of the virtual interface (QEMU's Cortex-A53 model has 5 of each). */
export const ICH_VIRTUAL_PRIORITY_BITS = 5;
/** Default number of list registers (Cortex-A53's GIC CPU interface has 4). */
export const ICH_DEFAULT_LIST_REGISTERS = 4;
const PRIORITY_MASK = (0xff << (8 - ICH_VIRTUAL_PRIORITY_BITS)) & 0xff;
const MIN_BPR0 = 7 - ICH_VIRTUAL_PRIORITY_BITS;
const MIN_BPR1 = MIN_BPR0 + 1;
const IDLE_PRIORITY = 0xff;
const SPURIOUS = 1023n;
const ICV_CTLR_CBPR = 1n;
const ICV_CTLR_EOIMODE = 2n;
/** ICV_CTLR_EL1 read-only fields: PRIbits [10:8] = 4, IDbits [13:11] = 0 (16-bit), A3V [15]. */
const ICV_CTLR_FIXED = (BigInt(ICH_VIRTUAL_PRIORITY_BITS - 1) << 8n) | (1n << 15n);
/** ICC_SRE_EL1 as the guest sees it: SRE, DFB and DIB set and fixed (system registers only). */
export const ICC_SRE_FIXED = 0x7n;

/** The hypervisor-side register names. */
export type IchRegister =
  | "ICH_HCR_EL2"
  | "ICH_VTR_EL2"
  | "ICH_VMCR_EL2"
  | "ICH_MISR_EL2"
  | "ICH_EISR_EL2"
  | "ICH_ELRSR_EL2"
  | "ICH_AP0R0_EL2"
  | "ICH_AP1R0_EL2"
  | `ICH_LR${number}_EL2`;

/** What a hypervisor saves on a VCPU switch. */
export interface GicV3VirtualInterfaceState {
  hcr: bigint;
  vmcr: bigint;
  ap0r: number;
  ap1r: number;
  listRegisters: bigint[];
}

/** Options of {@link GicV3VirtualInterface}. */
export interface GicV3VirtualInterfaceOptions {
  /** The CPU's virtual IRQ input (group 1 virtual interrupts). */
  virtualIrq: GicOutputLine;
  /** The CPU's virtual FIQ input (group 0); default unconnected. */
  virtualFiq?: GicOutputLine;
  /** The maintenance interrupt (PPI 25 on qemu-virt); default unconnected. */
  maintenanceIrq?: GicOutputLine;
  /** The guest deactivated a HW = 1 list register: deactivate this physical INTID. */
  deactivatePhysical?: (physicalId: number) => void;
  /** Number of list registers, 1–16; default 4. */
  numListRegisters?: number;
}

const NO_LINE: GicOutputLine = { setLevel: () => undefined };

/** The virtual interface (ICH state plus the ICV_* behaviour the guest sees). */
export class GicV3VirtualInterface implements GicSystemRegisterPort {
  readonly numListRegisters: number;
  #hcr = 0n;
  #vmcr = 0n;
  #ap0r = 0;
  #ap1r = 0;
  readonly #lrs: BigUint64Array;
  readonly #virtualIrq: GicOutputLine;
  readonly #virtualFiq: GicOutputLine;
  readonly #maintenance: GicOutputLine;
  readonly #deactivatePhysical: (physicalId: number) => void;

  /** Creates the interface at reset: disabled, every list register invalid. */
  constructor(options: GicV3VirtualInterfaceOptions) {
    const n = options.numListRegisters ?? ICH_DEFAULT_LIST_REGISTERS;
    if (!Number.isInteger(n) || n < 1 || n > 16) throw new CpuError(`GICv3 list register count ${n} must be 1..16`);
    this.numListRegisters = n;
    this.#lrs = new BigUint64Array(n);
    this.#virtualIrq = options.virtualIrq;
    this.#virtualFiq = options.virtualFiq ?? NO_LINE;
    this.#maintenance = options.maintenanceIrq ?? NO_LINE;
    this.#deactivatePhysical = options.deactivatePhysical ?? (() => undefined);
    this.restore(resetState());
  }

  // ---- hypervisor (ICH_*_EL2) -----------------------------------------------------------------

  /** ICH_VTR_EL2: ListRegs, nV4 = 1 and A3V = 1, IDbits 16, PREbits and PRIbits 5. */
  get vtr(): bigint {
    const bits = BigInt(ICH_VIRTUAL_PRIORITY_BITS - 1);
    return (bits << 29n) | (bits << 26n) | (1n << 21n) | (1n << 20n) | BigInt(this.numListRegisters - 1);
  }

  /** MRS of an ICH_*_EL2 register. */
  readIch(name: IchRegister): bigint {
    switch (name) {
      case "ICH_HCR_EL2":
        return this.#hcr;
      case "ICH_VTR_EL2":
        return this.vtr;
      case "ICH_VMCR_EL2":
        return this.#vmcr;
      case "ICH_MISR_EL2":
        return this.#misr();
      case "ICH_EISR_EL2":
        return BigInt(this.#eisr());
      case "ICH_ELRSR_EL2":
        return BigInt(this.#elrsr());
      case "ICH_AP0R0_EL2":
        return BigInt(this.#ap0r >>> 0);
      case "ICH_AP1R0_EL2":
        return BigInt(this.#ap1r >>> 0);
      default:
        return this.#lrs[this.#lrIndex(name)]!;
    }
  }

  /** MSR of an ICH_*_EL2 register (VTR, MISR, EISR and ELRSR are read-only: writes are ignored). */
  writeIch(name: IchRegister, value: bigint): void {
    const v = BigInt.asUintN(64, value);
    switch (name) {
      case "ICH_HCR_EL2":
        this.#hcr = v & HCR_MASK;
        break;
      case "ICH_VMCR_EL2":
        this.#writeVmcr(v);
        break;
      case "ICH_AP0R0_EL2":
        this.#ap0r = Number(v & 0xffff_ffffn) >>> 0;
        break;
      case "ICH_AP1R0_EL2":
        this.#ap1r = Number(v & 0xffff_ffffn) >>> 0;
        break;
      case "ICH_VTR_EL2":
      case "ICH_MISR_EL2":
      case "ICH_EISR_EL2":
      case "ICH_ELRSR_EL2":
        return;
      default:
        this.#lrs[this.#lrIndex(name)] = v;
    }
    this.#update();
  }

  /** Whether the maintenance interrupt is asserted (ICH_HCR_EL2.En and a MISR condition). */
  get maintenancePending(): boolean {
    return (this.#hcr & ICH_HCR.EN) !== 0n && this.#misr() !== 0n;
  }

  /** A snapshot (seL4's vcpu_save of the GICv3 state). */
  save(): GicV3VirtualInterfaceState {
    return { hcr: this.#hcr, vmcr: this.#vmcr, ap0r: this.#ap0r, ap1r: this.#ap1r, listRegisters: Array.from(this.#lrs) };
  }

  /** Restores a snapshot and drives the output lines. */
  restore(state: GicV3VirtualInterfaceState): void {
    this.#hcr = state.hcr & HCR_MASK;
    this.#writeVmcr(state.vmcr);
    this.#ap0r = state.ap0r >>> 0;
    this.#ap1r = state.ap1r >>> 0;
    this.#lrs.fill(0n);
    state.listRegisters.slice(0, this.numListRegisters).forEach((lr, i) => (this.#lrs[i] = BigInt.asUintN(64, lr)));
    this.#update();
  }

  #lrIndex(name: string): number {
    const match = /^ICH_LR(\d+)_EL2$/.exec(name);
    const index = match ? Number(match[1]) : -1;
    if (index < 0 || index >= this.numListRegisters) {
      throw new CpuError(`${name} is not a register of this GICv3 virtual interface (list registers 0..${this.numListRegisters - 1})`);
    }
    return index;
  }

  #writeVmcr(value: bigint): void {
    const field = (shift: bigint): number => Number((value >> shift) & 7n);
    const bpr0 = Math.max(MIN_BPR0, field(ICH_VMCR.VBPR0_SHIFT));
    const bpr1 = Math.max(MIN_BPR1, field(ICH_VMCR.VBPR1_SHIFT));
    const pmr = BigInt(Number((value >> ICH_VMCR.VPMR_SHIFT) & 0xffn) & PRIORITY_MASK);
    const low = value & (ICH_VMCR.VENG0 | ICH_VMCR.VENG1 | ICH_VMCR.VACKCTL | ICH_VMCR.VFIQEN | ICH_VMCR.VCBPR | ICH_VMCR.VEOIM);
    this.#vmcr = low | (BigInt(bpr1) << ICH_VMCR.VBPR1_SHIFT) | (BigInt(bpr0) << ICH_VMCR.VBPR0_SHIFT) | (pmr << ICH_VMCR.VPMR_SHIFT);
  }

  /** Bits of the list registers that were deactivated with EOI = 1 (ICH_EISR_EL2). */
  #eisr(): number {
    let bits = 0;
    this.#lrs.forEach((lr, i) => {
      if (ichListRegisterAwaitsEoi(lr)) bits |= 1 << i;
    });
    return bits;
  }

  /** Bits of the empty list registers (ICH_ELRSR_EL2): invalid and not awaiting EOI maintenance. */
  #elrsr(): number {
    let bits = 0;
    this.#lrs.forEach((lr, i) => {
      if (ichListRegisterState(lr) === ICH_LR_STATE.invalid && !ichListRegisterAwaitsEoi(lr)) bits |= 1 << i;
    });
    return bits;
  }

  #misr(): bigint {
    const hcr = this.#hcr;
    let valid = 0;
    let pending = 0;
    for (const lr of this.#lrs) {
      const state = ichListRegisterState(lr);
      if (state !== ICH_LR_STATE.invalid) valid++;
      if (state === ICH_LR_STATE.pending) pending++;
    }
    const grp0 = (this.#vmcr & ICH_VMCR.VENG0) !== 0n;
    const grp1 = (this.#vmcr & ICH_VMCR.VENG1) !== 0n;
    let misr = 0n;
    if (this.#eisr() !== 0) misr |= ICH_MISR.EOI;
    if (hcr & ICH_HCR.UIE && valid <= 1) misr |= ICH_MISR.U;
    if (hcr & ICH_HCR.LRENPIE && hcr >> ICH_HCR.EOICOUNT_SHIFT !== 0n) misr |= ICH_MISR.LRENP;
    if (hcr & ICH_HCR.NPIE && pending === 0) misr |= ICH_MISR.NP;
    if (hcr & ICH_HCR.VGRP0EIE && grp0) misr |= ICH_MISR.VGRP0E;
    if (hcr & ICH_HCR.VGRP0DIE && !grp0) misr |= ICH_MISR.VGRP0D;
    if (hcr & ICH_HCR.VGRP1EIE && grp1) misr |= ICH_MISR.VGRP1E;
    if (hcr & ICH_HCR.VGRP1DIE && !grp1) misr |= ICH_MISR.VGRP1D;
    return misr;
  }

  // ---- guest (ICV_*) --------------------------------------------------------------------------

  #bpr0(): number {
    return Number((this.#vmcr >> ICH_VMCR.VBPR0_SHIFT) & 7n);
  }

  #bpr1(): number {
    return this.#vmcr & ICH_VMCR.VCBPR ? Math.min(this.#bpr0() + 1, 7) : Number((this.#vmcr >> ICH_VMCR.VBPR1_SHIFT) & 7n);
  }

  /** The group priority of an 8-bit priority: BPR0 governs group 0 (and group 1 with VCBPR), BPR1 − 1 group 1. */
  #groupPriority(priority: number, group: 0 | 1): number {
    const split = group === 0 || this.#vmcr & ICH_VMCR.VCBPR ? this.#bpr0() : this.#bpr1() - 1;
    return priority & PRIORITY_MASK & ((0xff << (split + 1)) & 0xff);
  }

  #pmr(): number {
    return Number((this.#vmcr >> ICH_VMCR.VPMR_SHIFT) & 0xffn);
  }

  /** Running priority: the highest active priority in ICH_AP0R0/AP1R0, or idle (0xFF). */
  #runningPriority(): number {
    const active = (this.#ap0r | this.#ap1r) >>> 0;
    if (active === 0) return IDLE_PRIORITY;
    return (31 - Math.clz32(active & -active)) << (8 - ICH_VIRTUAL_PRIORITY_BITS);
  }

  /** Index of the highest-priority pending list register of an enabled group (ignoring the mask), or −1. */
  #highestPending(): number {
    let best = -1;
    let bestPriority = 0x100;
    this.#lrs.forEach((lr, i) => {
      if (ichListRegisterState(lr) !== ICH_LR_STATE.pending) return;
      const info = decodeIchListRegister(lr);
      if (!(this.#vmcr & (info.group === 1 ? ICH_VMCR.VENG1 : ICH_VMCR.VENG0))) return;
      const priority = info.priority & PRIORITY_MASK;
      if (priority < bestPriority) {
        bestPriority = priority;
        best = i;
      }
    });
    return best;
  }

  /** The list register signalled to the guest (passes PMR, preempts the running priority), or −1. */
  #signalled(): number {
    if (!(this.#hcr & ICH_HCR.EN)) return -1;
    const index = this.#highestPending();
    if (index < 0) return -1;
    const info = decodeIchListRegister(this.#lrs[index]!);
    const priority = info.priority & PRIORITY_MASK;
    if (priority >= this.#pmr()) return -1;
    return this.#groupPriority(priority, info.group) < this.#runningPriority() ? index : -1;
  }

  #acknowledge(group: 0 | 1): bigint {
    const index = this.#signalled();
    if (index < 0) return SPURIOUS;
    const lr = this.#lrs[index]!;
    const info = decodeIchListRegister(lr);
    if (info.group !== group) return SPURIOUS;
    this.#lrs[index] = withIchListRegisterState(lr, ICH_LR_STATE.active);
    const bit = 1 << (this.#groupPriority(info.priority, group) >> (8 - ICH_VIRTUAL_PRIORITY_BITS));
    if (group === 0) this.#ap0r = (this.#ap0r | bit) >>> 0;
    else this.#ap1r = (this.#ap1r | bit) >>> 0;
    this.#update();
    return BigInt(info.virtualId);
  }

  /** Clears the highest active priority; false when nothing was active. */
  #dropPriority(): boolean {
    const active = (this.#ap0r | this.#ap1r) >>> 0;
    if (active === 0) return false;
    const lowest = active & -active;
    if (this.#ap0r & lowest) this.#ap0r = (this.#ap0r & ~lowest) >>> 0;
    else this.#ap1r = (this.#ap1r & ~lowest) >>> 0;
    return true;
  }

  #endOfInterrupt(value: bigint): void {
    const intid = Number(value & 0xffffn);
    if (intid >= 1020 && intid <= 1023) return; // special INTIDs are ignored
    if (!this.#dropPriority()) return;
    if (!(this.#vmcr & ICH_VMCR.VEOIM)) this.#deactivate(intid);
  }

  /** Deactivates the list register holding `intid`, or counts an unmatched deactivation in EOIcount. */
  #deactivate(intid: number): void {
    for (let i = 0; i < this.numListRegisters; i++) {
      const lr = this.#lrs[i]!;
      const state = ichListRegisterState(lr);
      if (state !== ICH_LR_STATE.active && state !== ICH_LR_STATE.pendingActive) continue;
      const info = decodeIchListRegister(lr);
      if (info.virtualId !== intid) continue;
      this.#lrs[i] = withIchListRegisterState(lr, state === ICH_LR_STATE.pendingActive ? ICH_LR_STATE.pending : ICH_LR_STATE.invalid);
      if (info.hardware) this.#deactivatePhysical(info.physicalId);
      return;
    }
    const count = ((this.#hcr >> ICH_HCR.EOICOUNT_SHIFT) + 1n) & 0x1fn;
    this.#hcr = (this.#hcr & ~(0x1fn << ICH_HCR.EOICOUNT_SHIFT)) | (count << ICH_HCR.EOICOUNT_SHIFT);
  }

  #hppir(group: 0 | 1): bigint {
    const index = this.#highestPending();
    if (index < 0) return SPURIOUS;
    const info = decodeIchListRegister(this.#lrs[index]!);
    return info.group === group ? BigInt(info.virtualId) : SPURIOUS;
  }

  /** ICV_* read, named by the ICC_* register the guest accessed. */
  readVirtual(name: IccRegister): bigint {
    const vmcr = this.#vmcr;
    switch (name) {
      case "ICC_PMR_EL1":
        return BigInt(this.#pmr());
      case "ICC_IAR0_EL1":
        return this.#acknowledge(0);
      case "ICC_IAR1_EL1":
        return this.#acknowledge(1);
      case "ICC_HPPIR0_EL1":
        return this.#hppir(0);
      case "ICC_HPPIR1_EL1":
        return this.#hppir(1);
      case "ICC_BPR0_EL1":
        return BigInt(this.#bpr0());
      case "ICC_BPR1_EL1":
        return BigInt(this.#bpr1());
      case "ICC_AP0R0_EL1":
        return BigInt(this.#ap0r >>> 0);
      case "ICC_AP1R0_EL1":
        return BigInt(this.#ap1r >>> 0);
      case "ICC_RPR_EL1":
        return BigInt(this.#runningPriority());
      case "ICC_CTLR_EL1":
        return ICV_CTLR_FIXED | (vmcr & ICH_VMCR.VCBPR ? ICV_CTLR_CBPR : 0n) | (vmcr & ICH_VMCR.VEOIM ? ICV_CTLR_EOIMODE : 0n);
      case "ICC_SRE_EL1":
        return ICC_SRE_FIXED;
      case "ICC_IGRPEN0_EL1":
        return vmcr & ICH_VMCR.VENG0 ? 1n : 0n;
      case "ICC_IGRPEN1_EL1":
        return vmcr & ICH_VMCR.VENG1 ? 1n : 0n;
      default:
        return 0n; // write-only registers (the CPU refuses the read before it gets here)
    }
  }

  /** ICV_* write, named by the ICC_* register the guest accessed. */
  writeVirtual(name: IccRegister, value: bigint): void {
    const vmcr = this.#vmcr;
    const withField = (shift: bigint, width: bigint, field: bigint): bigint =>
      (vmcr & ~(((1n << width) - 1n) << shift)) | ((field & ((1n << width) - 1n)) << shift);
    const flag = (bit: bigint, on: boolean): bigint => (on ? vmcr | bit : vmcr & ~bit);
    switch (name) {
      case "ICC_PMR_EL1":
        this.#writeVmcr(withField(ICH_VMCR.VPMR_SHIFT, 8n, value));
        break;
      case "ICC_BPR0_EL1":
        this.#writeVmcr(withField(ICH_VMCR.VBPR0_SHIFT, 3n, value));
        break;
      case "ICC_BPR1_EL1":
        if (vmcr & ICH_VMCR.VCBPR) return; // writes ignored while CBPR makes BPR0 govern group 1
        this.#writeVmcr(withField(ICH_VMCR.VBPR1_SHIFT, 3n, value));
        break;
      case "ICC_AP0R0_EL1":
        this.#ap0r = Number(value & 0xffff_ffffn) >>> 0;
        break;
      case "ICC_AP1R0_EL1":
        this.#ap1r = Number(value & 0xffff_ffffn) >>> 0;
        break;
      case "ICC_EOIR0_EL1":
      case "ICC_EOIR1_EL1":
        this.#endOfInterrupt(value);
        break;
      case "ICC_DIR_EL1":
        if (vmcr & ICH_VMCR.VEOIM) this.#deactivate(Number(value & 0xffffn));
        break;
      case "ICC_CTLR_EL1":
        this.#vmcr = (flag(ICH_VMCR.VCBPR, (value & ICV_CTLR_CBPR) !== 0n) & ~ICH_VMCR.VEOIM) | (value & ICV_CTLR_EOIMODE ? ICH_VMCR.VEOIM : 0n);
        break;
      case "ICC_IGRPEN0_EL1":
        this.#vmcr = flag(ICH_VMCR.VENG0, (value & 1n) !== 0n);
        break;
      case "ICC_IGRPEN1_EL1":
        this.#vmcr = flag(ICH_VMCR.VENG1, (value & 1n) !== 0n);
        break;
      default:
        return; // ICC_SRE_EL1 is fixed; read-only registers never get here
    }
    this.#update();
  }

  #update(): void {
    const index = this.#signalled();
    const group = index < 0 ? -1 : decodeIchListRegister(this.#lrs[index]!).group;
    this.#virtualIrq.setLevel(group === 1);
    this.#virtualFiq.setLevel(group === 0);
    this.#maintenance.setLevel(this.maintenancePending);
  }
}

/** The interface's reset state: disabled, minimum binary points, every list register invalid. */
function resetState(): GicV3VirtualInterfaceState {
  const vmcr = (BigInt(MIN_BPR0) << ICH_VMCR.VBPR0_SHIFT) | (BigInt(MIN_BPR1) << ICH_VMCR.VBPR1_SHIFT);
  return { hcr: 0n, vmcr, ap0r: 0, ap1r: 0, listRegisters: [] };
}
