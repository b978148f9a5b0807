import { seL4_AllRights, vspace_map_pages_at_vaddr, vspace_unmap_pages, type Box } from "@sel4ts/sel4-kernel-sim";
import {
  FAULT_ERROR,
  FAULT_UNHANDLED,
  type memory_fault_callback_fn,
  type memory_fault_result_t,
  type memory_map_iterator_fn,
  type vm_frame_t,
  type vm_memory_reservation_cookie_t,
  type vm_memory_reservation_t,
} from "./guest-memory-types";
import { addressArgs, type uintptr_t } from "./address";
import { hex, logError } from "./log";
import type { vm_t, vm_vcpu_t } from "./types";

const PAGE_BITS = 12;
const PAGE_SIZE = 1 << PAGE_BITS;

const roundUp = (value: number, align: number): number => (align <= 1 ? value : Math.ceil(value / align) * align);
const overlaps = (a: number, aSize: number, b: number, bSize: number): boolean => a < b + bSize && b < a + aSize;
const range = (addr: number, size: number): string => `${hex(addr)}+${hex(size)}`;

function cookieOf(vm: vm_t, fn: string): vm_memory_reservation_cookie_t | null {
  const cookie = vm.mem.reservation_cookie;
  if (!cookie) logError(vm, fn, "the VM is not initialised: call vm_init first");
  return cookie;
}

/** vm_memory_init: initialises the VM's reservation bookkeeping; 0 on success. */
export function vm_memory_init(vm: vm_t): number {
  vm.mem.reservation_cookie = { regular: [], anon_pools: [] };
  return 0;
}

/**
 * vm_reserve_memory_at: reserves [addr, addr+size) with a fault callback; null if the callback
 * is missing, the size is 0 or the range overlaps another reservation.
 */
export function vm_reserve_memory_at(
  vm: vm_t,
  addr_: uintptr_t,
  size_: uintptr_t,
  fault_callback: memory_fault_callback_fn | null,
  cookie: unknown,
): vm_memory_reservation_t | null {
  const fn = "vm_reserve_memory_at";
  const book = cookieOf(vm, fn);
  if (!book) return null;
  const args = addressArgs(vm, fn, { addr: addr_, size: size_ });
  if (!args) return null;
  const { addr, size } = args;
  if (!fault_callback) {
    logError(vm, fn, `no fault callback for ${range(addr, size)}`);
    return null;
  }
  if (size <= 0) {
    logError(vm, fn, `empty reservation at ${hex(addr)}`);
    return null;
  }
  const clash = book.regular.find((r) => overlaps(addr, size, r.addr, r.size));
  if (clash) {
    logError(vm, fn, `${range(addr, size)} overlaps reservation ${range(clash.addr, clash.size)}`);
    return null;
  }
  const reservation: vm_memory_reservation_t = { addr, size, type: "regular", fault_callback, fault_cookie: cookie, is_mapped: false };
  book.regular.push(reservation);
  book.regular.sort((a, b) => a.addr - b.addr);
  return reservation;
}

/** vm_memory_make_anon: declares [addr, addr+size) a pool for anonymous reservations; 0 / -1. */
export function vm_memory_make_anon(vm: vm_t, addr_: uintptr_t, size_: uintptr_t): number {
  const fn = "vm_memory_make_anon";
  const book = cookieOf(vm, fn);
  const args = addressArgs(vm, fn, { addr: addr_, size: size_ });
  if (!args) return -1;
  const { addr, size } = args;
  if (!book) return -1;
  if (size <= 0) {
    logError(vm, fn, `empty pool at ${hex(addr)}`);
    return -1;
  }
  const clash = book.anon_pools.find((p) => overlaps(addr, size, p.addr, p.size));
  if (clash) {
    logError(vm, fn, `${range(addr, size)} overlaps anonymous pool ${range(clash.addr, clash.size)}`);
    return -1;
  }
  book.anon_pools.push({ addr, size, next: addr, reservations: [] });
  book.anon_pools.sort((a, b) => a.addr - b.addr);
  return 0;
}

/**
 * vm_reserve_anon_memory: reserves `size` bytes aligned to `align` from the first anonymous pool
 * with room (a bump allocator: freed space is never reused); `addr` receives the base. Null on failure.
 */
export function vm_reserve_anon_memory(
  vm: vm_t,
  size_: uintptr_t,
  align_: uintptr_t,
  fault_callback: memory_fault_callback_fn | null,
  cookie: unknown,
  addr: Box<number>,
): vm_memory_reservation_t | null {
  const fn = "vm_reserve_anon_memory";
  const book = cookieOf(vm, fn);
  if (!book) return null;
  const args = addressArgs(vm, fn, { size: size_, align: align_ });
  if (!args) return null;
  const { size, align } = args;
  if (!fault_callback) {
    logError(vm, fn, `no fault callback for ${hex(size)} bytes`);
    return null;
  }
  for (const pool of book.anon_pools) {
    const base = roundUp(pool.next, align);
    if (base + size > pool.addr + pool.size) continue;
    pool.next = base + roundUp(size, PAGE_SIZE);
    const reservation: vm_memory_reservation_t = { addr: base, size, type: "anon", fault_callback, fault_cookie: cookie, is_mapped: false };
    pool.reservations.push(reservation);
    addr.value = base;
    return reservation;
  }
  logError(vm, fn, `no anonymous pool has ${hex(size)} bytes aligned to ${hex(align)} left`);
  return null;
}

