import { seL4_CanRead } from "@sel4ts/sel4-kernel-sim";
import {
  BOOT_VCPU,
  FAULT_HANDLED,
  advance_vcpu_fault,
  default_error_fault_callback,
  get_vcpu_fault_data,
  get_vcpu_fault_data_mask,
  is_vcpu_read_fault,
  vm_inject_irq,
  vm_map_reservation_frames,
  vm_register_irq,
  vm_reserve_memory_at,
  type MaybePromise,
  type memory_fault_result_t,
  type vm_t,
  type vm_vcpu_t,
} from "@sel4ts/libsel4vm";
import { create_allocated_reservation_frame } from "../guest-memory-util";
import { hex, logError } from "../log";
import { vmm_pci_add_entry } from "./pci";
import {
  PCI_BASE_ADDRESS_SPACE_MEMORY,
  PCI_CLASS_MEMORY_RAM,
  PCI_COMMAND,
  PCI_COMMAND_INTX_DISABLE,
  PCI_COMMAND_MEMORY,
  PCI_HEADER_TYPE_NORMAL,
  PCI_STATUS_INTERRUPT,
} from "./pci-regs";
import { PREFETCH_MEM, vmm_pci_create_bar_emulation, vmm_pci_device_def_t, vmm_pci_mem_device_read, vmm_pci_mem_device_write, type vmm_pci_bar_t } from "./pci-helper";
import type { vmm_pci_space_t } from "./pci-types";

/** event_callback_fn. */
export type event_callback_fn = (arg: unknown) => void;
/** emit_fn: signals the other side of a connection (may make seL4 calls, so it may return a promise). */
export type emit_fn = () => MaybePromise<void>;
/** consume_callback_fn. */
export type consume_callback_fn = (callback: event_callback_fn, arg: unknown) => number;
/** alloc_free_interrupt_fn: returns a free interrupt number for the connections (called once). */
export type alloc_free_interrupt_fn = () => number;

/**
 * crossvm_dataport_handle_t: the frames backing a dataport. `size` is the dataport's size in
 * bytes (a power of two of at least 4 KiB), backed by `num_frames` equal frames.
 * `frame_size_bits` is optional (the current C header carries it instead of `size`); given,
 * it must agree with size / num_frames.
 */
export interface crossvm_dataport_handle_t {
  size: number;
  num_frames: number;
  frames: readonly number[];
  frame_size_bits?: number;
}

/** crossvm_handle_t: one connection; matched on `consume_id` by consume_connection_event. */
export interface crossvm_handle_t {
  dataport: crossvm_dataport_handle_t | null;
  emit_fn: emit_fn | null;
  /** The event id this connection consumes; CROSSVM_NO_CONSUME (C's (seL4_Word)-1) for none. */
  consume_id: bigint;
  /** Up to 48 bytes readable by the guest at event-register offset 0x8 (default "connector"). */
  connection_name?: string | null;
}

/** consume_id of a connection that never receives events ((seL4_Word)-1). */
export const CROSSVM_NO_CONSUME = 0xffff_ffff_ffff_ffffn;
/** Most connections one VM can have. */
export const MAX_NUM_CONNECTIONS = 32;
/** Event registers (BAR0), 32-bit: a write to EMIT signals the other side. */
export const EVENT_BAR_EMIT_REGISTER = 0x0;
/** Count of consumed events; the guest writes it (e.g. 0) to acknowledge. */
export const EVENT_BAR_CONSUME_EVENT_REGISTER = 0x4;
/** The connection's name, NUL-padded. */
export const EVENT_BAR_DEVICE_NAME_REGISTER = 0x8;
export const EVENT_BAR_DEVICE_NAME_MAX_LEN = 48;
/** The connector's PCI IDs. */
export const CROSSVM_VENDOR_ID = 0x1af4;
export const CROSSVM_DEVICE_ID = 0xa111;

const PAGE_SIZE = 0x1000;
const SUPPORTED_FRAME_BITS = [12, 21];

