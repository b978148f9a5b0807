import { emulateDataAbort, hsrExceptionClass } from "@sel4ts/vmm-common";
import type { vm_vcpu_t } from "./types";

/**
 * guest_vcpu_fault.h: accessors for the fault a vCPU is blocked on. They are valid while the
 * fault is pending, i.e. inside a fault callback.
 */

const fault = (vcpu: vm_vcpu_t) => vcpu.vcpu_arch.fault;

/** get_vcpu_fault_address: the faulting guest physical address. */
export function get_vcpu_fault_address(vcpu: vm_vcpu_t): number {
  return fault(vcpu).addr;
}

/** get_vcpu_fault_ip: the faulting instruction's address. */
export function get_vcpu_fault_ip(vcpu: vm_vcpu_t): bigint {
  return fault(vcpu).ip;
}

/** get_vcpu_fault_data: on a write, the source register's value; on a read, the value to be loaded. */
export function get_vcpu_fault_data(vcpu: vm_vcpu_t): bigint {
  return fault(vcpu).data;
}

/** get_vcpu_fault_data_mask: the accessed bytes within the aligned word (0xff/0xffff/0xffffffff/~0, shifted by (addr & 3) * 8). */
export function get_vcpu_fault_data_mask(vcpu: vm_vcpu_t): bigint {
  return fault(vcpu).dataMask();
}

/** get_vcpu_fault_size: the access size in bytes (1, 2, 4 or 8). */
export function get_vcpu_fault_size(vcpu: vm_vcpu_t): number {
  return fault(vcpu).width;
}

/** is_vcpu_read_fault: true for a read (HSR WnR clear). */
export function is_vcpu_read_fault(vcpu: vm_vcpu_t): boolean {
  return !fault(vcpu).isWrite();
}

/** get_vcpu_fault_hsr: the HSR of the pending fault (TypeScript helper; C reads fault->fsr). */
export function get_vcpu_fault_hsr(vcpu: vm_vcpu_t): number {
  return fault(vcpu).fsr;
}

/** get_vcpu_fault_exception_class: HSR bits 26-31 of the pending fault (TypeScript helper). */
export function get_vcpu_fault_exception_class(vcpu: vm_vcpu_t): number {
  return hsrExceptionClass(fault(vcpu).fsr);
}

/** set_vcpu_fault_data: sets the value a read loads (pass it shifted by (addr & 3) * 8, or the whole register word); always 0. */
export function set_vcpu_fault_data(vcpu: vm_vcpu_t, data: bigint): number {
  fault(vcpu).data = BigInt.asUintN(64, data);
  return 0;
}

/**
 * emulate_vcpu_fault: merges the access into `data` (a register or register image), with
 * s = (addr & 3) * 8, m = the data mask, f = the fault data:
 * read: `(data & ~(m >> s)) | ((f & m) >> s)`; write: `(data & ~m) | ((f << s) & m)`.
 */
export function emulate_vcpu_fault(vcpu: vm_vcpu_t, data: bigint): bigint {
  const f = fault(vcpu);
  return emulateDataAbort(data, f.addr, f.fsr, f.data);
}

/**
 * advance_vcpu_fault: completes the fault. On a read the destination register receives the
 * loaded value (zero- or sign-extended as the syndrome says: a deliberate fix of C's kept upper
 * bits, seL4_projects_libs#3); then PC += 4 and the vCPU is resumed.
 */
export function advance_vcpu_fault(vcpu: vm_vcpu_t): void {
  fault(vcpu).advance();
}

/** restart_vcpu_fault: resumes the vCPU at the faulting instruction (e.g. after mapping memory). */
export function restart_vcpu_fault(vcpu: vm_vcpu_t): void {
  fault(vcpu).restart();
}

/** ignore_vcpu_fault: skips the faulting instruction without emulating it (C's ignore_fault). */
export function ignore_vcpu_fault(vcpu: vm_vcpu_t): void {
  fault(vcpu).ignore();
}
