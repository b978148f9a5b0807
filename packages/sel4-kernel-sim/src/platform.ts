import { QEMU_VIRT_IRQS, QEMU_VIRT_MEMORY_MAP as MAP } from "./board/memory-map";
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
  /** The interrupt controller: 2 (GICv2, default) or 3 (GICv3, ICH_* virtual interface). */
  readonly gicVersion?: 2 | 3;
}

/** Options of {@link qemuVirtPlatform}. */
export interface QemuVirtOptions {
  /** RAM size in bytes (default 1 GiB; nothing is allocated until touched). */
  readonly ramSize?: number;
  /** GIC version, as QEMU's `-M virt,gic-version=`: 2 (default) or 3. */
  readonly gicVersion?: 2 | 3;
}

/**
 * QEMU's `virt` machine memory map as seen by seL4 (RAM at 0x4000_0000, PL011 at 0x0900_0000,
 * GICv2 at 0x0800_0000, or with `gicVersion: 3` the GICv3 distributor at 0x0800_0000 and
 * redistributors at 0x080A_0000), IRQs up to 159, with the hypervisor kernel's reserved IRQs
 * (25 VGIC maintenance, 26 kernel timer, 27 virtual timer for VPPI events).
 */
export function qemuVirtPlatform(options: QemuVirtOptions = {}): PlatformDescription {
  const ramSize = options.ramSize ?? 0x4000_0000;
  const gicVersion = options.gicVersion ?? 2;
  const page = 0x1000;
  // Device untypeds cover whole pages, so fw_cfg's 0x18-byte window becomes one page.
  const region = (name: string, range: { base: number; size: number }): DeviceRegion => ({
    name,
    base: range.base,
    size: Math.ceil(range.size / page) * page,
  });
  return {
    name: "qemu-arm-virt",
    ram: [{ base: MAP.ram.base, size: ramSize }],
    deviceRegions: [
      ...(gicVersion === 3
        ? [region("gic-distributor", MAP.gicDistributor), region("gic-redistributor", MAP.gicRedistributor)]
        : [
            region("gic-distributor", MAP.gicDistributor),
            region("gic-cpu-interface", MAP.gicCpuInterface),
            region("gic-vcpu-interface", MAP.gicVirtualCpuInterface),
          ]),
      region("pl011", MAP.uart),
      region("pl031-rtc", MAP.rtc),
      region("fw-cfg", MAP.fwCfg),
      region("gpio", MAP.gpio),
      region("virtio-mmio", MAP.virtioMmio),
    ],
    maxIrq: 159,
    reservedIrqs: [QEMU_VIRT_IRQS.vgicMaintenance, QEMU_VIRT_IRQS.hypervisorTimer, QEMU_VIRT_IRQS.virtualTimer],
    numListRegisters: 4,
    gicVersion,
  };
}
