import { seL4_UserTop } from "../constants/boot";
import { InvocationLabel } from "../constants/labels";
import type { Cap } from "../cspace/cap";
import { arg, type InvocationContext } from "./context";
import { illegalOperation, invalidArgument, ok, rangeError, truncatedMessage, type InvocationResult } from "./result";

type VSpaceCap = Extract<Cap, { kind: "vspace" }>;

/** decodeARMVSpaceInvocation: the VSpace cache operations (one page at a time). */
export function invokeVSpace(ctx: InvocationContext, cap: VSpaceCap): InvocationResult {
  const label = ctx.label as InvocationLabel;
  if (label < InvocationLabel.ARMVSpaceClean_Data || label > InvocationLabel.ARMVSpaceUnify_Instruction) {
    return illegalOperation("VSpace: illegal operation");
  }
  const name = InvocationLabel[label];
  if (ctx.args.length < 2) return truncatedMessage(`${name}: truncated message`);
  const start = Number(arg(ctx, 0));
  const end = Number(arg(ctx, 1));
  if (end <= start) return invalidArgument(1, `${name}: end is not after start`);
  if (end > seL4_UserTop) return illegalOperation(`${name}: range above the top of user address space`);
  if (cap.obj.asid === null) return illegalOperation(`${name}: VSpace has no ASID`);
  const page = cap.obj.translate(start);
  if (!page) return ok();
  const pageEnd = start - page.offset + page.frame.size;
  if (end > pageEnd) return rangeError(start, pageEnd - 1, `${name}: range crosses a page boundary`);
  ctx.kernel.cacheMaintenance(page.frame.paddr + page.offset, end - start, label === InvocationLabel.ARMVSpaceUnify_Instruction);
  return ok();
}
