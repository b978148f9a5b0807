import {
  seL4_AllRights,
  seL4_Error,
  seL4_RootCNodeCapSlots,
  seL4_WordBits,
  vka_alloc_frame,
  vka_alloc_frame_at,
  vspace_map_pages_at_vaddr,
  vspace_unmap_pages,
  type Box,
  type vka_object_t,
} from "@sel4ts/sel4-kernel-sim";
import { find_guest_frame } from "./guest-frames";
import { vm_map_reservation, vm_reserve_anon_memory, vm_reserve_memory_at } from "./guest-memory";
import { default_error_fault_callback } from "./guest-memory-helpers";
import type { memory_map_iterator_fn, vm_frame_t } from "./guest-memory-types";
import { addressArgs, requireInitialised, type uintptr_t } from "./address";
import { hex, logError } from "./log";
import type { vm_ram_region, vm_t } from "./types";

const PAGE_BITS = 12;
const PAGE_SIZE = 1 << PAGE_BITS;

/**
 * ram_touch_callback_fn: called by vm_ram_touch for each mapped chunk. `vmm_vaddr` is a view of
 * the chunk (C passes a VMM pointer); `offset` is the chunk's distance from the touched address.
 * Non-zero aborts the touch.
 */
export type ram_touch_callback_fn = (vm: vm_t, guest_addr: number, vmm_vaddr: Uint8Array, size: number, offset: number, cookie: unknown) => number;

/**
 * vm_guest_ram_read_callback: copies guest memory into the Uint8Array `cookie` at `offset`
 * (C ignores the offset, so multi-page reads overwrite the buffer's start: fixed here).
 */
export function vm_guest_ram_read_callback(_vm: vm_t, _guest_addr: number, vmm_vaddr: Uint8Array, size: number, offset: number, cookie: unknown): number {
  (cookie as Uint8Array).set(vmm_vaddr.subarray(0, size), offset);
  return 0;
}

/** vm_guest_ram_write_callback: copies the Uint8Array `cookie` (from `offset`) into guest memory. */
export function vm_guest_ram_write_callback(_vm: vm_t, _guest_addr: number, vmm_vaddr: Uint8Array, size: number, offset: number, cookie: unknown): number {
  vmm_vaddr.set((cookie as Uint8Array).subarray(offset, offset + size));
  return 0;
}

function regionContaining(vm: vm_t, addr: number, size: number): vm_ram_region | null {
  return vm.mem.ram_regions.find((r) => addr >= r.start && addr + size <= r.start + r.size) ?? null;
}

/** A VMM virtual address reserved for temporary mappings of guest frames of one size. */
function touchWindow(vm: vm_t, size_bits: number): number {
  let window = vm.ram_touch_windows.get(size_bits);
  if (window === undefined) {
    const vmm = vm.mem.vmm_vspace;
    window = Math.ceil(vmm.nextFree / 2 ** size_bits) * 2 ** size_bits;
    vmm.nextFree = window + 2 ** size_bits;
    vm.ram_touch_windows.set(size_bits, window);
  }
  return window;
}

/**
 * Maps the guest frame at `addr` into the VMM (through a copy of its cap, as C does) and gives
 * `use` a view of it; undoes the mapping afterwards. Returns `use`'s result, or -1.
 */
function withGuestFrame(vm: vm_t, addr: number, use: (view: Uint8Array, frameBase: number) => number): number {
  const fn = "vm_ram_touch";
  const sel4 = vm.vka.sel4;
  const frame = find_guest_frame(vm, addr);
  if (!frame) {
    logError(vm, fn, `guest address ${hex(addr)} has no frame`);
    return -1;
  }
  const slot = { value: 0 };
  if (vm.vka.cspace_alloc(slot) !== 0) {
    logError(vm, fn, "no free slot for a frame cap copy");
    return -1;
  }
  const cnode = seL4_RootCNodeCapSlots.seL4_CapInitThreadCNode;
  try {
    if (sel4.seL4_CNode_Copy(cnode, slot.value, seL4_WordBits, cnode, frame.cap, seL4_WordBits, seL4_AllRights) !== seL4_Error.seL4_NoError) {
      logError(vm, fn, `copying the frame cap of ${hex(frame.base)} failed`);
      return -1;
    }
    const window = touchWindow(vm, frame.size_bits);
    if (vspace_map_pages_at_vaddr(vm.mem.vmm_vspace, [slot.value], null, window, 1, frame.size_bits, seL4_AllRights, true) !== 0) {
      logError(vm, fn, `mapping guest frame ${hex(frame.base)} into the VMM failed`);
      return -1;
    }
    try {
      return use(sel4.frameView(window, 2 ** frame.size_bits), frame.base);
    } finally {
      vspace_unmap_pages(vm.mem.vmm_vspace, window, 1, frame.size_bits, null);
    }
  } finally {
    sel4.seL4_CNode_Delete(cnode, slot.value, seL4_WordBits);
    vm.vka.cspace_free(slot.value);
  }
}

