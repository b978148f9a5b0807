import { seL4_Error } from "../constants/errors";
import { InvocationLabel } from "../constants/labels";
import { canSend, type Cap } from "../cspace/cap";
import { insertCap, insertDerived } from "../cspace/cdt";
import { deleteCap } from "../cspace/delete";
import { arg, argNumber, extraCap, lookupCNodeArgument, type InvocationContext } from "./context";
import { fail, illegalOperation, invalidCapability, ok, rangeError, truncatedMessage, type InvocationResult } from "./result";

/** decodeIRQControlInvocation: Get and GetTrigger create an IRQHandler cap. */
export function invokeIrqControl(ctx: InvocationContext): InvocationResult {
  const label = ctx.label as InvocationLabel;
  const withTrigger = label === InvocationLabel.ARMIRQIssueIRQHandlerTrigger;
  if (label !== InvocationLabel.IRQIssueIRQHandler && !withTrigger) return illegalOperation("IRQControl: illegal operation");
  const name = withTrigger ? "IRQControl_GetTrigger" : "IRQControl_Get";
  const base = withTrigger ? 2 : 1;
  if (ctx.args.length < base + 2 || ctx.extraCaps.length < 1) return truncatedMessage(`${name}: truncated message`);
  const irq = arg(ctx, 0);
  const irqs = ctx.kernel.irqs;
  if (irq > BigInt(irqs.maxIrq)) return rangeError(0, irqs.maxIrq, `${name}: IRQ ${irq} above the maximum ${irqs.maxIrq}`);
  const line = irqs.line(Number(irq));
  if (line.claimed || irqs.isReserved(line.irq)) return fail(seL4_Error.seL4_RevokeFirst, `${name}: IRQ ${irq} is already active`);
  const dest = lookupCNodeArgument(extraCap(ctx, 0), arg(ctx, base), argNumber(ctx, base + 1), false, `${name}: destination`);
  if (!dest.ok) return dest.result;
  if (dest.slot.cap) return fail(seL4_Error.seL4_DeleteFirst, `${name}: destination slot not empty`);
  irqs.claim(line, withTrigger ? Number(arg(ctx, 1) & 1n) : 0);
  insertCap(ctx.kernel, dest.slot, { kind: "irqHandler", line }, ctx.slot, true, true);
  return ok();
}

/** decodeIRQHandlerInvocation: Ack, SetNotification, Clear. */
export function invokeIrqHandler(ctx: InvocationContext, cap: Extract<Cap, { kind: "irqHandler" }>): InvocationResult {
  const line = cap.line;
  switch (ctx.label as InvocationLabel) {
    case InvocationLabel.IRQAckIRQ:
      ctx.kernel.ackIrq(line.irq);
      return ok();
    case InvocationLabel.IRQSetIRQHandler: {
      if (ctx.extraCaps.length < 1) return truncatedMessage("IRQSetIRQHandler: truncated message");
      const source = ctx.extraCaps[0]!;
      const ntfn = source.cap;
      if (!ntfn || ntfn.kind !== "notification" || !canSend(ntfn.rights)) return invalidCapability(0, "IRQSetIRQHandler: need a notification cap with send rights");
      deleteCap(ctx.kernel, line.notificationSlot);
      insertDerived(ctx.kernel, { ...ntfn }, source, line.notificationSlot);
      return ok();
    }
    case InvocationLabel.IRQClearIRQHandler:
      deleteCap(ctx.kernel, line.notificationSlot);
      return ok();
    default:
      return illegalOperation("IRQHandler: illegal operation");
  }
}
