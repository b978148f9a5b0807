import type { Box } from "@sel4ts/sel4-kernel-sim";
import { Sel4VmmPlatsupportError } from "../errors";
import {
  PCI_BASE_ADDRESS_0,
  PCI_BASE_ADDRESS_5,
  PCI_BASE_ADDRESS_MEM_PREFETCH,
  PCI_BASE_ADDRESS_SPACE_IO,
  PCI_CAP_ID_MSI,
  PCI_CAP_ID_MSIX,
  PCI_CAPABILITY_LIST,
  PCI_CAPABILITY_SPACE_OFFSET,
  PCI_CLASS_BRIDGE_HOST,
  PCI_CONFIG_SPACE_SIZE,
  PCI_HEADER_TYPE,
  PCI_HEADER_TYPE_MULTIFUNCTION,
  PCI_HEADER_TYPE_NORMAL,
  PCI_INTERRUPT_LINE,
  PCI_STATUS,
  PCI_STATUS_CAP_LIST,
} from "./pci-regs";
import type { vmm_pci_address_t, vmm_pci_config_t, vmm_pci_entry_t } from "./pci-types";

/** The fields of a type 0 header in configuration-space order: [name, offset, size]. */
const HEADER_LAYOUT = [
  ["vendor_id", 0x00, 2], ["device_id", 0x02, 2], ["command", 0x04, 2], ["status", 0x06, 2],
  ["revision_id", 0x08, 1], ["prog_if", 0x09, 1], ["subclass", 0x0a, 1], ["class_code", 0x0b, 1],
  ["cache_line_size", 0x0c, 1], ["latency_timer", 0x0d, 1], ["header_type", 0x0e, 1], ["bist", 0x0f, 1],
  ["bar0", 0x10, 4], ["bar1", 0x14, 4], ["bar2", 0x18, 4], ["bar3", 0x1c, 4], ["bar4", 0x20, 4], ["bar5", 0x24, 4],
  ["cardbus", 0x28, 4], ["subsystem_vendor_id", 0x2c, 2], ["subsystem_id", 0x2e, 2], ["expansion_rom", 0x30, 4],
  ["caps_pointer", 0x34, 1], ["reserved1", 0x35, 1], ["reserved2", 0x36, 2], ["reserved3", 0x38, 4],
  ["interrupt_line", 0x3c, 1], ["interrupt_pin", 0x3d, 1], ["min_grant", 0x3e, 1], ["max_latency", 0x3f, 1],
] as const;

/**
 * Bits software may write in a type 0 header (PCI 3.0 §6.2): the command bits an emulated
 * function implements (I/O, memory, bus master, parity, SERR#, INTx disable), cache line size,
 * latency timer and interrupt line. Everything else is read-only; BARs belong to
 * {@link vmm_pci_create_bar_emulation}.
 */
const WRITABLE = new Uint8Array(PCI_CAPABILITY_SPACE_OFFSET);
WRITABLE[0x04] = 0x47;
WRITABLE[0x05] = 0x05;
WRITABLE[0x0c] = 0xff;
WRITABLE[0x0d] = 0xff;
WRITABLE[0x3c] = 0xff;
/** Status bits that are write-1-to-clear (bits 8 and 11-15). */
const STATUS_RW1C_HIGH_BYTE = 0xf9;

/**
 * vmm_pci_device_def_t: a type 0 configuration header as plain fields (C's packed struct), in
 * configuration-space order, then `caps_len` / `caps`: capability bytes served from offset 0x40.
 */
export class vmm_pci_device_def_t {
  vendor_id = 0;
  device_id = 0;
  command = 0;
  status = 0;
  revision_id = 0;
  prog_if = 0;
  subclass = 0;
  class_code = 0;
  cache_line_size = 0;
  latency_timer = 0;
  header_type = 0;
  bist = 0;
  bar0 = 0;
  bar1 = 0;
  bar2 = 0;
  bar3 = 0;
  bar4 = 0;
  bar5 = 0;
  cardbus = 0;
  subsystem_vendor_id = 0;
  subsystem_id = 0;
  expansion_rom = 0;
  caps_pointer = 0;
  reserved1 = 0;
  reserved2 = 0;
  reserved3 = 0;
  interrupt_line = 0;
  interrupt_pin = 0;
  min_grant = 0;
  max_latency = 0;
  /** Length of `caps` in bytes. */
  caps_len = 0;
  /** Capability structures at 0x40.. (C declares the field but never serves it; here it is served). */
  caps: Uint8Array | null = null;

