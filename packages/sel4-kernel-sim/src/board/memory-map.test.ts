import { describe, expect, it } from "vitest";
import { KernelSimError } from "../errors";
import { QEMU_VIRT_IRQS, QEMU_VIRT_MEMORY_MAP, QEMU_VIRT_RAM_BASE, virtioMmioSlot } from "./memory-map";

describe("qemu-virt memory map (aarch64-linux-boot §6 memory map)", () => {
  it("places RAM, the GIC windows and the PL011 where QEMU virt has them", () => {
    expect(QEMU_VIRT_RAM_BASE).toBe(0x4000_0000);
    expect(QEMU_VIRT_MEMORY_MAP.gicDistributor.base).toBe(0x0800_0000);
    expect(QEMU_VIRT_MEMORY_MAP.gicCpuInterface.base).toBe(0x0801_0000);
    expect(QEMU_VIRT_MEMORY_MAP.gicHypervisorInterface.base).toBe(0x0803_0000);
    expect(QEMU_VIRT_MEMORY_MAP.gicVirtualCpuInterface.base).toBe(0x0804_0000);
    expect(QEMU_VIRT_MEMORY_MAP.uart.base).toBe(0x0900_0000);
    expect(QEMU_VIRT_MEMORY_MAP.pcieEcam.base).toBe(0x3f00_0000);
  });

  it("keeps the windows below RAM from overlapping", () => {
    const ranges = Object.values(QEMU_VIRT_MEMORY_MAP).sort((a, b) => a.base - b.base);
    for (let i = 1; i < ranges.length; i++) {
      expect(ranges[i]!.base).toBeGreaterThanOrEqual(ranges[i - 1]!.base + ranges[i - 1]!.size);
    }
  });

  it("numbers interrupts as INTIDs: PL011 SPI 1 = 33, vtimer PPI 11 = 27, phys timer 30, maintenance 25 (§6 IRQ numbering)", () => {
    expect(QEMU_VIRT_IRQS.uart).toBe(33);
    expect(QEMU_VIRT_IRQS.virtualTimer).toBe(27);
    expect(QEMU_VIRT_IRQS.physicalTimer).toBe(30);
    expect(QEMU_VIRT_IRQS.hypervisorTimer).toBe(26);
    expect(QEMU_VIRT_IRQS.vgicMaintenance).toBe(25);
    expect(QEMU_VIRT_IRQS.pmu).toBe(23);
  });

  it("gives virtio-mmio slot n the window 0x0A00_0000 + n*0x200 and SPI 16+n", () => {
    expect(virtioMmioSlot(0)).toEqual({ base: 0x0a00_0000, size: 0x200, intid: 48 });
    expect(virtioMmioSlot(31)).toEqual({ base: 0x0a00_3e00, size: 0x200, intid: 79 });
    expect(() => virtioMmioSlot(32)).toThrow(KernelSimError);
  });
});
