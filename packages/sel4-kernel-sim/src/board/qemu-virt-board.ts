/**
 * The `qemu-virt` board: RAM at 0x4000_0000, a GICv2 with one virtual CPU interface per CPU, and
 * a PL011 UART, wired together the way QEMU's `virt` machine wires them. It describes itself to
 * the kernel as a {@link PlatformDescription} whose device regions carry their device models.
 */

import { KernelSimError } from "../errors";
import { qemuVirtPlatform, type DeviceRegion, type PlatformDescription } from "../platform";
import type { PhysicalRegion } from "../memory/physical-memory";
import { IrqSignal, type BoardDevice } from "./device";
import { GicV2, type GicV2State } from "./gic/gic-v2";
import { GicVirtualInterface, type GicVirtualInterfaceState } from "./gic/gic-virtual-interface";
import { GicV3VcpuInterface } from "./gic/gic-v3-vcpu-interface";
import type { GicV3VirtualInterfaceState } from "@sel4ts/cpu-aarch64";
import {
  QEMU_VIRT_DEFAULT_RAM_SIZE,
  QEMU_VIRT_IRQS,
  QEMU_VIRT_MAX_RAM_SIZE,
  QEMU_VIRT_MEMORY_MAP,
  QEMU_VIRT_RAM_BASE,
} from "./memory-map";
import { Pl011, type ByteSink, type Pl011State } from "./pl011";

/** A device window of the board, with the model behind it when the board models the device. */
export interface BoardDeviceRegion extends DeviceRegion {
  /** The register-level model, absent for devices the board does not model (RTC, fw_cfg, …). */
  readonly device?: BoardDevice<unknown>;
  /** The interrupt ID the device raises, if it has one. */
  readonly intid?: number;
}

/** Construction options of {@link QemuVirtBoard}. */
export interface QemuVirtBoardOptions {
  /** RAM size in bytes, a multiple of 4 KiB up to 255 GiB; default 128 MiB (QEMU's default `-m`). */
  ramSize?: number;
  /** Number of CPUs (1–8); default 1. */
  numCpus?: number;
  /** Where the UART's output goes; default the host's standard output. */
  uartOutput?: ByteSink;
  /**
   * The GIC, as QEMU's `-M virt,gic-version=`: 2 (default; GICD/GICC/GICH/GICV windows) or 3
   * (the GICv3 memory map: distributor at 0x0800_0000, redistributors at 0x080A_0000; each CPU's
   * virtual interface is its ICH_* system registers, reached by a guest through ICC_*).
   */
  gicVersion?: 2 | 3;
}

/** A snapshot of every device of the board. */
export interface QemuVirtBoardState {
  gic: GicV2State;
  uart: Pl011State;
  /** One per CPU (GICv2 boards). */
  virtualInterfaces: GicVirtualInterfaceState[];
  /** One per CPU (GICv3 boards). */
  gicV3Interfaces?: GicV3VirtualInterfaceState[];
}

const PAGE_SIZE = 4096;

/** The qemu-virt board with its devices; several boards can coexist in one process. */
export class QemuVirtBoard implements PlatformDescription {
  readonly name: string;
  readonly ram: readonly PhysicalRegion[];
  readonly deviceRegions: readonly BoardDeviceRegion[];
  /** Windows the kernel keeps for itself and never hands to user level (the GICH of each CPU). */
  readonly kernelDeviceRegions: readonly BoardDeviceRegion[];
  readonly maxIrq: number;
  readonly reservedIrqs: readonly number[];
  readonly numListRegisters: number;
  readonly gicVersion: 2 | 3;
  /** Interrupt IDs of the board's devices and timers. */
  readonly irqs = QEMU_VIRT_IRQS;
  /** The physical interrupt controller. */
  readonly gic: GicV2;
  /** The console UART (PL011, INTID 33). */
  readonly uart: Pl011;
  /** The GIC's IRQ output to each CPU. */
  readonly cpuIrq: readonly IrqSignal[];
  /** The virtual IRQ input of each CPU, driven by its virtual CPU interface. */
  readonly virtualIrq: readonly IrqSignal[];
  /** The GICv2 virtual CPU interface of each CPU (its GICH state is what seL4 switches per VCPU); empty on a GICv3 board. */
  readonly virtualInterfaces: readonly GicVirtualInterface[];
  /** The GICv3 virtual interface (ICH_* state) of each CPU; empty on a GICv2 board. */
  readonly gicV3Interfaces: readonly GicV3VcpuInterface[];

