import { seL4_Error } from "../constants/errors";
import { InvocationLabel } from "../constants/labels";
import {
  isFrameType,
  objectSizeBits,
  seL4_MaxUntypedBits,
  seL4_MinUntypedBits,
  seL4_ObjectType,
  seL4_ObjectTypeCount,
  seL4_UntypedRetypeMaxObjects,
} from "../constants/object-types";
import {
  mcsObjectType,
  seL4_MinSchedContextBits,
  seL4_NotificationBits_MCS,
  seL4_ObjectTypeCount_MCS,
  seL4_ReplyBits,
  type RetypeObjectType,
} from "../constants/mcs";
import type { Cap } from "../cspace/cap";
import { insertCap } from "../cspace/cdt";
import { createObject } from "../objects/create";
import { arg, argNumber, extraCap, lookupCNodeArgument, type InvocationContext } from "./context";
import { fail, failedLookup, illegalOperation, invalidArgument, ok, rangeError, truncatedMessage, type InvocationResult } from "./result";

/** decodeUntypedInvocation: Untyped_Retype with all of seL4's checks, then the retype. */
export function invokeUntyped(ctx: InvocationContext, cap: Extract<Cap, { kind: "untyped" }>): InvocationResult {
  if (ctx.label !== Number(InvocationLabel.UntypedRetype)) return illegalOperation("Untyped: illegal operation");
  if (ctx.args.length < 6 || ctx.extraCaps.length < 1) return truncatedMessage("Untyped_Retype: truncated message");
  const typeArg = arg(ctx, 0);
  const userSizeArg = arg(ctx, 1);
  const nodeIndex = arg(ctx, 2);
  const nodeDepth = argNumber(ctx, 3);
  const nodeOffset = arg(ctx, 4);
  const count = arg(ctx, 5);
  const mcs = ctx.kernel.mcs !== null;
  const type = decodeObjectType(typeArg, mcs);
  if (type === null) return invalidArgument(0, `Untyped_Retype: invalid object type ${typeArg}`);
  if (userSizeArg >= 64n) return rangeError(0, seL4_MaxUntypedBits, `Untyped_Retype: size ${userSizeArg} too big`);
  const userSize = Number(userSizeArg);
  const sizeBits = retypeSizeBits(type, userSize, mcs);
  if (sizeBits > seL4_MaxUntypedBits) return rangeError(0, seL4_MaxUntypedBits, `Untyped_Retype: object size 2^${sizeBits} too big`);
  if (type === seL4_ObjectType.seL4_CapTableObject && userSize === 0) return invalidArgument(1, "Untyped_Retype: a CNode needs at least one radix bit");
  if (type === seL4_ObjectType.seL4_UntypedObject && userSize < seL4_MinUntypedBits) {
    return invalidArgument(1, `Untyped_Retype: untyped objects must be at least 2^${seL4_MinUntypedBits} bytes`);
  }
  if (type === "schedContext" && userSize < seL4_MinSchedContextBits) {
    return invalidArgument(1, "Untyped_Retype: requested a scheduling context too small");
  }

  const root = extraCap(ctx, 0);
  let nodeCap = root;
  if (nodeDepth !== 0) {
    const found = lookupCNodeArgument(root, nodeIndex, nodeDepth, false, "Untyped_Retype: destination");
    if (!found.ok) return found.result;
    nodeCap = found.slot.cap;
  }
  if (!nodeCap || nodeCap.kind !== "cnode") {
    return failedLookup(false, { kind: "missingCapability", bitsLeft: nodeDepth }, "Untyped_Retype: destination is not a CNode");
  }
  const slots = nodeCap.obj.size;
  if (nodeOffset > BigInt(slots - 1)) return rangeError(0, slots - 1, `Untyped_Retype: destination offset ${nodeOffset} out of range`);
  if (count < 1n || count > BigInt(seL4_UntypedRetypeMaxObjects)) {
    return rangeError(1, seL4_UntypedRetypeMaxObjects, `Untyped_Retype: ${count} objects is outside the fan-out limit`);
  }
  const offset = Number(nodeOffset);
  const n = Number(count);
  if (n > slots - offset) return rangeError(1, slots - offset, "Untyped_Retype: destination window runs past the CNode");
  const destSlots = Array.from({ length: n }, (_, i) => nodeCap.obj.slot(offset + i));
  const occupied = destSlots.findIndex((s) => s.cap !== null);
  if (occupied >= 0) return fail(seL4_Error.seL4_DeleteFirst, `Untyped_Retype: destination slot ${offset + occupied} is not empty`);

  const reset = ctx.slot.children.length === 0;
  const freeIndex = reset ? 0 : cap.freeIndex;
  const untypedSize = 2 ** cap.sizeBits;
  const freeBytes = untypedSize - freeIndex;
  if (Math.floor(freeBytes / 2 ** sizeBits) < n) {
    return fail(
      seL4_Error.seL4_NotEnoughMemory,
      `Untyped_Retype: insufficient memory (${n} * ${2 ** sizeBits} bytes needed, ${freeBytes} bytes available)`,
      [BigInt(freeBytes)],
    );
  }
  if (cap.isDevice && (typeof type === "string" || (!isFrameType(type) && type !== seL4_ObjectType.seL4_UntypedObject))) {
    return invalidArgument(1, "Untyped_Retype: device untyped may only make frames and untyped");
  }

  const kernel = ctx.kernel;
  if (reset && !cap.isDevice) kernel.memory.zero(cap.paddr, untypedSize);
  const objectSize = 2 ** sizeBits;
  const start = Math.ceil((cap.paddr + freeIndex) / objectSize) * objectSize;
  cap.freeIndex = start - cap.paddr + n * objectSize;
  destSlots.forEach((dest, i) => {
    const paddr = start + i * objectSize;
    if (!cap.isDevice) kernel.memory.zero(paddr, objectSize);
    insertCap(kernel, dest, createObject(kernel, type, paddr, userSize, cap.isDevice), ctx.slot, true, true);
  });
  return ok();
}

/** The object type of Retype's type argument in this kernel's numbering (null: invalid). */
function decodeObjectType(typeArg: bigint, mcs: boolean): RetypeObjectType | null {
  if (mcs) return typeArg < BigInt(seL4_ObjectTypeCount_MCS) ? mcsObjectType(Number(typeArg)) : null;
  return typeArg < BigInt(seL4_ObjectTypeCount) ? Number(typeArg) : null;
}

/** Object size in log2 bytes; an MCS kernel's notifications are 2^6, its scheduling contexts user-sized. */
function retypeSizeBits(type: RetypeObjectType, userSize: number, mcs: boolean): number {
  if (type === "schedContext") return userSize;
  if (type === "reply") return seL4_ReplyBits;
  if (mcs && type === seL4_ObjectType.seL4_NotificationObject) return seL4_NotificationBits_MCS;
  return objectSizeBits(type, userSize);
}
