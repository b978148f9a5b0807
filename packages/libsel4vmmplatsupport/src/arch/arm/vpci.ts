import type { Fdt, FdtNode } from "@sel4ts/fdt";
import {
  FAULT_HANDLED,
  FAULT_UNHANDLED,
  advance_vcpu_fault,
  get_vcpu_fault_data,
  get_vcpu_fault_size,
  is_vcpu_read_fault,
  set_vcpu_fault_data,
  vm_reserve_memory_at,
  type memory_fault_result_t,
  type vm_t,
  type vm_vcpu_t,
} from "@sel4ts/libsel4vm";
import { find_device, make_addr_reg_from_config } from "../../drivers/pci";
import { PCI_INTERRUPT_LINE, PCI_INTERRUPT_PIN } from "../../drivers/pci-regs";
import type { vmm_pci_entry_t, vmm_pci_space_t, vpci_windows_t } from "../../drivers/pci-types";
import { emulate_io_handler, type vmm_io_port_list_t } from "../../ioports";
import { bdf, hex, logError } from "../../log";
import { vm_inject_data_abort } from "./guest-abort";

/** qemu-arm-virt (plat/vpci.h): the CAM configuration window. */
export const PCI_CFG_REGION_ADDR = 0xde00_0000;
export const PCI_CFG_REGION_SIZE = 0x100_0000;
/** The window whose accesses are I/O port accesses. */
export const PCI_IO_REGION_ADDR = 0xdd00_0000;
export const PCI_IO_REGION_SIZE = 0x1_0000;
/** The 32-bit memory window BARs live in. */
export const PCI_MEM_REGION_ADDR = 0xdf00_0000;
export const PCI_MEM_REGION_SIZE = 0x100_0000;
/** PCI_CFG_BAR_MASK: what a guest writes to size a BAR. */
export const PCI_CFG_BAR_MASK = 0xffff_ffff;

/** The qemu-arm-virt windows, vm_install_vpci's default. */
export const QEMU_ARM_VIRT_VPCI_WINDOWS: vpci_windows_t = {
  cfg_addr: PCI_CFG_REGION_ADDR,
  cfg_size: PCI_CFG_REGION_SIZE,
  io_addr: PCI_IO_REGION_ADDR,
  io_size: PCI_IO_REGION_SIZE,
  mem_addr: PCI_MEM_REGION_ADDR,
  mem_size: PCI_MEM_REGION_SIZE,
};

/** Open-firmware PCI address space codes (phys.hi bits 24-25) and the devfn shift of the PCI binding. */
const PCI_RANGE_IO = 1;
const PCI_RANGE_MEM32 = 2;
const PCI_ADDR_DEV_SHIFT = 11;
/** GIC interrupt specifier: SPI type, level-high flags; SPI n is INTID 32 + n. */
const GIC_SPI = 0;
const IRQ_TYPE_LEVEL_HIGH = 4;
const GIC_SPI_BASE = 32;

const ALL_ONES = 0xffff_ffff_ffff_ffffn;
const lowBytes = (value: bigint, size: number): number => Number(size >= 8 ? value & 0xffff_ffffn : value & ((1n << BigInt(8 * size)) - 1n));

interface vpci_cfg_data {
  readonly io_port: vmm_io_port_list_t | null;
  readonly pci: vmm_pci_space_t;
  readonly windows: vpci_windows_t;
}

/** A configuration read of 1, 2, 4 or 8 bytes (8: two dwords); null if the entry fails. */
function configRead(dev: vmm_pci_entry_t, reg: number, size: number): bigint | null {
  const part = { value: 0 };
  if (size === 8) {
    const lo = configRead(dev, reg, 4);
    const hi = configRead(dev, reg + 4, 4);
    return lo === null || hi === null ? null : lo | (hi << 32n);
  }
  return dev.ioread(dev.cookie, reg, size, part) === 0 ? BigInt(part.value >>> 0) : null;
}

function pci_cfg_fault_handler(vm: vm_t, vcpu: vm_vcpu_t, fault_addr: number, fault_length: number, cookie: unknown): memory_fault_result_t {
  const { pci, windows } = cookie as vpci_cfg_data;
  const offset = fault_addr - windows.cfg_addr;
  const addr = { value: { bus: 0, dev: 0, fun: 0 } };
  const reg = { value: 0 };
  make_addr_reg_from_config(offset, addr, reg);
  addr.value.fun = 0; // as C: one function per device
  const dev = find_device(pci, addr.value);
  const shift = BigInt((fault_addr & 3) * 8);
  if (is_vcpu_read_fault(vcpu)) {
    // No function there: the master abort of PCI 3.0 §6.1 reads all ones (C leaves the register 0).
    let data = dev ? configRead(dev, reg.value, fault_length) : ALL_ONES;
    if (data === null) {
      logError(vm, "vpci", `configuration read ${bdf(addr.value)}+${hex(reg.value)} (${fault_length} bytes) failed`);
      data = ALL_ONES;
    }
    set_vcpu_fault_data(vcpu, (data << shift) & ALL_ONES);
  } else if (dev) {
    const value = lowBytes(get_vcpu_fault_data(vcpu), fault_length);
    const size = Math.min(fault_length, 4);
    if (dev.iowrite(dev.cookie, reg.value, size, value) !== 0) {
      logError(vm, "vpci", `configuration write ${bdf(addr.value)}+${hex(reg.value)} (${fault_length} bytes) failed`);
    }
  }
  advance_vcpu_fault(vcpu);
  return FAULT_HANDLED;
}

