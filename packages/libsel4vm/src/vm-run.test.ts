import { describe, expect, it } from "vitest";
import { seL4_AllRights, seL4_RootCNodeCapSlots } from "@sel4ts/sel4-kernel-sim";
import {
  FAULT_ERROR,
  FAULT_HANDLED,
  FAULT_IGNORE,
  FAULT_RESTART,
  FAULT_UNHANDLED,
  VM_GUEST_ERROR_EXIT,
  advance_vcpu_fault,
  get_vcpu_fault_address,
  get_vcpu_fault_data,
  get_vcpu_fault_size,
  is_vcpu_read_fault,
  set_vcpu_fault_data,
  vm_register_notification_callback,
  vm_register_unhandled_mem_fault_callback,
  vm_register_unhandled_vcpu_fault_callback,
  vm_reserve_memory_at,
  vm_run,
  type memory_fault_result_t,
  type vm_t,
} from "./index";
import { SCRIPTED_ENTRY, WFI_HSR, dabtHsr, dataAbort, spawnSender, vcpuFault, vppi, startScriptedVcpu, withVmm, type GuestStep, type VmTestEnv } from "./test-support/scripted-guest";

const ENTRY = SCRIPTED_ENTRY;
const UART = 0x0900_0000;

/** A VM with one started vCPU at ENTRY running `steps`. */
function guest(env: VmTestEnv, name: string, steps: GuestStep[]): vm_t {
  const vm = env.makeVm(name);
  startScriptedVcpu(env, vm, steps);
  return vm;
}