  /** Builds the board and its devices in their reset state. */
  constructor(options: QemuVirtBoardOptions = {}) {
    const ramSize = options.ramSize ?? QEMU_VIRT_DEFAULT_RAM_SIZE;
    if (!Number.isInteger(ramSize) || ramSize <= 0 || ramSize % PAGE_SIZE !== 0 || ramSize > QEMU_VIRT_MAX_RAM_SIZE) {
      throw new KernelSimError("config", `qemu-virt RAM size ${ramSize} must be a positive multiple of 4 KiB up to 255 GiB`);
    }
    const numCpus = options.numCpus ?? 1;
    const gicVersion = options.gicVersion ?? 2;
    if (gicVersion !== 2 && gicVersion !== 3) {
      throw new KernelSimError("config", `qemu-virt gicVersion ${String(gicVersion)} must be 2 or 3`);
    }
    this.gicVersion = gicVersion;
    const platform = qemuVirtPlatform({ ramSize, gicVersion });
    this.name = platform.name;
    this.ram = [{ base: QEMU_VIRT_RAM_BASE, size: ramSize }];
    this.maxIrq = platform.maxIrq;
    this.reservedIrqs = platform.reservedIrqs;

    const cpus = Array.from({ length: numCpus }, (_, cpu) => cpu);
    this.cpuIrq = cpus.map(() => new IrqSignal());
    this.virtualIrq = cpus.map(() => new IrqSignal());
    // The kernel drives the physical controller through its API; on a GICv3 board the same
    // interrupt model stands behind the GICv3 windows, which user level never maps.
    this.gic = new GicV2({ cpuIrqLines: this.cpuIrq });
    this.uart = new Pl011({ irq: this.gic.irqLine(QEMU_VIRT_IRQS.uart), output: options.uartOutput });
    const lines = (cpu: number) => ({
      virtualIrq: this.virtualIrq[cpu]!,
      maintenanceIrq: this.gic.irqLine(QEMU_VIRT_IRQS.vgicMaintenance, cpu),
      deactivatePhysical: (physicalId: number) => this.gic.deactivateFromVirtualEoi(physicalId, cpu),
    });
    this.virtualInterfaces = gicVersion === 2 ? cpus.map((cpu) => new GicVirtualInterface(lines(cpu))) : [];
    this.gicV3Interfaces = gicVersion === 3 ? cpus.map((cpu) => new GicV3VcpuInterface(lines(cpu))) : [];
    this.numListRegisters = (this.virtualInterfaces[0] ?? this.gicV3Interfaces[0]!).numListRegisters;

    const map = QEMU_VIRT_MEMORY_MAP;
    // The modelled windows; CPU 0's view for the banked GIC windows.
    const modelled: Record<string, Omit<BoardDeviceRegion, "name" | "base" | "size">> =
      gicVersion === 2
        ? {
            "gic-distributor": { device: this.gic.distributor },
            "gic-cpu-interface": { device: this.gic.cpuInterface(0) },
            "gic-vcpu-interface": { device: this.virtualInterfaces[0]!.guestWindow },
          }
        : {};
    modelled.pl011 = { device: this.uart, intid: QEMU_VIRT_IRQS.uart };
    this.deviceRegions = platform.deviceRegions.map((region) => ({ ...region, ...modelled[region.name] }));
    this.kernelDeviceRegions =
      gicVersion === 2
        ? [
            {
              name: "gic-hypervisor-interface",
              ...map.gicHypervisorInterface,
              device: this.virtualInterfaces[0]!.hypervisorWindow,
              intid: QEMU_VIRT_IRQS.vgicMaintenance,
            },
          ]
        : [];
  }

  /** The device region named `name` (user-visible or kernel-only), or undefined. */
  region(name: string): BoardDeviceRegion | undefined {
    return [...this.deviceRegions, ...this.kernelDeviceRegions].find((region) => region.name === name);
  }

  /** A snapshot of every device. */
  save(): QemuVirtBoardState {
    return {
      gic: this.gic.save(),
      uart: this.uart.save(),
      virtualInterfaces: this.virtualInterfaces.map((vgic) => vgic.save()),
      ...(this.gicVersion === 3 ? { gicV3Interfaces: this.gicV3Interfaces.map((vgic) => vgic.save()) } : {}),
    };
  }

  /** Restores a snapshot taken from a board with the same number of CPUs. */
  restore(state: QemuVirtBoardState): void {
    const v3 = state.gicV3Interfaces ?? [];
    if (state.virtualInterfaces.length !== this.virtualInterfaces.length || v3.length !== this.gicV3Interfaces.length) {
      throw new KernelSimError(
        "usage",
        `qemu-virt restore: snapshot has ${state.virtualInterfaces.length + v3.length} CPUs with GICv${v3.length ? 3 : 2}, board has ${this.cpuIrq.length} with GICv${this.gicVersion}`,
      );
    }
    this.gic.restore(state.gic);
    this.uart.restore(state.uart);
    state.virtualInterfaces.forEach((vgic, cpu) => this.virtualInterfaces[cpu]!.restore(vgic));
    v3.forEach((vgic, cpu) => this.gicV3Interfaces[cpu]!.restore(vgic));
  }
}