/** vm_free_reserved_memory: removes a regular reservation and unmaps its frames; -1 for anonymous or unknown ones. */
export function vm_free_reserved_memory(vm: vm_t, reservation: vm_memory_reservation_t | null): number {
  const fn = "vm_free_reserved_memory";
  const book = cookieOf(vm, fn);
  if (!book || !reservation) {
    if (book) logError(vm, fn, "no reservation given");
    return -1;
  }
  if (reservation.type === "anon") {
    logError(vm, fn, `anonymous reservation ${range(reservation.addr, reservation.size)} cannot be freed`);
    return -1;
  }
  const index = book.regular.indexOf(reservation);
  if (index < 0) {
    logError(vm, fn, `${range(reservation.addr, reservation.size)} is not a reservation of this VM`);
    return -1;
  }
  book.regular.splice(index, 1);
  if (reservation.is_mapped) unmapRange(vm, reservation.addr, reservation.size);
  reservation.is_mapped = false;
  return 0;
}

function unmapRange(vm: vm_t, addr: number, size: number): void {
  const vspace = vm.mem.vm_vspace;
  for (const vaddr of [...vspace.caps.keys()]) {
    if (vaddr < addr || vaddr >= addr + size) continue;
    vspace_unmap_pages(vspace, vaddr, 1, vm.guest_frame_bits.get(vaddr) ?? PAGE_BITS, null);
    vm.guest_frame_bits.delete(vaddr);
  }
}

/** Maps one frame into the guest at frame.vaddr; 0 / -1. */
export function map_guest_frame(vm: vm_t, frame: vm_frame_t): number {
  const status = vspace_map_pages_at_vaddr(vm.mem.vm_vspace, [frame.cptr], null, frame.vaddr, 1, frame.size_bits, frame.rights, true);
  if (status === 0) vm.guest_frame_bits.set(frame.vaddr, frame.size_bits);
  return status;
}

/**
 * vm_map_reservation: maps the whole reservation now, asking `map_iterator` for the frame at
 * each address (stepping by the frame's size); 0 / -1.
 */
export function vm_map_reservation(vm: vm_t, reservation: vm_memory_reservation_t, map_iterator: memory_map_iterator_fn, cookie: unknown): number {
  const fn = "vm_map_reservation";
  const end = reservation.addr + reservation.size;
  for (let addr = reservation.addr; addr < end; ) {
    const frame = map_iterator(addr, cookie);
    if (frame.cptr === 0) {
      logError(vm, fn, `no frame for ${hex(addr)} in reservation ${range(reservation.addr, reservation.size)}`);
      return -1;
    }
    if (map_guest_frame(vm, frame) !== 0) {
      logError(vm, fn, `mapping frame cap ${frame.cptr} at ${hex(frame.vaddr)} failed`);
      return -1;
    }
    addr += 2 ** frame.size_bits;
  }
  reservation.is_mapped = true;
  return 0;
}

/** vm_map_reservation_frames: maps the reservation from `frames` (index = (addr - base) >> frame_size_bits); 0 / -1. */
export function vm_map_reservation_frames(
  vm: vm_t,
  reservation: vm_memory_reservation_t,
  frames: readonly number[],
  num_frames: number,
  frame_size_bits: number,
): number {
  const iterator: memory_map_iterator_fn = (addr) => {
    const index = Math.floor((addr - reservation.addr) / 2 ** frame_size_bits);
    const cptr = index < num_frames ? (frames[index] ?? 0) : 0;
    return { cptr, rights: seL4_AllRights, vaddr: addr, size_bits: frame_size_bits };
  };
  return vm_map_reservation(vm, reservation, iterator, null);
}

/** vm_get_reservation_memory_region: the reservation's address and size. */
export function vm_get_reservation_memory_region(reservation: vm_memory_reservation_t, addr: Box<number>, size: Box<number>): void {
  addr.value = reservation.addr;
  size.value = reservation.size;
}

/** The reservation covering guest address `addr` (regular first, then anonymous), or null. */
export function find_reservation(vm: vm_t, addr: number): vm_memory_reservation_t | null {
  const book = vm.mem.reservation_cookie;
  if (!book) return null;
  const inside = (r: vm_memory_reservation_t) => addr >= r.addr && addr < r.addr + r.size;
  const regular = book.regular.find(inside);
  if (regular) return regular;
  const pool = book.anon_pools.find((p) => addr >= p.addr && addr < p.addr + p.size);
  return pool?.reservations.find(inside) ?? null;
}

/**
 * vm_memory_handle_fault: dispatches a guest access to the reservation covering it.
 * UNHANDLED when none covers it; ERROR for an access wider than the reservation or one without a callback.
 */
export async function vm_memory_handle_fault(vm: vm_t, vcpu: vm_vcpu_t, addr: number, size: number): Promise<memory_fault_result_t> {
  const fn = "vm_memory_handle_fault";
  const reservation = find_reservation(vm, addr);
  if (!reservation) return FAULT_UNHANDLED;
  if (size > reservation.size) {
    logError(vm, fn, `access ${range(addr, size)} is wider than reservation ${range(reservation.addr, reservation.size)}`);
    return FAULT_ERROR;
  }
  if (!reservation.fault_callback) {
    logError(vm, fn, `reservation ${range(reservation.addr, reservation.size)} has no fault callback`);
    return FAULT_ERROR;
  }
  return reservation.fault_callback(vm, vcpu, addr, size, reservation.fault_cookie);
}
