import { advance_vcpu_fault, emulate_vcpu_fault, get_vcpu_fault_data, get_vcpu_fault_data_mask, is_vcpu_read_fault, set_vcpu_fault_data } from "../guest-vcpu-fault";
import { FAULT_HANDLED, type memory_fault_result_t } from "../guest-memory-types";
import { hex, logWarn } from "../log";
import type { vm_t, vm_vcpu_t } from "../types";
import { GICD_REGISTERS } from "@sel4ts/sel4-kernel-sim";
import { GICD_ICFGR0_SGI, GICD_ID_REGS, GICD_IIDR_RESET, GICD_TYPER_RESET } from "@sel4ts/vmm-common";
import { GIC_SPI_BASE, NUM_VGIC_IRQS, vgic_set_pending_irq, type vgic_t } from "./vgic";

/** GICv2 distributor register offsets (the standard layout the board's GIC also uses). */
export const GICD = GICD_REGISTERS;

/** Reset values libsel4vm's vGIC reports (shared with libvmm's). */
export { GICD_TYPER_RESET, GICD_IIDR_RESET };
const ID_REGS = GICD_ID_REGS;
const ICFGR0 = GICD_ICFGR0_SGI;

const inRange = (offset: number, base: number, bytes: number): boolean => offset >= base && offset < base + bytes;
const BITMAP_BYTES = NUM_VGIC_IRQS / 8;

function bytesOf(array: Uint8Array, first: number): number {
  return (array[first]! | (array[first + 1]! << 8) | (array[first + 2]! << 16) | (array[first + 3]! << 24)) >>> 0;
}

/** The 32-bit value of the register at word-aligned `offset`, as `vcpu` sees it. */
export function vgic_dist_read(vgic: vgic_t, vcpu: vm_vcpu_t, offset: number): number | null {
  const dist = vgic.dist;
  const local = vgic.vcpuState(vcpu);
  const word = (offset & 0x7f) >> 2;
  if (offset === GICD.CTLR) return dist.ctlr;
  if (offset === GICD.TYPER) return GICD_TYPER_RESET;
  if (offset === GICD.IIDR) return GICD_IIDR_RESET;
  if (inRange(offset, GICD.IGROUPR, BITMAP_BYTES)) return word === 0 ? local.group0 : dist.group[word]!;
  if (inRange(offset, GICD.ISENABLER, BITMAP_BYTES) || inRange(offset, GICD.ICENABLER, BITMAP_BYTES)) return word === 0 ? local.enable0 : dist.enable[word]!;
  if (inRange(offset, GICD.ISPENDR, BITMAP_BYTES) || inRange(offset, GICD.ICPENDR, BITMAP_BYTES)) return word === 0 ? local.pending0 : dist.pending[word]!;
  if (inRange(offset, GICD.ISACTIVER, BITMAP_BYTES) || inRange(offset, GICD.ICACTIVER, BITMAP_BYTES)) return word === 0 ? local.active0 : dist.active[word]!;
  if (inRange(offset, GICD.IPRIORITYR, NUM_VGIC_IRQS)) {
    const irq = offset - GICD.IPRIORITYR;
    return irq < GIC_SPI_BASE ? bytesOf(local.priority0, irq) : bytesOf(dist.priority, irq);
  }
  if (inRange(offset, GICD.ITARGETSR, NUM_VGIC_IRQS)) {
    const irq = offset - GICD.ITARGETSR;
    // SGI/PPI target registers are read-only and name the reading CPU.
    return irq < GIC_SPI_BASE ? ((1 << vcpu.vcpu_id) & 0xff) * 0x0101_0101 : bytesOf(dist.targets, irq);
  }
  if (inRange(offset, GICD.ICFGR, NUM_VGIC_IRQS / 4)) {
    const index = (offset - GICD.ICFGR) >> 2;
    return index === 0 ? ICFGR0 : dist.config[index]!;
  }
  if (offset === GICD.SGIR) return 0;
  if (inRange(offset, GICD.CPENDSGIR, 16) || inRange(offset, GICD.SPENDSGIR, 16)) {
    const first = offset & 0xf;
    let value = 0;
    for (let i = 0; i < 4; i++) if (((local.pending0 >>> (first + i)) & 1) === 1) value |= 1 << (i * 8);
    return value >>> 0;
  }
  return ID_REGS[offset] ?? null;
}

function forEachBit(bits: number, firstIrq: number, fn: (irq: number) => void): void {
  for (let i = 0; i < 32; i++) if (((bits >>> i) & 1) === 1) fn(firstIrq + i);
}

function writeBytes(array: Uint8Array, first: number, value: number): void {
  for (let i = 0; i < 4; i++) array[first + i] = (value >>> (i * 8)) & 0xff;
}

/**
 * Applies a guest write to the register at word-aligned `offset`. `bits` are the written bits
 * in register position (for set/clear registers); `merged` is the register image with the write
 * merged in (for value registers). Returns false for an offset the distributor does not have.
 */
