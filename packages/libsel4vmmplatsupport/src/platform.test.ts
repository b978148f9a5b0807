import { Fdt } from "@sel4ts/fdt";
import { HSR_EC_SMC64, HSR_EC_WFX, vm_create_vcpu, type vm_t } from "@sel4ts/libsel4vm";
import { describe, expect, it } from "vitest";
import { fdt_generate_plat_vcpu_node, create_vmm_plat_vcpu, register_arm_vcpu_exception_handler, vmm_handle_arm_vcpu_exception } from "./arch/arm/guest-vcpu-util";
import { vmm_init_reboot_hooks_list, vmm_process_reboot_callbacks, vmm_register_reboot_callback, type reboot_hooks_list_t } from "./arch/arm/guest-reboot";
import { add_device, device_list_init, find_device_by_pa, type device, type device_list_t } from "./device";
import { IOPORT_ADDR, IOPORT_FREE, emulate_io_handler, vmm_io_port_add_handler, vmm_io_port_init, type ioport_interface_t, type vmm_io_port_list_t } from "./ioports";
import { withVm } from "./test-support/vm-harness";

describe("ioports", () => {
  const iface = (desc: string, value: number): ioport_interface_t => ({
    cookie: null,
    desc,
    port_in: (_c, _p, _s, result) => ((result.value = value), 0),
    port_out: () => 0,
  });

  it("allocates IOPORT_FREE ranges upwards, rejects overlaps, dispatches by port", () => {
    const lines: string[] = [];
    const box = { value: null as vmm_io_port_list_t | null };
    vmm_io_port_init(box, 0x1000, { logger: (l) => lines.push(l) });
    const list = box.value!;
    const a = vmm_io_port_add_handler(list, { start: 0, end: 0, size: 0x40 }, iface("virtio-net", 1), IOPORT_FREE)!;
    const b = vmm_io_port_add_handler(list, { start: 0, end: 0, size: 0x20 }, iface("virtio-con", 2), IOPORT_FREE)!;
    expect([a.range, b.range]).toEqual([{ start: 0x1000, end: 0x103f, size: 0x40 }, { start: 0x1040, end: 0x105f, size: 0x20 }]);
    expect(vmm_io_port_add_handler(list, { start: 0x1050, end: 0x1050, size: 1 }, iface("clash", 3), IOPORT_ADDR)).toBeNull();
    expect(lines).toEqual(["vmm|ERROR: vmm_io_port_add_handler: requested ioport range 0x1050-0x1050 for clash overlaps 0x1040-0x105f for virtio-con"]);
    const data = { value: 0 };
    expect(emulate_io_handler(list, 0x1041, true, 1, data)).toBe(0);
    expect(data.value).toBe(2);
    expect(emulate_io_handler(list, 0x2000, true, 1, data)).toBe(1);
    expect(emulate_io_handler(list, 0x2000, true, 1, data)).toBe(1);
    expect(lines.filter((l) => l.includes("unsupported ioport 0x2000"))).toHaveLength(1); // warned once
    expect(emulate_io_handler(null, 0x1000, true, 1, data)).toBe(-1);
  });
});

describe("reboot hooks", () => {
  it("run in registration order; the first failure stops them with -1", async () => {
    const { value } = await withVm(async (vm) => {
      const list: reboot_hooks_list_t = { rb_hooks: [], nhooks: 0 };
      vmm_init_reboot_hooks_list(list);
      const order: string[] = [];
      vmm_register_reboot_callback(list, (_vm, token) => (order.push(String(token)), 0), "a");
      vmm_register_reboot_callback(list, (_vm, token) => Promise.resolve((order.push(String(token)), -1)), "b");
      vmm_register_reboot_callback(list, (_vm, token) => (order.push(String(token)), 0), "c");
      return { nulls: [vmm_register_reboot_callback(null, () => 0, null), vmm_register_reboot_callback(list, null, null)], status: await vmm_process_reboot_callbacks(vm, list), order, nhooks: list.nhooks };
    });
    expect(value).toEqual({ nulls: [-1, -1], status: -1, order: ["a", "b"], nhooks: 3 });
  });
});

describe("devices", () => {
  it("add_device keeps the list sorted; find_device_by_pa finds the window holding an address", () => {
    const list: device_list_t = { devices: [], num_devices: 0 };
    device_list_init(list);
    const dev = (name: string, pstart: number): device => ({ name, pstart, size: 0x1000, handle_device_fault: null, priv: null });
    add_device(list, dev("uart", 0x0900_0000));
    add_device(list, dev("gic", 0x0800_0000));
    expect(list.devices.map((d) => d.name)).toEqual(["gic", "uart"]);
    expect(find_device_by_pa(list, 0x0900_0fff)?.name).toBe("uart");
    expect(find_device_by_pa(list, 0x0900_1000)).toBeNull();
  });
});

describe("guest_vcpu_util", () => {
  it("fdt_generate_plat_vcpu_node: one cpu, no PSCI; several: enable-method psci and /psci over SMC", async () => {
    const build = (n: number) =>
      withVm((vm: vm_t) => {
        for (let i = 0; i < n; i++) vm_create_vcpu(vm, 100);
        const fdt = Fdt.create();
        return { status: fdt_generate_plat_vcpu_node(vm, fdt), again: fdt_generate_plat_vcpu_node(vm, fdt), fdt };
      });
    const one = (await build(1)).value;
    expect(one.status).toBe(0);
    expect(one.again).toBe(-1);
    expect(one.fdt.getNode("/cpus/cpu@0").getProperty("compatible").asString()).toBe("arm,cortex-a53");
    expect(one.fdt.findNode("/psci")).toBeUndefined();
    const two = (await build(2)).value;
    expect(two.fdt.getNode("/cpus/cpu@1").getProperty("enable-method").asString()).toBe("psci");
    expect(two.fdt.getNode("/psci").getProperty("method").asString()).toBe("smc");
    expect(two.fdt.getNode("/psci").getProperty("cpu_on").asCells()).toEqual([0xc400_0003]);
  });

  it("create_vmm_plat_vcpu registers the exception dispatcher; handlers are per VM and replaceable", async () => {
    const { value, log } = await withVm(async (vm) => {
      const vcpu = create_vmm_plat_vcpu(vm, 100)!;
      const wfi = await vmm_handle_arm_vcpu_exception(vcpu, HSR_EC_WFX << 26, null); // parks: 0, no reply
      const unknown = await vmm_handle_arm_vcpu_exception(vcpu, 0x07 << 26, null);
      const seen: number[] = [];
      register_arm_vcpu_exception_handler(HSR_EC_SMC64, (_v, hsr) => (seen.push(hsr), 0), vm);
      const smc = await vmm_handle_arm_vcpu_exception(vcpu, (HSR_EC_SMC64 << 26) >>> 0, null);
      return { wfi, unknown, smc, seen, bad: register_arm_vcpu_exception_handler(0x40, () => 0, vm), callback: vcpu.vcpu_arch.unhandled_vcpu_callback === vmm_handle_arm_vcpu_exception };
    });
    expect(value).toEqual({ wfi: 0, unknown: -1, smc: 0, seen: [0x5c00_0000], bad: -1, callback: true });
    expect(log).toContain("test|ERROR: vmm_handle_arm_vcpu_exception: no handler for exception class 0x7 (HSR 0x1c000000)");
  });
});
