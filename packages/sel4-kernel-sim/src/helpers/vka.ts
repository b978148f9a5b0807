import type { Sel4 } from "../api/sel4";
import type { Box } from "../api/sel4-base";
import type { NullableBox } from "./box";
import type { seL4_BootInfo } from "../boot/boot-info";
import { seL4_RootCNodeCapSlots as S, seL4_WordBits } from "../constants/boot";
import { seL4_Error } from "../constants/errors";
import { seL4_ObjectType, seL4_PageBits } from "../constants/object-types";
import { UntypedPool, type PoolUntyped } from "./untyped-pool";

/** vka_object_t: an allocated kernel object. */
export interface vka_object_t {
  cptr: number;
  /** The untyped it came from (an allocator cookie, as in C). */
  ut: number;
  type: seL4_ObjectType;
  size_bits: number;
}

/** cspacepath_t: a slot named for CNode operations. */
export interface cspacepath_t {
  capPtr: number;
  capDepth: number;
  root: number;
  dest: number;
  destDepth: number;
  offset: number;
  window: number;
}

/** vka_t: the slot and object allocator interface of libsel4vka, backed by a root task's boot info. */
export interface vka_t {
  readonly sel4: Sel4;
  /** cspace_alloc: a free slot of the root CNode. */
  cspace_alloc(res: Box<number>): number;
  /** cspace_make_path: the cspacepath_t of a slot. */
  cspace_make_path(slot: number, res: Box<cspacepath_t>): void;
  /** cspace_free: returns an (empty) slot. */
  cspace_free(slot: number): void;
  /** Retypes an object into `dest` (at `paddr` if not null); returns 0 or -1, `ut` receives the cookie. */
  utspace_alloc(dest: cspacepath_t, type: seL4_ObjectType, size_bits: number, paddr: number | null, canBeDev: boolean, ut: Box<number>): number;
  /** utspace_free: records that the object from cookie `ut` is gone. */
  utspace_free(type: seL4_ObjectType, size_bits: number, ut: number): void;
  /**
   * TypeScript-only: this allocator (same slots and untypeds) making its kernel calls through
   * `sel4`, the libsel4 of another thread in the same CSpace (see {@link sel4ts_vka_for_thread}).
   */
  bind_thread?(sel4: Sel4): vka_t;
}

/**
 * Creates a vka over the root task's empty slots and untypeds (the job allocman does in C).
 * It must be the only user of those slots and untypeds: other threads of the root task share it
 * through {@link sel4ts_vka_for_thread}.
 */
export function sel4ts_make_bootinfo_vka(sel4: Sel4, bootInfo: seL4_BootInfo): vka_t {
  const freeSlots: number[] = [];
  let nextSlot = bootInfo.empty.start;
  const allocSlot = (): number | null => freeSlots.shift() ?? (nextSlot < bootInfo.empty.end ? nextSlot++ : null);
  const pool = new UntypedPool(sel4, bootInfo, allocSlot);
  const cookies = new Map<number, PoolUntyped>();
  // One allocator state, one facade per thread: each facade makes its kernel calls as its own thread.
  const facade = (caller: Sel4): vka_t => ({
    sel4: caller,
    cspace_alloc(res) {
      const slot = allocSlot();
      if (slot === null) return -1;
      res.value = slot;
      return 0;
    },
    cspace_make_path(slot, res) {
      res.value = { capPtr: slot, capDepth: seL4_WordBits, root: S.seL4_CapInitThreadCNode, dest: 0, destDepth: 0, offset: slot, window: 1 };
    },
    cspace_free(slot) {
      freeSlots.push(slot);
      freeSlots.sort((a, b) => a - b);
    },
    utspace_alloc(dest, type, size_bits, paddr, canBeDev, ut) {
      pool.sel4 = caller;
      const target = { root: dest.root, index: dest.dest, depth: dest.destDepth, offset: dest.offset };
      const result = paddr === null ? pool.alloc(type, size_bits, target, false) : pool.allocAt(type, size_bits, paddr, target);
      const fallback = result.ut === null && paddr === null && canBeDev ? pool.alloc(type, size_bits, target, true) : result;
      if (!fallback.ut) return -1;
      cookies.set(fallback.ut.cptr, fallback.ut);
      ut.value = fallback.ut.cptr;
      return 0;
    },
    utspace_free(_type, _size_bits, ut) {
      pool.sel4 = caller;
      const entry = cookies.get(ut);
      if (entry) pool.release(entry);
    },
    bind_thread: facade,
  });
  return facade(sel4);
}

/**
 * TypeScript-only: `vka` for use by another thread that shares the root CNode (a VMM thread the
 * root task created): the same slots and untypeds, kernel calls made through that thread's
 * `sel4`. A second sel4ts_make_bootinfo_vka would hand out the same slots again; this does not.
 * Returns null for a vka that cannot be shared (one without bind_thread).
 */
export function sel4ts_vka_for_thread(vka: vka_t, sel4: Sel4): vka_t | null {
  return vka.bind_thread ? vka.bind_thread(sel4) : null;
}

/** vka_cspace_alloc. */
export function vka_cspace_alloc(vka: vka_t, res: Box<number>): number {
  return vka.cspace_alloc(res);
}

/** vka_cspace_make_path. */
export function vka_cspace_make_path(vka: vka_t, slot: number, res: Box<cspacepath_t>): void {
  vka.cspace_make_path(slot, res);
}