  /** Creates a header; fields not given are 0 (C's designated initialiser). */
  constructor(init: Partial<Omit<vmm_pci_device_def_t, "toBytes" | "fromBytes">> = {}) {
    Object.assign(this, init);
  }

  /** The 64 header bytes, little endian (what memcpy from the packed struct gives). */
  toBytes(): Uint8Array {
    const bytes = new Uint8Array(PCI_CAPABILITY_SPACE_OFFSET);
    const view = new DataView(bytes.buffer);
    for (const [name, offset, size] of HEADER_LAYOUT) {
      const value = this[name] >>> 0;
      if (size === 1) view.setUint8(offset, value & 0xff);
      else if (size === 2) view.setUint16(offset, value & 0xffff, true);
      else view.setUint32(offset, value, true);
    }
    return bytes;
  }

  /** Replaces the header fields from 64 bytes. */
  fromBytes(bytes: Uint8Array): void {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (const [name, offset, size] of HEADER_LAYOUT) {
      this[name] = size === 1 ? view.getUint8(offset) : size === 2 ? view.getUint16(offset, true) : view.getUint32(offset, true);
    }
  }
}

/** PCI_BAR_OFFSET(b): configuration-space offset of BAR b. */
export function PCI_BAR_OFFSET(b: number): number {
  return PCI_BASE_ADDRESS_0 + 4 * b;
}

const validSize = (size: number): boolean => size === 1 || size === 2 || size === 4;
const littleEndian = (bytes: Uint8Array, offset: number, size: number): number => {
  let value = 0;
  for (let i = size - 1; i >= 0; i--) value = value * 256 + (bytes[offset + i] ?? 0);
  return value >>> 0;
};

/**
 * vmm_pci_mem_device_read: reads the header (cookie: a vmm_pci_device_def_t). Beyond 0x40 the
 * `caps` bytes are served, 0 past them. -1 for a negative offset or a size other than 1, 2, 4.
 */
export function vmm_pci_mem_device_read(cookie: unknown, offset: number, size: number, result: Box<number>): number {
  const def = cookie as vmm_pci_device_def_t;
  if (offset < 0 || !validSize(size) || offset + size > PCI_CONFIG_SPACE_SIZE) return -1;
  if (offset + size <= PCI_CAPABILITY_SPACE_OFFSET) {
    result.value = littleEndian(def.toBytes(), offset, size);
    return 0;
  }
  const caps = def.caps ?? new Uint8Array(0);
  const start = offset - PCI_CAPABILITY_SPACE_OFFSET;
  result.value = start < 0 ? 0 : littleEndian(caps.subarray(0, def.caps_len), start, size);
  return 0;
}

/**
 * vmm_pci_mem_device_write: writes the header (cookie: a vmm_pci_device_def_t) as PCI 3.0 allows:
 * only writable bits change, status error bits are write-1-to-clear, everything else (IDs, class,
 * header type, BARs, capability pointer, interrupt pin) is read-only; writes beyond 0x40 are
 * dropped. -1 for a negative offset or a size other than 1, 2, 4.
 */
export function vmm_pci_mem_device_write(cookie: unknown, offset: number, size: number, value: number): number {
  const def = cookie as vmm_pci_device_def_t;
  if (offset < 0 || !validSize(size) || offset + size > PCI_CONFIG_SPACE_SIZE) return -1;
  if (offset + size > PCI_CAPABILITY_SPACE_OFFSET) return 0;
  const bytes = def.toBytes();
  for (let i = 0; i < size; i++) {
    const at = offset + i;
    const byte = Math.floor(value / 2 ** (8 * i)) & 0xff;
    if (at === PCI_STATUS + 1) bytes[at] = bytes[at]! & ~(byte & STATUS_RW1C_HIGH_BYTE);
    else bytes[at] = (bytes[at]! & ~WRITABLE[at]!) | (byte & WRITABLE[at]!);
  }
  def.fromBytes(bytes);
  return 0;
}

/** vmm_pci_entry_ignore_write: a write callback that drops every write; 0. */
export function vmm_pci_entry_ignore_write(_cookie: unknown, _offset: number, _size: number, _value: number): number {
  return 0;
}

/** define_pci_host_bridge: the host bridge's header (vendor 0x5e14, device 0x42, rev 1, class 0x06 subclass 0). */
export function define_pci_host_bridge(bridge: vmm_pci_device_def_t): void {
  Object.assign(bridge, new vmm_pci_device_def_t({
    vendor_id: 0x5e14,
    device_id: 0x42,
    revision_id: 0x1,
    subclass: (PCI_CLASS_BRIDGE_HOST >> 8) & 0xff,
    class_code: (PCI_CLASS_BRIDGE_HOST >> 16) & 0xff,
    header_type: PCI_HEADER_TYPE_NORMAL,
  }));
}

