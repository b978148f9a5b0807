import { describe, expect, it } from "vitest";
import type { Kernel, ListRegister, UserContextReg } from "@sel4ts/sel4-kernel-sim";
import {
  GICD,
  GICD_IIDR_RESET,
  GICD_TYPER_RESET,
  GIC_DIST_PADDR,
  vm_create_default_irq_controller,
  vm_inject_irq,
  vm_register_irq,
  vm_register_notification_callback,
  vm_register_unhandled_vcpu_fault_callback,
  vm_run,
  vm_set_irq_level,
  type vm_t,
  type vm_vcpu_t,
} from "./index";
import { SCRIPTED_ENTRY, WFI_HSR, dabtHsr, dataAbort, spawnSender, vcpuFault, vppi, startScriptedVcpu, withVmm, type GuestStep, type VmTestEnv } from "./test-support/scripted-guest";

const ENTRY = SCRIPTED_ENTRY;

/** A guest store of `value` (from x0) to distributor register `offset`. */
function distWrite(offset: number, value: number, sizeLog2 = 2): GuestStep {
  return (ctx) => {
    ctx.setReg("x0", BigInt(value));
    return dataAbort(GIC_DIST_PADDR + offset, dabtHsr({ write: true, sizeLog2, rt: 0, sf: false }))(ctx);
  };
}

/** A guest load from distributor register `offset` into `reg`; `record` receives it at the next step. */
function distRead(offset: number, rt: number, sizeLog2 = 2): GuestStep {
  return dataAbort(GIC_DIST_PADDR + offset, dabtHsr({ write: false, sizeLog2, rt, sf: false }));
}

/** Records register values when the guest runs again. */
function observe(into: bigint[], regs: UserContextReg[], next: GuestStep = vppi()): GuestStep {
  return (ctx) => {
    for (const r of regs) into.push(ctx.reg(r));
    return next(ctx);
  };
}

function listRegisters(kernel: Kernel, name: string): readonly ListRegister[] {
  const tcb = [...kernel.tcbs].find((t) => t.name === name)!;
  return tcb.vcpu!.listRegisters;
}

function vgicGuest(env: VmTestEnv, name: string, steps: GuestStep[]): { vm: vm_t; vcpu: vm_vcpu_t } {
  const vm = env.makeVm(name);
  expect(vm_create_default_irq_controller(vm)).toBe(0);
  return { vm, vcpu: startScriptedVcpu(env, vm, steps) };
}

const enableAll = [distWrite(GICD.CTLR, 1), distWrite(GICD.ISENABLER + 4, 0x3f)];

describe("vGICv2 distributor emulation", () => {
  it("reports the reset values and keeps SGIs enabled", async () => {
    const seen: bigint[] = [];
    await withVmm(async (env) => {
      const { vm } = vgicGuest(env, "d", [
        distRead(GICD.TYPER, 1),
        distRead(GICD.IIDR, 2),
        distWrite(GICD.ICENABLER, 0xffff_ffff),
        distRead(GICD.ISENABLER, 3),
        distRead(GICD.ITARGETSR + 1, 4, 0),
        distRead(0xff0, 5),
        distRead(GICD.CTLR, 6),
        observe(seen, ["x1", "x2", "x3", "x4", "x5", "x6"]),
      ]);
      expect(vm_create_default_irq_controller(vm)).toBe(-1);
      expect(await vm_run(vm)).toBe(0);
      expect(env.logs).toContain("d|ERROR: vm_create_default_irq_controller: the VM already has an interrupt controller");
    });
    expect(seen).toEqual([BigInt(GICD_TYPER_RESET), BigInt(GICD_IIDR_RESET), 0xffffn, 1n, 0x0dn, 0n]);
  });

  it("enables and disables SPIs; enabling a registered IRQ that is not pending acknowledges it", async () => {
    const acks: number[] = [];
    const seen: bigint[] = [];
    await withVmm(async (env) => {
      const { vm, vcpu } = vgicGuest(env, "e", [
        ...enableAll,
        distWrite(GICD.ICENABLER + 4, 0x2),
        distRead(GICD.ISENABLER + 4, 7),
        distWrite(GICD.IPRIORITYR + 33, 0xa0, 0),
        distRead(GICD.IPRIORITYR + 32, 8),
        observe(seen, ["x7", "x8"]),
      ]);
      for (const irq of [32, 33]) expect(vm_register_irq(vcpu, irq, (_v, i) => acks.push(i), null)).toBe(0);
      expect(await vm_run(vm)).toBe(0);
      expect(vm_inject_irq(vcpu, 33)).toBe(-1);
      expect(env.logs).toContain("e|ERROR: vm_inject_irq: IRQ 33 dropped: the IRQ is disabled");
    });
    expect(acks).toEqual([32, 33]);
    expect(seen).toEqual([0x3dn, 0xa000n]);
  });
});

