import { seL4_UserTop } from "../constants/boot";
import { seL4_Error } from "../constants/errors";
import { InvocationLabel } from "../constants/labels";
import { seL4_CanRead, seL4_CanWrite } from "../constants/rights";
import type { Cap } from "../cspace/cap";
import { lookupPtSlot, mapFrame, unmapFrameCap } from "../mmu/mapping";
import type { VSpace } from "../objects/vspace";
import { arg, argNumber, extraCap, type InvocationContext } from "./context";
import { fail, failedLookup, illegalOperation, invalidArgument, invalidCapability, ok, truncatedMessage, type InvocationResult } from "./result";

type FrameCap = Extract<Cap, { kind: "frame" }>;

/** The VSpace a VSpace cap names if it is an assigned root; otherwise the failure to return. */
export function validVSpace(ctx: InvocationContext, capIndex: number, what: string): { ok: true; vspace: VSpace } | { ok: false; result: InvocationResult } {
  const cap = extraCap(ctx, capIndex);
  if (!cap || cap.kind !== "vspace" || cap.obj.asid === null) {
    return { ok: false, result: invalidCapability(capIndex + 1, `${what}: invalid VSpace root cap`) };
  }
  const found = ctx.kernel.asids.lookup(cap.obj.asid);
  if (!found) return { ok: false, result: failedLookup(false, { kind: "invalidRoot" }, `${what}: no VSpace for the ASID`) };
  if (found !== cap.obj) return { ok: false, result: invalidCapability(capIndex + 1, `${what}: VSpace does not own its ASID`) };
  return { ok: true, vspace: cap.obj };
}

/** maskVMRights: the mapping rights a frame cap allows for the requested rights. */
function maskVmRights(capRights: number, requested: number): number {
  const read = (capRights & requested & seL4_CanRead) !== 0;
  if (!read) return 0;
  return (capRights & requested & seL4_CanWrite) !== 0 ? seL4_CanRead | seL4_CanWrite : seL4_CanRead;
}

/** decodeARMFrameInvocation: Page_Map, Unmap, GetAddress and the cache operations. */
export function invokeFrame(ctx: InvocationContext, cap: FrameCap): InvocationResult {
  switch (ctx.label as InvocationLabel) {
    case InvocationLabel.ARMPageMap:
      return map(ctx, cap);
    case InvocationLabel.ARMPageUnmap:
      unmapFrameCap(ctx.kernel, cap);
      return ok();
    case InvocationLabel.ARMPageGetAddress:
      return ok([BigInt(cap.obj.paddr)]);
    case InvocationLabel.ARMPageClean_Data:
    case InvocationLabel.ARMPageInvalidate_Data:
    case InvocationLabel.ARMPageCleanInvalidate_Data:
    case InvocationLabel.ARMPageUnify_Instruction:
      return cacheOperation(ctx, cap);
    default:
      return illegalOperation("Page: illegal operation");
  }
}

function map(ctx: InvocationContext, cap: FrameCap): InvocationResult {
  if (ctx.args.length < 3 || ctx.extraCaps.length < 1) return truncatedMessage("ARMPageMap: truncated message");
  const vaddr = argNumber(ctx, 0);
  const rights = Number(arg(ctx, 1) & 0xfn);
  const attributes = Number(arg(ctx, 2));
  const root = validVSpace(ctx, 0, "ARMPageMap");
  if (!root.ok) return root.result;
  const { vspace } = root;
  const size = cap.obj.size;
  if (cap.mapping) {
    if (cap.mapping.asid !== vspace.asid) return invalidCapability(1, "ARMPageMap: frame already mapped in another VSpace");
    if (cap.mapping.vaddr !== vaddr) return invalidArgument(0, "ARMPageMap: frame already mapped at a different address");
  } else if (vaddr + size - 1 > seL4_UserTop) {
    return invalidArgument(0, "ARMPageMap: mapping ends above the top of user address space");
  }
  if (vaddr % size !== 0) return fail(seL4_Error.seL4_AlignmentError, "ARMPageMap: virtual address is not aligned to the frame size");
  const slot = lookupPtSlot(vspace, vaddr);
  if (slot.bitsLeft !== cap.obj.sizeBits) {
    return failedLookup(false, { kind: "missingCapability", bitsLeft: slot.bitsLeft }, "ARMPageMap: no page table at the right level");
  }
  mapFrame(vspace, slot, vaddr, cap.obj, maskVmRights(cap.rights, rights), attributes);
  cap.mapping = { asid: vspace.asid!, vaddr };
  return ok();
}

function cacheOperation(ctx: InvocationContext, cap: FrameCap): InvocationResult {
  const name = InvocationLabel[ctx.label as InvocationLabel];
  if (ctx.args.length < 2) return truncatedMessage(`${name}: truncated message`);
  if (!cap.mapping) return illegalOperation(`${name}: frame is not mapped`);
  const start = arg(ctx, 0);
  const end = arg(ctx, 1);
  if (end <= start) return invalidArgument(1, `${name}: end is not after start`);
  if (start >= BigInt(cap.obj.size) || end > BigInt(cap.obj.size)) return invalidArgument(0, `${name}: range outside the frame`);
  ctx.kernel.cacheMaintenance(cap.obj.paddr + Number(start), Number(end - start), ctx.label === Number(InvocationLabel.ARMPageUnify_Instruction));
  return ok();
}
