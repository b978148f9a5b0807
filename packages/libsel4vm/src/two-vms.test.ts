import { describe, expect, it } from "vitest";
import {
  FAULT_HANDLED,
  GICD,
  GIC_CPU_PADDR,
  GIC_DIST_PADDR,
  GIC_VCPU_PADDR,
  advance_vcpu_fault,
  get_vcpu_fault_data,
  vcpu_set_entry,
  vcpu_start,
  vm_create_default_irq_controller,
  vm_create_vcpu,
  vm_inject_irq,
  vm_register_irq,
  vm_reserve_memory_at,
  vm_run,
  type vm_t,
} from "./index";
import { dabtHsr, dataAbort, withVmm, type GuestStep, type VmTestEnv } from "./test-support/scripted-guest";

const UART = 0x0900_0000;

function store(addr: number, value: bigint): GuestStep {
  return (ctx) => {
    ctx.setReg("x0", value);
    return dataAbort(addr, dabtHsr({ write: true, sizeLog2: 2, rt: 0 }))(ctx);
  };
}

function makeGuest(env: VmTestEnv, name: string, steps: GuestStep[], out: string[], shareWith?: vm_t) {
  const vm = env.makeVm(name);
  expect(vm_create_default_irq_controller(vm, { vcpu_interface_from: shareWith })).toBe(0);
  const vcpu = vm_create_vcpu(vm, 100)!;
  vm_register_irq(vcpu, 33, () => undefined, null);
  vm_reserve_memory_at(vm, UART, 0x1000, (_vm, v) => {
    out.push(`${name}:${String.fromCharCode(Number(get_vcpu_fault_data(v)))}`);
    advance_vcpu_fault(v);
    return FAULT_HANDLED;
  }, null);
  env.executor.script(`${name}:0`, steps);
  vcpu_set_entry(vcpu, 0x4000_0000n, 0n);
  vcpu_start(vcpu);
  return { vm, vcpu };
}

describe("two VMs in one process", () => {
  it("keep separate reservations, vCPU ids, badges and vGICs", async () => {
    const out: string[] = [];
    await withVmm(async (env) => {
      const a = makeGuest(env, "A", [store(UART, 0x61n), store(GIC_DIST_PADDR + GICD.CTLR, 1n), store(GIC_DIST_PADDR + GICD.ISENABLER + 4, 2n)], out);
      const b = makeGuest(env, "B", [store(UART, 0x62n), store(UART, 0x63n)], out, a.vm);
      // Both VMs map the same virtual CPU interface (the hardware one), through separate caps.
      const gicv = (vm: vm_t) => env.sel4.seL4_ARM_Page_GetAddress(vm.mem.vm_vspace.caps.get(GIC_CPU_PADDR)!.cap).paddr;
      expect([gicv(a.vm), gicv(b.vm)]).toEqual([GIC_VCPU_PADDR, GIC_VCPU_PADDR]);
      expect(vm_create_default_irq_controller(env.makeVm("C"))).toBe(-1);
      expect(env.logs.splice(0)).toEqual([
        "C|ERROR: vm_create_default_irq_controller: no device frame at 0x8040000 for the virtual CPU interface (another VM has it? pass vcpu_interface_from)",
        "C|ERROR: vm_map_reservation: no frame for 0x8010000 in reservation 0x8010000+0x2000",
        "C|ERROR: vm_create_default_irq_controller: mapping the virtual CPU interface failed",
      ]);
      expect([a.vcpu.vcpu_id, b.vcpu.vcpu_id]).toEqual([0, 0]);
      expect(await vm_run(a.vm)).toBe(0);
      expect(await vm_run(b.vm)).toBe(0);
      expect(vm_inject_irq(a.vcpu, 33)).toBe(0);
      expect(vm_inject_irq(b.vcpu, 33)).toBe(-1);
      expect(env.logs.filter((l) => !l.includes("IRQ 27"))).toEqual(["B|ERROR: vm_inject_irq: IRQ 33 dropped: the distributor is disabled"]);
      expect(a.vm.run.exit_counts.abort).toBe(3);
      expect(b.vm.run.exit_counts.abort).toBe(2);
    });
    expect(out).toEqual(["A:a", "B:b", "B:c"]);
  });

  it("run side by side in two kernels", async () => {
    const outs: string[][] = [[], []];
    await Promise.all(
      [0, 1].map((i) =>
        withVmm(async (env) => {
          const g = makeGuest(env, "vm", [store(UART, BigInt(0x30 + i))], outs[i]!);
          expect(await vm_run(g.vm)).toBe(0);
        }),
      ),
    );
    expect(outs).toEqual([["vm:0"], ["vm:1"]]);
  });
});
