import {
  seL4_RootCNodeCapSlots as S,
  sel4ts_make_bootinfo_vka,
  sel4ts_make_vspace,
  simple_default_init_bootinfo,
  vka_alloc_endpoint,
  type Sel4,
  type simple_t,
  type vka_object_t,
} from "@sel4ts/sel4-kernel-sim";
import { vm_init, type vm_init_options } from "./boot";
import { vm_create_default_irq_controller, type irq_controller_options } from "./guest-irq-controller";
import { vm_ram_register_at } from "./guest-ram";
import { defaultVmLogger, logError } from "./log";
import type { vm_t } from "./types";
import type { vmm_thread_env } from "./vmm-thread";

/**
 * TypeScript-only: the environment of a VMM that is the kernel's root task, as a C root task
 * makes it before vm_init (an allocator over its boot info's untypeds and empty slots,
 * `simple_default_init_bootinfo`, a vspace over its own VSpace). The same shape a VMM thread
 * gets from {@link sel4ts_vmm_thread_start}, and its `parent` argument.
 */
export function sel4ts_vmm_env_init(sel4: Sel4): vmm_thread_env {
  const bootInfo = sel4.seL4_GetBootInfo();
  const vka = sel4ts_make_bootinfo_vka(sel4, bootInfo);
  const simple = { value: null as simple_t | null };
  simple_default_init_bootinfo(simple, sel4, bootInfo);
  return { sel4, vka, simple: simple.value!, vspace: sel4ts_make_vspace(vka, S.seL4_CapInitThreadVSpace) };
}

/**
 * TypeScript-only: the first steps of every VMM in one call: a host endpoint for the VM's
 * exits, `vm_init`, `ram_size` bytes of guest RAM at `ram_base` (`vm_ram_register_at`, frames
 * from the allocator) and `vm_create_default_irq_controller` (the vGICv2; a second VM of the same
 * VMM passes `vcpu_interface_from`). 0 on success; -1 after the failing step's line through the
 * logger (the VM is then unusable).
 */
export function sel4ts_vm_init_default(
  vm: vm_t,
  env: vmm_thread_env,
  name: string,
  ram_base: number,
  ram_size: number,
  options: vm_init_options & irq_controller_options = {},
): number {
  const endpoint = { value: null as vka_object_t | null };
  if (vka_alloc_endpoint(env.vka, endpoint) !== 0 || !endpoint.value) {
    logError({ vm_name: name, logger: options.logger ?? defaultVmLogger }, "sel4ts_vm_init_default", "allocating the host endpoint failed (give the kernel more RAM or CNode slots)");
    return -1;
  }
  const { vcpu_interface_from, ...init } = options;
  if (vm_init(vm, env.vka, env.simple, env.vspace, null, endpoint.value.cptr, name, init) !== 0) return -1;
  if (vm_ram_register_at(vm, ram_base, ram_size, false) !== 0) return -1;
  return vm_create_default_irq_controller(vm, vcpu_interface_from ? { vcpu_interface_from } : {}) !== 0 ? -1 : 0;
}
