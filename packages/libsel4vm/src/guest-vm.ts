import { flush_vcpu_replies, handle_vcpu_exit } from "./arch/vm-exits";
import {
  CONFIG_MAX_NUM_NODES,
  VM_EXIT_HANDLE_ERROR,
  VM_GUEST_ERROR_EXIT,
  VM_GUEST_NOTIFICATION_EXIT,
  VM_GUEST_POWER_OFF_EXIT,
  VM_GUEST_RESET_EXIT,
  VM_RUN_STOPPED,
} from "./constants";
import { requireInitialised } from "./address";
import { hex, logError } from "./log";
import type { notification_callback_fn, smc_handler_callback_fn, unhandled_mem_fault_callback_fn, unhandled_vcpu_fault_callback_fn, vm_t, vm_vcpu_t } from "./types";

export { vcpu_start } from "./arch/vcpu-control";

async function handleNotification(vm: vm_t, badge: bigint, tag: Parameters<notification_callback_fn>[2]): Promise<number> {
  vm.run.exit_counts.notification++;
  vm.run.exit_reason = VM_GUEST_NOTIFICATION_EXIT;
  const callback = vm.run.notification_callback;
  if (!callback) {
    logError(vm, "vm_run", `notification with badge ${hex(badge)} but no notification callback`);
    return VM_EXIT_HANDLE_ERROR;
  }
  const result = await callback(vm, badge, tag, vm.run.notification_callback_cookie);
  if (result !== 0) {
    logError(vm, "vm_run", `the notification callback failed (${result}) for badge ${hex(badge)}`);
    return VM_EXIT_HANDLE_ERROR;
  }
  return 1;
}

/** True once the VM has vCPUs and none is online (powered off, reset, or never started). */
const stopped = (vm: vm_t): boolean => vm.num_vcpus > 0 && vm.vcpus.every((v) => !v.vcpu_online);

/**
 * vm_run: the VM's event loop. Waits on the host endpoint and dispatches vCPU exits (badges
 * 1..CONFIG_MAX_NUM_NODES) and notifications (any other badge). Returns
 * - 0 after a virtual PPI (timer) event, as C does (callers loop: `while (await vm_run(vm) === 0)`);
 * - VM_RUN_STOPPED (1, TypeScript-only) when the VM has stopped: the guest called PSCI SYSTEM_OFF
 *   (exit_reason VM_GUEST_POWER_OFF_EXIT) or SYSTEM_RESET (VM_GUEST_RESET_EXIT), or no vCPU is
 *   online any more (VM_GUEST_POWER_OFF_EXIT), where C would block forever;
 * - -1 on an error, with exit_reason VM_GUEST_ERROR_EXIT and the report in vm.run.last_error.
 */
export async function vm_run(vm: vm_t): Promise<number> {
  if (!requireInitialised(vm, "vm_run")) return VM_EXIT_HANDLE_ERROR;
  const sel4 = vm.vka.sel4;
  let ret = 1;
  while (ret > 0) {
    await flush_vcpu_replies(vm);
    if (stopped(vm)) {
      if (vm.run.exit_reason === VM_GUEST_ERROR_EXIT) return VM_EXIT_HANDLE_ERROR;
      if (vm.run.exit_reason !== VM_GUEST_RESET_EXIT) vm.run.exit_reason = VM_GUEST_POWER_OFF_EXIT;
      return VM_RUN_STOPPED;
    }
    const sender = { value: 0n };
    const tag = await sel4.seL4_Recv(vm.host_endpoint, sender);
    const badge = sender.value;
    if (badge >= 1n && badge <= BigInt(CONFIG_MAX_NUM_NODES)) {
      const vcpu = vm.vcpus[Number(badge) - 1];
      if (!vcpu) {
        logError(vm, "vm_run", `exit from unknown vcpu index ${Number(badge) - 1}`);
        ret = VM_EXIT_HANDLE_ERROR;
      } else {
        ret = await handle_vcpu_exit(vm, vcpu, tag.label);
      }
    } else {
      ret = await handleNotification(vm, badge, tag);
    }
    if (ret < 0) vm.run.exit_reason = VM_GUEST_ERROR_EXIT;
  }
  await flush_vcpu_replies(vm);
  return ret;
}

/** vm_register_unhandled_mem_fault_callback: the callback for accesses no reservation covers; -1 if null. */
export function vm_register_unhandled_mem_fault_callback(vm: vm_t, fault_handler: unhandled_mem_fault_callback_fn | null, cookie: unknown): number {
  if (!fault_handler) {
    logError(vm, "vm_register_unhandled_mem_fault_callback", "no callback given");
    return -1;
  }
  vm.mem.unhandled_mem_fault_handler = fault_handler;
  vm.mem.unhandled_mem_fault_cookie = cookie;
  return 0;
}

/** vm_register_notification_callback: the callback for notifications unknown to libsel4vm; -1 if null. */
export function vm_register_notification_callback(vm: vm_t, notification_callback: notification_callback_fn | null, cookie: unknown): number {
  if (!notification_callback) {
    logError(vm, "vm_register_notification_callback", "no callback given");
    return -1;
  }
  vm.run.notification_callback = notification_callback;
  vm.run.notification_callback_cookie = cookie;
  return 0;
}

/** vm_register_unhandled_vcpu_fault_callback (ARM): the callback for VCPUFault exits; -1 if vcpu or callback is null. */
export function vm_register_unhandled_vcpu_fault_callback(vcpu: vm_vcpu_t | null, vcpu_fault_callback: unhandled_vcpu_fault_callback_fn | null, cookie: unknown): number {
  if (!vcpu) return -1;
  if (!vcpu_fault_callback) {
    logError(vcpu.vm, "vm_register_unhandled_vcpu_fault_callback", "no callback given");
    return -1;
  }
  vcpu.vcpu_arch.unhandled_vcpu_callback = vcpu_fault_callback;
  vcpu.vcpu_arch.unhandled_vcpu_callback_cookie = cookie;
  return 0;
}

/** vm_register_smc_handler_callback (ARM): replaces the SMC handler (default vm_smc_handle_default); -1 if null. */
export function vm_register_smc_handler_callback(vm: vm_t, vm_smc_handler: smc_handler_callback_fn | null): number {
  if (!vm_smc_handler) {
    logError(vm, "vm_register_smc_handler_callback", "no handler given");
    return -1;
  }
  vm.arch.vm_smc_handler = vm_smc_handler;
  return 0;
}