interface connection_info {
  event_address: number;
  event_registers: DataView;
  dataport_address: number;
  dataport_size_bits: number;
  connection: crossvm_handle_t;
  connection_irq: number;
  /** The function's configuration header (its INTx status bit follows the event count). */
  def: vmm_pci_device_def_t | null;
  /** The VM, for re-raising INTx when the guest clears Command.InterruptDisable. */
  vm: vm_t;
  /** An injection consume_connection_event held back because INTx was disabled. */
  intx_held: boolean;
}

/** Per-VM connection tables (C keeps one static table per process). */
const connectionTables = new WeakMap<vm_t, connection_info[]>();

function handle_event_bar_fault(vm: vm_t, vcpu: vm_vcpu_t, fault_addr: number, _fault_length: number, cookie: unknown): MaybePromise<memory_fault_result_t> {
  const info = cookie as connection_info;
  const fn = "cross_vm_connection";
  const reg = (fault_addr - info.event_address) & 0xff;
  const finish = (): memory_fault_result_t => {
    advance_vcpu_fault(vcpu);
    return FAULT_HANDLED;
  };
  if (is_vcpu_read_fault(vcpu)) {
    logError(vm, fn, `event registers of "${info.connection.connection_name}" are misconfigured: a read at ${hex(fault_addr)} trapped`);
  } else if (reg === EVENT_BAR_EMIT_REGISTER) {
    const emit = info.connection.emit_fn;
    if (!emit) {
      logError(vm, fn, `connection "${info.connection.connection_name}" has no emit function`);
    } else {
      const pending = emit();
      if (pending instanceof Promise) return pending.then(finish);
    }
  } else if (reg === EVENT_BAR_CONSUME_EVENT_REGISTER) {
    const value = Number(get_vcpu_fault_data(vcpu) & get_vcpu_fault_data_mask(vcpu) & 0xffff_ffffn);
    info.event_registers.setUint32(EVENT_BAR_CONSUME_EVENT_REGISTER, value, true);
    update_intx_status(info);
  } else {
    logError(vm, fn, `event register ${hex(reg)} of "${info.connection.connection_name}" is not supported`);
  }
  return finish();
}

const isPowerOfTwo = (n: number): boolean => n > 0 && 2 ** Math.round(Math.log2(n)) === n;

/** The dataport's frame size in bits after checking the handle; null (logged) if it is unusable. */
function dataportFrameBits(vm: vm_t, index: number, dataport: crossvm_dataport_handle_t | null): number | null {
  const fn = "cross_vm_connections_init_common";
  if (!dataport) {
    logError(vm, fn, `connection ${index} has no dataport`);
    return null;
  }
  const { size, num_frames, frames } = dataport;
  if (!Number.isInteger(size) || size <= 0 || size % PAGE_SIZE !== 0) {
    logError(vm, fn, `connection ${index}: dataport size ${hex(size)} is not a multiple of the page size ${hex(PAGE_SIZE)}`);
    return null;
  }
  if (!isPowerOfTwo(size)) {
    logError(vm, fn, `connection ${index}: dataport size ${hex(size)} is not a power of two (a PCI BAR's size must be)`);
    return null;
  }
  if (!Number.isInteger(num_frames) || num_frames <= 0 || frames.length < num_frames || size % num_frames !== 0) {
    logError(vm, fn, `connection ${index}: ${num_frames} frames (${frames.length} caps given) cannot back ${hex(size)} bytes`);
    return null;
  }
  const bits = Math.log2(size / num_frames);
  if (!SUPPORTED_FRAME_BITS.includes(bits) || (dataport.frame_size_bits !== undefined && dataport.frame_size_bits !== bits)) {
    logError(vm, fn, `connection ${index}: frames of ${hex(size / num_frames)} bytes${dataport.frame_size_bits !== undefined ? ` (frame_size_bits ${dataport.frame_size_bits})` : ""} are not 4 KiB or 2 MiB frames`);
    return null;
  }
  return bits;
}

