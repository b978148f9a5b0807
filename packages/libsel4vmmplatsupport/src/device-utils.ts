import { seL4_AllRights, vka_alloc_frame, vka_alloc_frame_at, type vka_object_t } from "@sel4ts/sel4-kernel-sim";
import {
  FAULT_HANDLED,
  advance_vcpu_fault,
  default_error_fault_callback,
  get_vcpu_fault_data,
  is_vcpu_read_fault,
  vm_map_reservation,
  vm_reserve_memory_at,
  type memory_fault_result_t,
  type vm_t,
  type vm_vcpu_t,
} from "@sel4ts/libsel4vm";
import type { device } from "./device";
import { hex, logError } from "./log";

const PAGE_BITS = 12;
const PAGE_SIZE = 1 << PAGE_BITS;

function checkWindow(vm: vm_t, fn: string, d: device): boolean {
  if (d.size <= 0 || d.pstart % PAGE_SIZE !== 0 || d.size % PAGE_SIZE !== 0) {
    logError(vm, fn, `device "${d.name}" ${hex(d.pstart)}+${hex(d.size)} is not a whole number of pages`);
    return false;
  }
  return true;
}

function installMapped(vm: vm_t, fn: string, d: device, frameAt: (addr: number, out: { value: vka_object_t }) => number): number {
  if (!checkWindow(vm, fn, d)) return -1;
  const reservation = vm_reserve_memory_at(vm, d.pstart, d.size, default_error_fault_callback, null);
  if (!reservation) {
    logError(vm, fn, `cannot reserve ${hex(d.pstart)}+${hex(d.size)} for device "${d.name}"`);
    return -1;
  }
  let failed = false;
  const status = vm_map_reservation(vm, reservation, (addr) => {
    const frame = { value: null as unknown as vka_object_t };
    if (frameAt(addr, frame) !== 0) failed = true;
    return { cptr: failed ? 0 : frame.value.cptr, rights: seL4_AllRights, vaddr: addr, size_bits: PAGE_BITS };
  }, null);
  if (status !== 0) logError(vm, fn, `mapping device "${d.name}" at ${hex(d.pstart)} failed${failed ? " (no frame for it)" : ""}`);
  return status === 0 ? 0 : -1;
}

/**
 * vm_install_passthrough_device: maps the board's frames of [pstart, pstart+size) into the
 * guest at the same addresses: the guest reaches the device without exits. 0 / -1.
 */
export function vm_install_passthrough_device(vm: vm_t, d: device): number {
  return installMapped(vm, "vm_install_passthrough_device", d, (addr, out) => vka_alloc_frame_at(vm.vka, PAGE_BITS, addr, out));
}

/** vm_install_ram_only_device: backs the device window with fresh RAM (reads what was written, no exits). 0 / -1. */
export function vm_install_ram_only_device(vm: vm_t, d: device): number {
  return installMapped(vm, "vm_install_ram_only_device", d, (_addr, out) => vka_alloc_frame(vm.vka, PAGE_BITS, out));
}

/**
 * vm_install_listening_device: traps every access to the window and logs it (reads return 0,
 * writes are dropped): for finding out what a guest does with a device. 0 / -1.
 */
export function vm_install_listening_device(vm: vm_t, d: device): number {
  const fn = "vm_install_listening_device";
  if (!checkWindow(vm, fn, d)) return -1;
  const listen = (_vm: vm_t, vcpu: vm_vcpu_t, addr: number, len: number): memory_fault_result_t => {
    const what = is_vcpu_read_fault(vcpu) ? "read" : `write 0x${get_vcpu_fault_data(vcpu).toString(16)}`;
    vm.logger(`${vm.vm_name}|INFO: listening device "${d.name}": ${what} at ${hex(addr)} (+${hex(addr - d.pstart)}), ${len} bytes`);
    advance_vcpu_fault(vcpu);
    return FAULT_HANDLED;
  };
  if (!vm_reserve_memory_at(vm, d.pstart, d.size, listen, null)) {
    logError(vm, fn, `cannot reserve ${hex(d.pstart)}+${hex(d.size)} for device "${d.name}"`);
    return -1;
  }
  return 0;
}