/**
 * vm_ram_touch: calls `touch_callback` on each frame-sized chunk of guest RAM [addr, addr+size);
 * -1 unless the range lies in one registered RAM region, or if a callback fails.
 */
export function vm_ram_touch(vm: vm_t, addr_: uintptr_t, size_: uintptr_t, touch_callback: ram_touch_callback_fn, cookie: unknown): number {
  if (!requireInitialised(vm, "vm_ram_touch")) return -1;
  const args = addressArgs(vm, "vm_ram_touch", { addr: addr_, size: size_ });
  if (!args) return -1;
  const { addr, size } = args;
  if (!regionContaining(vm, addr, size)) {
    logError(vm, "vm_ram_touch", `${hex(addr)}+${hex(size)} is not inside one RAM region`);
    return -1;
  }
  for (let at = addr; at < addr + size; ) {
    const result = withGuestFrame(vm, at, (view, frameBase) => {
      const start = at - frameBase;
      const chunk = Math.min(view.length - start, addr + size - at);
      const status = touch_callback(vm, at, view.subarray(start, start + chunk), chunk, at - addr, cookie);
      at += chunk;
      return status;
    });
    if (result !== 0) return -1;
  }
  return 0;
}

/** vm_ram_find_largest_free_region: the largest unallocated RAM region; -1 if there is none. */
export function vm_ram_find_largest_free_region(vm: vm_t, addr: Box<number>, size: Box<number>): number {
  let best: vm_ram_region | null = null;
  for (const region of vm.mem.ram_regions) if (!region.allocated && (!best || region.size > best.size)) best = region;
  if (!best) return -1;
  addr.value = best.start;
  size.value = best.size;
  return 0;
}

function addRegion(vm: vm_t, start: number, size: number): void {
  vm.mem.ram_regions.push({ start, size, allocated: 0 });
  vm.mem.ram_regions.sort((a, b) => a.start - b.start);
  vm.mem.num_ram_regions = vm.mem.ram_regions.length;
}

function newFrameIterator(vm: vm_t, oneToOne: boolean): memory_map_iterator_fn {
  return (addr): vm_frame_t => {
    const frame = { value: null as unknown as vka_object_t };
    const error = oneToOne ? vka_alloc_frame_at(vm.vka, PAGE_BITS, addr, frame) : vka_alloc_frame(vm.vka, PAGE_BITS, frame);
    if (error !== 0) logError(vm, "vm_ram_register", `no ${oneToOne ? `frame at ${hex(addr)}` : "free frame"} for guest RAM`);
    return { cptr: error === 0 ? frame.value.cptr : 0, rights: seL4_AllRights, vaddr: addr, size_bits: PAGE_BITS };
  };
}

/** vm_ram_register: reserves `bytes` of anonymous guest memory, backs it with new frames and registers it as RAM; its base, or 0. */
export function vm_ram_register(vm: vm_t, bytes_: uintptr_t): number {
  if (!requireInitialised(vm, "vm_ram_register")) return 0;
  const args = addressArgs(vm, "vm_ram_register", { bytes: bytes_ });
  if (!args) return 0;
  const { bytes } = args;
  const base = { value: 0 };
  const reservation = vm_reserve_anon_memory(vm, bytes, PAGE_SIZE, default_error_fault_callback, null, base);
  if (!reservation) return 0;
  if (vm_map_reservation(vm, reservation, newFrameIterator(vm, false), null) !== 0) return 0;
  addRegion(vm, base.value, bytes);
  return base.value;
}