/** pci_passthrough_device_t: a function of a real configuration space, by its host address. */
export interface pci_passthrough_device_t {
  addr: vmm_pci_address_t;
  config: vmm_pci_config_t;
}

function passthroughRead(cookie: unknown, offset: number, size: number, result: Box<number>): number {
  const dev = cookie as pci_passthrough_device_t;
  const { config, addr } = dev;
  if (size === 1) result.value = config.ioread8(config.cookie, addr, offset) & 0xff;
  else if (size === 2) result.value = config.ioread16(config.cookie, addr, offset) & 0xffff;
  else if (size === 4) result.value = config.ioread32(config.cookie, addr, offset) >>> 0;
  else return -1;
  return 0;
}

function passthroughWrite(cookie: unknown, offset: number, size: number, value: number): number {
  const { config, addr } = cookie as pci_passthrough_device_t;
  if (size === 1) config.iowrite8(config.cookie, addr, offset, value & 0xff);
  else if (size === 2) config.iowrite16(config.cookie, addr, offset, value & 0xffff);
  else if (size === 4) config.iowrite32(config.cookie, addr, offset, value >>> 0);
  else return -1;
  return 0;
}

/**
 * vmm_pci_create_passthrough: an entry that forwards 1/2/4-byte accesses to the host function
 * `addr` through `config` (other sizes: -1, where C asserts).
 */
export function vmm_pci_create_passthrough(addr: vmm_pci_address_t, config: vmm_pci_config_t): vmm_pci_entry_t {
  const dev: pci_passthrough_device_t = { addr: { ...addr }, config };
  return { cookie: dev, ioread: passthroughRead, iowrite: passthroughWrite };
}

/** pci_mem_type_t: what a BAR decodes. */
export const NON_MEM = 0;
/** 32-bit memory, not prefetchable. */
export const NON_PREFETCH_MEM = 1;
/** 32-bit memory, prefetchable. */
export const PREFETCH_MEM = 2;
/** pci_mem_type_t: NON_MEM (I/O), NON_PREFETCH_MEM or PREFETCH_MEM. */
export type pci_mem_type_t = typeof NON_MEM | typeof NON_PREFETCH_MEM | typeof PREFETCH_MEM;

/** vmm_pci_bar_t: one BAR: its type, address (aligned to its size) and log2 size. */
export interface vmm_pci_bar_t {
  mem_type: pci_mem_type_t;
  address: number;
  size_bits: number;
}

/** pci_bar_emulation_t: the wrapped entry, the BARs and what the guest last wrote to each. */
export interface pci_bar_emulation_t {
  passthrough: vmm_pci_entry_t;
  num_bars: number;
  bars: vmm_pci_bar_t[];
  bar_writes: Uint32Array;
}

const outsideBars = (offset: number, size: number): boolean => offset < PCI_BASE_ADDRESS_0 || offset + size > PCI_BASE_ADDRESS_5 + 4;

/**
 * The value BAR `bar` reads as. After the guest wrote all ones to its address bits (the sizing
 * probe of PCI 3.0 §6.2.5.1) it reads ~(size - 1) with the type bits; otherwise its fixed
 * address with the type bits. The guest cannot move a BAR (as in C); unimplemented BARs read 0.
 */
export function pci_bar_value(emul: pci_bar_emulation_t, bar: number): number {
  const def = emul.bars[bar];
  if (bar >= emul.num_bars || !def) return 0;
  const flags = def.mem_type === NON_MEM ? PCI_BASE_ADDRESS_SPACE_IO : def.mem_type === PREFETCH_MEM ? PCI_BASE_ADDRESS_MEM_PREFETCH : 0;
  const addressBits = ~(2 ** def.size_bits - 1) >>> 0;
  const written = (emul.bar_writes[bar]! & addressBits) >>> 0;
  return ((written === addressBits ? addressBits : def.address) | flags) >>> 0;
}

function barRead(cookie: unknown, offset: number, size: number, result: Box<number>): number {
  const emul = cookie as pci_bar_emulation_t;
  if (outsideBars(offset, size)) return emul.passthrough.ioread(emul.passthrough.cookie, offset, size, result);
  const bar = (offset - PCI_BASE_ADDRESS_0) >> 2;
  const shift = 8 * (offset & 3);
  const raw = pci_bar_value(emul, bar);
  result.value = size === 4 ? raw : (raw >>> shift) & (2 ** (8 * size) - 1);
  return 0;
}