function initialise_connection(vm: vm_t, index: number, at: number, connection: crossvm_handle_t, irq: number): connection_info | null {
  const fn = "cross_vm_connections_init_common";
  const dataport = connection.dataport;
  const frameBits = dataportFrameBits(vm, index, dataport);
  if (frameBits === null || !dataport) return null;
  const size = dataport.size;
  if (at % size !== 0) {
    logError(vm, fn, `connection ${index}: BAR address ${hex(at)} is not aligned to the BAR size ${hex(size)}`);
    return null;
  }
  const name = connection.connection_name ?? "connector";
  const info: connection_info = {
    event_address: at,
    event_registers: new DataView(new ArrayBuffer(0)),
    dataport_address: at + size,
    dataport_size_bits: Math.log2(size),
    connection: { ...connection, connection_name: name },
    connection_irq: irq,
    def: null,
    vm,
    intx_held: false,
  };
  // The event page: read-only in the guest, so reads of the count hit memory and writes trap.
  const view = create_allocated_reservation_frame(vm, at, seL4_CanRead, handle_event_bar_fault, info);
  if (!view) {
    logError(vm, fn, `failed to create the event registers of connection ${index} at ${hex(at)}`);
    return null;
  }
  view.fill(0);
  view.set(new TextEncoder().encode(name).subarray(0, EVENT_BAR_DEVICE_NAME_MAX_LEN), EVENT_BAR_DEVICE_NAME_REGISTER);
  info.event_registers = new DataView(view.buffer, view.byteOffset, view.byteLength);
  const reservation = vm_reserve_memory_at(vm, info.dataport_address, size, default_error_fault_callback, null);
  if (!reservation || vm_map_reservation_frames(vm, reservation, dataport.frames, dataport.num_frames, frameBits) !== 0) {
    logError(vm, fn, `failed to map the dataport of connection ${index} at ${hex(info.dataport_address)}+${hex(size)}`);
    return null;
  }
  if (connection.consume_id !== CROSSVM_NO_CONSUME && irq > 0) {
    const boot = vm.vcpus[BOOT_VCPU];
    if (!boot || vm_register_irq(boot, irq, () => undefined, null) !== 0) {
      logError(vm, fn, `failed to register IRQ ${irq} for the events of connection ${index}`);
      return null;
    }
  }
  return info;
}

/** Status.Interrupt (PCI 3.0 §6.2.3) is set while events are pending: the event count is not 0. */
function update_intx_status(info: connection_info): void {
  const def = info.def;
  if (!def) return;
  const pending = info.event_registers.getUint32(EVENT_BAR_CONSUME_EVENT_REGISTER, true) !== 0;
  if (!pending) info.intx_held = false;
  def.status = pending ? def.status | PCI_STATUS_INTERRUPT : def.status & ~PCI_STATUS_INTERRUPT;
}

const intx_disabled = (def: vmm_pci_device_def_t): boolean => (def.command & PCI_COMMAND_INTX_DISABLE) !== 0;

function inject_connection_irq(info: connection_info): void {
  const boot = info.vm.vcpus[BOOT_VCPU];
  if (!boot || vm_inject_irq(boot, info.connection_irq) !== 0) logError(info.vm, "consume_connection_event", `failed to inject connection IRQ ${info.connection_irq}`);
}

/**
 * Configuration writes of a connection's function: the header's own rules, and when the guest
 * clears Command.InterruptDisable while an event it held back is still pending, the INTx is raised
 * (PCI 3.0 §6.2.2: the disable bit only gates the pin). uio_pci_generic masks INTx in its
 * handler and user space unmasks it after acknowledging, so no event is lost in between.
 */
function connection_config_write(info: connection_info, def: vmm_pci_device_def_t) {
  return (cookie: unknown, offset: number, size: number, value: number): number => {
    const wasDisabled = intx_disabled(def);
    const status = vmm_pci_mem_device_write(cookie, offset, size, value);
    const touchesCommand = offset <= PCI_COMMAND + 1 && offset + size > PCI_COMMAND;
    if (status === 0 && touchesCommand && wasDisabled && !intx_disabled(def) && info.intx_held) {
      info.intx_held = false;
      inject_connection_irq(info);
    }
    return status;
  };
}

