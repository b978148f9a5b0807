import { seL4_Error } from "@sel4ts/sel4-kernel-sim";
import { hex, logError } from "../log";
import type { vm_t, vm_vcpu_t } from "../types";

/** irq_ack_fn_t: called when the guest has handled (EOIed) a virtual IRQ, or when it is enabled while not pending. */
export type irq_ack_fn_t = (vcpu: vm_vcpu_t, irq: number, cookie: unknown) => void;

/** A registered virtual IRQ with its acknowledge callback (C's struct virq_handle). */
export interface virq_handle {
  readonly virq: number;
  readonly ack: irq_ack_fn_t;
  readonly token: unknown;
}

/** Number of list registers libsel4vm uses per vCPU. */
export const NUM_LIST_REGS = 4;
/** Length of the per-vCPU overflow queue (MAX_IRQ_QUEUE_LEN). */
export const MAX_IRQ_QUEUE_LEN = 64;
/** Number of SPIs that can be registered (MAX_VIRQS). */
export const MAX_VIRQS = 200;
/** IRQs the distributor models (GICD_TYPER.ITLinesNumber = 7). */
export const NUM_VGIC_IRQS = 256;
/** First SPI. */
export const GIC_SPI_BASE = 32;
/** Highest valid interrupt ID (1020-1023 are special). */
export const MAX_INTID = 1019;

/** Per-vCPU state: banked SGI/PPI bits, the SGI/PPI table, list-register shadows and the overflow ring. */
export class vgic_vcpu_state {
  /** Banked enable/pending/active bits of IRQs 0-31. */
  enable0 = 0xffff;
  pending0 = 0;
  active0 = 0;
  group0 = 0;
  /** Banked priorities of IRQs 0-31. */
  readonly priority0 = new Uint8Array(GIC_SPI_BASE);
  /** SGI/PPI handles registered on this vCPU. */
  readonly local_virqs: (virq_handle | null)[] = new Array<virq_handle | null>(GIC_SPI_BASE).fill(null);
  /** What libsel4vm loaded into each list register. */
  readonly lr_shadow: (virq_handle | null)[] = new Array<virq_handle | null>(NUM_LIST_REGS).fill(null);
  /** Ring of IRQs waiting for a free list register. */
  readonly queue: (virq_handle | null)[] = new Array<virq_handle | null>(MAX_IRQ_QUEUE_LEN).fill(null);
  head = 0;
  count = 0;

  /** Appends to the ring; false when full. */
  enqueue(virq: virq_handle): boolean {
    if (this.count === MAX_IRQ_QUEUE_LEN) return false;
    this.queue[(this.head + this.count) % MAX_IRQ_QUEUE_LEN] = virq;
    this.count++;
    return true;
  }

  /** Takes the oldest queued IRQ, or null. */
  dequeue(): virq_handle | null {
    if (this.count === 0) return null;
    const virq = this.queue[this.head]!;
    this.queue[this.head] = null;
    this.head = (this.head + 1) % MAX_IRQ_QUEUE_LEN;
    this.count--;
    return virq;
  }
}

/** The distributor's shared state (SPIs) and control register. */
export class vgic_dist_state {
  /** GICD_CTLR bits 0-1 (bit 0: forward interrupts). */
  ctlr = 0;
  /** SPI bitmaps, one bit per IRQ (words 0 are unused: IRQs 0-31 are banked per vCPU). */
  readonly enable = new Uint32Array(NUM_VGIC_IRQS / 32);
  readonly pending = new Uint32Array(NUM_VGIC_IRQS / 32);
  readonly active = new Uint32Array(NUM_VGIC_IRQS / 32);
  readonly group = new Uint32Array(NUM_VGIC_IRQS / 32);
  readonly priority = new Uint8Array(NUM_VGIC_IRQS);
  readonly targets = new Uint8Array(NUM_VGIC_IRQS);
  /** GICD_ICFGRn; 0 (SGIs) reads as fixed edge-triggered. */
  readonly config = new Uint32Array(NUM_VGIC_IRQS / 16);
}

/**
 * vgic_t: one VM's virtual GICv2 (C keeps this in a static, so a process holds one VM; here
 * each VM owns its own, in vm.arch.vgic).
 */
export class vgic_t {
  readonly dist = new vgic_dist_state();
  readonly spis: virq_handle[] = [];
  private readonly vcpus = new Map<number, vgic_vcpu_state>();

  /** The per-vCPU state of `vcpu` (created on first use). */
  vcpuState(vcpu: vm_vcpu_t): vgic_vcpu_state {
    let state = this.vcpus.get(vcpu.vcpu_id);
    if (!state) {
      state = new vgic_vcpu_state();
      this.vcpus.set(vcpu.vcpu_id, state);
    }
    return state;
  }

  /** The handle registered for `irq` on `vcpu`, or null. */
  find(vcpu: vm_vcpu_t, irq: number): virq_handle | null {
    if (irq < GIC_SPI_BASE) return this.vcpuState(vcpu).local_virqs[irq] ?? null;
    return this.spis.find((v) => v.virq === irq) ?? null;
  }

  /** True when the distributor forwards interrupts (GICD_CTLR bit 0). */
  get enabled(): boolean {
    return (this.dist.ctlr & 1) !== 0;
  }