function pci_cfg_io_fault_handler(_vm: vm_t, vcpu: vm_vcpu_t, fault_addr: number, fault_length: number, cookie: unknown): memory_fault_result_t {
  const { io_port, windows } = cookie as vpci_cfg_data;
  const port = (fault_addr - windows.io_addr) & 0xffff;
  const data = { value: 0 };
  if (is_vcpu_read_fault(vcpu)) {
    // A port no handler decodes reads all ones, as on a PC (C leaves it 0).
    const status = emulate_io_handler(io_port, port, true, fault_length, data);
    const value = status === 0 ? BigInt(data.value >>> 0) : ALL_ONES;
    set_vcpu_fault_data(vcpu, (value << BigInt((fault_addr & 3) * 8)) & ALL_ONES);
  } else {
    data.value = lowBytes(get_vcpu_fault_data(vcpu), fault_length);
    emulate_io_handler(io_port, port, false, fault_length, data);
  }
  advance_vcpu_fault(vcpu);
  return FAULT_HANDLED;
}

const overlaps = (a: number, aSize: number, b: number, bSize: number): boolean => a < b + bSize && b < a + aSize;

/** TS-only options of {@link vm_install_vpci}. */
export interface vm_install_vpci_options {
  /** The windows (default: qemu-arm-virt's, {@link QEMU_ARM_VIRT_VPCI_WINDOWS}). */
  readonly windows?: vpci_windows_t;
}

/**
 * vm_install_vpci: reserves the CAM configuration window (guest accesses reach `pci`'s entries)
 * and the I/O window (accesses become I/O port accesses through `io_port`). -1 if a window
 * overlaps another window or an existing reservation.
 */
export function vm_install_vpci(vm: vm_t, io_port: vmm_io_port_list_t | null, pci: vmm_pci_space_t, options: vm_install_vpci_options = {}): number {
  const fn = "vm_install_vpci";
  const windows = options.windows ?? QEMU_ARM_VIRT_VPCI_WINDOWS;
  const list: [string, number, number][] = [
    ["configuration", windows.cfg_addr, windows.cfg_size],
    ["I/O", windows.io_addr, windows.io_size],
    ["memory", windows.mem_addr, windows.mem_size],
  ];
  for (const [i, [name, addr, size]] of list.entries()) {
    for (const [other, oAddr, oSize] of list.slice(i + 1)) {
      if (overlaps(addr, size, oAddr, oSize)) {
        logError(vm, fn, `the ${name} window ${hex(addr)}+${hex(size)} overlaps the ${other} window ${hex(oAddr)}+${hex(oSize)}`);
        return -1;
      }
    }
  }
  const data: vpci_cfg_data = { io_port, pci, windows };
  if (!vm_reserve_memory_at(vm, windows.cfg_addr, windows.cfg_size, pci_cfg_fault_handler, data)) {
    logError(vm, fn, `cannot reserve the configuration window ${hex(windows.cfg_addr)}+${hex(windows.cfg_size)}`);
    return -1;
  }
  if (!vm_reserve_memory_at(vm, windows.io_addr, windows.io_size, pci_cfg_io_fault_handler, data)) {
    logError(vm, fn, `cannot reserve the I/O window ${hex(windows.io_addr)}+${hex(windows.io_size)}`);
    return -1;
  }
  pci.vpci_windows = windows;
  return 0;
}

/**
 * TS-only: an unhandled-memory-fault callback (cookie: the vmm_pci_space_t) that gives the guest
 * a synchronous External abort for accesses inside the PCI windows that no BAR decodes, as a
 * bus error would be on hardware; FAULT_UNHANDLED (libsel4vm stops the VM) elsewhere. Register
 * it with `vm_register_unhandled_mem_fault_callback(vm, vpci_unclaimed_access_handler, pci)`.
 */