describe("vm_inject_irq, list registers and maintenance", () => {
  it("fails for unregistered IRQs and while the distributor is off; vm_set_irq_level is x86-only", async () => {
    await withVmm((env) => {
      const { vcpu } = vgicGuest(env, "i", []);
      vm_register_irq(vcpu, 40, () => undefined, null);
      expect(vm_inject_irq(vcpu, 41)).toBe(-1);
      expect(vm_inject_irq(vcpu, 40)).toBe(-1);
      expect(vm_set_irq_level(vcpu, 40, 1)).toBe(-1);
      expect(vm_register_irq(vcpu, 27, () => undefined, null)).toBe(0);
      expect(vm_register_irq(vcpu, 27, () => undefined, null)).toBe(-1);
      expect(vm_register_irq(vcpu, 1020, () => undefined, null)).toBe(-1);
      expect(env.logs).toEqual([
        "i|ERROR: vm_inject_irq: IRQ 41 is not registered on vcpu 0",
        "i|ERROR: vm_inject_irq: IRQ 40 dropped: the distributor is disabled",
        "i|ERROR: vm_set_irq_level: not supported on ARM (IRQ 40); use vm_inject_irq",
        "i|ERROR: vm_register_irq: IRQ 27 is already registered on vcpu 0",
        "i|ERROR: vm_register_irq: IRQ 1020 is not a valid interrupt ID",
      ]);
    });
  });

  it("fills four list registers, queues the rest, and refills on maintenance", async () => {
    const acks: number[] = [];
    let lrsAfterInject: number[] = [];
    let kernel!: Kernel;
    await withVmm(async (env) => {
      kernel = env.kernel;
      const { vm, vcpu } = vgicGuest(env, "l", [
        ...enableAll,
        vppi(),
        () => {
          // The guest EOIs the IRQ in list register 1; the hardware frees it and raises maintenance.
          listRegisters(env.kernel, "l:0")[1]!.state = "invalid";
          return { kind: "vgicMaintenance", index: 1n };
        },
      ]);
      for (let irq = 32; irq < 38; irq++) vm_register_irq(vcpu, irq, (_v, i) => acks.push(i), null);
      expect(await vm_run(vm)).toBe(0);
      acks.length = 0;
      for (let irq = 32; irq < 38; irq++) expect(vm_inject_irq(vcpu, irq)).toBe(0);
      expect(vm_inject_irq(vcpu, 32)).toBe(0); // already pending
      lrsAfterInject = listRegisters(env.kernel, "l:0").map((lr) => lr.virq);
      expect(await vm_run(vm)).toBe(0);
    });
    expect(lrsAfterInject).toEqual([32, 33, 34, 35]);
    expect(acks).toEqual([33]);
    const lrs = listRegisters(kernel, "l:0");
    expect(lrs.map((lr) => [lr.virq, lr.state])).toEqual([[32, "pending"], [36, "pending"], [34, "pending"], [35, "pending"]]);
  });

  it("rejects IRQs beyond the 64-entry overflow queue", async () => {
    await withVmm(async (env) => {
      const { vm, vcpu } = vgicGuest(env, "q", [distWrite(GICD.CTLR, 1), ...[1, 2, 3].map((w) => distWrite(GICD.ISENABLER + 4 * w, 0xffff_ffff))]);
      for (let irq = 32; irq < 32 + 69; irq++) vm_register_irq(vcpu, irq, () => undefined, null);
      expect(await vm_run(vm)).toBe(0);
      const results = Array.from({ length: 69 }, (_, i) => vm_inject_irq(vcpu, 32 + i));
      expect(results.slice(0, 68).every((r) => r === 0)).toBe(true);
      expect(results[68]).toBe(-1);
      expect(env.logs.at(-1)).toBe("q|ERROR: vm_inject_irq: the IRQ queue of vcpu 0 is full (64 entries); IRQ 100 dropped");
    });
  });

  it("wakes a vCPU parked in WFI when an IRQ is injected", async () => {
    await withVmm(async (env) => {
      const { vm, vcpu } = vgicGuest(env, "w", [...enableAll, vcpuFault(WFI_HSR)]);
      vm_register_irq(vcpu, 32, () => undefined, null);
      // WFI: handled (0) without resuming the vCPU, as libsel4vmmplatsupport's default does.
      vm_register_unhandled_vcpu_fault_callback(vcpu, () => 0, null);
      vm_register_notification_callback(vm, (_vm) => {
        expect(vm_inject_irq(vcpu, 32)).toBe(0);
        return 0;
      }, null);
      const slot = { value: 0 };
      env.vka.cspace_alloc(slot);
      env.sel4.seL4_CNode_Mint(2, slot.value, 64, 2, vm.host_endpoint, 64, 0xf, 0x200n);
      spawnSender(env, slot.value, 0);
      expect(await vm_run(vm)).toBe(0);
      expect(env.executor.pcs("w:0")).toEqual([ENTRY, ENTRY + 4n, ENTRY + 8n, ENTRY + 12n]);
      expect(vm.run.exit_counts).toMatchObject({ abort: 2, vcpu: 1, notification: 1, vppi: 1 });
    });
  });
});
