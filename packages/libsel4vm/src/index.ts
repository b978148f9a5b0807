// @sel4ts/libsel4vm: seL4_projects_libs/libsel4vm on the sel4ts kernel sim. See README.md.
export * from "./constants";
export { Sel4VmError } from "./errors";
export { defaultVmLogger } from "./log";
export type { vm_logger_fn } from "./log";
export { vm_t } from "./types";
export type {
  MaybePromise,
  ps_io_ops_t,
  unhandled_mem_fault_callback_fn,
  notification_callback_fn,
  unhandled_vcpu_fault_callback_fn,
  smc_handler_callback_fn,
  vm_ram_region,
  vm_mem,
  vm_tcb,
  vm_vcpu_arch,
  vm_vcpu_t,
  vm_exit_kind,
  vm_run_t,
  vm_cspace,
  vm_arch,
} from "./types";
export {
  vm_run,
  vcpu_start,
  vm_register_unhandled_mem_fault_callback,
  vm_register_notification_callback,
  vm_register_unhandled_vcpu_fault_callback,
  vm_register_smc_handler_callback,
} from "./guest-vm";
export * from "./guest-vm-util";
export { FAULT_HANDLED, FAULT_UNHANDLED, FAULT_RESTART, FAULT_IGNORE, FAULT_ERROR } from "./guest-memory-types";
export type {
  memory_fault_result_t,
  vm_frame_t,
  memory_fault_callback_fn,
  memory_map_iterator_fn,
  vm_memory_reservation_t,
  vm_memory_reservation_cookie_t,
  anon_pool_t,
} from "./guest-memory-types";
export {
  vm_memory_init,
  vm_reserve_memory_at,
  vm_reserve_anon_memory,
  vm_memory_make_anon,
  vm_free_reserved_memory,
  vm_map_reservation,
  vm_map_reservation_frames,
  vm_get_reservation_memory_region,
} from "./guest-memory";
export { default_error_fault_callback } from "./guest-memory-helpers";
export { vm_arm_ipa_to_pa } from "./guest-memory-arch";
export * from "./guest-ram";
export { vm_init, vm_create_vcpu, vm_assign_vcpu_target } from "./boot";
export type { vm_init_options } from "./boot";
export * from "./guest-irq-controller";
export { NUM_LIST_REGS, MAX_IRQ_QUEUE_LEN, MAX_VIRQS } from "./vgic/vgic";
export { GICD, GICD_TYPER_RESET, GICD_IIDR_RESET } from "./vgic/distributor";
export * from "./guest-vcpu-fault";
export * from "./arm-context";
export {
  vm_smc_handle_default,
  PSCI_VERSION,
  PSCI_CPU_OFF,
  PSCI_CPU_ON_32,
  PSCI_CPU_ON_64,
  PSCI_MIGRATE_INFO_TYPE,
  PSCI_SYSTEM_OFF,
  PSCI_SYSTEM_RESET,
  PSCI_FEATURES,
  PSCI_SUCCESS,
  PSCI_NOT_SUPPORTED,
  PSCI_ALREADY_ON,
  PSCI_INTERNAL_FAILURE,
  PSCI_VERSION_1_0,
} from "./arch/smc";
export { vcpu_set_entry, SPSR_EL1H_MASKED } from "./arch/vcpu-control";
export {
  HSR_EC_UNKNOWN,
  HSR_EC_WFX,
  HSR_EC_HVC64,
  HSR_EC_SMC64,
  HSR_EC_SYSREG64,
  HSR_EC_IABT_LOW,
  HSR_EC_DABT_LOW,
  HSR_EC_BRK64,
  describeHsr,
} from "@sel4ts/vmm-common";
export type { guest_error_report } from "./arch/guest-error-report";
export { format_guest_error_report } from "./arch/guest-error-report";
export { sel4ts_vmm_thread_start, sel4ts_vmm_thread_join } from "./vmm-thread";
export type { vmm_thread_env, vmm_thread_t } from "./vmm-thread";
export { sel4ts_vmm_env_init, sel4ts_vm_init_default } from "./vmm-env";
