import { describe, expect, it } from "vitest";
import { runRoot } from "../test-support/root-task-kit";
import { box, type NullableBox } from "./box";
import { sel4ts_make_bootinfo_vka, sel4ts_vka_for_thread, vka_alloc_endpoint, type vka_object_t } from "./vka";

describe("box", () => {
  it("is an empty out-parameter that a vka call fills; plain { value: null } works too", async () => {
    await runRoot((sel4) => {
      const vka = sel4ts_make_bootinfo_vka(sel4, sel4.seL4_GetBootInfo());
      const ep = box<vka_object_t>();
      expect(ep).toEqual({ value: null });
      expect(vka_alloc_endpoint(vka, ep)).toBe(0);
      expect(ep.value?.cptr).toBeGreaterThan(0);
      const literal: NullableBox<vka_object_t> = { value: null };
      expect(vka_alloc_endpoint(vka, literal)).toBe(0);
      expect(literal.value!.cptr).toBe(ep.value!.cptr + 1);
      expect(box(0)).toEqual({ value: 0 });
      expect(box(0n).value + 1n).toBe(1n);
    });
  });

  it("sel4ts_vka_for_thread shares the slots: the next allocation does not reuse a slot", async () => {
    await runRoot((sel4) => {
      const vka = sel4ts_make_bootinfo_vka(sel4, sel4.seL4_GetBootInfo());
      const shared = sel4ts_vka_for_thread(vka, sel4)!;
      const a = box<vka_object_t>();
      const b = box<vka_object_t>();
      expect(vka_alloc_endpoint(vka, a)).toBe(0);
      expect(vka_alloc_endpoint(shared, b)).toBe(0);
      expect(shared.sel4).toBe(sel4);
      expect(b.value!.cptr).toBe(a.value!.cptr + 1);
      expect(sel4ts_vka_for_thread({ ...vka, bind_thread: undefined }, sel4)).toBeNull();
    });
  });
});