/** vka_cspace_free. */
export function vka_cspace_free(vka: vka_t, slot: number): void {
  vka.cspace_free(slot);
}

function allocObject(vka: vka_t, type: seL4_ObjectType, size_bits: number, paddr: number | null, canBeDev: boolean, result: NullableBox<vka_object_t> | null): number {
  const slot = { value: 0 };
  if (vka.cspace_alloc(slot) !== 0) return -1;
  const path = { value: null as unknown as cspacepath_t };
  vka.cspace_make_path(slot.value, path);
  const ut = { value: 0 };
  if (vka.utspace_alloc(path.value, type, size_bits, paddr, canBeDev, ut) !== 0) {
    vka.cspace_free(slot.value);
    return -1;
  }
  if (result) result.value = { cptr: slot.value, ut: ut.value, type, size_bits };
  return 0;
}

/** vka_alloc_object: allocates a slot and retypes an object into it; 0 on success, -1 on failure. */
export function vka_alloc_object(vka: vka_t, type: seL4_ObjectType, size_bits: number, result: NullableBox<vka_object_t>): number {
  return allocObject(vka, type, size_bits, null, false, result);
}

/** vka_alloc_object_at: like vka_alloc_object, at physical address `paddr` (device memory allowed). */
export function vka_alloc_object_at(vka: vka_t, type: seL4_ObjectType, size_bits: number, paddr: number, result: NullableBox<vka_object_t>): number {
  return allocObject(vka, type, size_bits, paddr, true, result);
}

/** vka_free_object: deletes the object's cap and returns its slot and memory. */
export function vka_free_object(vka: vka_t, object: vka_object_t): void {
  vka.sel4.seL4_CNode_Delete(S.seL4_CapInitThreadCNode, object.cptr, seL4_WordBits);
  vka.utspace_free(object.type, object.size_bits, object.ut);
  vka.cspace_free(object.cptr);
}

/** vka_alloc_endpoint. */
export const vka_alloc_endpoint = (vka: vka_t, result: NullableBox<vka_object_t>): number => vka_alloc_object(vka, seL4_ObjectType.seL4_EndpointObject, 0, result);
/** vka_alloc_notification. */
export const vka_alloc_notification = (vka: vka_t, result: NullableBox<vka_object_t>): number => vka_alloc_object(vka, seL4_ObjectType.seL4_NotificationObject, 0, result);
/** vka_alloc_tcb. */
export const vka_alloc_tcb = (vka: vka_t, result: NullableBox<vka_object_t>): number => vka_alloc_object(vka, seL4_ObjectType.seL4_TCBObject, 0, result);
/** vka_alloc_cnode_object (slot_bits = radix). */
export const vka_alloc_cnode_object = (vka: vka_t, slot_bits: number, result: NullableBox<vka_object_t>): number =>
  vka_alloc_object(vka, seL4_ObjectType.seL4_CapTableObject, slot_bits, result);
/** vka_alloc_untyped. */
export const vka_alloc_untyped = (vka: vka_t, size_bits: number, result: NullableBox<vka_object_t>): number =>
  vka_alloc_object(vka, seL4_ObjectType.seL4_UntypedObject, size_bits, result);
/** vka_alloc_page_table. */
export const vka_alloc_page_table = (vka: vka_t, result: NullableBox<vka_object_t>): number => vka_alloc_object(vka, seL4_ObjectType.seL4_ARM_PageTableObject, 0, result);
/** vka_alloc_vspace_root. */
export const vka_alloc_vspace_root = (vka: vka_t, result: NullableBox<vka_object_t>): number => vka_alloc_object(vka, seL4_ObjectType.seL4_ARM_VSpaceObject, 0, result);
/** vka_alloc_vcpu. */
export const vka_alloc_vcpu = (vka: vka_t, result: NullableBox<vka_object_t>): number => vka_alloc_object(vka, seL4_ObjectType.seL4_ARM_VCPUObject, 0, result);

/** The frame object type of a frame size (12, 21 or 30 bits), or null. */
export function frameTypeOf(size_bits: number): seL4_ObjectType | null {
  if (size_bits === seL4_PageBits) return seL4_ObjectType.seL4_ARM_SmallPageObject;
  if (size_bits === 21) return seL4_ObjectType.seL4_ARM_LargePageObject;
  if (size_bits === 30) return seL4_ObjectType.seL4_ARM_HugePageObject;
  return null;
}

/** vka_alloc_frame: a 4 KiB, 2 MiB or 1 GiB RAM frame. */
export function vka_alloc_frame(vka: vka_t, size_bits: number, result: NullableBox<vka_object_t>): number {
  const type = frameTypeOf(size_bits);
  return type === null ? -1 : vka_alloc_object(vka, type, size_bits, result);
}

/** vka_alloc_frame_at: a frame at physical address `paddr` (RAM or device). */
export function vka_alloc_frame_at(vka: vka_t, size_bits: number, paddr: number, result: NullableBox<vka_object_t>): number {
  const type = frameTypeOf(size_bits);
  return type === null ? -1 : vka_alloc_object_at(vka, type, size_bits, paddr, result);
}

/** vka_object_paddr (frames only; other objects give 0). */
export function vka_object_paddr(vka: vka_t, object: vka_object_t): number {
  const found = vka.sel4.seL4_ARM_Page_GetAddress(object.cptr);
  return found.error === seL4_Error.seL4_NoError ? found.paddr : 0;
}
