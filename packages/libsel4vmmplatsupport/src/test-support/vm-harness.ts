/** Tests only: a VM on a fresh kernel, handed to `body` inside the root task. */
import { vm_create_default_irq_controller, vm_init, vm_ram_register_at, vm_t } from "@sel4ts/libsel4vm";
import {
  Kernel,
  seL4_RootCNodeCapSlots as S,
  sel4ts_make_bootinfo_vka,
  sel4ts_make_vspace,
  simple_default_init_bootinfo,
  vka_alloc_endpoint,
  type Sel4,
  type simple_t,
  type vka_object_t,
} from "@sel4ts/sel4-kernel-sim";

export const TEST_RAM_BASE = 0x4000_0000;
export const TEST_RAM_SIZE = 0x20_0000;

/** Runs `body` with an initialised VM (RAM and vGIC, no vCPU); returns its result and the VM's log. */
export async function withVm<T>(body: (vm: vm_t, sel4: Sel4) => Promise<T> | T): Promise<{ value: T; log: string[] }> {
  const kernel = new Kernel({ debugMessages: false, consoleOutput: () => undefined });
  const log: string[] = [];
  const outcome: { value: { v: T } | null; failure: Error | null } = { value: null, failure: null };
  kernel.createRootTask(async (sel4) => {
    try {
      const bi = sel4.seL4_GetBootInfo();
      const vka = sel4ts_make_bootinfo_vka(sel4, bi);
      const simple = { value: null as simple_t | null };
      simple_default_init_bootinfo(simple, sel4, bi);
      const ep = { value: null as unknown as vka_object_t };
      vka_alloc_endpoint(vka, ep);
      const vm = new vm_t();
      if (vm_init(vm, vka, simple.value!, sel4ts_make_vspace(vka, S.seL4_CapInitThreadVSpace), null, ep.value.cptr, "test", { logger: (l) => log.push(l) }) !== 0) throw new Error(log.join("\n"));
      if (vm_ram_register_at(vm, TEST_RAM_BASE, TEST_RAM_SIZE, false) !== 0) throw new Error(log.join("\n"));
      if (vm_create_default_irq_controller(vm) !== 0) throw new Error(log.join("\n"));
      outcome.value = { v: await body(vm, sel4) };
    } catch (error) {
      outcome.failure = error instanceof Error ? error : new Error(String(error));
    }
  });
  await kernel.run();
  if (outcome.failure) throw outcome.failure;
  if (!outcome.value) throw new Error("the root task did not finish");
  return { value: outcome.value.v, log };
}