describe("vm_run exit dispatch", () => {
  it("emulates a write through a reservation and advances the guest", async () => {
    const seen: { addr: number; size: number; data: bigint; read: boolean }[] = [];
    await withVmm(async (env) => {
      const store = dataAbort(UART, dabtHsr({ write: true, sizeLog2: 2, rt: 1, sf: false }));
      const vm = guest(env, "w", [
        (ctx) => {
          ctx.setReg("x1", 0x48n);
          return store(ctx);
        },
      ]);
      vm_reserve_memory_at(vm, UART, 0x1000, (_vm, vcpu) => {
        seen.push({ addr: get_vcpu_fault_address(vcpu), size: get_vcpu_fault_size(vcpu), data: get_vcpu_fault_data(vcpu), read: is_vcpu_read_fault(vcpu) });
        advance_vcpu_fault(vcpu);
        return FAULT_HANDLED;
      }, null);
      expect(await vm_run(vm)).toBe(0); // the script ends with a timer PPI
      expect(vm.run.exit_counts).toMatchObject({ abort: 1, vppi: 1 });
    }).then((kernel) => expect(kernel).toBeDefined());
    expect(seen).toEqual([{ addr: UART, size: 4, data: 0x48n, read: false }]);
  });

  it("loads a read into the destination register (zero-extended) and moves pc past it", async () => {
    let x3AtResume = 0n;
    let env!: VmTestEnv;
    await withVmm(async (e) => {
      env = e;
      const vm = guest(env, "r", [
        (ctx) => {
          ctx.setReg("x3", 0xffff_ffff_ffff_ffffn);
          return dataAbort(UART + 0x19, dabtHsr({ write: false, sizeLog2: 0, rt: 3, sf: false }))(ctx);
        },
        (ctx) => {
          x3AtResume = ctx.reg("x3");
          return vppi()(ctx);
        },
      ]);
      vm_reserve_memory_at(vm, UART, 0x1000, (_vm, vcpu) => {
        set_vcpu_fault_data(vcpu, 0x1234_5678n); // the whole register word; the byte at +1 is 0x56
        advance_vcpu_fault(vcpu);
        return FAULT_HANDLED;
      }, null);
      expect(await vm_run(vm)).toBe(0);
      expect(vm.run.exit_reason).not.toBe(VM_GUEST_ERROR_EXIT);
    });
    expect(x3AtResume).toBe(0x56n);
    expect(env.executor.pcs("r:0")).toEqual([ENTRY, ENTRY + 4n, ENTRY + 4n]);
  });

  const resultCases: [string, memory_fault_result_t, number, bigint[]][] = [
    ["FAULT_HANDLED (the callback advanced)", FAULT_HANDLED, 0, [ENTRY, ENTRY + 4n]],
    ["FAULT_RESTART (re-executes)", FAULT_RESTART, 0, [ENTRY, ENTRY]],
    ["FAULT_IGNORE (skips the instruction)", FAULT_IGNORE, 0, [ENTRY, ENTRY + 4n]],
    ["FAULT_ERROR (stops the VM)", FAULT_ERROR, -1, [ENTRY]],
  ];
  for (const [name, result, ret, pcs] of resultCases) {
    it(`acts on ${name}`, async () => {
      let env!: VmTestEnv;
      let vm!: vm_t;
      await withVmm(async (e) => {
        env = e;
        vm = guest(env, "m", [dataAbort(UART, dabtHsr({ write: true, sizeLog2: 2, rt: 0 }))]);
        vm_reserve_memory_at(vm, UART, 0x1000, (_vm, vcpu) => {
          if (result === FAULT_HANDLED) advance_vcpu_fault(vcpu);
          return result;
        }, null);
        expect(await vm_run(vm)).toBe(ret);
      });
      expect(env.executor.pcs("m:0").slice(0, pcs.length)).toEqual(pcs);
      if (result === FAULT_ERROR) {
        expect(vm.run.exit_reason).toBe(VM_GUEST_ERROR_EXIT);
        expect(env.executor.pcs("m:0")).toEqual([ENTRY]); // suspended: never resumed
        expect(env.logs[0]).toBe("m|ERROR: vm_run: guest error on vcpu 0 (abort exit): the reservation's fault callback returned FAULT_ERROR for write at 0x9000000");
      } else {
        expect(vm.run.exit_counts).toMatchObject({ abort: 1, vppi: 1 });
      }
    });
  }

  it("FAULT_UNHANDLED goes to the unhandled memory fault callback; its UNHANDLED is an error", async () => {
    const calls: number[] = [];
    await withVmm(async (env) => {
      const vm = guest(env, "u", [dataAbort(0x0a00_0000, dabtHsr({ write: false, sizeLog2: 2, rt: 0 })), dataAbort(0x0a00_1000, dabtHsr({ write: false, sizeLog2: 2, rt: 0 }))]);
      vm_reserve_memory_at(vm, 0x0a00_0000, 0x2000, () => FAULT_UNHANDLED, null);
      expect(vm_register_unhandled_mem_fault_callback(vm, null, null)).toBe(-1);
      vm_register_unhandled_mem_fault_callback(vm, (_vm, vcpu, addr) => {
        calls.push(addr);
        if (addr === 0x0a00_0000) {
          advance_vcpu_fault(vcpu);
          return FAULT_HANDLED;
        }
        return FAULT_UNHANDLED;
      }, null);
      expect(await vm_run(vm)).toBe(-1);
      expect(vm.run.last_error?.reason).toBe("the unhandled memory fault callback did not handle 0xa001000");
    });
    expect(calls).toEqual([0x0a00_0000, 0x0a00_1000]);
  });

  it("an access no reservation covers stops the VM with a report and never throws", async () => {
    await withVmm(async (env) => {
      const vm = guest(env, "e", [
        (ctx) => {
          ctx.setReg("x5", 0xdeadn);
          return dataAbort(0x1234_0000, dabtHsr({ write: true, sizeLog2: 3, rt: 5 }))(ctx);
        },
      ]);
      expect(await vm_run(vm)).toBe(-1);
      const report = vm.run.last_error!;
      expect(report).toMatchObject({ vm_name: "e", vcpu_id: 0, exit: "abort", pc: ENTRY, fault_address: 0x1234_0000, instruction: null });
      expect(report.reason).toBe("no reservation covers access at 0x12340000");
      expect(report.esr_decoded).toBe("EC 0x24 (data abort from a lower EL), IL32, ISV, 8 bytes, x5, write, translation fault, level 3");
      expect(report.registers.x5).toBe(0xdeadn);
      expect(env.logs.some((l) => l.startsWith("e|ERROR: vm_run:   esr 0x"))).toBe(true);
    });
  });

  it("notifications go to the notification callback; without one vm_run fails", async () => {
    const badges: bigint[] = [];
    await withVmm(async (env) => {
      const vm = env.makeVm("n");
      expect(vm_register_notification_callback(vm, null, null)).toBe(-1);
      vm_register_notification_callback(vm, (_vm, badge, tag) => {
        badges.push(badge, BigInt(tag.label));
        return -1; // make vm_run return
      }, null);
      // A badged sender: a native thread sends on a badged copy of the host endpoint.
      const { sel4 } = env;
      const slot = { value: 0 };
      env.vka.cspace_alloc(slot);
      const cnode = seL4_RootCNodeCapSlots.seL4_CapInitThreadCNode;
      expect(sel4.seL4_CNode_Mint(cnode, slot.value, 64, cnode, vm.host_endpoint, 64, seL4_AllRights, 0x100n)).toBe(0);
      spawnSender(env, slot.value, 7);
      expect(await vm_run(vm)).toBe(-1);
      expect(vm.run.exit_reason).toBe(VM_GUEST_ERROR_EXIT);
      expect(vm.run.exit_counts.notification).toBe(1);
      expect(env.logs).toContain("n|ERROR: vm_run: the notification callback failed (-1) for badge 0x100");
      vm.run.notification_callback = null;
      spawnSender(env, slot.value, 8);
      expect(await vm_run(vm)).toBe(-1);
      expect(env.logs).toContain("n|ERROR: vm_run: notification with badge 0x100 but no notification callback");
    });
    expect(badges).toEqual([0x100n, 7n]);
  });

  it("VCPU faults go to the vcpu fault callback; without one the VM stops", async () => {
    const hsrs: number[] = [];
    await withVmm(async (env) => {
      const vm = guest(env, "v", [vcpuFault(WFI_HSR), vcpuFault(0)]);
      vm_register_unhandled_vcpu_fault_callback(vm.vcpus[0]!, (vcpu, hsr) => {
        hsrs.push(hsr);
        if (hsr !== WFI_HSR) return -1;
        advance_vcpu_fault(vcpu);
        return 0;
      }, null);
      expect(await vm_run(vm)).toBe(-1);
      expect(vm.run.last_error?.esr_decoded).toMatch(/^EC 0x0 \(unknown reason/);
    });
    expect(hsrs).toEqual([WFI_HSR, 0]);
  });

  it("hypercalls 65 (PA_TO_IPA) and 67 (NOP) resume after the instruction; others and user exceptions stop the VM", async () => {
    let env!: VmTestEnv;
    let vm!: vm_t;
    await withVmm(async (e) => {
      env = e;
      vm = guest(env, "s", [() => ({ kind: "unknownSyscall", syscall: 67n }), () => ({ kind: "unknownSyscall", syscall: 65n }), () => ({ kind: "unknownSyscall", syscall: 99n })]);
      expect(await vm_run(vm)).toBe(-1);
      expect(vm.run.last_error?.reason).toBe("unknown hypercall 99");
      const vm2 = guest(env, "x", [() => ({ kind: "userException", number: 0n, code: 0x2000000n })]);
      expect(await vm_run(vm2)).toBe(-1);
      expect(vm2.run.last_error).toMatchObject({ exit: "user_exception", reason: "user exception (number 0, code 0x2000000)" });
    });
    expect(env.executor.pcs("s:0")).toEqual([ENTRY, ENTRY + 4n, ENTRY + 8n]);
    expect(vm.run.exit_counts.syscall).toBe(3);
  });
});
