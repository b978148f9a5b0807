import { readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Fdt } from "@sel4ts/fdt";
import { describe, expect, it } from "vitest";
import { hasHostTool } from "../../../../../test-tools.shared";
import { vmm_pci_add_entry, vmm_pci_init } from "../../drivers/pci";
import { vmm_pci_create_bar_emulation, vmm_pci_device_def_t, vmm_pci_mem_device_read, vmm_pci_mem_device_write, PREFETCH_MEM } from "../../drivers/pci-helper";
import type { vmm_pci_space_t } from "../../drivers/pci-types";
import { vmm_io_port_init, type vmm_io_port_list_t } from "../../ioports";
import { withVm } from "../../test-support/vm-harness";
import { QEMU_ARM_VIRT_VPCI_WINDOWS, fdt_generate_vpci_node, vm_install_vpci } from "./vpci";

const qemuDtb = readFileSync(new URL("./fixtures/qemu-virt.dtb", import.meta.url));

function space(devices: number, line = 82): vmm_pci_space_t {
  const box = { value: null as vmm_pci_space_t | null };
  vmm_pci_init(box, { logger: () => undefined });
  for (let i = 0; i < devices; i++) {
    const def = new vmm_pci_device_def_t({ vendor_id: 0x1af4, device_id: 0xa111, interrupt_pin: 1, interrupt_line: line });
    const entry = vmm_pci_create_bar_emulation({ cookie: def, ioread: vmm_pci_mem_device_read, iowrite: vmm_pci_mem_device_write }, 1, [{ mem_type: PREFETCH_MEM, address: 0xdf00_0000 + i * 0x1000, size_bits: 12 }]);
    vmm_pci_add_entry(box.value!, entry, null);
  }
  return box.value!;
}

describe("vm_install_vpci", () => {
  it("reserves the CAM and I/O windows; installing twice fails with -1 (overlapping reservations)", async () => {
    const { value, log } = await withVm((vm) => {
      const pci = space(0);
      const io = { value: null as vmm_io_port_list_t | null };
      vmm_io_port_init(io, 0x1000);
      return [vm_install_vpci(vm, io.value, pci), vm_install_vpci(vm, io.value, pci), pci.vpci_windows];
    });
    expect(value).toEqual([0, -1, QEMU_ARM_VIRT_VPCI_WINDOWS]);
    expect(log[0]).toBe("test|ERROR: vm_reserve_memory_at: 0xde000000+0x1000000 overlaps reservation 0xde000000+0x1000000");
  });

  it("refuses windows that overlap each other", async () => {
    const { value, log } = await withVm((vm) => vm_install_vpci(vm, null, space(0), { windows: { ...QEMU_ARM_VIRT_VPCI_WINDOWS, io_addr: 0xdeff_0000 } }));
    expect(value).toBe(-1);
    expect(log).toEqual(["test|ERROR: vm_install_vpci: the configuration window 0xde000000+0x1000000 overlaps the I/O window 0xdeff0000+0x10000"]);
  });
});

