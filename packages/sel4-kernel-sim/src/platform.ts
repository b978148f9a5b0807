import type { PhysicalRegion } from "./memory/physical-memory";

/** A device's MMIO window, handed to user level as device untyped memory. */
export interface DeviceRegion {
  readonly name: string;
  readonly base: number;
  readonly size: number;
}

/**
 * What the kernel needs to know about a board: RAM, device windows and interrupts.
 * The full `qemu-virt` board (with devices) implements this; {@link qemuVirtPlatform}
 * is the minimal built-in description.
 */
export interface PlatformDescription {
  readonly name: string;
  readonly ram: readonly PhysicalRegion[];
  readonly deviceRegions: readonly DeviceRegion[];
  /** Highest IRQ number IRQControl_Get accepts. */
  readonly maxIrq: number;
  /** IRQs the kernel keeps for itself (IRQControl_Get answers RevokeFirst). */
  readonly reservedIrqs: readonly number[];
  /** Number of GIC list registers a VCPU has. */
  readonly numListRegisters: number;
}

/** Options of {@link qemuVirtPlatform}. */
export interface QemuVirtOptions {
  /** RAM size in bytes (default 1 GiB; nothing is allocated until touched). */
  readonly ramSize?: number;
}

/**
 * QEMU's `virt` machine memory map as seen by seL4 (RAM at 0x4000_0000, PL011 at 0x0900_0000,
 * GICv2 at 0x0800_0000), IRQs up to 159, with the hypervisor kernel's reserved IRQs
 * (25 VGIC maintenance, 26 kernel timer, 27 virtual timer for VPPI events).
 */
export function qemuVirtPlatform(options: QemuVirtOptions = {}): PlatformDescription {
  const ramSize = options.ramSize ?? 0x4000_0000;
  return {
    name: "qemu-arm-virt",
    ram: [{ base: 0x4000_0000, size: ramSize }],
    deviceRegions: [
      { name: "gic-distributor", base: 0x0800_0000, size: 0x1_0000 },
      { name: "gic-cpu-interface", base: 0x0801_0000, size: 0x1_0000 },
      { name: "gic-vcpu-interface", base: 0x0804_0000, size: 0x1_0000 },
      { name: "pl011", base: 0x0900_0000, size: 0x1000 },
      { name: "pl031-rtc", base: 0x0901_0000, size: 0x1000 },
      { name: "fw-cfg", base: 0x0902_0000, size: 0x1000 },
      { name: "gpio", base: 0x0903_0000, size: 0x1000 },
      { name: "virtio-mmio", base: 0x0a00_0000, size: 0x4000 },
    ],
    maxIrq: 159,
    reservedIrqs: [25, 26, 27],
    numListRegisters: 4,
  };
}
