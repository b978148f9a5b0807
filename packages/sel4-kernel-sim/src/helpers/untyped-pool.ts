import type { Sel4 } from "../api/sel4";
import type { seL4_BootInfo } from "../boot/boot-info";
import { alignedBlocks } from "../boot/boot-info";
import { seL4_RootCNodeCapSlots as S } from "../constants/boot";
import { seL4_Error } from "../constants/errors";
import { retypeObjectSizeBits, toMcsObjectType } from "../constants/mcs";
import { seL4_ObjectType } from "../constants/object-types";

/** One untyped cap the pool retypes from, with the pool's copy of its watermark. */
export interface PoolUntyped {
  readonly cptr: number;
  readonly paddr: number;
  readonly sizeBits: number;
  readonly isDevice: boolean;
  /** Bytes handed out so far (the kernel's freeIndex, tracked on this side). */
  offset: number;
  /** Objects retyped from it that are still alive; at 0 the kernel resets the watermark. */
  live: number;
}

/** Where a new object's cap goes: (root CNode, index, depth) as in seL4_Untyped_Retype. */
export interface RetypeTarget {
  readonly root: number;
  readonly index: number;
  readonly depth: number;
  readonly offset: number;
}

/**
 * Retypes objects from the root task's untypeds, tracking each untyped's watermark so that it
 * can also place an object at a chosen physical address (device frames, fixed guest RAM). It
 * assumes it is the only user of the untypeds it was given.
 */
export class UntypedPool {
  readonly untypeds: PoolUntyped[];

  /** Takes over every untyped listed in `bootInfo`. */
  constructor(
    /** The libsel4 of the thread that allocates now (a vka bound to another thread switches it before each call). */
    public sel4: Sel4,
    bootInfo: seL4_BootInfo,
    /** Hands out an empty root-CNode slot for filler untypeds (null when none are left). */
    private readonly allocSlot: () => number | null,
  ) {
    this.untypeds = bootInfo.untypedList.map((u, i) => ({
      cptr: bootInfo.untyped.start + i,
      paddr: u.paddr,
      sizeBits: u.sizeBits,
      isDevice: u.isDevice !== 0,
      offset: 0,
      live: 0,
    }));
  }

  /** Retypes one object from the first RAM untyped with room; returns the untyped used or an error. */
  alloc(type: seL4_ObjectType, userSize: number, target: RetypeTarget, device = false): { error: seL4_Error; ut: PoolUntyped | null } {
    const size = 2 ** retypeObjectSizeBits(type, userSize, this.sel4.isMCS);
    for (const ut of this.untypeds) {
      if (ut.isDevice !== device) continue;
      const start = Math.ceil(ut.offset / size) * size;
      if (start + size > 2 ** ut.sizeBits) continue;
      const error = this.retypeFrom(ut, type, userSize, target);
      if (error === seL4_Error.seL4_NoError) return { error, ut };
      if (error !== seL4_Error.seL4_NotEnoughMemory) return { error, ut: null };
    }
    return { error: seL4_Error.seL4_NotEnoughMemory, ut: null };
  }

  /**
   * Retypes one object exactly at `paddr`: the gap below it in the covering untyped is filled
   * with untyped children (which become new pool entries).
   */
  allocAt(type: seL4_ObjectType, userSize: number, paddr: number, target: RetypeTarget): { error: seL4_Error; ut: PoolUntyped | null } {
    const size = 2 ** retypeObjectSizeBits(type, userSize, this.sel4.isMCS);
    if (paddr % size !== 0) return { error: seL4_Error.seL4_AlignmentError, ut: null };
    const ut = this.untypeds.find((u) => paddr >= u.paddr && paddr + size <= u.paddr + 2 ** u.sizeBits);
    if (!ut || ut.paddr + ut.offset > paddr) return { error: seL4_Error.seL4_NotEnoughMemory, ut: null };
    for (const block of alignedBlocks(ut.paddr + ut.offset, paddr)) {
      const slot = this.allocSlot();
      if (slot === null) return { error: seL4_Error.seL4_NotEnoughMemory, ut: null };
      const error = this.retypeFrom(ut, seL4_ObjectType.seL4_UntypedObject, block.sizeBits, { root: S.seL4_CapInitThreadCNode, index: 0, depth: 0, offset: slot });
      if (error !== seL4_Error.seL4_NoError) return { error, ut: null };
      this.untypeds.push({ cptr: slot, paddr: block.paddr, sizeBits: block.sizeBits, isDevice: ut.isDevice, offset: 0, live: 0 });
    }
    const error = this.retypeFrom(ut, type, userSize, target);
    return { error, ut: error === seL4_Error.seL4_NoError ? ut : null };
  }

  /** Records that an object from `ut` was deleted. */
  release(ut: PoolUntyped): void {
    ut.live--;
    if (ut.live === 0) ut.offset = 0; // childless: the kernel resets it at the next retype
  }

  private retypeFrom(ut: PoolUntyped, type: seL4_ObjectType, userSize: number, t: RetypeTarget): seL4_Error {
    // The pool speaks libsel4's non-MCS type names; an MCS kernel numbers the same objects differently.
    const mcs = this.sel4.isMCS;
    const wireType = mcs ? toMcsObjectType(type) : type;
    const error = this.sel4.seL4_Untyped_Retype(ut.cptr, wireType, userSize, t.root, t.index, t.depth, t.offset, 1);
    if (error === seL4_Error.seL4_NoError) {
      const size = 2 ** retypeObjectSizeBits(type, userSize, mcs);
      ut.offset = Math.ceil(ut.offset / size) * size + size;
      ut.live++;
    }
    return error;
  }
}