describe("fdt_generate_vpci_node", () => {
  const generate = async (devices: number) =>
    withVm((vm) => {
      const pci = space(devices);
      vm_install_vpci(vm, null, pci);
      const fdt = Fdt.parse(qemuDtb, { source: "qemu-virt.dtb" });
      const gic = fdt.findCompatible("arm,cortex-a15-gic")[0]!;
      const status = fdt_generate_vpci_node(vm, pci, fdt, gic.getProperty("phandle").asCells()[0]!);
      return { status, fdt, again: fdt_generate_vpci_node(vm, pci, fdt, 0x8002) };
    });

  it("writes what pci-host-cam-generic reads: cells, bus-range, reg, ranges, dma-coherent", async () => {
    const { value } = await generate(2);
    expect(value.status).toBe(0);
    const pci = value.fdt.getNode("/pci");
    expect(pci.getProperty("compatible").asString()).toBe("pci-host-cam-generic");
    expect(pci.getProperty("device_type").asString()).toBe("pci");
    expect(pci.getProperty("#address-cells").asCells()).toEqual([3]);
    expect(pci.getProperty("#size-cells").asCells()).toEqual([2]);
    expect(pci.getProperty("#interrupt-cells").asCells()).toEqual([1]);
    expect(pci.getProperty("bus-range").asCells()).toEqual([0, 1]);
    expect(pci.property("dma-coherent")).toBeDefined();
    expect(pci.getProperty("reg").asCells()).toEqual([0, 0xde00_0000, 0, 0x100_0000]);
    expect(pci.getProperty("ranges").asCells()).toEqual([0x0100_0000, 0, 0, 0, 0xdd00_0000, 0, 0x1_0000, 0x0200_0000, 0, 0xdf00_0000, 0, 0xdf00_0000, 0, 0x100_0000]);
    expect(value.again).toBe(-1); // /pci@de000000 exists
  });

  it("lays interrupt-map entries out as QEMU's own PCI host node does for the same GIC", async () => {
    const { value } = await generate(2);
    const qemu = Fdt.parse(qemuDtb).getNode("/pcie@10000000");
    const childCells = qemu.getProperty("#address-cells").asCells()[0]! + qemu.getProperty("#interrupt-cells").asCells()[0]!;
    const qemuMap = qemu.getProperty("interrupt-map").asCells();
    const ours = value.fdt.getNode("/pci").getProperty("interrupt-map").asCells();
    const width = qemuMap.length / 16; // QEMU maps 4 slots × 4 pins
    expect(ours.length).toBe(2 * width);
    // QEMU's slot 0 INTA → SPI 3: <0 0 0 1 gic 0 0 | 0 3 4>; ours: slot 1 and 2 INTA → SPI 50.
    const qemuEntry = qemuMap.slice(0, width);
    expect(ours.slice(0, width)).toEqual([0x800, 0, 0, 1, ...qemuEntry.slice(childCells, width - 2), 82 - 32, qemuEntry[width - 1]]);
    expect(ours.slice(width)).toEqual([0x1000, 0, 0, 1, ...qemuEntry.slice(childCells, width - 2), 82 - 32, qemuEntry[width - 1]]);
    expect(value.fdt.getNode("/pci").getProperty("interrupt-map-mask").asCells()).toEqual([0xf800, 0, 0, 7]);
  });

  it("fails with -1 without vm_install_vpci or with a phandle that is no GIC", async () => {
    const { value, log } = await withVm((vm) => {
      const fdt = Fdt.parse(qemuDtb);
      const first = fdt_generate_vpci_node(vm, space(1), fdt, 0x8002);
      const pci = space(1);
      vm_install_vpci(vm, null, pci);
      return [first, fdt_generate_vpci_node(vm, pci, fdt, 0x7777)];
    });
    expect(value).toEqual([-1, -1]);
    expect(log).toEqual([
      "test|ERROR: fdt_generate_vpci_node: the PCI space has no windows (call vm_install_vpci first)",
      "test|ERROR: fdt_generate_vpci_node: phandle 30583 is not an interrupt controller with #interrupt-cells = 3",
    ]);
  });

  it.skipIf(!hasHostTool("dtc"))("dtc reads QEMU's tree with the /pci node added and checks its interrupt-map", async () => {
    const { value } = await generate(3);
    const dir = mkdtempSync(join(tmpdir(), "vpci-"));
    try {
      writeFileSync(join(dir, "guest.dtb"), value.fdt.toBlob());
      const dtc = spawnSync("dtc", ["-I", "dtb", "-O", "dts", "-o", "/dev/null", join(dir, "guest.dtb")], { encoding: "utf8" });
      expect(dtc.status).toBe(0);
      expect(dtc.stderr).toBe(""); // no warning: dtc checks interrupt-map against the GIC's cells
      expect(value.fdt.getNode("/pci").name).toBe("pci@de000000");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
