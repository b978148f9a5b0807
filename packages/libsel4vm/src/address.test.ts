import { describe, expect, it } from "vitest";
import { FAULT_HANDLED, vcpu_set_entry, vm_create_default_irq_controller, vm_create_vcpu, vm_get_thread_context_reg, vm_ram_register_at, vm_ram_touch, vm_reserve_memory_at, vm_t, vm_guest_ram_write_callback } from "./index";
import { addressNumber } from "./address";
import { withVmm } from "./test-support/scripted-guest";

describe("addresses as number | bigint (C's uintptr_t)", () => {
  it("converts exact values and refuses what a number cannot hold", () => {
    expect(addressNumber(0x4000_0000)).toBe(0x4000_0000);
    expect(addressNumber(0x4000_0000n)).toBe(0x4000_0000);
    expect(addressNumber(2n ** 53n - 1n)).toBe(Number.MAX_SAFE_INTEGER);
    expect(addressNumber(2n ** 53n)).toBeNull();
    expect(addressNumber(-1)).toBeNull();
    expect(addressNumber(0.5)).toBeNull();
  });

  it("are accepted by the RAM, reservation and entry-point calls, with bigints from an image header", async () => {
    await withVmm((env) => {
      const vm = env.makeVm("b");
      expect(vm_ram_register_at(vm, 0x4000_0000n, 0x10_0000n, false)).toBe(0);
      expect(vm_ram_touch(vm, 0x4000_0000n, 4, vm_guest_ram_write_callback, new Uint8Array([1, 2, 3, 4]))).toBe(0);
      expect(vm_reserve_memory_at(vm, 0x0900_0000n, 0x1000, () => FAULT_HANDLED, null)).not.toBeNull();
      const vcpu = vm_create_vcpu(vm, 100)!;
      expect(vcpu_set_entry(vcpu, 0x4008_0000, 0x4800_0000n)).toBe(0);
      const pc = { value: 0n };
      const x0 = { value: 0n };
      expect(vm_get_thread_context_reg(vcpu, 0, pc)).toBe(0); // seL4_UserContext order: pc, sp, spsr, x0, ...
      expect(vm_get_thread_context_reg(vcpu, 3, x0)).toBe(0);
      expect([pc.value, x0.value]).toEqual([0x4008_0000n, 0x4800_0000n]);
      expect(vm_reserve_memory_at(vm, 2n ** 64n - 4096n, 0x1000, () => FAULT_HANDLED, null)).toBeNull();
      expect(env.logs).toEqual([
        "b|ERROR: vm_reserve_memory_at: addr 0xfffffffffffff000 is not an address or size (a non-negative integer below 2^53, as a number or bigint)",
      ]);
    });
  });
});

describe("calls on a VM that vm_init did not initialise", () => {
  it("return C's failure value and say which call to make first", async () => {
    await withVmm(() => {
      const lines: string[] = [];
      const vm = new vm_t();
      vm.vm_name = "fresh";
      vm.logger = (line) => lines.push(line);
      expect(vm_reserve_memory_at(vm, 0x0900_0000, 0x1000, () => FAULT_HANDLED, null)).toBeNull();
      expect(vm_ram_register_at(vm, 0x4000_0000, 0x1000, false)).toBe(-1);
      expect(vm_create_default_irq_controller(vm)).toBe(-1);
      expect(vm_create_vcpu(vm, 100)).toBeNull();
      expect(lines).toEqual(
        ["vm_reserve_memory_at", "vm_ram_register_at", "vm_create_default_irq_controller", "vm_create_vcpu"].map(
          (fn) => `fresh|ERROR: ${fn}: the VM is not initialised: call vm_init first`,
        ),
      );
    });
  });
});