export function vpci_unclaimed_access_handler(_vm: vm_t, vcpu: vm_vcpu_t, paddr: number, _len: number, cookie: unknown): memory_fault_result_t {
  const windows = (cookie as vmm_pci_space_t).vpci_windows;
  if (!windows) return FAULT_UNHANDLED;
  const inside = (addr: number, size: number) => paddr >= addr && paddr < addr + size;
  if (!inside(windows.mem_addr, windows.mem_size) && !inside(windows.io_addr, windows.io_size)) return FAULT_UNHANDLED;
  if (get_vcpu_fault_size(vcpu) === 0) return FAULT_UNHANDLED;
  return vm_inject_data_abort(vcpu) === 0 ? FAULT_HANDLED : FAULT_UNHANDLED;
}

function cellsOf(node: FdtNode, name: string, fallback: number): number {
  return node.property(name)?.asCells()[0] ?? fallback;
}

const split = (value: number, cells: number): number[] =>
  cells === 1 ? [value >>> 0] : [...new Array<number>(cells - 2).fill(0), Math.floor(value / 2 ** 32) >>> 0, value >>> 0];

/**
 * fdt_generate_vpci_node: adds /pci@<cfg> for Linux's pci-host-cam-generic driver: #address-cells 3,
 * #size-cells 2, #interrupt-cells 1, device_type "pci", dma-coherent, bus-range <0 1>, reg = the
 * configuration window, ranges for the I/O window (PCI I/O 0) and the memory window (identity),
 * and an interrupt-map entry per device from slot 1 to the first gap (INTx pin → GIC SPI of its
 * interrupt line, level high) with mask <0xf800 0 0 7>. Call it after all devices are added.
 * The parent unit address takes the GIC node's #address-cells (C hard-codes it per platform).
 * 0, or -1 if vm_install_vpci was not called, /pci exists or gic_phandle is no 3-cell GIC.
 */
export function fdt_generate_vpci_node(vm: vm_t, pci: vmm_pci_space_t, fdt: Fdt, gic_phandle: number): number {
  const fn = "fdt_generate_vpci_node";
  const windows = pci.vpci_windows;
  if (!windows) {
    logError(vm, fn, "the PCI space has no windows (call vm_install_vpci first)");
    return -1;
  }
  const gic = fdt.nodeByPhandle(gic_phandle);
  if (!gic || cellsOf(gic, "#interrupt-cells", 0) !== 3) {
    logError(vm, fn, `phandle ${gic_phandle} is not an interrupt controller with #interrupt-cells = 3`);
    return -1;
  }
  if (fdt.root.children.some((c) => c.name === "pci" || c.name.startsWith("pci@"))) {
    logError(vm, fn, "the device tree already has a /pci node");
    return -1;
  }
  const addressCells = cellsOf(fdt.root, "#address-cells", 2);
  const sizeCells = cellsOf(fdt.root, "#size-cells", 1);
  // Linux reads the parent unit address with the interrupt parent's #address-cells (0 if absent).
  const gicAddressCells = cellsOf(gic, "#address-cells", 0);

  // C names it "pci"; the unit address keeps dtc's unit_address_vs_reg check quiet (Linux ignores names).
  const node = fdt.root.addChild(`pci@${windows.cfg_addr.toString(16)}`);
  node.setCells("#address-cells", [3]);
  node.setCells("#size-cells", [2]);
  node.setCells("#interrupt-cells", [1]);
  node.setString("compatible", "pci-host-cam-generic");
  node.setString("device_type", "pci");
  node.setEmpty("dma-coherent");
  node.setCells("bus-range", [0, 1]);
  node.setCells("reg", [...split(windows.cfg_addr, addressCells), ...split(windows.cfg_size, sizeCells)]);
  node.setCells("ranges", [
    PCI_RANGE_IO << 24, 0, 0, ...split(windows.io_addr, addressCells), ...split(windows.io_size, 2),
    PCI_RANGE_MEM32 << 24, ...split(windows.mem_addr, 2), ...split(windows.mem_addr, addressCells), ...split(windows.mem_size, 2),
  ]);
  const map: number[] = [];
  for (let dev = 1; dev < 32; dev++) {
    const entry = pci.bus0[dev]![0];
    if (!entry) break; // as C: no gaps expected
    const pin = { value: 0 };
    const line = { value: 0 };
    if (entry.ioread(entry.cookie, PCI_INTERRUPT_PIN, 1, pin) !== 0 || entry.ioread(entry.cookie, PCI_INTERRUPT_LINE, 1, line) !== 0) {
      logError(vm, fn, `reading the interrupt pin/line of 00:${dev.toString(16).padStart(2, "0")}.0 failed`);
      continue;
    }
    if (pin.value === 0) continue; // no INTx: nothing to route
    map.push(dev << PCI_ADDR_DEV_SHIFT, 0, 0, pin.value, gic_phandle, ...new Array<number>(gicAddressCells).fill(0), GIC_SPI, line.value - GIC_SPI_BASE, IRQ_TYPE_LEVEL_HIGH);
  }
  if (map.length > 0) {
    node.setCells("interrupt-map", map);
    node.setCells("interrupt-map-mask", [0xf800, 0, 0, 7]);
  }
  return 0;
}