export function vgic_dist_write(vm: vm_t, vgic: vgic_t, vcpu: vm_vcpu_t, offset: number, bits: number, merged: number): boolean {
  const dist = vgic.dist;
  const local = vgic.vcpuState(vcpu);
  const firstIrq = ((offset & 0x7f) >> 2) * 32;
  if (offset === GICD.CTLR) {
    dist.ctlr = merged & 0x3;
  } else if (offset === GICD.TYPER || offset === GICD.IIDR) {
    // read-only
  } else if (inRange(offset, GICD.IGROUPR, BITMAP_BYTES)) {
    if (firstIrq === 0) local.group0 = merged;
    else dist.group[firstIrq >> 5] = merged;
  } else if (inRange(offset, GICD.ISENABLER, BITMAP_BYTES)) {
    forEachBit(bits, firstIrq, (irq) => enableIrq(vgic, vcpu, irq));
  } else if (inRange(offset, GICD.ICENABLER, BITMAP_BYTES)) {
    forEachBit(bits, firstIrq, (irq) => vgic.setEnabled(vcpu, irq, false));
  } else if (inRange(offset, GICD.ISPENDR, BITMAP_BYTES)) {
    forEachBit(bits, firstIrq, (irq) => vgic_set_pending_irq(vm, vgic, vcpu, irq));
  } else if (inRange(offset, GICD.ICPENDR, BITMAP_BYTES)) {
    forEachBit(bits, firstIrq, (irq) => vgic.setPending(vcpu, irq, false));
  } else if (inRange(offset, GICD.ISACTIVER, BITMAP_BYTES) || inRange(offset, GICD.ICACTIVER, BITMAP_BYTES)) {
    const set = offset < GICD.ICACTIVER;
    if (firstIrq === 0) local.active0 = (set ? local.active0 | bits : local.active0 & ~bits) >>> 0;
    else dist.active[firstIrq >> 5] = (set ? dist.active[firstIrq >> 5]! | bits : dist.active[firstIrq >> 5]! & ~bits) >>> 0;
  } else if (inRange(offset, GICD.IPRIORITYR, NUM_VGIC_IRQS)) {
    const irq = offset - GICD.IPRIORITYR;
    writeBytes(irq < GIC_SPI_BASE ? local.priority0 : dist.priority, irq, merged);
  } else if (inRange(offset, GICD.ITARGETSR, NUM_VGIC_IRQS)) {
    const irq = offset - GICD.ITARGETSR;
    if (irq >= GIC_SPI_BASE) writeBytes(dist.targets, irq, merged);
  } else if (inRange(offset, GICD.ICFGR, NUM_VGIC_IRQS / 4)) {
    const index = (offset - GICD.ICFGR) >> 2;
    if (index > 0) dist.config[index] = merged & 0xaaaa_aaaa;
  } else if (offset === GICD.SGIR) {
    sendSgi(vm, vgic, vcpu, merged);
  } else if (inRange(offset, GICD.SPENDSGIR, 16) || inRange(offset, GICD.CPENDSGIR, 16)) {
    const first = offset & 0xf;
    for (let i = 0; i < 4; i++) {
      if (((bits >>> (i * 8)) & 0xff) === 0) continue;
      if (offset >= GICD.SPENDSGIR) vgic_set_pending_irq(vm, vgic, vcpu, first + i);
      else vgic.setPending(vcpu, first + i, false);
    }
  } else {
    return ID_REGS[offset] !== undefined;
  }
  return true;
}

/** Enabling an IRQ that is not pending acknowledges it, so that its source can raise it again (C's "state b"). */
function enableIrq(vgic: vgic_t, vcpu: vm_vcpu_t, irq: number): void {
  vgic.setEnabled(vcpu, irq, true);
  const virq = vgic.find(vcpu, irq);
  if (virq && !vgic.isPending(vcpu, irq)) virq.ack(vcpu, irq, virq.token);
}

/** GICD_SGIR: TargetListFilter 0 = the listed CPUs, 1 = all others, 2 = the writer. */
function sendSgi(vm: vm_t, vgic: vgic_t, sender: vm_vcpu_t, value: number): void {
  const sgi = value & 0xf;
  const filter = (value >>> 24) & 3;
  const list = (value >>> 16) & 0xff;
  for (const target of vm.vcpus) {
    const hit = filter === 0 ? ((list >>> target.vcpu_id) & 1) === 1 : filter === 1 ? target !== sender : filter === 2 ? target === sender : false;
    if (hit) vgic_set_pending_irq(vm, vgic, target, sgi);
  }
}

/**
 * The distributor's fault callback: emulates one guest access to the distributor page at
 * `base` and advances the vCPU past it.
 */
export function vgic_dist_fault(vm: vm_t, vcpu: vm_vcpu_t, fault_addr: number, base: number): memory_fault_result_t {
  const vgic = vm.arch.vgic!;
  const offset = (fault_addr - base) & ~3;
  const current = vgic_dist_read(vgic, vcpu, offset);
  if (is_vcpu_read_fault(vcpu)) {
    if (current === null) logWarn(vm, "vgic_dist", `read of unknown distributor register ${hex(offset)} (RAZ)`);
    set_vcpu_fault_data(vcpu, BigInt(current ?? 0));
  } else {
    const mask = get_vcpu_fault_data_mask(vcpu);
    const shift = BigInt((fault_addr & 3) * 8);
    const bits = Number(((get_vcpu_fault_data(vcpu) << shift) & mask) & 0xffff_ffffn);
    const merged = Number(emulate_vcpu_fault(vcpu, BigInt(current ?? 0)) & 0xffff_ffffn);
    if (!vgic_dist_write(vm, vgic, vcpu, offset, bits >>> 0, merged >>> 0)) {
      logWarn(vm, "vgic_dist", `write to unknown distributor register ${hex(offset)} ignored`);
    }
  }
  advance_vcpu_fault(vcpu);
  return FAULT_HANDLED;
}
