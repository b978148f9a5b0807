import { emptyUserContext, seL4_Error, seL4_VCPUReg } from "@sel4ts/sel4-kernel-sim";
import { BOOT_VCPU } from "../constants";
import { wordOf, type uintptr_t } from "../address";
import { logError } from "../log";
import type { vm_t, vm_vcpu_t } from "../types";

/** SPSR of a vCPU entering the guest: EL1h with D, A, I and F masked. */
export const SPSR_EL1H_MASKED = 0x3c5n;
const MPIDR_MT_BIT = 1n << 24n;
const MPIDR_RES1 = 1n << 31n;

/** vm_assign_vcpu_target: assigns the vCPU to core `target_cpu`; -1 if vcpu is null or another vCPU has that core. */
export function vm_assign_vcpu_target(vcpu: vm_vcpu_t | null, target_cpu: number): number {
  if (!vcpu) return -1;
  const owner = vcpu.vm.vcpus.find((v) => v !== vcpu && v.target_cpu === target_cpu);
  if (owner) {
    logError(vcpu.vm, "vm_assign_vcpu_target", `core ${target_cpu} is already assigned to vcpu ${owner.vcpu_id}`);
    return -1;
  }
  vcpu.target_cpu = target_cpu;
  return 0;
}

/**
 * Sets where a vCPU starts: pc = entry, x0 = arg, EL1h with interrupts masked (what
 * libsel4vmmplatsupport's vcpu_set_bootargs does on AArch64); 0 / -1.
 */
export function vcpu_set_entry(vcpu: vm_vcpu_t, entry: uintptr_t, arg: uintptr_t): number {
  const regs = emptyUserContext();
  regs.pc = wordOf(entry);
  regs.x0 = wordOf(arg);
  regs.spsr = SPSR_EL1H_MASKED;
  return vcpu.vcpu_arch.fault.setContext(regs);
}

/**
 * vcpu_start: starts an initialised vCPU: marks it online, sets its VMPIDR (MT and RES1 bits for
 * the boot vCPU, the target core otherwise) and resumes its TCB. 0 / -1.
 */
export function vcpu_start(vcpu: vm_vcpu_t): number {
  const sel4 = vcpu.vm.vka.sel4;
  const vmpidr = vcpu.vcpu_id === BOOT_VCPU ? MPIDR_MT_BIT | MPIDR_RES1 : BigInt(Math.max(vcpu.target_cpu, 0));
  const written = sel4.seL4_ARM_VCPU_WriteRegs(vcpu.vcpu.cptr, seL4_VCPUReg.seL4_VCPUReg_VMPIDR_EL2, vmpidr);
  if (written !== seL4_Error.seL4_NoError) {
    logError(vcpu.vm, "vcpu_start", `writing VMPIDR of vcpu ${vcpu.vcpu_id} failed (${seL4_Error[written]})`);
    return -1;
  }
  const resumed = sel4.seL4_TCB_Resume(vcpu.tcb.tcb.cptr);
  if (resumed !== seL4_Error.seL4_NoError) {
    logError(vcpu.vm, "vcpu_start", `resuming vcpu ${vcpu.vcpu_id} failed (${seL4_Error[resumed]})`);
    return -1;
  }
  vcpu.vcpu_online = true;
  return 0;
}

/**
 * Stops the whole VM: suspends every online vCPU and records why in vm.run.exit_reason (vm_run
 * then returns VM_RUN_STOPPED, or -1 after a guest error). Used by PSCI SYSTEM_OFF/RESET and
 * by guest errors.
 */
export function vm_stop_vcpus(vm: vm_t, exit_reason: number): void {
  for (const v of vm.vcpus) {
    if (!v.vcpu_online) continue;
    vm.vka.sel4.seL4_TCB_Suspend(v.tcb.tcb.cptr);
    v.vcpu_online = false;
  }
  vm.run.exit_reason = exit_reason;
}

/** Takes one vCPU offline (PSCI CPU_OFF): suspends its TCB. */
export function vcpu_stop(vcpu: vm_vcpu_t): void {
  if (!vcpu.vcpu_online) return;
  vcpu.vm.vka.sel4.seL4_TCB_Suspend(vcpu.tcb.tcb.cptr);
  vcpu.vcpu_online = false;
}
