/** Public constants of libsel4vm (guest_vm_exits.h, boot.h, sel4vm config). */

/** VM exit reasons (guest_vm_exits.h), recorded in vm.run.exit_reason. */
export const VM_GUEST_MMIO_EXIT = 0;
export const VM_GUEST_IO_EXIT = 1;
export const VM_GUEST_NOTIFICATION_EXIT = 2;
export const VM_GUEST_UNKNOWN_EXIT = 3;
export const VM_GUEST_ERROR_EXIT = -1;
/** TypeScript-only exit reason: the guest powered off (PSCI SYSTEM_OFF) or no vCPU is online any more. */
export const VM_GUEST_POWER_OFF_EXIT = 4;
/** TypeScript-only exit reason: the guest asked for a reset (PSCI SYSTEM_RESET); the VMM decides whether to restart it. */
export const VM_GUEST_RESET_EXIT = 5;

/**
 * TypeScript-only return value of vm_run: the VM has stopped (vm.run.exit_reason says why:
 * VM_GUEST_POWER_OFF_EXIT or VM_GUEST_RESET_EXIT). C's vm_run never returns a positive value.
 */
export const VM_RUN_STOPPED = 1;

/** BOOT_VCPU: the logical ID of the boot vCPU. */
export const BOOT_VCPU = 0;

/** CONFIG_MAX_NUM_NODES: the most vCPUs a VM may have (badges 1..this are vCPU exits). */
export const CONFIG_MAX_NUM_NODES = 4;

/** log2 of the guest CNode's slot count. */
export const VM_CSPACE_SIZE_BITS = 4;
/** Guest CNode slot of vCPU 0's fault endpoint (vCPU n uses slot VM_FAULT_EP_SLOT + n). */
export const VM_FAULT_EP_SLOT = 1;
/** Guest CNode slot holding the guest CNode's own cap. */
export const VM_CSPACE_SLOT = VM_FAULT_EP_SLOT + CONFIG_MAX_NUM_NODES;

/** Internal vm_run handler results (VM_EXIT_UNHANDLED makes vm_run return 0). */
export const VM_EXIT_UNHANDLED = 0;
export const VM_EXIT_HANDLED = 1;
export const VM_EXIT_HANDLE_ERROR = -1;

/** Hypercalls the UnknownSyscall exit understands. */
export const SYS_PA_TO_IPA = 65;
export const SYS_NOP = 67;
