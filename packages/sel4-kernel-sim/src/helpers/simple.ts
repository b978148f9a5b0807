import type { Sel4 } from "../api/sel4";
import type { Box } from "../api/sel4-base";
import type { seL4_BootInfo } from "../boot/boot-info";
import { seL4_RootCNodeCapSlots as S, seL4_WordBits } from "../constants/boot";
import { toMcsObjectType } from "../constants/mcs";
import { seL4_Error } from "../constants/errors";
import { frameTypeOf, type cspacepath_t } from "./vka";

/** simple_t: what the root task knows about its environment (libsel4simple over boot info). */
export interface simple_t {
  readonly sel4: Sel4;
  readonly bootInfo: seL4_BootInfo;
}

/** simple_default_init_bootinfo: a simple_t over the root task's boot info. */
export function simple_default_init_bootinfo(simple: Box<simple_t | null>, sel4: Sel4, bi: seL4_BootInfo): void {
  simple.value = { sel4, bootInfo: bi };
}

/** simple_get_untyped_count. */
export function simple_get_untyped_count(simple: simple_t): number {
  return simple.bootInfo.untypedList.length;
}

/** simple_get_nth_untyped: the n-th untyped cap, its size, address and device flag; 0 if out of range. */
export function simple_get_nth_untyped(simple: simple_t, n: number, size_bits: Box<number>, paddr: Box<number>, device: Box<boolean>): number {
  const u = simple.bootInfo.untypedList[n];
  if (!u) return 0;
  size_bits.value = u.sizeBits;
  paddr.value = u.paddr;
  device.value = u.isDevice !== 0;
  return simple.bootInfo.untyped.start + n;
}

/** simple_get_init_cap: a fixed initial cap (seL4_CapInitThreadTCB, …) as a CPtr. */
export function simple_get_init_cap(_simple: simple_t, cap: S): number {
  return cap;
}

/** simple_get_cnode. */
export const simple_get_cnode = (s: simple_t): number => simple_get_init_cap(s, S.seL4_CapInitThreadCNode);
/** simple_get_tcb. */
export const simple_get_tcb = (s: simple_t): number => simple_get_init_cap(s, S.seL4_CapInitThreadTCB);
/** simple_get_pd (the VSpace root). */
export const simple_get_pd = (s: simple_t): number => simple_get_init_cap(s, S.seL4_CapInitThreadVSpace);
/** simple_get_irq_ctrl. */
export const simple_get_irq_ctrl = (s: simple_t): number => simple_get_init_cap(s, S.seL4_CapIRQControl);

/** simple_get_cnode_size_bits. */
export function simple_get_cnode_size_bits(simple: simple_t): number {
  return simple.bootInfo.initThreadCNodeSizeBits;
}

/** simple_get_IRQ_handler: IRQControl_Get into `path`. */
export function simple_get_IRQ_handler(simple: simple_t, irq: number, path: cspacepath_t): seL4_Error {
  return simple.sel4.seL4_IRQControl_Get(S.seL4_CapIRQControl, irq, path.root, path.capPtr, path.capDepth || seL4_WordBits);
}

/**
 * simple_get_frame_cap: a frame cap for device memory at `paddr`, retyped into `path` from the
 * device untyped that is exactly that frame (larger device untypeds: use vka_alloc_frame_at).
 * Returns 0 on success, -1 otherwise.
 */
export function simple_get_frame_cap(simple: simple_t, paddr: number, size_bits: number, path: cspacepath_t): number {
  const bi = simple.bootInfo;
  const n = bi.untypedList.findIndex((u) => u.isDevice !== 0 && u.paddr === paddr && u.sizeBits === size_bits);
  if (n < 0) return -1;
  const type = frameTypeOf(size_bits);
  if (type === null) return -1;
  const wireType = simple.sel4.isMCS ? toMcsObjectType(type) : type;
  const error = simple.sel4.seL4_Untyped_Retype(bi.untyped.start + n, wireType, size_bits, path.root, path.dest, path.destDepth, path.offset, 1);
  return error === seL4_Error.seL4_NoError ? 0 : -1;
}
