import { seL4_Error } from "../constants/errors";
import { InvocationLabel } from "../constants/labels";
import { seL4_ASIDPoolBits } from "../constants/object-types";
import type { Cap } from "../cspace/cap";
import { insertCap } from "../cspace/cdt";
import { ASID_POOL_SIZE, AsidPool } from "../objects/asid-pool";
import { arg, argNumber, extraCap, lookupCNodeArgument, type InvocationContext } from "./context";
import { fail, illegalOperation, invalidCapability, ok, truncatedMessage, type InvocationResult } from "./result";

/** decodeARMASIDControlInvocation: MakePool from a 4 KiB childless RAM untyped. */
export function invokeAsidControl(ctx: InvocationContext): InvocationResult {
  if (ctx.label !== Number(InvocationLabel.ARMASIDControlMakePool)) return illegalOperation("ASIDControl: illegal operation");
  if (ctx.args.length < 2 || ctx.extraCaps.length < 2) return truncatedMessage("ASIDControlMakePool: truncated message");
  const asids = ctx.kernel.asids;
  const poolIndex = asids.firstFreePool();
  if (poolIndex < 0) return fail(seL4_Error.seL4_DeleteFirst, "ASIDControlMakePool: no free ASID pool");
  const untypedSlot = ctx.extraCaps[0]!;
  const untyped = untypedSlot.cap;
  if (!untyped || untyped.kind !== "untyped" || untyped.isDevice || untyped.sizeBits !== seL4_ASIDPoolBits) {
    return invalidCapability(1, "ASIDControlMakePool: need a 4 KiB RAM untyped");
  }
  if (untypedSlot.children.length > 0) return fail(seL4_Error.seL4_RevokeFirst, "ASIDControlMakePool: the untyped has children");
  const dest = lookupCNodeArgument(extraCap(ctx, 1), arg(ctx, 0), argNumber(ctx, 1), false, "ASIDControlMakePool: destination");
  if (!dest.ok) return dest.result;
  if (dest.slot.cap) return fail(seL4_Error.seL4_DeleteFirst, "ASIDControlMakePool: destination slot not empty");
  untyped.freeIndex = 2 ** untyped.sizeBits;
  ctx.kernel.memory.zero(untyped.paddr, 2 ** untyped.sizeBits);
  const pool = new AsidPool(untyped.paddr, poolIndex * ASID_POOL_SIZE);
  asids.pools[poolIndex] = pool;
  insertCap(ctx.kernel, dest.slot, { kind: "asidPool", obj: pool }, untypedSlot, false, false);
  return ok();
}

/** decodeARMASIDPoolInvocation: Assign gives a VSpace the pool's first free ASID (never 0). */
export function invokeAsidPool(ctx: InvocationContext, cap: Extract<Cap, { kind: "asidPool" }>): InvocationResult {
  if (ctx.label !== Number(InvocationLabel.ARMASIDPoolAssign)) return illegalOperation("ASIDPool: illegal operation");
  if (ctx.extraCaps.length < 1) return truncatedMessage("ASIDPoolAssign: truncated message");
  const vspaceCap = extraCap(ctx, 0);
  if (!vspaceCap || vspaceCap.kind !== "vspace" || vspaceCap.obj.asid !== null) {
    return invalidCapability(1, "ASIDPoolAssign: need a VSpace without an ASID");
  }
  const pool = cap.obj;
  if (ctx.kernel.asids.pools[pool.base / ASID_POOL_SIZE] !== pool) return invalidCapability(0, "ASIDPoolAssign: pool no longer exists");
  const index = pool.entries.findIndex((v, i) => v === null && pool.base + i !== 0);
  if (index < 0) return fail(seL4_Error.seL4_DeleteFirst, "ASIDPoolAssign: pool is full");
  pool.entries[index] = vspaceCap.obj;
  vspaceCap.obj.asid = pool.base + index;
  return ok();
}