function barWrite(cookie: unknown, offset: number, size: number, value: number): number {
  const emul = cookie as pci_bar_emulation_t;
  if (outsideBars(offset, size)) return emul.passthrough.iowrite(emul.passthrough.cookie, offset, size, value);
  const bar = (offset - PCI_BASE_ADDRESS_0) >> 2;
  const shift = 8 * (offset & 3);
  const laneMask = size === 4 ? 0xffff_ffff : (2 ** (8 * size) - 1) * 2 ** shift;
  const old = emul.bar_writes[bar]!;
  emul.bar_writes[bar] = ((old & ~laneMask) | ((value * 2 ** shift) & laneMask)) >>> 0;
  return 0;
}

/**
 * vmm_pci_create_bar_emulation: wraps `existing` so that offsets 0x10-0x27 are the BARs in
 * `bars` (fixed addresses, sizing by writing all ones, read-only type bits; unused BARs read 0).
 * Throws for more than six BARs, an address not aligned to its size, or a size below the
 * minimum (16 bytes memory, 4 bytes I/O).
 */
export function vmm_pci_create_bar_emulation(existing: vmm_pci_entry_t, num_bars: number, bars: readonly vmm_pci_bar_t[]): vmm_pci_entry_t {
  const fn = "vmm_pci_create_bar_emulation";
  if (num_bars < 0 || num_bars > 6 || bars.length < num_bars) throw new Sel4VmmPlatsupportError(`${fn}: ${num_bars} BARs given (0-6, and that many in the table)`);
  const copies = bars.slice(0, num_bars).map((bar, i) => {
    const min = bar.mem_type === NON_MEM ? 2 : 4;
    if (!Number.isInteger(bar.size_bits) || bar.size_bits < min || bar.size_bits > 31) {
      throw new Sel4VmmPlatsupportError(`${fn}: BAR ${i} size 2^${bar.size_bits} is outside 2^${min}..2^31`);
    }
    if (bar.address % 2 ** bar.size_bits !== 0 || bar.address < 0 || bar.address > 0xffff_ffff) {
      throw new Sel4VmmPlatsupportError(`${fn}: BAR ${i} address 0x${bar.address.toString(16)} is not a 32-bit address aligned to its size 0x${(2 ** bar.size_bits).toString(16)}`);
    }
    return { ...bar };
  });
  const emul: pci_bar_emulation_t = { passthrough: existing, num_bars, bars: copies, bar_writes: new Uint32Array(6) };
  return { cookie: emul, ioread: barRead, iowrite: barWrite };
}

/** pci_irq_emulation_t: the wrapped entry and the interrupt line it reports. */
export interface pci_irq_emulation_t {
  passthrough: vmm_pci_entry_t;
  irq: number;
}

function irqRead(cookie: unknown, offset: number, size: number, result: Box<number>): number {
  const emul = cookie as pci_irq_emulation_t;
  const status = emul.passthrough.ioread(emul.passthrough.cookie, offset, size, result);
  if (status !== 0 || !(offset <= PCI_INTERRUPT_LINE && offset + size > PCI_INTERRUPT_LINE)) return status;
  const shift = 8 * (PCI_INTERRUPT_LINE - offset);
  result.value = ((result.value & ~(0xff << shift)) | ((emul.irq & 0xff) << shift)) >>> 0;
  return 0;
}

function irqWrite(cookie: unknown, offset: number, size: number, value: number): number {
  const emul = cookie as pci_irq_emulation_t;
  if (offset === PCI_INTERRUPT_LINE && size === 1) return 0;
  // A wider write over the line (C asserts): refused.
  if (offset <= PCI_INTERRUPT_LINE && offset + size > PCI_INTERRUPT_LINE) return -1;
  return emul.passthrough.iowrite(emul.passthrough.cookie, offset, size, value);
}

/** vmm_pci_create_irq_emulation: wraps `existing` so that INTERRUPT_LINE reads `irq` and byte writes to it are ignored. */
export function vmm_pci_create_irq_emulation(existing: vmm_pci_entry_t, irq: number): vmm_pci_entry_t {
  const emul: pci_irq_emulation_t = { passthrough: existing, irq };
  return { cookie: emul, ioread: irqRead, iowrite: irqWrite };
}

/** pci_cap_emulation_t: the wrapped entry, the capability offsets to link, and hidden ranges [start, end). */
export interface pci_cap_emulation_t {
  passthrough: vmm_pci_entry_t;
  num_caps: number;
  caps: Uint8Array;
  num_ignore: number;
  ignore_start: Uint8Array;
  ignore_end: Uint8Array;
}

const covers = (offset: number, size: number, at: number): boolean => offset <= at && offset + size > at;

