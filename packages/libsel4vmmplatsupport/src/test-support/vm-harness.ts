/** Tests only: a VM on a fresh kernel, handed to `body` inside the root task. */
import { sel4ts_vm_init_default, sel4ts_vmm_env_init, vm_t } from "@sel4ts/libsel4vm";
import { Kernel, type Sel4 } from "@sel4ts/sel4-kernel-sim";

export const TEST_RAM_BASE = 0x4000_0000;
export const TEST_RAM_SIZE = 0x20_0000;

/** Runs `body` with an initialised VM (RAM and vGIC, no vCPU); returns its result and the VM's log. */
export async function withVm<T>(body: (vm: vm_t, sel4: Sel4) => Promise<T> | T): Promise<{ value: T; log: string[] }> {
  const kernel = new Kernel({ debugMessages: false, consoleOutput: () => undefined });
  const log: string[] = [];
  const outcome: { value: { v: T } | null; failure: Error | null } = { value: null, failure: null };
  kernel.createRootTask(async (sel4) => {
    try {
      const vm = new vm_t();
      if (sel4ts_vm_init_default(vm, sel4ts_vmm_env_init(sel4), "test", TEST_RAM_BASE, TEST_RAM_SIZE, { logger: (l) => log.push(l) }) !== 0) throw new Error(log.join("\n"));
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
