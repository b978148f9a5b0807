/**
 * The physical memory map and interrupt numbers of QEMU's `virt` machine (AArch64, GICv2), in the
 * manner of Firecracker's `arch/aarch64/layout.rs`: one place that names every address.
 *
 * ```text
 *   0x0000_0000 +---------------------------+
 *               | flash (128 MiB)           |  not modelled
 *   0x0800_0000 +---------------------------+
 *               | GICD   distributor        |  64 KiB window, 4 KiB used
 *   0x0801_0000 | GICC   CPU interface      |  64 KiB window, 8 KiB used (DIR at +0x1000)
 *   0x0802_0000 | GICv2m MSI frame          |  not modelled
 *   0x0803_0000 | GICH   virtual interface control (hypervisor)
 *   0x0804_0000 | GICV   virtual CPU interface (guest view of GICC)
 *   0x0900_0000 +---------------------------+
 *               | PL011 UART      SPI 1     |  INTID 33
 *   0x0901_0000 | PL031 RTC       SPI 2     |  not modelled
 *   0x0902_0000 | fw_cfg                    |  not modelled
 *   0x0903_0000 | PL061 GPIO      SPI 7     |  not modelled
 *   0x0A00_0000 +---------------------------+
 *               | virtio-mmio × 32, 0x200 each, SPI 16 + n
 *   0x0C00_0000 | platform bus              |  not modelled
 *   0x1000_0000 | PCIe MMIO .. 0x3EFE_FFFF  |  not modelled
 *   0x3EFF_0000 | PCIe PIO                  |  not modelled
 *   0x3F00_0000 | PCIe ECAM (16 MiB)        |  INTx on SPI 3–6, not modelled
 *   0x4000_0000 +---------------------------+
 *               | RAM (configurable size)   |
 *               +---------------------------+
 * ```
 *
 * Interrupt IDs (INTIDs): SGI 0–15, PPI 16–31, SPI 32 and up; 1023 means "none pending".
 */

import { KernelSimError } from "../errors";

/** One physical address range. */
export interface AddressRange {
  /** First byte address. */
  readonly base: number;
  /** Length in bytes. */
  readonly size: number;
}

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

/** Addresses and window sizes of the qemu-virt devices this package models (and a few it does not). */
export const QEMU_VIRT_MEMORY_MAP = {
  flash: { base: 0x0000_0000, size: 128 * MiB },
  gicDistributor: { base: 0x0800_0000, size: 64 * KiB },
  gicCpuInterface: { base: 0x0801_0000, size: 64 * KiB },
  gicV2m: { base: 0x0802_0000, size: 4 * KiB },
  gicHypervisorInterface: { base: 0x0803_0000, size: 64 * KiB },
  gicVirtualCpuInterface: { base: 0x0804_0000, size: 64 * KiB },
  /** GICv3 only (gic-version=3): the ITS and the redistributor frames (2 × 64 KiB per CPU, 123 CPUs). */
  gicIts: { base: 0x0808_0000, size: 128 * KiB },
  gicRedistributor: { base: 0x080a_0000, size: 0xf6_0000 },
  uart: { base: 0x0900_0000, size: 4 * KiB },
  rtc: { base: 0x0901_0000, size: 4 * KiB },
  fwCfg: { base: 0x0902_0000, size: 0x18 },
  gpio: { base: 0x0903_0000, size: 4 * KiB },
  virtioMmio: { base: 0x0a00_0000, size: 32 * 0x200 },
  platformBus: { base: 0x0c00_0000, size: 32 * MiB },
  pcieMmio: { base: 0x1000_0000, size: 0x2eff_0000 },
  pciePio: { base: 0x3eff_0000, size: 64 * KiB },
  pcieEcam: { base: 0x3f00_0000, size: 16 * MiB },
  ram: { base: 0x4000_0000, size: 255 * GiB },
} as const satisfies Record<string, AddressRange>;

/** Where guest RAM starts on qemu-virt. */
export const QEMU_VIRT_RAM_BASE = QEMU_VIRT_MEMORY_MAP.ram.base;

/** The largest RAM size the low RAM window of qemu-virt holds (255 GiB). */
export const QEMU_VIRT_MAX_RAM_SIZE = QEMU_VIRT_MEMORY_MAP.ram.size;

/** QEMU's default `-m` (128 MiB). */
export const QEMU_VIRT_DEFAULT_RAM_SIZE = 128 * MiB;

/** Number of virtio-mmio transport slots. */
export const VIRTIO_MMIO_SLOT_COUNT = 32;

/** Size of one virtio-mmio transport slot. */
export const VIRTIO_MMIO_SLOT_SIZE = 0x200;

/** The interrupt ID of SPI number `spi` (SPI 0 is INTID 32). */
export function spiToIntid(spi: number): number {
  return 32 + spi;
}

/** The interrupt ID of PPI number `ppi` (PPI 0 is INTID 16). */
export function ppiToIntid(ppi: number): number {
  return 16 + ppi;
}

/** Interrupt IDs of the qemu-virt board as the GIC numbers them. */
export const QEMU_VIRT_IRQS = {
  /** GIC virtual interface maintenance interrupt, PPI 9. seL4 reserves it for VGICMaintenance. */
  vgicMaintenance: ppiToIntid(9),
  /** EL2 (hypervisor) physical timer, PPI 10. seL4 in hyp mode takes its tick from it. */
  hypervisorTimer: ppiToIntid(10),
  /** EL1 virtual timer, PPI 11. seL4 turns it into VPPIEvent faults while a VCPU runs. */
  virtualTimer: ppiToIntid(11),
  /** Secure EL1 physical timer, PPI 13. */
  secureTimer: ppiToIntid(13),
  /** Non-secure EL1 physical timer, PPI 14. */
  physicalTimer: ppiToIntid(14),
  /** PMU overflow, PPI 7. */
  pmu: ppiToIntid(7),
  /** PL011 UART, SPI 1. */
  uart: spiToIntid(1),
  /** PL031 RTC, SPI 2. */
  rtc: spiToIntid(2),
  /** First PCIe INTx line (INTA), SPI 3; INTB–INTD follow. */
  pcieIntx: spiToIntid(3),
  /** PL061 GPIO, SPI 7. */
  gpio: spiToIntid(7),
  /** virtio-mmio slot 0, SPI 16; slot n uses SPI 16 + n. */
  virtioMmio: spiToIntid(16),
} as const;

/** The MMIO window and interrupt ID of virtio-mmio transport slot `slot` (0–31). */
export function virtioMmioSlot(slot: number): AddressRange & { readonly intid: number } {
  if (!Number.isInteger(slot) || slot < 0 || slot >= VIRTIO_MMIO_SLOT_COUNT) {
    throw new KernelSimError("usage", `virtio-mmio slot ${slot} is outside 0..${VIRTIO_MMIO_SLOT_COUNT - 1}`);
  }
  return {
    base: QEMU_VIRT_MEMORY_MAP.virtioMmio.base + slot * VIRTIO_MMIO_SLOT_SIZE,
    size: VIRTIO_MMIO_SLOT_SIZE,
    intid: QEMU_VIRT_IRQS.virtioMmio + slot,
  };
}