  isEnabled(vcpu: vm_vcpu_t, irq: number): boolean {
    return irq < GIC_SPI_BASE ? bit(this.vcpuState(vcpu).enable0, irq) : bit(this.dist.enable[irq >> 5]!, irq & 31);
  }

  isPending(vcpu: vm_vcpu_t, irq: number): boolean {
    return irq < GIC_SPI_BASE ? bit(this.vcpuState(vcpu).pending0, irq) : bit(this.dist.pending[irq >> 5]!, irq & 31);
  }

  setEnabled(vcpu: vm_vcpu_t, irq: number, on: boolean): void {
    if (irq < GIC_SPI_BASE) {
      const state = this.vcpuState(vcpu);
      // SGIs are always enabled (GICv2 allows this implementation choice; libsel4vm makes it).
      state.enable0 = withBit(state.enable0, irq, on || irq < 16);
    } else if (irq < NUM_VGIC_IRQS) {
      this.dist.enable[irq >> 5] = withBit(this.dist.enable[irq >> 5]!, irq & 31, on);
    }
  }

  setPending(vcpu: vm_vcpu_t, irq: number, on: boolean): void {
    if (irq < GIC_SPI_BASE) {
      const state = this.vcpuState(vcpu);
      state.pending0 = withBit(state.pending0, irq, on);
    } else if (irq < NUM_VGIC_IRQS) {
      this.dist.pending[irq >> 5] = withBit(this.dist.pending[irq >> 5]!, irq & 31, on);
    }
  }
}

const bit = (word: number, n: number): boolean => ((word >>> n) & 1) === 1;
const withBit = (word: number, n: number, on: boolean): number => (on ? word | (1 << n) : word & ~(1 << n)) >>> 0;

/** Loads `virq` into list register `lr` with seL4_ARM_VCPU_InjectIRQ (group 0, priority 0); 0 / -1. */
function loadListRegister(vm: vm_t, vcpu: vm_vcpu_t, state: vgic_vcpu_state, lr: number, virq: virq_handle): number {
  const error = vm.vka.sel4.seL4_ARM_VCPU_InjectIRQ(vcpu.vcpu.cptr, virq.virq, 0, 0, lr);
  if (error !== seL4_Error.seL4_NoError) {
    logError(vm, "vm_inject_irq", `loading IRQ ${virq.virq} into list register ${lr} of vcpu ${vcpu.vcpu_id} failed (${seL4_Error[error]})`);
    return -1;
  }
  state.lr_shadow[lr] = virq;
  return 0;
}

/**
 * vgic_dist_set_pending_irq: makes `irq` pending on `vcpu` and gets it to the guest (a free list
 * register, else the overflow ring); wakes the vCPU if it waits in WFI. -1 if the IRQ is not
 * registered, the distributor is off or the IRQ is disabled; 0 if it was already pending.
 */
export function vgic_set_pending_irq(vm: vm_t, vgic: vgic_t, vcpu: vm_vcpu_t, irq: number): number {
  const fn = "vm_inject_irq";
  const virq = vgic.find(vcpu, irq);
  if (!virq) {
    logError(vm, fn, `IRQ ${irq} is not registered on vcpu ${vcpu.vcpu_id}`);
    return -1;
  }
  if (!vgic.enabled || !vgic.isEnabled(vcpu, irq)) {
    logError(vm, fn, `IRQ ${irq} dropped: ${vgic.enabled ? "the IRQ is disabled" : "the distributor is disabled"}`);
    return -1;
  }
  if (vgic.isPending(vcpu, irq)) return 0;
  vgic.setPending(vcpu, irq, true);
  const fault = vcpu.vcpu_arch.fault;
  if (fault.isWfi()) fault.ignore();
  const state = vgic.vcpuState(vcpu);
  if (!state.enqueue(virq)) {
    logError(vm, fn, `the IRQ queue of vcpu ${vcpu.vcpu_id} is full (${MAX_IRQ_QUEUE_LEN} entries); IRQ ${irq} dropped`);
    return -1;
  }
  const lr = state.lr_shadow.indexOf(null);
  if (lr < 0) return 0;
  return loadListRegister(vm, vcpu, state, lr, state.dequeue()!);
}

/**
 * The VGIC maintenance exit: the guest finished the IRQ in list register `idx`: clear it,
 * acknowledge it to its owner and refill the register from the overflow ring.
 */
export function vgic_handle_maintenance(vm: vm_t, vgic: vgic_t, vcpu: vm_vcpu_t, idx: number): number {
  const state = vgic.vcpuState(vcpu);
  if (idx < 0 || idx >= NUM_LIST_REGS) {
    logError(vm, "vgic_maintenance", `list register index ${hex(idx)} from vcpu ${vcpu.vcpu_id} is out of range`);
    return 0;
  }
  const virq = state.lr_shadow[idx] ?? null;
  state.lr_shadow[idx] = null;
  if (virq) {
    vgic.setPending(vcpu, virq.virq, false);
    virq.ack(vcpu, virq.virq, virq.token);
  }
  const next = state.dequeue();
  return next ? loadListRegister(vm, vcpu, state, idx, next) : 0;
}
