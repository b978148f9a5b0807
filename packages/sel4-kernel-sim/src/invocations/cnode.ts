import { seL4_Error } from "../constants/errors";
import { InvocationLabel } from "../constants/labels";
import { seL4_AllRights } from "../constants/rights";
import { maskCapRights, updateCapData, type Cap } from "../cspace/cap";
import { insertDerived, moveCap, swapCaps } from "../cspace/cdt";
import { deleteCap, revokeCap } from "../cspace/delete";
import { deriveCap } from "../cspace/derive";
import { Slot } from "../cspace/slot";
import { cancelBadgedSends } from "../ipc/endpoint-ipc";
import { arg, argNumber, extraCap, lookupCNodeArgument, type InvocationContext } from "./context";
import { fail, failedLookup, illegalOperation, ok, truncatedMessage, type InvocationResult } from "./result";

const deleteFirst = (what: string): InvocationResult => fail(seL4_Error.seL4_DeleteFirst, `${what}: destination slot not empty`);

/** decodeCNodeInvocation: Copy, Mint, Move, Mutate, Rotate, Delete, Revoke, CancelBadgedSends, SaveCaller. */
export function invokeCNode(ctx: InvocationContext, cap: Extract<Cap, { kind: "cnode" }>): InvocationResult {
  const label = ctx.label as InvocationLabel;
  if (label < InvocationLabel.CNodeRevoke || label > InvocationLabel.CNodeSaveCaller) return illegalOperation("CNode: illegal operation");
  if (ctx.args.length < 2) return truncatedMessage("CNode operation: truncated message");
  const dest = lookupCNodeArgument(cap, arg(ctx, 0), argNumber(ctx, 1), false, "CNode operation: target slot");
  if (!dest.ok) return dest.result;
  const destSlot = dest.slot;
  switch (label) {
    case InvocationLabel.CNodeCopy:
    case InvocationLabel.CNodeMint:
    case InvocationLabel.CNodeMove:
    case InvocationLabel.CNodeMutate:
      return copyOrMove(ctx, label, destSlot);
    case InvocationLabel.CNodeRevoke:
      revokeCap(ctx.kernel, destSlot);
      return ok();
    case InvocationLabel.CNodeDelete:
      deleteCap(ctx.kernel, destSlot);
      return ok();
    case InvocationLabel.CNodeSaveCaller: {
      if (destSlot.cap) return deleteFirst("CNode SaveCaller");
      const caller = ctx.thread.callerSlot;
      if (caller.cap?.kind === "reply") moveCap(caller.cap, caller, destSlot);
      return ok();
    }
    case InvocationLabel.CNodeCancelBadgedSends: {
      const target = destSlot.cap;
      if (!target || target.kind !== "endpoint" || target.rights !== seL4_AllRights) {
        return illegalOperation("CNode CancelBadgedSends: the cap needs all rights to an endpoint");
      }
      if (target.badge !== 0n) cancelBadgedSends(ctx.kernel, target.obj, target.badge);
      return ok();
    }
    case InvocationLabel.CNodeRotate:
      return rotate(ctx, destSlot);
    default:
      return illegalOperation("CNode: illegal operation");
  }
}

function copyOrMove(ctx: InvocationContext, label: InvocationLabel, destSlot: Slot): InvocationResult {
  const name = InvocationLabel[label];
  if (ctx.args.length < 4 || ctx.extraCaps.length < 1) return truncatedMessage(`${name}: truncated message`);
  const srcDepth = argNumber(ctx, 3);
  if (destSlot.cap) return deleteFirst(name);
  const src = lookupCNodeArgument(extraCap(ctx, 0), arg(ctx, 2), srcDepth, true, `${name}: source slot`);
  if (!src.ok) return src.result;
  const srcSlot = src.slot;
  const srcCap = srcSlot.cap;
  if (!srcCap) return failedLookup(true, { kind: "missingCapability", bitsLeft: srcDepth }, `${name}: source slot is empty`);

  let newCap: Cap | null;
  const isMove = label === InvocationLabel.CNodeMove || label === InvocationLabel.CNodeMutate;
  if (label === InvocationLabel.CNodeMove) {
    newCap = srcCap;
  } else if (label === InvocationLabel.CNodeMutate) {
    if (ctx.args.length < 5) return truncatedMessage(`${name}: truncated message`);
    newCap = updateCapData(true, arg(ctx, 4), srcCap);
  } else {
    if (ctx.args.length < (label === InvocationLabel.CNodeMint ? 6 : 5)) return truncatedMessage(`${name}: truncated message`);
    const derived = deriveCap(srcSlot);
    if (!derived.ok) return fail(derived.error, `${name}: ${derived.reason}`);
    newCap = derived.cap && maskCapRights(derived.cap, Number(arg(ctx, 4) & 0xfn));
    if (newCap && label === InvocationLabel.CNodeMint) newCap = updateCapData(false, arg(ctx, 5), newCap);
  }
  if (!newCap) return illegalOperation(`${name}: the resulting cap would be invalid`);
  if (isMove) moveCap(newCap, srcSlot, destSlot);
  else insertDerived(ctx.kernel, newCap, srcSlot, destSlot);
  return ok();
}

function rotate(ctx: InvocationContext, destSlot: Slot): InvocationResult {
  if (ctx.args.length < 8 || ctx.extraCaps.length < 2) return truncatedMessage("CNodeRotate: truncated message");
  const pivotNewData = arg(ctx, 2);
  const pivotDepth = argNumber(ctx, 4);
  const srcNewData = arg(ctx, 5);
  const srcDepth = argNumber(ctx, 7);
  const pivot = lookupCNodeArgument(extraCap(ctx, 0), arg(ctx, 3), pivotDepth, false, "CNodeRotate: pivot slot");
  if (!pivot.ok) return pivot.result;
  const src = lookupCNodeArgument(extraCap(ctx, 1), arg(ctx, 6), srcDepth, true, "CNodeRotate: source slot");
  if (!src.ok) return src.result;
  const pivotSlot = pivot.slot;
  const srcSlot = src.slot;
  if (pivotSlot === srcSlot || pivotSlot === destSlot) return illegalOperation("CNodeRotate: pivot slot equals source or destination");
  if (srcSlot !== destSlot && destSlot.cap) return deleteFirst("CNodeRotate");
  if (!srcSlot.cap) return failedLookup(true, { kind: "missingCapability", bitsLeft: srcDepth }, "CNodeRotate: source slot is empty");
  if (!pivotSlot.cap) return failedLookup(false, { kind: "missingCapability", bitsLeft: pivotDepth }, "CNodeRotate: pivot slot is empty");
  const newSrcCap = updateCapData(true, srcNewData, srcSlot.cap);
  const newPivotCap = updateCapData(true, pivotNewData, pivotSlot.cap);
  if (!newSrcCap || !newPivotCap) return illegalOperation("CNodeRotate: the resulting cap would be invalid");
  if (srcSlot === destSlot) {
    swapCaps(newSrcCap, srcSlot, newPivotCap, pivotSlot, new Slot("rotate scratch"));
  } else {
    moveCap(newPivotCap, pivotSlot, destSlot);
    moveCap(newSrcCap, srcSlot, pivotSlot);
  }
  return ok();
}
