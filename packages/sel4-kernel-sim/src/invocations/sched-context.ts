import { McsOnlyLabel } from "../constants/mcs";
import type { Cap } from "../cspace/cap";
import type { SchedContext } from "../objects/sched-context";
import { scReleased, takeConsumedUs } from "../scheduler/refills";
import { extraCap, type InvocationContext } from "./context";
import { illegalOperation, invalidCapability, ok, truncatedMessage, type InvocationResult } from "./result";
import { isBlocked } from "./tcb-mcs";

/** decodeSchedContextInvocation: Bind, Unbind, UnbindObject, Consumed, YieldTo. */
export function invokeSchedContext(ctx: InvocationContext, cap: Extract<Cap, { kind: "schedContext" }>): InvocationResult {
  const sc = cap.obj;
  switch (ctx.label as McsOnlyLabel) {
    case McsOnlyLabel.SchedContextConsumed:
      return ok([takeConsumedUs(sc)]);
    case McsOnlyLabel.SchedContextBind:
      return bind(ctx, sc);
    case McsOnlyLabel.SchedContextUnbindObject:
      return unbindObject(ctx, sc);
    case McsOnlyLabel.SchedContextUnbind:
      if (sc.tcb === ctx.thread) return illegalOperation("SchedContext Unbind: cannot unbind sc of current thread");
      ctx.kernel.mcs!.unbindAll(sc);
      return ok();
    case McsOnlyLabel.SchedContextYieldTo:
      return yieldTo(ctx, sc);
    default:
      return illegalOperation("SchedContext invocation: illegal operation attempted");
  }
}

function unbindNotification(sc: SchedContext): void {
  if (!sc.notification) return;
  sc.notification.sc = null;
  sc.notification = null;
}

function bind(ctx: InvocationContext, sc: SchedContext): InvocationResult {
  if (ctx.extraCaps.length < 1) return truncatedMessage("SchedContext_Bind: truncated message");
  const target = extraCap(ctx, 0);
  if (target?.kind === "tcb") {
    const tcb = target.obj;
    if (sc.tcb) return illegalOperation("SchedContext_Bind: sched context already bound");
    if (tcb.sc) return illegalOperation("SchedContext_Bind: tcb already bound");
    if (isBlocked(tcb) && !scReleased(sc, ctx.kernel.clock.now)) return illegalOperation("SchedContext_Bind: tcb blocked and scheduling context not schedulable");
    ctx.kernel.mcs!.bindTcb(sc, tcb);
    return ok();
  }
  if (target?.kind === "notification") {
    if (sc.notification) return illegalOperation("SchedContext_Bind: sched context already bound");
    if (target.obj.sc) return illegalOperation("SchedContext_Bind: notification already bound");
    sc.notification = target.obj;
    target.obj.sc = sc;
    return ok();
  }
  return invalidCapability(1, "SchedContext_Bind: invalid cap");
}

function unbindObject(ctx: InvocationContext, sc: SchedContext): InvocationResult {
  if (ctx.extraCaps.length < 1) return truncatedMessage("SchedContext_UnbindObject: truncated message");
  const target = extraCap(ctx, 0);
  if (target?.kind === "tcb") {
    if (sc.tcb !== target.obj) return illegalOperation("SchedContext UnbindObject: object not bound");
    if (sc.tcb === ctx.thread) return illegalOperation("SchedContext UnbindObject: cannot unbind sc of current thread");
    ctx.kernel.mcs!.unbindTcb(sc);
    return ok();
  }
  if (target?.kind === "notification") {
    if (sc.notification !== target.obj) return illegalOperation("SchedContext UnbindObject: object not bound");
    unbindNotification(sc);
    return ok();
  }
  return invalidCapability(1, "SchedContext_UnbindObject: invalid cap");
}

/**
 * YieldTo: the thread running on `sc` goes to the head of its ready queue; at the caller's
 * priority or above it runs next. Simplified: the consumed time is returned at once rather than
 * when the caller is scheduled again.
 */
function yieldTo(ctx: InvocationContext, sc: SchedContext): InvocationResult {
  const tcb = sc.tcb;
  const current = ctx.thread;
  if (!tcb) return illegalOperation("SchedContext_YieldTo: cannot yield to an inactive sched context");
  if (tcb === current) return illegalOperation("SchedContext_YieldTo: cannot seL4_SchedContext_YieldTo on self");
  if (tcb.priority > current.mcp) {
    return illegalOperation(`SchedContext_YieldTo: insufficient mcp (${current.mcp}) to yield to a thread with prio (${tcb.priority})`);
  }
  const kernel = ctx.kernel;
  const scheduler = kernel.scheduler;
  const mcs = kernel.mcs!;
  mcs.resume(sc);
  if (mcs.isSchedulable(tcb)) {
    scheduler.dequeue(tcb);
    if (tcb.priority >= current.priority) scheduler.enqueue(current);
    scheduler.enqueue(tcb);
    if (tcb.priority >= current.priority) scheduler.rescheduleRequired();
  }
  return ok([takeConsumedUs(sc)]);
}
