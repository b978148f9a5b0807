import type { vspace_t } from "@sel4ts/sel4-kernel-sim";
import type { vm_t, vm_vcpu_t } from "./types";

/** guest_vm_util.h: queries on a VM instance. */

/** vm_get_vcpu_tcb: the TCB CPtr of a vCPU. */
export function vm_get_vcpu_tcb(vcpu: vm_vcpu_t): number {
  return vcpu.tcb.tcb.cptr;
}

/** vm_get_vcpu: the VCPU object CPtr of logical vCPU `vcpu_id`; seL4_CapNull (0) if there is none. */
export function vm_get_vcpu(vm: vm_t, vcpu_id: number): number {
  if (vcpu_id < 0 || vcpu_id >= vm.num_vcpus) return 0;
  return vm.vcpus[vcpu_id]?.vcpu.cptr ?? 0;
}

/** vm_vcpu_for_target_cpu: the vCPU assigned to core `target_cpu`, or null. */
export function vm_vcpu_for_target_cpu(vm: vm_t, target_cpu: number): vm_vcpu_t | null {
  return vm.vcpus.find((v) => v.target_cpu === target_cpu) ?? null;
}

/** vm_find_free_unassigned_vcpu: the first vCPU not assigned to a core (target_cpu -1), or null. */
export function vm_find_free_unassigned_vcpu(vm: vm_t): vm_vcpu_t | null {
  return vm.vcpus.find((v) => v.target_cpu === -1) ?? null;
}

/** is_vcpu_online: true once the vCPU has been started. */
export function is_vcpu_online(vcpu: vm_vcpu_t): boolean {
  return vcpu.vcpu_online;
}

/** vm_get_vspace: the guest's vspace. */
export function vm_get_vspace(vm: vm_t): vspace_t {
  return vm.mem.vm_vspace;
}

/** vm_get_vmm_vspace: the host VMM's vspace. */
export function vm_get_vmm_vspace(vm: vm_t): vspace_t {
  return vm.mem.vmm_vspace;
}
