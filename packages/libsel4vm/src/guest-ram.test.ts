import { describe, expect, it } from "vitest";
import {
  vm_guest_ram_read_callback,
  vm_guest_ram_write_callback,
  vm_memory_make_anon,
  vm_ram_allocate,
  vm_ram_find_largest_free_region,
  vm_ram_free,
  vm_ram_mark_allocated,
  vm_ram_register,
  vm_ram_register_at,
  vm_ram_touch,
} from "./index";
import { withVmm } from "./test-support/scripted-guest";

const RAM = 0x4000_0000;

describe("guest_ram", () => {
  it("vm_ram_touch writes and reads back across frame boundaries (offsets honoured)", async () => {
    await withVmm((env) => {
      const vm = env.makeVm("ram");
      expect(vm_ram_register_at(vm, RAM, 0x4000, false)).toBe(0);
      const data = Uint8Array.from({ length: 0x1800 }, (_, i) => (i * 7) & 0xff);
      expect(vm_ram_touch(vm, RAM + 0x800, data.length, vm_guest_ram_write_callback, data)).toBe(0);
      const back = new Uint8Array(data.length);
      expect(vm_ram_touch(vm, RAM + 0x800, back.length, vm_guest_ram_read_callback, back)).toBe(0);
      expect(back).toEqual(data);
      const chunks: [number, number, number][] = [];
      vm_ram_touch(vm, RAM + 0xff0, 0x20, (_vm, addr, _view, size, offset) => (chunks.push([addr, size, offset]), 0), null);
      expect(chunks).toEqual([[RAM + 0xff0, 0x10, 0], [RAM + 0x1000, 0x10, 0x10]]);
      expect(vm_ram_touch(vm, RAM + 0x3000, 0x2000, vm_guest_ram_read_callback, new Uint8Array(0x2000))).toBe(-1);
      expect(vm_ram_touch(vm, RAM, 4, () => 1, null)).toBe(-1);
      expect(env.logs).toEqual(["ram|ERROR: vm_ram_touch: 0x40003000+0x2000 is not inside one RAM region"]);
    });
  });

  it("1:1 RAM takes frames at the same physical address", async () => {
    await withVmm((env) => {
      const vm = env.makeVm("one");
      expect(vm_ram_register_at(vm, 0x4800_0000, 0x2000, true)).toBe(0);
      const pa = env.sel4.seL4_ARM_Page_GetAddress(vm.mem.vm_vspace.caps.get(0x4800_1000)!.cap);
      expect(pa.paddr).toBe(0x4800_1000);
    });
  });

  it("allocation bookkeeping: largest free region, mark allocated (split and merge), first fit, free is a no-op", async () => {
    await withVmm((env) => {
      const vm = env.makeVm("alloc");
      const addr = { value: 0 };
      const size = { value: 0 };
      expect(vm_ram_find_largest_free_region(vm, addr, size)).toBe(-1);
      expect(vm_memory_make_anon(vm, RAM, 0x10_0000)).toBe(0);
      expect(vm_ram_register(vm, 0x8000)).toBe(RAM);
      expect(vm_ram_register(vm, 0x1_0000)).toBe(RAM + 0x8000);
      expect(vm_ram_register(vm, 0x100_0000)).toBe(0);
      expect(vm_ram_find_largest_free_region(vm, addr, size)).toBe(0);
      expect([addr.value, size.value]).toEqual([RAM + 0x8000, 0x1_0000]);
      vm_ram_mark_allocated(vm, RAM + 0x2000, 0x1000);
      expect(vm.mem.ram_regions).toEqual([
        { start: RAM, size: 0x2000, allocated: 0 },
        { start: RAM + 0x2000, size: 0x1000, allocated: 1 },
        { start: RAM + 0x3000, size: 0x1_5000, allocated: 0 }, // merged with its free neighbour
      ]);
      expect(vm_ram_allocate(vm, 0x3000)).toBe(RAM + 0x3000);
      expect(vm_ram_allocate(vm, 0x2000)).toBe(RAM);
      // RAM..RAM+0x6000 is now one allocated region.
      expect(vm.mem.ram_regions[0]).toEqual({ start: RAM, size: 0x6000, allocated: 1 });
      vm_ram_mark_allocated(vm, RAM, 0x10); // inside an allocated region: no-op
      vm_ram_free(vm, RAM, 0x6000);
      expect(vm.mem.ram_regions[0]).toEqual({ start: RAM, size: 0x6000, allocated: 1 });
      expect(vm.mem.num_ram_regions).toBe(vm.mem.ram_regions.length);
      expect(vm_ram_allocate(vm, 0x20_0000)).toBe(0);
      expect(env.logs.at(-1)).toBe("alloc|ERROR: vm_ram_allocate: no free RAM region has 0x200000 bytes");
    });
  });
});
