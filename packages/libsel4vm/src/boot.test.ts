import { describe, expect, it } from "vitest";
import { emptyUserContext, seL4_VCPUReg } from "@sel4ts/sel4-kernel-sim";
import {
  BOOT_VCPU,
  CONFIG_MAX_NUM_NODES,
  PSCI_ALREADY_ON,
  PSCI_CPU_ON_64,
  PSCI_FEATURES,
  VM_GUEST_POWER_OFF_EXIT,
  PSCI_MIGRATE_INFO_TYPE,
  PSCI_SYSTEM_OFF,
  PSCI_VERSION,
  VM_GUEST_UNKNOWN_EXIT,
  is_vcpu_online,
  vcpu_start,
  vm_assign_vcpu_target,
  vm_create_vcpu,
  vm_find_free_unassigned_vcpu,
  vm_get_arm_vcpu_reg,
  vm_get_thread_context_reg,
  vm_get_vcpu,
  vm_get_vcpu_tcb,
  vm_get_vmm_vspace,
  vm_get_vspace,
  vm_register_smc_handler_callback,
  vm_set_arm_vcpu_reg,
  vm_set_thread_context_reg,
  vm_smc_handle_default,
  vm_vcpu_for_target_cpu,
} from "./index";
import { withVmm } from "./test-support/scripted-guest";

describe("boot.h and guest_vm_util.h", () => {
  it("vm_init fills the VM; vcpus get per-VM ids up to CONFIG_MAX_NUM_NODES", async () => {
    await withVmm((env) => {
      const a = env.makeVm("a");
      const b = env.makeVm("b");
      expect(a.vm_initialised).toBe(true);
      expect(a.run.exit_reason).toBe(VM_GUEST_UNKNOWN_EXIT);
      expect(vm_get_vspace(a)).toBe(a.mem.vm_vspace);
      expect(vm_get_vmm_vspace(a)).toBe(env.vmmVspace);
      const vcpus = Array.from({ length: CONFIG_MAX_NUM_NODES }, () => vm_create_vcpu(a, 100)!);
      expect(vcpus.map((v) => v.vcpu_id)).toEqual([0, 1, 2, 3]);
      expect(vm_create_vcpu(a, 100)).toBeNull();
      expect(env.logs).toEqual(["a|ERROR: vm_create_vcpu: the VM already has 4 vcpus (CONFIG_MAX_NUM_NODES)"]);
      expect(vm_create_vcpu(b, 100)!.vcpu_id).toBe(0);
      expect(vm_get_vcpu(a, 2)).toBe(vcpus[2]!.vcpu.cptr);
      expect(vm_get_vcpu(a, 4)).toBe(0);
      expect(vm_get_vcpu_tcb(vcpus[1]!)).toBe(vcpus[1]!.tcb.tcb.cptr);
      const tcb = [...env.kernel.tcbs].find((t) => t.name === "a:1")!;
      expect(tcb.vcpu).not.toBeNull();
      expect(tcb.priority).toBe(100);
    });
  });

  it("target assignment, free-vcpu lookup, vcpu_start and online state", async () => {
    await withVmm((env) => {
      const vm = env.makeVm("t");
      const v0 = vm_create_vcpu(vm, 100)!;
      const v1 = vm_create_vcpu(vm, 100)!;
      expect(vm_find_free_unassigned_vcpu(vm)).toBe(v0);
      expect(vm_assign_vcpu_target(v0, 0)).toBe(0);
      expect(vm_assign_vcpu_target(v1, 0)).toBe(-1);
      expect(vm_assign_vcpu_target(null, 1)).toBe(-1);
      expect(vm_find_free_unassigned_vcpu(vm)).toBe(v1);
      expect(vm_vcpu_for_target_cpu(vm, 0)).toBe(v0);
      expect(vm_vcpu_for_target_cpu(vm, 3)).toBeNull();
      expect(is_vcpu_online(v0)).toBe(false);
      env.executor.script("t:0", []);
      expect(vcpu_start(v0)).toBe(0);
      expect(is_vcpu_online(v0)).toBe(true);
      const mpidr = { value: 0n };
      expect(vm_get_arm_vcpu_reg(v0, seL4_VCPUReg.seL4_VCPUReg_VMPIDR_EL2, mpidr)).toBe(0);
      expect(mpidr.value).toBe((1n << 31n) | (1n << 24n));
      expect(v0.vcpu_id).toBe(BOOT_VCPU);
      expect(vm_set_arm_vcpu_reg(v1, 99, 1n)).toBe(-1);
      expect(vm_set_thread_context_reg(v1, 3, 0x1234n)).toBe(0); // x0
      const x0 = { value: 0n };
      expect(vm_get_thread_context_reg(v1, 3, x0)).toBe(0);
      expect(x0.value).toBe(0x1234n);
      expect(vm_get_thread_context_reg(v1, 36, x0)).toBe(-1);
    });
  });

  it("the default SMC handler answers PSCI and starts vCPUs with CPU_ON", async () => {
    await withVmm((env) => {
      const vm = env.makeVm("p");
      const v0 = vm_create_vcpu(vm, 100)!;
      const v1 = vm_create_vcpu(vm, 100)!;
      env.executor.script("p:0", []);
      env.executor.script("p:1", []);
      vm_assign_vcpu_target(v0, 0);
      vcpu_start(v0);
      expect(vm.arch.vm_smc_handler).toBe(vm_smc_handle_default);
      const call = (x0: number, x1 = 0n, x2 = 0n, x3 = 0n) => {
        const regs = { ...emptyUserContext(), x0: BigInt(x0), x1, x2, x3 };
        return { status: vm.arch.vm_smc_handler(v0, regs), x0: BigInt.asIntN(64, regs.x0) };
      };
      expect(call(PSCI_VERSION)).toEqual({ status: 0, x0: 0x10000n });
      expect(call(PSCI_MIGRATE_INFO_TYPE)).toEqual({ status: 0, x0: 2n });
      expect(call(PSCI_FEATURES)).toEqual({ status: 0, x0: -1n });
      expect(call(PSCI_CPU_ON_64, 0n)).toEqual({ status: 0, x0: BigInt(PSCI_ALREADY_ON) });
      expect(call(PSCI_CPU_ON_64, 1n, 0x4008_0000n, 0x77n)).toEqual({ status: 0, x0: 0n });
      expect(v1.target_cpu).toBe(1);
      expect(is_vcpu_online(v1)).toBe(true);
      const pc = { value: 0n };
      vm_get_thread_context_reg(v1, 0, pc);
      expect(pc.value).toBe(0x4008_0000n);
      expect(call(PSCI_FEATURES, BigInt(PSCI_SYSTEM_OFF))).toEqual({ status: 0, x0: 0n });
      expect(call(0x8400_0001).status).toBe(-1); // CPU_SUSPEND is not implemented
      expect(env.logs).toEqual(["p|ERROR: vm_smc_handle_default: unhandled SMC function 0x84000001 (register your own handler with vm_register_smc_handler_callback)"]);
      expect(call(PSCI_SYSTEM_OFF)).toEqual({ status: 0, x0: BigInt(PSCI_SYSTEM_OFF) });
      expect([is_vcpu_online(v0), is_vcpu_online(v1), vm.run.exit_reason]).toEqual([false, false, VM_GUEST_POWER_OFF_EXIT]);
      expect(vm_register_smc_handler_callback(vm, null)).toBe(-1);
      const mine = () => 0;
      expect(vm_register_smc_handler_callback(vm, mine)).toBe(0);
      expect(vm.arch.vm_smc_handler).toBe(mine);
    });
  });
});