function add_connection_function(pci: vmm_pci_space_t, info: connection_info): number {
  const def = new vmm_pci_device_def_t({
    vendor_id: CROSSVM_VENDOR_ID,
    device_id: CROSSVM_DEVICE_ID,
    revision_id: 0x1,
    interrupt_pin: 1,
    interrupt_line: info.connection_irq & 0xff,
    bar0: info.event_address | PCI_BASE_ADDRESS_SPACE_MEMORY,
    bar1: info.dataport_address | PCI_BASE_ADDRESS_SPACE_MEMORY,
    command: PCI_COMMAND_MEMORY,
    header_type: PCI_HEADER_TYPE_NORMAL,
    subclass: (PCI_CLASS_MEMORY_RAM >> 8) & 0xff,
    class_code: (PCI_CLASS_MEMORY_RAM >> 16) & 0xff,
  });
  // Both BARs get the dataport's size: Linux reassigns BARs of unequal sizes, which the VMM cannot follow.
  const bars: vmm_pci_bar_t[] = [
    { mem_type: PREFETCH_MEM, address: info.event_address, size_bits: info.dataport_size_bits },
    { mem_type: PREFETCH_MEM, address: info.dataport_address, size_bits: info.dataport_size_bits },
  ];
  info.def = def;
  const entry = vmm_pci_create_bar_emulation({ cookie: def, ioread: vmm_pci_mem_device_read, iowrite: connection_config_write(info, def) }, 2, bars);
  return vmm_pci_add_entry(pci, entry, null);
}

/**
 * cross_vm_connections_init_common: installs `connections` in the guest, one PCI function each
 * (vendor 0x1af4, device 0xa111, class 0x05 memory/RAM, INTA on one IRQ from `alloc_irq`):
 * BAR0 = the event registers at connection_base_addr + 2·i·size, BAR1 = the dataport right
 * after. -1 (with a log line) for more than 32 connections, a dataport size that is not a
 * page-multiple power of two, an unaligned base, an overlapping reservation or a full bus; 0.
 */
export function cross_vm_connections_init_common(
  vm: vm_t,
  connection_base_addr: number,
  connections: crossvm_handle_t[],
  num_connections: number,
  pci: vmm_pci_space_t,
  alloc_irq: alloc_free_interrupt_fn,
): number {
  const fn = "cross_vm_connections_init_common";
  if (num_connections > MAX_NUM_CONNECTIONS) {
    logError(vm, fn, `unable to register more than ${MAX_NUM_CONNECTIONS} dataports (${num_connections} given)`);
    return -1;
  }
  if (num_connections < 0 || connections.length < num_connections) {
    logError(vm, fn, `${num_connections} connections requested but ${connections.length} given`);
    return -1;
  }
  const irq = alloc_irq();
  const infos: connection_info[] = [];
  let at = connection_base_addr;
  for (let i = 0; i < num_connections; i++) {
    const connection = connections[i]!;
    const info = initialise_connection(vm, i, at, connection, irq);
    if (!info) return -1; // initialise_connection logged why
    connection.connection_name ??= "connector";
    infos.push(info);
    at += 2 * (connection.dataport?.size ?? 0);
  }
  for (const info of infos) {
    if (add_connection_function(pci, info) !== 0) {
      logError(vm, fn, "failed to construct the PCI device for the dataports");
      return -1;
    }
  }
  connectionTables.set(vm, infos);
  return 0;
}

/**
 * consume_connection_event: for the first connection whose consume_id is `event_id`, increments
 * its event count (BAR0 + 0x4), sets the function's Status.Interrupt (cleared when the guest
 * writes the count back to 0) and, if `inject_irq` and the guest has not set
 * Command.InterruptDisable, injects the connections' IRQ into the boot vCPU (a disabled INTx is
 * raised when the guest clears the bit). Unknown ids are ignored, as in C.
 */
export function consume_connection_event(vm: vm_t, event_id: bigint, inject_irq: boolean): void {
  const info = connectionTables.get(vm)?.find((c) => c.connection.consume_id === event_id);
  if (!info) return;
  const count = info.event_registers.getUint32(EVENT_BAR_CONSUME_EVENT_REGISTER, true);
  info.event_registers.setUint32(EVENT_BAR_CONSUME_EVENT_REGISTER, (count + 1) >>> 0, true);
  update_intx_status(info);
  if (!inject_irq) return;
  if (info.def && intx_disabled(info.def)) info.intx_held = true;
  else inject_connection_irq(info);
}
