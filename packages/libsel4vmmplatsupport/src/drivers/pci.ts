import type { Box } from "@sel4ts/sel4-kernel-sim";
import { bdf, logError, type platsupport_logger_fn } from "../log";
import { define_pci_host_bridge, vmm_pci_device_def_t, vmm_pci_entry_ignore_write, vmm_pci_mem_device_read } from "./pci-helper";
import { NUM_DEVICES, NUM_FUNCTIONS, vmm_pci_space_t, type vmm_pci_address_t, type vmm_pci_entry_t } from "./pci-types";

/** TypeScript-only options of {@link vmm_pci_init}. */
export interface vmm_pci_init_options {
  /** Where log lines go (default console.error). Pass the VM's logger to interleave with it. */
  readonly logger?: platsupport_logger_fn;
}

/**
 * vmm_pci_init: creates a PCI space with the host bridge at 00:00.0 (vendor 0x5e14, device 0x42,
 * class 0x06 bridge/host; writes ignored). `space.value` receives it. 0 / -1.
 */
export function vmm_pci_init(space: Box<vmm_pci_space_t | null>, options: vmm_pci_init_options = {}): number {
  const pci = new vmm_pci_space_t();
  if (options.logger) pci.logger = options.logger;
  const bridge = new vmm_pci_device_def_t();
  define_pci_host_bridge(bridge);
  space.value = pci;
  return vmm_pci_add_entry(pci, { cookie: bridge, ioread: vmm_pci_mem_device_read, iowrite: vmm_pci_entry_ignore_write }, null);
}

/**
 * vmm_pci_add_entry: puts `entry` at function 0 of the first free device on bus 0 and reports
 * the address through `addr` (nullable). -1 when all 32 devices are taken.
 */
export function vmm_pci_add_entry(space: vmm_pci_space_t, entry: vmm_pci_entry_t, addr: Box<vmm_pci_address_t> | null): number {
  for (let dev = 0; dev < NUM_DEVICES; dev++) {
    const slot = space.bus0[dev]!;
    if (slot[0]) continue;
    slot[0] = { ...entry };
    if (addr) addr.value = { bus: 0, dev, fun: 0 };
    return 0;
  }
  logError(space, "vmm_pci_add_entry", `no free device slot on bus 0 (all ${NUM_DEVICES} taken)`);
  return -1;
}

/**
 * make_addr_reg_from_config: splits a CF8-style / CAM offset into bus (bits 16-23), device
 * (11-15), function (8-10) and register (0-7).
 */
export function make_addr_reg_from_config(conf: number, addr: Box<vmm_pci_address_t>, reg: Box<number>): void {
  addr.value = { bus: (conf >>> 16) & 0xff, dev: (conf >>> 11) & 0x1f, fun: (conf >>> 8) & 0x7 };
  reg.value = conf & 0xff;
}

/** find_device: the entry at `addr`, or null (only bus 0 exists). */
export function find_device(self: vmm_pci_space_t, addr: vmm_pci_address_t): vmm_pci_entry_t | null {
  if (addr.bus !== 0 || addr.dev < 0 || addr.dev >= NUM_DEVICES || addr.fun < 0 || addr.fun >= NUM_FUNCTIONS) return null;
  return self.bus0[addr.dev]![addr.fun] ?? null;
}

/** `bb:dd.f` of an address (for log lines). */
export function vmm_pci_address_string(addr: vmm_pci_address_t): string {
  return bdf(addr);
}
