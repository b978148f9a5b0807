import type { MaybePromise, vm_t, vm_vcpu_t } from "./types";

/** memory_fault_result_t values (enum memory_fault_result). */
export const FAULT_HANDLED = 0;
/** The callback did not handle the fault. */
export const FAULT_UNHANDLED = 1;
/** Re-execute the faulting instruction (e.g. after mapping memory). */
export const FAULT_RESTART = 2;
/** Skip the faulting instruction (PC += 4) without emulating it. */
export const FAULT_IGNORE = 3;
/** A guest error: the VM stops and vm_run returns -1. */
export const FAULT_ERROR = 4;

/** memory_fault_result_t: what a memory fault callback did. */
export type memory_fault_result_t =
  | typeof FAULT_HANDLED
  | typeof FAULT_UNHANDLED
  | typeof FAULT_RESTART
  | typeof FAULT_IGNORE
  | typeof FAULT_ERROR;

/** vm_frame_t: a frame to map into the guest. */
export interface vm_frame_t {
  /** The frame cap (seL4_CapNull means "no frame": the mapping fails). */
  cptr: number;
  /** seL4_CapRights_t word for the mapping. */
  rights: number;
  /** Guest physical address to map the frame at. */
  vaddr: number;
  /** log2 of the frame size. */
  size_bits: number;
}

/** memory_fault_callback_fn: emulates an access to a reservation. */
export type memory_fault_callback_fn = (
  vm: vm_t,
  vcpu: vm_vcpu_t,
  fault_addr: number,
  fault_length: number,
  cookie: unknown,
) => MaybePromise<memory_fault_result_t>;

/** memory_map_iterator_fn: the frame that backs guest address `addr`. */
export type memory_map_iterator_fn = (addr: number, cookie: unknown) => vm_frame_t;

/** vm_memory_reservation_t: a reserved range of guest physical memory. */
export interface vm_memory_reservation_t {
  readonly addr: number;
  readonly size: number;
  readonly type: "regular" | "anon";
  fault_callback: memory_fault_callback_fn | null;
  fault_cookie: unknown;
  /** True once frames were mapped through vm_map_reservation(_frames). */
  is_mapped: boolean;
}

/** A pool made with vm_memory_make_anon, handing out anonymous reservations by bumping `next`. */
export interface anon_pool_t {
  readonly addr: number;
  readonly size: number;
  next: number;
  readonly reservations: vm_memory_reservation_t[];
}

/** vm_memory_reservation_cookie_t: the VM's reservation bookkeeping (C uses two red-black trees). */
export interface vm_memory_reservation_cookie_t {
  /** Regular reservations, sorted by address, never overlapping. */
  readonly regular: vm_memory_reservation_t[];
  /** Anonymous pools, sorted by address. */
  readonly anon_pools: anon_pool_t[];
}
