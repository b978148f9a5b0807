import { Kernel, type Sel4 } from "@sel4ts/sel4-kernel-sim";
import { describe, expect, it } from "vitest";
import { GIC_DIST_PADDR, sel4ts_vm_init_default, sel4ts_vmm_env_init, vm_t } from "./index";

/** Runs `body` as the root task of a fresh kernel and returns what it returned. */
async function asRootTask<T>(body: (sel4: Sel4) => T): Promise<T> {
  const kernel = new Kernel({ consoleOutput: () => undefined });
  let result: { value: T } | null = null;
  kernel.createRootTask((sel4) => {
    result = { value: body(sel4) };
  });
  await kernel.run();
  if (!result) throw new Error("the root task did not finish");
  return (result as { value: T }).value;
}

describe("sel4ts_vmm_env_init and sel4ts_vm_init_default", () => {
  it("give an initialised VM with its RAM region and the vGIC", async () => {
    const log: string[] = [];
    const vm = await asRootTask((sel4) => {
      const vm = new vm_t();
      expect(sel4ts_vm_init_default(vm, sel4ts_vmm_env_init(sel4), "env", 0x4000_0000, 0x20_0000, { logger: (line) => log.push(line) })).toBe(0);
      return vm;
    });
    expect(log).toEqual([]);
    expect(vm.vm_name).toBe("env");
    expect(vm.mem.ram_regions.map((r) => [r.start, r.size])).toEqual([[0x4000_0000, 0x20_0000]]);
    expect(vm.arch.vgic).not.toBeNull();
  });

  it("returns -1 with the failing step's line when guest RAM overlaps the vGIC", async () => {
    const log: string[] = [];
    const status = await asRootTask((sel4) =>
      sel4ts_vm_init_default(new vm_t(), sel4ts_vmm_env_init(sel4), "clash", GIC_DIST_PADDR, 0x10_0000, { logger: (line) => log.push(line) }),
    );
    expect(status).toBe(-1);
    expect(log.at(-1)).toMatch(/^clash\|ERROR: vm_create_default_irq_controller: /);
  });
});
