import {
  seL4_AllRights,
  seL4_Error,
  seL4_RootCNodeCapSlots,
  seL4_WordBits,
  vka_alloc_frame,
  vka_alloc_frame_at,
  vspace_map_pages,
  type vka_object_t,
} from "@sel4ts/sel4-kernel-sim";
import { vm_map_reservation, vm_reserve_memory_at, type memory_fault_callback_fn, type vm_t } from "@sel4ts/libsel4vm";
import { hex, logError } from "./log";

const PAGE_BITS = 12;
const PAGE_SIZE = 1 << PAGE_BITS;

/** Maps a copy of `cap` into the VMM's vspace; its view, or null. */
export function map_frame_into_vmm(vm: vm_t, cap: number, size_bits: number, fn: string): Uint8Array | null {
  const sel4 = vm.vka.sel4;
  const slot = { value: 0 };
  if (vm.vka.cspace_alloc(slot) !== 0) {
    logError(vm, fn, "no free slot for a frame cap copy");
    return null;
  }
  const cnode = seL4_RootCNodeCapSlots.seL4_CapInitThreadCNode;
  if (sel4.seL4_CNode_Copy(cnode, slot.value, seL4_WordBits, cnode, cap, seL4_WordBits, seL4_AllRights) !== seL4_Error.seL4_NoError) {
    logError(vm, fn, `copying frame cap ${cap} failed`);
    return null;
  }
  const vaddr = vspace_map_pages(vm.mem.vmm_vspace, [slot.value], null, seL4_AllRights, 1, size_bits, true);
  if (vaddr === null) {
    logError(vm, fn, `mapping frame cap ${cap} into the VMM failed`);
    return null;
  }
  return sel4.frameView(vaddr, 2 ** size_bits);
}

function reserveAndMap(vm: vm_t, addr: number, frame: number, rights: number, cb: memory_fault_callback_fn, cookie: unknown, fn: string): boolean {
  const reservation = vm_reserve_memory_at(vm, addr, PAGE_SIZE, cb, cookie);
  if (!reservation) return false; // vm_reserve_memory_at logged why
  if (vm_map_reservation(vm, reservation, (at) => ({ cptr: frame, rights, vaddr: at, size_bits: PAGE_BITS }), null) !== 0) {
    logError(vm, fn, `mapping the frame at ${hex(addr)} failed`);
    return false;
  }
  return true;
}

/**
 * create_allocated_reservation_frame: a new 4 KiB frame mapped into the guest at `addr` with
 * `rights` (accesses the rights forbid fault to `alloc_fault_callback`) and into the VMM. C
 * returns the VMM address; here a view of the frame, or null.
 */
export function create_allocated_reservation_frame(
  vm: vm_t,
  addr: number,
  rights: number,
  alloc_fault_callback: memory_fault_callback_fn,
  alloc_fault_cookie: unknown,
): Uint8Array | null {
  const fn = "create_allocated_reservation_frame";
  const frame = { value: null as unknown as vka_object_t };
  if (vka_alloc_frame(vm.vka, PAGE_BITS, frame) !== 0) {
    logError(vm, fn, "no memory for a frame");
    return null;
  }
  if (!reserveAndMap(vm, addr, frame.value.cptr, rights, alloc_fault_callback, alloc_fault_cookie, fn)) return null;
  return map_frame_into_vmm(vm, frame.value.cptr, PAGE_BITS, fn);
}

/**
 * create_device_reservation_frame: the board's device frame at physical `addr` mapped into the
 * guest at the same address with `rights` (pass-through: accesses reach the device model
 * without an exit). 0 / -1 (C returns the VMM address of a device mapping; the sim reaches
 * device frames through sel4.deviceRead/deviceWrite instead).
 */
export function create_device_reservation_frame(
  vm: vm_t,
  addr: number,
  rights: number,
  alloc_fault_callback: memory_fault_callback_fn,
  alloc_fault_cookie: unknown,
): number {
  const fn = "create_device_reservation_frame";
  const frame = { value: null as unknown as vka_object_t };
  if (vka_alloc_frame_at(vm.vka, PAGE_BITS, addr, frame) !== 0) {
    logError(vm, fn, `no device frame at ${hex(addr)}`);
    return -1;
  }
  return reserveAndMap(vm, addr, frame.value.cptr, rights, alloc_fault_callback, alloc_fault_cookie, fn) ? 0 : -1;
}
