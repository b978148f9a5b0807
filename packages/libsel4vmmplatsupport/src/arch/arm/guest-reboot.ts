import type { MaybePromise, vm_t } from "@sel4ts/libsel4vm";
import { logError } from "../../log";

/** reboot_hook_t: a function run when the guest reboots, with its token. */
export interface reboot_hook_t {
  fn: (vm: vm_t, token: unknown) => MaybePromise<number>;
  token: unknown;
}

/** reboot_hooks_list_t: the hooks, in registration order. */
export interface reboot_hooks_list_t {
  rb_hooks: reboot_hook_t[];
  nhooks: number;
}

/** vmm_init_reboot_hooks_list: empties `rb_hooks_list`; 0. */
export function vmm_init_reboot_hooks_list(rb_hooks_list: reboot_hooks_list_t): number {
  rb_hooks_list.rb_hooks = [];
  rb_hooks_list.nhooks = 0;
  return 0;
}

/** vmm_register_reboot_callback: appends a hook; -1 for a null list or function. */
export function vmm_register_reboot_callback(rb_hooks_list: reboot_hooks_list_t | null, hook: reboot_hook_t["fn"] | null, token: unknown): number {
  if (!rb_hooks_list || !hook) return -1;
  rb_hooks_list.rb_hooks.push({ fn: hook, token });
  rb_hooks_list.nhooks = rb_hooks_list.rb_hooks.length;
  return 0;
}

/** vmm_process_reboot_callbacks: runs the hooks in order; -1 at the first that fails. */
export async function vmm_process_reboot_callbacks(vm: vm_t, rb_hooks_list: reboot_hooks_list_t): Promise<number> {
  for (const [i, hook] of rb_hooks_list.rb_hooks.entries()) {
    if ((await hook.fn(vm, hook.token)) !== 0) {
      logError(vm, "vmm_process_reboot_callbacks", `reboot hook ${i} failed`);
      return -1;
    }
  }
  return 0;
}