/**
 * vm_ram_register_at_custom_iterator: registers [start, start+bytes) as RAM, mapped now from
 * the frames `map_iterator` returns; 0 / -1.
 */
export function vm_ram_register_at_custom_iterator(vm: vm_t, start_: uintptr_t, bytes_: uintptr_t, map_iterator: memory_map_iterator_fn, cookie: unknown): number {
  return registerAt(vm, "vm_ram_register_at_custom_iterator", start_, bytes_, () => map_iterator, cookie);
}

/** Registers [start, start+bytes) as RAM mapped from the frames of `iterator()` (made only once the arguments are checked). */
function registerAt(vm: vm_t, fn: string, start_: uintptr_t, bytes_: uintptr_t, iterator: () => memory_map_iterator_fn, cookie: unknown): number {
  if (!requireInitialised(vm, fn)) return -1;
  const args = addressArgs(vm, fn, { start: start_, bytes: bytes_ });
  if (!args) return -1;
  const { start, bytes } = args;
  const map_iterator = iterator();
  const reservation = vm_reserve_memory_at(vm, start, bytes, default_error_fault_callback, null);
  if (!reservation) return -1;
  if (vm_map_reservation(vm, reservation, map_iterator, cookie) !== 0) return -1;
  addRegion(vm, start, bytes);
  return 0;
}

/**
 * vm_ram_register_at: registers [start, start+bytes) as RAM backed by new frames; with
 * `untyped` each frame is taken at the same physical address (1:1). 0 / -1.
 */
export function vm_ram_register_at(vm: vm_t, start: uintptr_t, bytes: uintptr_t, untyped: boolean): number {
  return registerAt(vm, "vm_ram_register_at", start, bytes, () => newFrameIterator(vm, untyped), null);
}

/**
 * vm_ram_mark_allocated: marks [start, start+bytes) allocated, splitting the free region that
 * contains it; a no-op if no single free region contains it.
 */
export function vm_ram_mark_allocated(vm: vm_t, start_: uintptr_t, bytes_: uintptr_t): void {
  const args = addressArgs(vm, "vm_ram_mark_allocated", { start: start_, bytes: bytes_ });
  if (!args) return;
  const { start, bytes } = args;
  const regions = vm.mem.ram_regions;
  const index = regions.findIndex((r) => !r.allocated && start >= r.start && start + bytes <= r.start + r.size);
  if (index < 0) return;
  const region = regions[index]!;
  const pieces: vm_ram_region[] = [
    { start: region.start, size: start - region.start, allocated: 0 },
    { start, size: bytes, allocated: 1 },
    { start: start + bytes, size: region.start + region.size - (start + bytes), allocated: 0 },
  ].filter((r) => r.size > 0);
  regions.splice(index, 1, ...pieces);
  regions.sort((a, b) => a.start - b.start);
  for (let i = 0; i + 1 < regions.length; ) {
    const a = regions[i]!;
    const b = regions[i + 1]!;
    if (a.allocated === b.allocated && a.start + a.size === b.start) {
      a.size += b.size;
      regions.splice(i + 1, 1);
    } else {
      i++;
    }
  }
  vm.mem.num_ram_regions = regions.length;
}

/** vm_ram_allocate: the first free RAM region with `bytes` room, marked allocated; its address, or 0. */
export function vm_ram_allocate(vm: vm_t, bytes_: uintptr_t): number {
  const args = addressArgs(vm, "vm_ram_allocate", { bytes: bytes_ });
  if (!args) return 0;
  const { bytes } = args;
  const region = vm.mem.ram_regions.find((r) => !r.allocated && r.size >= bytes);
  if (!region) {
    logError(vm, "vm_ram_allocate", `no free RAM region has ${hex(bytes)} bytes`);
    return 0;
  }
  const addr = region.start;
  vm_ram_mark_allocated(vm, addr, bytes);
  return addr;
}

/** vm_ram_free: a no-op, as in C (RAM allocations are never returned). */
export function vm_ram_free(_vm: vm_t, _start: uintptr_t, _bytes: uintptr_t): void {
  // Deliberately empty: libsel4vm's vm_ram_free does nothing.
}
