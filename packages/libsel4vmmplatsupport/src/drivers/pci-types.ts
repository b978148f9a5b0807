import type { Box } from "@sel4ts/sel4-kernel-sim";
import { defaultPlatsupportLogger, type platsupport_logger_fn } from "../log";

/** Devices per bus and functions per device. */
export const NUM_DEVICES = 32;
export const NUM_FUNCTIONS = 8;

/** The guest-physical windows of an ARM virtual PCI host (CAM configuration, I/O ports, 32-bit memory). */
export interface vpci_windows_t {
  readonly cfg_addr: number;
  readonly cfg_size: number;
  readonly io_addr: number;
  readonly io_size: number;
  readonly mem_addr: number;
  readonly mem_size: number;
}

/** vmm_pci_address_t: a PCI address by bus/device/function. */
export interface vmm_pci_address_t {
  bus: number;
  dev: number;
  fun: number;
}

/**
 * vmm_pci_entry_t: a virtual PCI function in the configuration space. `ioread` fills
 * `result.value`; both return 0 on success, -1 on error.
 */
export interface vmm_pci_entry_t {
  cookie: unknown;
  ioread: (cookie: unknown, offset: number, size: number, result: Box<number>) => number;
  iowrite: (cookie: unknown, offset: number, size: number, value: number) => number;
}

/** vmm_pci_config_t: accessors of a real (host) PCI configuration space, for passthrough entries. */
export interface vmm_pci_config_t {
  cookie: unknown;
  ioread8: (cookie: unknown, addr: vmm_pci_address_t, offset: number) => number;
  ioread16: (cookie: unknown, addr: vmm_pci_address_t, offset: number) => number;
  ioread32: (cookie: unknown, addr: vmm_pci_address_t, offset: number) => number;
  iowrite8: (cookie: unknown, addr: vmm_pci_address_t, offset: number, val: number) => void;
  iowrite16: (cookie: unknown, addr: vmm_pci_address_t, offset: number, val: number) => void;
  iowrite32: (cookie: unknown, addr: vmm_pci_address_t, offset: number, val: number) => void;
}

/**
 * vmm_pci_space_t: one virtual PCI bus (bus 0: 32 devices of 8 functions). `conf_port_addr` is
 * the x86 0xCF8 address register (kept for parity; ARM uses CAM). TS-only: `logger`.
 */
export class vmm_pci_space_t {
  /** bus0[dev][fun]: the entry at 00:dev.fun, or null. */
  readonly bus0: (vmm_pci_entry_t | null)[][] = Array.from({ length: NUM_DEVICES }, () => new Array<vmm_pci_entry_t | null>(NUM_FUNCTIONS).fill(null));
  /** The current config address for I/O port emulation (x86). */
  conf_port_addr = 0;
  /** TS-only: the guest-physical windows vm_install_vpci installed (C has them as platform constants). */
  vpci_windows: vpci_windows_t | null = null;
  /** Where this space's log lines go. */
  logger: platsupport_logger_fn = defaultPlatsupportLogger;
}
