import { Kernel, box, seL4_RootCNodeCapSlots as S, sel4ts_make_bootinfo_vka, sel4ts_make_vspace, simple_default_init_bootinfo, vka_alloc_endpoint, type simple_t, type vka_object_t } from "@sel4ts/sel4-kernel-sim";
import { describe, expect, it } from "vitest";
import { vm_create_default_irq_controller, vm_guest_ram_write_callback, vm_init, vm_ram_register_at, vm_ram_touch, vm_t } from "./index";

describe("a successful set-up with the kernel's debug lines on", () => {
  it("maps guest RAM and the vGIC without a failed invocation; touching RAM probes the VMM's own VSpace once per region", async () => {
    const lines: string[] = [];
    const kernel = new Kernel({ debugMessages: true, log: (l) => lines.push(l), consoleOutput: () => undefined });
    const after: Record<string, number> = {};
    kernel.createRootTask((sel4) => {
      const bi = sel4.seL4_GetBootInfo();
      const vka = sel4ts_make_bootinfo_vka(sel4, bi);
      const simple = box<simple_t>();
      simple_default_init_bootinfo(simple, sel4, bi);
      const ep = box<vka_object_t>();
      expect(vka_alloc_endpoint(vka, ep)).toBe(0);
      const vm = new vm_t();
      expect(vm_init(vm, vka, simple.value!, sel4ts_make_vspace(vka, S.seL4_CapInitThreadVSpace), null, ep.value!.cptr, "quiet", { logger: (l) => lines.push(l) })).toBe(0);
      expect(vm_ram_register_at(vm, 0x4000_0000, 0x40_0000, false)).toBe(0);
      after.ram = lines.length;
      expect(vm_create_default_irq_controller(vm)).toBe(0);
      after.vgic = lines.length;
      for (let i = 0; i < 4; i++) expect(vm_ram_touch(vm, 0x4000_0000 + i * 0x1000, 4, vm_guest_ram_write_callback, new Uint8Array(4))).toBe(0);
      after.touch = lines.length;
    });
    await kernel.run();
    expect(after).toMatchObject({ ram: 0, vgic: 0 });
    // The VMM's VSpace was made at boot, so its tables are found by asking: at most one failed
    // Page_Map per missing level, the first time; the later touches map without one.
    expect(after.touch).toBeLessThanOrEqual(2);
    expect(lines.every((l) => l.includes("ARMPageMap: no page table at the right level"))).toBe(true);
  });
});
