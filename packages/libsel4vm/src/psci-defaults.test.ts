import { describe, expect, it } from "vitest";
import {
  PSCI_SYSTEM_OFF,
  PSCI_SYSTEM_RESET,
  PSCI_VERSION,
  VM_GUEST_ERROR_EXIT,
  VM_GUEST_POWER_OFF_EXIT,
  VM_GUEST_RESET_EXIT,
  VM_RUN_STOPPED,
  vm_register_smc_handler_callback,
  vm_run,
  vm_smc_handle_default,
  vm_t,
} from "./index";
import { SCRIPTED_ENTRY, SMC_HSR, vcpuFault, vppi, startScriptedVcpu, withVmm, type GuestStep, type VmTestEnv } from "./test-support/scripted-guest";

const ENTRY = SCRIPTED_ENTRY;

/** A VM with one started vCPU at ENTRY running `steps`. */
function guest(env: VmTestEnv, name: string, steps: GuestStep[]): vm_t {
  const vm = env.makeVm(name);
  startScriptedVcpu(env, vm, steps);
  return vm;
}

/** An SMC #0 with x0 = function id; `seen` gets the x0 the guest sees when it runs again. */
const smc = (id: number): GuestStep => (ctx) => {
  ctx.setReg("x0", BigInt(id));
  return vcpuFault(SMC_HSR)(ctx);
};
/** An HVC #0 (seL4: UnknownSyscall with x7 as the number) with x0 = function id. */
const hvc = (id: number): GuestStep => (ctx) => {
  ctx.setReg("x0", BigInt(id));
  return { kind: "unknownSyscall", syscall: 0n };
};
const record = (into: bigint[], next: GuestStep): GuestStep => (ctx) => {
  into.push(ctx.reg("x0"));
  return next(ctx);
};

describe("PSCI without a vcpu fault callback", () => {
  it("SMC goes to the default handler; SYSTEM_OFF stops the VM and vm_run returns VM_RUN_STOPPED", async () => {
    const x0s: bigint[] = [];
    let env!: VmTestEnv;
    await withVmm(async (e) => {
      env = e;
      const vm = guest(env, "p", [vppi(), smc(PSCI_VERSION), record(x0s, smc(PSCI_SYSTEM_OFF))]);
      // The loop a C user writes, which must end when the guest powers off.
      let returns = 0;
      let status: number;
      while ((status = await vm_run(vm)) === 0) returns++;
      expect(status).toBe(VM_RUN_STOPPED);
      expect(returns).toBe(1); // the timer PPI
      expect(vm.run.exit_reason).toBe(VM_GUEST_POWER_OFF_EXIT);
      expect(vm.vcpus[0]!.vcpu_online).toBe(false);
      expect(await vm_run(vm)).toBe(VM_RUN_STOPPED); // stays stopped
      expect(vm.run.exit_counts).toMatchObject({ vcpu: 2, vppi: 1 });
    });
    expect(x0s).toEqual([0x1_0000n]); // PSCI 1.0
    expect(env.executor.pcs("p:0")).toEqual([ENTRY, ENTRY, ENTRY + 4n]); // the SMC was skipped
    // (The VM has no vGIC here, so the timer PPI itself is logged as dropped.)
    expect(env.logs.filter((l) => !l.includes("vm_inject_irq") && !l.includes("IRQ 27"))).toEqual([]);
  });

  it("calls the handler registered with vm_register_smc_handler_callback, for SMC and for HVC", async () => {
    const calls: string[] = [];
    await withVmm(async (env) => {
      const vm = guest(env, "h", [smc(0xc200_0001), hvc(PSCI_VERSION), hvc(PSCI_SYSTEM_RESET)]);
      expect(
        vm_register_smc_handler_callback(vm, async (vcpu, regs) => {
          calls.push(`0x${regs.x0.toString(16)}`);
          await Promise.resolve(); // handlers may be async (they may make seL4 calls)
          if (regs.x0 === 0xc200_0001n) {
            regs.x0 = 7n; // a SiP call the VMM implements
            return 0;
          }
          return vm_smc_handle_default(vcpu, regs);
        }),
      ).toBe(0);
      expect(await vm_run(vm)).toBe(VM_RUN_STOPPED);
      expect(vm.run.exit_reason).toBe(VM_GUEST_RESET_EXIT);
      expect(vm.run.exit_counts).toMatchObject({ vcpu: 1, syscall: 2 });
    });
    expect(calls).toEqual(["0xc2000001", "0x84000000", "0x84000009"]);
  });

  it("an unknown SMC function or VCPU fault stops the VM with a report that says what to register", async () => {
    await withVmm(async (env) => {
      const vm = guest(env, "u", [smc(0x8400_0001)]);
      expect(await vm_run(vm)).toBe(-1);
      expect(vm.run.last_error?.reason).toBe("the SMC handler failed (-1) for function 0x84000001");
      expect(await vm_run(vm)).toBe(-1); // still stopped by the error
      expect(vm.run.exit_reason).toBe(VM_GUEST_ERROR_EXIT);
      const vm2 = guest(env, "w", [vcpuFault((0x18 << 26) >>> 0)]);
      expect(await vm_run(vm2)).toBe(-1);
      expect(vm2.run.last_error?.reason).toMatch(/register a callback with vm_register_unhandled_vcpu_fault_callback/);
    });
  });

  it("vm_run on a VM that vm_init did not initialise says so", async () => {
    await withVmm(async (env) => {
      const lines: string[] = [];
      const vm = new vm_t();
      vm.logger = (line) => lines.push(line);
      expect(await vm_run(vm)).toBe(-1);
      expect(lines).toEqual(["|ERROR: vm_run: the VM is not initialised: call vm_init first"]);
      expect(env.logs).toEqual([]);
    });
  });
});
