import { describe, expect, it } from "vitest";
import { seL4_Error as E } from "../constants/errors";
import { seL4_ObjectType as T } from "../constants/object-types";
import { seL4_MessageInfo_new } from "../message-info";
import { runRoot } from "../test-support/root-task-kit";
import {
  simple_default_init_bootinfo,
  simple_get_cnode_size_bits,
  simple_get_frame_cap,
  simple_get_IRQ_handler,
  simple_get_nth_untyped,
  simple_get_untyped_count,
  type simple_t,
} from "./simple";
import {
  sel4ts_make_bootinfo_vka,
  vka_alloc_endpoint,
  vka_alloc_frame_at,
  vka_alloc_object,
  vka_cspace_alloc,
  vka_cspace_make_path,
  vka_free_object,
  vka_object_paddr,
  type cspacepath_t,
  type vka_object_t,
} from "./vka";
import { sel4ts_make_vspace, vspace_get_cap, vspace_map_pages_at_vaddr, vspace_new_pages, vspace_unmap_pages } from "./vspace";

const box = <V>(): { value: V } => ({ value: null as unknown as V });

describe("vka, vspace and simple helpers", () => {
  it("allocate objects and slots from boot info, reuse freed slots and memory", async () => {
    await runRoot(async (sel4) => {
      const bi = sel4.seL4_GetBootInfo();
      const vka = sel4ts_make_bootinfo_vka(sel4, bi);
      const ep = box<vka_object_t>();
      expect(vka_alloc_endpoint(vka, ep)).toBe(0);
      expect(ep.value.cptr).toBe(bi.empty.start);
      await sel4.seL4_NBSend(ep.value.cptr, seL4_MessageInfo_new(0, 0, 0, 0));
      vka_free_object(vka, ep.value);
      const again = box<vka_object_t>();
      expect(vka_alloc_object(vka, T.seL4_NotificationObject, 0, again)).toBe(0);
      expect(again.value.cptr).toBe(ep.value.cptr);
      const slot = box<number>();
      expect(vka_cspace_alloc(vka, slot)).toBe(0);
      const path = box<cspacepath_t>();
      vka_cspace_make_path(vka, slot.value, path);
      expect(path.value).toMatchObject({ capPtr: slot.value, capDepth: 64 });
    });
  });

  it("vka_alloc_frame_at places a frame at a chosen RAM or device address", async () => {
    await runRoot((sel4) => {
      const bi = sel4.seL4_GetBootInfo();
      const vka = sel4ts_make_bootinfo_vka(sel4, bi);
      const ram = bi.untypedList.find((u) => !u.isDevice && u.sizeBits >= 20)!;
      const target = ram.paddr + 0x5000;
      const frame = box<vka_object_t>();
      expect(vka_alloc_frame_at(vka, 12, target, frame)).toBe(0);
      expect(vka_object_paddr(vka, frame.value)).toBe(target);
      const uart = box<vka_object_t>();
      expect(vka_alloc_frame_at(vka, 12, 0x0900_0000, uart)).toBe(0);
      expect(vka_object_paddr(vka, uart.value)).toBe(0x0900_0000);
      // Below the watermark of that untyped: not possible any more.
      expect(vka_alloc_frame_at(vka, 12, ram.paddr + 0x1000, box())).toBe(-1);
    });
  });

  it("vspace maps new pages with page tables made on demand and unmaps them", async () => {
    await runRoot((sel4) => {
      const bi = sel4.seL4_GetBootInfo();
      const vka = sel4ts_make_bootinfo_vka(sel4, bi);
      const vspace = sel4ts_make_vspace(vka, 3, 0x2000_0000);
      const va = vspace_new_pages(vspace, 3, 3, 12);
      expect(va).toBe(0x2000_0000);
      sel4.frameView(va! + 0x2000, 2).set([0xab, 0xcd]);
      // The first GiB already has its level-2 table (boot mapped the IPC buffer there): one level-3 table.
      expect(vspace.tables).toHaveLength(1);
      const big = vspace_new_pages(vspace, 3, 1, 21);
      expect(big).toBe(0x2020_0000);
      expect(vspace_get_cap(vspace, va! + 0x1000)).not.toBe(0);
      vspace_unmap_pages(vspace, va!, 3, 12, vka);
      expect(() => sel4.frameView(va!, 1)).toThrow(/nothing is mapped/);
      expect(vspace_map_pages_at_vaddr(vspace, [9999], null, 0x3000_0000, 1, 12)).toBe(-1);
    });
  });

  it("simple describes untypeds and hands out IRQ handlers and device frames", async () => {
    await runRoot((sel4) => {
      const bi = sel4.seL4_GetBootInfo();
      const simple = box<simple_t | null>();
      simple_default_init_bootinfo(simple, sel4, bi);
      const s = simple.value!;
      expect(simple_get_untyped_count(s)).toBe(bi.untypedList.length);
      expect(simple_get_cnode_size_bits(s)).toBe(12);
      const [size, paddr, device] = [box<number>(), box<number>(), box<boolean>()];
      expect(simple_get_nth_untyped(s, 0, size, paddr, device)).toBe(bi.untyped.start);
      expect(device.value).toBe(false);
      const vka = sel4ts_make_bootinfo_vka(sel4, bi);
      const slot = box<number>();
      vka_cspace_alloc(vka, slot);
      const path = box<cspacepath_t>();
      vka_cspace_make_path(vka, slot.value, path);
      expect(simple_get_IRQ_handler(s, 33, path.value)).toBe(E.seL4_NoError);
      vka_cspace_alloc(vka, slot);
      vka_cspace_make_path(vka, slot.value, path);
      expect(simple_get_frame_cap(s, 0x0900_0000, 12, path.value)).toBe(0);
      expect(sel4.seL4_ARM_Page_GetAddress(slot.value).paddr).toBe(0x0900_0000);
      expect(simple_get_frame_cap(s, 0x0900_1000, 12, path.value)).toBe(-1);
    });
  });
});
