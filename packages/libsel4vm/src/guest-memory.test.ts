import { describe, expect, it } from "vitest";
import { seL4_AllRights, vka_alloc_frame, vka_object_paddr, type vka_object_t } from "@sel4ts/sel4-kernel-sim";
import {
  FAULT_ERROR,
  FAULT_HANDLED,
  default_error_fault_callback,
  vm_arm_ipa_to_pa,
  vm_free_reserved_memory,
  vm_get_reservation_memory_region,
  vm_map_reservation,
  vm_map_reservation_frames,
  vm_memory_init,
  vm_memory_make_anon,
  vm_reserve_anon_memory,
  vm_reserve_memory_at,
  vm_t,
  type memory_fault_result_t,
} from "./index";
import { withVmm, type VmTestEnv } from "./test-support/scripted-guest";

const ok = (): memory_fault_result_t => FAULT_HANDLED;

function frames(env: VmTestEnv, n: number): number[] {
  return Array.from({ length: n }, () => {
    const f = { value: null as unknown as vka_object_t };
    expect(vka_alloc_frame(env.vka, 12, f)).toBe(0);
    return f.value.cptr;
  });
}

describe("guest_memory reservations", () => {
  it("vm_reserve_memory_at reserves, refuses overlaps and missing callbacks with one log line each", async () => {
    await withVmm((env) => {
      const vm = env.makeVm("vm0");
      const res = vm_reserve_memory_at(vm, 0x900_0000, 0x1000, ok, null);
      expect(res).not.toBeNull();
      expect(vm_reserve_memory_at(vm, 0x900_0000, 0x1000, ok, null)).toBeNull();
      expect(vm_reserve_memory_at(vm, 0x8ff_f000, 0x2000, ok, null)).toBeNull();
      expect(vm_reserve_memory_at(vm, 0x900_1000, 0x1000, null, null)).toBeNull();
      expect(vm_reserve_memory_at(vm, 0x900_1000, 0x1000, ok, null)).not.toBeNull(); // adjacent is fine
      expect(env.logs).toEqual([
        "vm0|ERROR: vm_reserve_memory_at: 0x9000000+0x1000 overlaps reservation 0x9000000+0x1000",
        "vm0|ERROR: vm_reserve_memory_at: 0x8fff000+0x2000 overlaps reservation 0x9000000+0x1000",
        "vm0|ERROR: vm_reserve_memory_at: no fault callback for 0x9001000+0x1000",
      ]);
      const addr = { value: 0 };
      const size = { value: 0 };
      vm_get_reservation_memory_region(res!, addr, size);
      expect([addr.value, size.value]).toEqual([0x900_0000, 0x1000]);
    });
  });

  it("anonymous memory: pools, alignment, bump allocation, exhaustion", async () => {
    await withVmm((env) => {
      const vm = env.makeVm("anon");
      const addr = { value: 0 };
      expect(vm_reserve_anon_memory(vm, 0x1000, 0x1000, ok, null, addr)).toBeNull();
      expect(vm_memory_make_anon(vm, 0x4000_0000, 0x10_0000)).toBe(0);
      expect(vm_memory_make_anon(vm, 0x4008_0000, 0x1000)).toBe(-1);
      expect(vm_reserve_anon_memory(vm, 0x1800, 0x1000, ok, null, addr)).not.toBeNull();
      expect(addr.value).toBe(0x4000_0000);
      expect(vm_reserve_anon_memory(vm, 0x1000, 0x1_0000, ok, null, addr)).not.toBeNull();
      expect(addr.value).toBe(0x4001_0000); // next was 0x40002000, aligned up
      expect(vm_reserve_anon_memory(vm, 0x10_0000, 0x1000, ok, null, addr)).toBeNull();
      expect(env.logs).toEqual([
        "anon|ERROR: vm_reserve_anon_memory: no anonymous pool has 0x1000 bytes aligned to 0x1000 left",
        "anon|ERROR: vm_memory_make_anon: 0x40080000+0x1000 overlaps anonymous pool 0x40000000+0x100000",
        "anon|ERROR: vm_reserve_anon_memory: no anonymous pool has 0x100000 bytes aligned to 0x1000 left",
      ]);
    });
  });

  it("vm_free_reserved_memory frees regular reservations, not anonymous or foreign ones", async () => {
    await withVmm((env) => {
      const vm = env.makeVm("free");
      const res = vm_reserve_memory_at(vm, 0x900_0000, 0x2000, ok, null)!;
      expect(vm_map_reservation_frames(vm, res, frames(env, 2), 2, 12)).toBe(0);
      expect(vm.mem.vm_vspace.caps.has(0x900_1000)).toBe(true);
      expect(vm_free_reserved_memory(vm, res)).toBe(0);
      expect(vm.mem.vm_vspace.caps.has(0x900_1000)).toBe(false);
      expect(vm_reserve_memory_at(vm, 0x900_0000, 0x1000, ok, null)).not.toBeNull(); // the range is free again
      expect(vm_free_reserved_memory(vm, res)).toBe(-1);
      vm_memory_make_anon(vm, 0x4000_0000, 0x1_0000);
      const anon = vm_reserve_anon_memory(vm, 0x1000, 0x1000, ok, null, { value: 0 });
      expect(vm_free_reserved_memory(vm, anon)).toBe(-1);
      expect(env.logs).toEqual([
        "free|ERROR: vm_free_reserved_memory: 0x9000000+0x2000 is not a reservation of this VM",
        "free|ERROR: vm_free_reserved_memory: anonymous reservation 0x40000000+0x1000 cannot be freed",
      ]);
    });
  });

  it("vm_map_reservation maps the iterator's frames and fails on a null frame", async () => {
    await withVmm((env) => {
      const vm = env.makeVm("map");
      const caps = frames(env, 3);
      const res = vm_reserve_memory_at(vm, 0x4000_0000, 0x3000, default_error_fault_callback, null)!;
      const asked: number[] = [];
      expect(vm_map_reservation(vm, res, (addr, cookie) => {
        asked.push(addr);
        return { cptr: (cookie as number[])[(addr - 0x4000_0000) >> 12]!, rights: seL4_AllRights, vaddr: addr, size_bits: 12 };
      }, caps)).toBe(0);
      expect(asked).toEqual([0x4000_0000, 0x4000_1000, 0x4000_2000]);
      expect(res.is_mapped).toBe(true);
      const pa = vka_object_paddr(env.vka, { cptr: caps[1]!, ut: 0, type: 0, size_bits: 12 });
      expect(vm_arm_ipa_to_pa(vm, 0x4000_1010, 4)).toBe(pa + 0x10);
      expect(vm_arm_ipa_to_pa(vm, 0x5000_0000, 4)).toBe(0);
      const short = vm_reserve_memory_at(vm, 0x5000_0000, 0x2000, default_error_fault_callback, null)!;
      expect(vm_map_reservation_frames(vm, short, frames(env, 1), 1, 12)).toBe(-1);
      expect(env.logs.at(-1)).toBe("map|ERROR: vm_map_reservation: no frame for 0x50001000 in reservation 0x50000000+0x2000");
    });
  });

  it("default_error_fault_callback always answers FAULT_ERROR; vm_memory_init resets the bookkeeping", () => {
    const vm = new vm_t();
    expect(default_error_fault_callback(vm, null as never, 0, 4, null)).toBe(FAULT_ERROR);
    expect(vm_memory_init(vm)).toBe(0);
    expect(vm.mem.reservation_cookie).toEqual({ regular: [], anon_pools: [] });
  });
});