function patchByte(result: Box<number>, offset: number, at: number, byte: number): void {
  const shift = 8 * (at - offset);
  result.value = ((result.value & ~(0xff << shift)) | ((byte & 0xff) << shift)) >>> 0;
}

function capRead(cookie: unknown, offset: number, size: number, result: Box<number>): number {
  const emul = cookie as pci_cap_emulation_t;
  const pass = emul.passthrough;
  for (let i = 0; i < emul.num_ignore; i++) {
    if (offset < emul.ignore_end[i]! && offset + size > emul.ignore_start[i]!) {
      result.value = 0;
      return 0;
    }
  }
  const status = pass.ioread(pass.cookie, offset, size, result);
  if (status !== 0) return status;
  if (covers(offset, size, PCI_STATUS)) {
    const shift = 8 * (PCI_STATUS - offset);
    result.value = ((result.value & ~(PCI_STATUS_CAP_LIST << shift)) | (emul.num_caps > 0 ? PCI_STATUS_CAP_LIST << shift : 0)) >>> 0;
  }
  if (covers(offset, size, PCI_CAPABILITY_LIST)) patchByte(result, offset, PCI_CAPABILITY_LIST, emul.num_caps > 0 ? emul.caps[0]! : 0);
  for (let i = 0; i < emul.num_caps; i++) {
    const next = emul.caps[i]! + 1;
    if (covers(offset, size, next)) patchByte(result, offset, next, i + 1 < emul.num_caps ? emul.caps[i + 1]! : 0);
  }
  return 0;
}

function capWrite(cookie: unknown, offset: number, size: number, value: number): number {
  const emul = cookie as pci_cap_emulation_t;
  for (let i = 0; i < emul.num_ignore; i++) {
    if (offset < emul.ignore_end[i]! && offset + size > emul.ignore_start[i]!) return 0;
  }
  return emul.passthrough.iowrite(emul.passthrough.cookie, offset, size, value);
}

/**
 * vmm_pci_create_cap_emulation: wraps `existing` so that the capability list links exactly
 * `caps` (in order; the status CAP_LIST bit follows) and the ranges [starts[i], ends[i]) read 0
 * and ignore writes.
 */
export function vmm_pci_create_cap_emulation(
  existing: vmm_pci_entry_t,
  num_caps: number,
  caps: readonly number[],
  num_ranges: number,
  range_starts: readonly number[],
  range_ends: readonly number[],
): vmm_pci_entry_t {
  const emul: pci_cap_emulation_t = {
    passthrough: existing,
    num_caps,
    caps: Uint8Array.from(caps.slice(0, num_caps)),
    num_ignore: num_ranges,
    ignore_start: Uint8Array.from(range_starts.slice(0, num_ranges)),
    ignore_end: Uint8Array.from(range_ends.slice(0, num_ranges)),
  };
  return { cookie: emul, ioread: capRead, iowrite: capWrite };
}

/** Longest capability list a 256-byte configuration space can hold (stops looping lists). */
const MAX_CAPS = (PCI_CONFIG_SPACE_SIZE - PCI_CAPABILITY_SPACE_OFFSET) / 4;

/**
 * vmm_pci_no_msi_cap_emulation: hides the MSI (20 bytes) and MSI-X (8 bytes) capabilities of a
 * type 0 function; returns `existing` when it has none (or no capability list, or is not type 0).
 */
export function vmm_pci_no_msi_cap_emulation(existing: vmm_pci_entry_t): vmm_pci_entry_t {
  const read = (offset: number): number => {
    const value = { value: 0 };
    return existing.ioread(existing.cookie, offset, 1, value) === 0 ? value.value : 0;
  };
  if ((read(PCI_HEADER_TYPE) & ~PCI_HEADER_TYPE_MULTIFUNCTION) !== PCI_HEADER_TYPE_NORMAL) return existing;
  if (!(read(PCI_STATUS) & PCI_STATUS_CAP_LIST)) return existing;
  const caps: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let at = read(PCI_CAPABILITY_LIST) & ~3;
  for (let seen = 0; at !== 0 && seen < MAX_CAPS; seen++) {
    const id = read(at);
    if (id === PCI_CAP_ID_MSI || id === PCI_CAP_ID_MSIX) {
      starts.push(at);
      ends.push(at + (id === PCI_CAP_ID_MSI ? 20 : 8));
    } else {
      caps.push(at);
    }
    at = read(at + 1) & ~3;
  }
  return starts.length > 0 ? vmm_pci_create_cap_emulation(existing, caps.length, caps, starts.length, starts, ends) : existing;
}
