import { vka_alloc_endpoint, type vka_object_t } from "@sel4ts/sel4-kernel-sim";
import { describe, expect, it } from "vitest";
import {
  FAULT_HANDLED,
  PSCI_SYSTEM_OFF,
  VM_GUEST_POWER_OFF_EXIT,
  VM_RUN_STOPPED,
  advance_vcpu_fault,
  get_vcpu_fault_data,
  sel4ts_vmm_thread_join,
  sel4ts_vmm_thread_start,
  vcpu_set_entry,
  vcpu_start,
  vm_create_vcpu,
  vm_init,
  vm_reserve_memory_at,
  vm_run,
  vm_t,
  type vmm_thread_env,
} from "./index";
import { SMC_HSR, dabtHsr, dataAbort, vcpuFault, vppi, withVmm, type GuestStep } from "./test-support/scripted-guest";

const UART = 0x0900_0000;

function putc(c: string): GuestStep {
  return (ctx) => {
    ctx.setReg("x1", BigInt(c.charCodeAt(0)));
    return dataAbort(UART, dabtHsr({ write: true, sizeLog2: 0, rt: 1 }))(ctx);
  };
}
const systemOff: GuestStep = (ctx) => {
  ctx.setReg("x0", BigInt(PSCI_SYSTEM_OFF));
  return vcpuFault(SMC_HSR)(ctx);
};

/** The body of one VMM thread: a VM with a UART, run until the guest powers off. */
async function runVm(env: vmm_thread_env, name: string, out: string[], logs: string[]): Promise<number> {
  const endpoint = { value: null as unknown as vka_object_t };
  expect(vka_alloc_endpoint(env.vka, endpoint)).toBe(0);
  const vm = new vm_t();
  expect(vm_init(vm, env.vka, env.simple, env.vspace, null, endpoint.value.cptr, name, { logger: (l) => logs.push(l) })).toBe(0);
  vm_reserve_memory_at(vm, UART, 0x1000, (_vm, vcpu) => {
    out.push(`${name}:${String.fromCharCode(Number(get_vcpu_fault_data(vcpu)))}`);
    advance_vcpu_fault(vcpu);
    return FAULT_HANDLED;
  }, null);
  const vcpu = vm_create_vcpu(vm, 100)!;
  expect(vcpu_set_entry(vcpu, 0x4000_0000n, 0n)).toBe(0);
  expect(vcpu_start(vcpu)).toBe(0);
  let status: number;
  out.push(`${name}:vm_run`);
  while ((status = await vm_run(vm)) === 0);
  out.push(`${name}:stopped`);
  expect(vm.run.exit_reason).toBe(VM_GUEST_POWER_OFF_EXIT);
  return status;
}

describe("sel4ts_vmm_thread_start", () => {
  it("runs two VMs' vm_run loops at the same time on one kernel, one VMM thread each", async () => {
    const out: string[] = [];
    const logs: string[] = [];
    const statuses: number[] = [];
    await withVmm(async (env) => {
      env.executor.script("a:0", [putc("a"), vppi(), putc("b"), systemOff]);
      env.executor.script("b:0", [putc("x"), putc("y"), vppi(), putc("z"), systemOff]);
      const parent = { sel4: env.sel4, vka: env.vka, vspace: env.vmmVspace, simple: env.simple };
      const threads = ["a", "b"].map((name) =>
        sel4ts_vmm_thread_start(parent, `vmm-${name}`, 150, async (own) => {
          statuses.push(await runVm(own, name, out, logs));
        }, (l) => logs.push(l)),
      );
      expect(threads.every((t) => t !== null)).toBe(true);
      for (const t of threads) await sel4ts_vmm_thread_join(env.sel4, t!);
    });
    // (No vGIC in these VMs: the timer PPIs are logged as dropped; nothing else may be logged.)
    expect(logs.filter((l) => !l.includes("vm_inject_irq") && !l.includes("IRQ 27"))).toEqual([]);
    expect(statuses).toEqual([VM_RUN_STOPPED, VM_RUN_STOPPED]);
    // Each VM saw its own output, in order.
    expect(out.filter((l) => l.startsWith("a:"))).toEqual(["a:vm_run", "a:a", "a:b", "a:stopped"]);
    expect(out.filter((l) => l.startsWith("b:"))).toEqual(["b:vm_run", "b:x", "b:y", "b:z", "b:stopped"]);
    // Both vm_run loops were waiting at the same time: b entered vm_run before a's guest stopped.
    expect(out.indexOf("b:vm_run")).toBeLessThan(out.indexOf("a:stopped"));
  });

  it("refuses a priority above the caller's MCP with a line that says so", async () => {
    const logs: string[] = [];
    await withVmm((env) => {
      const parent = { sel4: env.sel4, vka: env.vka, vspace: env.vmmVspace, simple: env.simple };
      expect(sel4ts_vmm_thread_start(parent, "greedy", 256, () => undefined, (l) => logs.push(l))).toBeNull();
    });
    expect(logs).toEqual(["greedy|ERROR: sel4ts_vmm_thread_start: seL4_TCB_SetSchedParams(priority 256) failed (seL4_RangeError): at most the caller's MCP"]);
  });
});
