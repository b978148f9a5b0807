import { FAULT_ERROR, type memory_fault_result_t } from "./guest-memory-types";
import type { vm_t, vm_vcpu_t } from "./types";

/**
 * default_error_fault_callback: the fault callback of fully mapped regions (RAM); an access that
 * still faults there is a guest error, so it always returns FAULT_ERROR.
 */
export function default_error_fault_callback(_vm: vm_t, _vcpu: vm_vcpu_t, _fault_addr: number, _fault_length: number, _cookie: unknown): memory_fault_result_t {
  return FAULT_ERROR;
}
