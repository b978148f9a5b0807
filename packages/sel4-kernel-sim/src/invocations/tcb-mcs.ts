import { InvocationLabel } from "../constants/labels";
import { McsOnlyLabel, type InternalLabel } from "../constants/mcs";
import { ThreadState } from "../constants/thread-state";
import { insertDerived } from "../cspace/cdt";
import { deleteCap } from "../cspace/delete";
import type { Slot } from "../cspace/slot";
import { validFaultHandler } from "../ipc/mcs-fault";
import type { Tcb } from "../objects/tcb";
import { scReleased } from "../scheduler/refills";
import { arg, argNumber, extraCap, type InvocationContext } from "./context";
import { illegalOperation, invalidCapability, ok, rangeError, truncatedMessage, type InvocationResult } from "./result";
import { checkIpcBuffer, checkSpace, installIpcBuffer, installRoots, setPriority } from "./tcb";

/** isBlocked: waiting on an endpoint, notification or reply. */
export function isBlocked(tcb: Tcb): boolean {
  return (
    tcb.state === ThreadState.BlockedOnReceive ||
    tcb.state === ThreadState.BlockedOnSend ||
    tcb.state === ThreadState.BlockedOnNotification ||
    tcb.state === ThreadState.BlockedOnReply
  );
}

/** installTCBCap: replaces an internal handler slot with a copy of the cap in `source` (or empties it). */
function installTcbCap(ctx: InvocationContext, dest: Slot, source: Slot): void {
  deleteCap(ctx.kernel, dest);
  if (source.cap) insertDerived(ctx.kernel, { ...source.cap }, source, dest);
}

/**
 * The TCB methods whose MCS form differs (Configure, SetSchedParams, SetSpace) and the MCS-only
 * SetTimeoutEndpoint; null for the methods both configurations share.
 */
export function invokeTcbMcs(ctx: InvocationContext, tcb: Tcb): InvocationResult | null {
  switch (ctx.label as InternalLabel) {
    case InvocationLabel.TCBConfigure:
      return configure(ctx, tcb);
    case InvocationLabel.TCBSetSchedParams:
      return setSchedParams(ctx, tcb);
    case InvocationLabel.TCBSetSpace:
      return setSpace(ctx, tcb);
    case McsOnlyLabel.TCBSetTimeoutEndpoint: {
      const source = ctx.extraCaps[0];
      if (!source) return truncatedMessage("TCB SetTimeoutEndpoint: truncated message");
      if (!validFaultHandler(source.cap)) return invalidCapability(1, "TCB SetTimeoutEndpoint: not an endpoint with Write and Grant or GrantReply");
      installTcbCap(ctx, tcb.timeoutHandlerSlot, source);
      return ok();
    }
    default:
      return null;
  }
}

/** Configure (MCS): CSpace root and data, VSpace root and data, IPC buffer; no fault endpoint, no priority. */
function configure(ctx: InvocationContext, tcb: Tcb): InvocationResult {
  if (ctx.args.length < 3 || ctx.extraCaps.length < 3) return truncatedMessage("TCB Configure: truncated message");
  const [cspaceSlot, vspaceSlot, bufferSlot] = ctx.extraCaps as [Slot, Slot, Slot];
  const bufferAddr = argNumber(ctx, 2);
  const buffer = checkIpcBuffer(bufferAddr, bufferSlot);
  if (!buffer.ok) return buffer.result;
  const spaces = checkSpace(cspaceSlot, arg(ctx, 0), vspaceSlot);
  if (!spaces.ok) return spaces.result;
  installRoots(ctx, tcb, spaces, cspaceSlot, vspaceSlot);
  installIpcBuffer(ctx, tcb, bufferAddr, buffer.cap, bufferSlot);
  return ok();
}

/** SetSpace (MCS): cap0 the fault handler endpoint (copied into the TCB), cap1/cap2 the roots. */
function setSpace(ctx: InvocationContext, tcb: Tcb): InvocationResult {
  if (ctx.args.length < 2 || ctx.extraCaps.length < 3) return truncatedMessage("TCB SetSpace: truncated message");
  const [faultSlot, cspaceSlot, vspaceSlot] = ctx.extraCaps as [Slot, Slot, Slot];
  const spaces = checkSpace(cspaceSlot, arg(ctx, 0), vspaceSlot);
  if (!spaces.ok) return spaces.result;
  if (!validFaultHandler(faultSlot.cap)) return invalidCapability(1, "TCB SetSpace: fault handler is not an endpoint with Write and Grant or GrantReply");
  installTcbCap(ctx, tcb.faultHandlerSlot, faultSlot);
  installRoots(ctx, tcb, spaces, cspaceSlot, vspaceSlot);
  return ok();
}

/** SetSchedParams (MCS): MR0 mcp, MR1 priority; cap0 authority, cap1 scheduling context (or null), cap2 fault handler. */
function setSchedParams(ctx: InvocationContext, tcb: Tcb): InvocationResult {
  if (ctx.args.length < 2 || ctx.extraCaps.length < 3) return truncatedMessage("TCB SetSchedParams: truncated message");
  const mcp = arg(ctx, 0);
  const priority = arg(ctx, 1);
  const authority = extraCap(ctx, 0);
  if (authority?.kind !== "tcb") return invalidCapability(1, "TCB SetSchedParams: authority is not a TCB");
  const limit = authority.obj.mcp;
  if (mcp > BigInt(limit)) return rangeError(0, limit, `TCB SetSchedParams: requested MCP ${mcp} exceeds the authority's MCP ${limit}`);
  if (priority > BigInt(limit)) return rangeError(0, limit, `TCB SetSchedParams: requested priority ${priority} exceeds the authority's MCP ${limit}`);
  const scCap = extraCap(ctx, 1);
  let sc = null;
  if (scCap?.kind === "schedContext") {
    sc = scCap.obj;
    if (tcb.sc !== sc) {
      if (tcb.sc) return illegalOperation("TCB SetSchedParams: the TCB already has a scheduling context");
      if (sc.tcb) return illegalOperation("TCB SetSchedParams: the scheduling context is already bound");
    }
    if (isBlocked(tcb) && !scReleased(sc, ctx.kernel.clock.now)) {
      return illegalOperation("TCB SetSchedParams: the TCB is blocked and the scheduling context is not schedulable");
    }
  } else if (scCap === null) {
    if (tcb === ctx.thread) return illegalOperation("TCB SetSchedParams: cannot remove the current thread's scheduling context");
  } else {
    return invalidCapability(2, "TCB SetSchedParams: not a scheduling context cap");
  }
  const faultSlot = ctx.extraCaps[2]!;
  if (!validFaultHandler(faultSlot.cap)) return invalidCapability(3, "TCB SetSchedParams: fault handler is not an endpoint with Write and Grant or GrantReply");
  installTcbCap(ctx, tcb.faultHandlerSlot, faultSlot);
  tcb.mcp = Number(mcp);
  setPriority(ctx.kernel, tcb, Number(priority));
  const mcs = ctx.kernel.mcs!;
  if (tcb.sc !== sc) {
    if (sc) mcs.bindTcb(sc, tcb);
    else if (tcb.sc) mcs.unbindTcb(tcb.sc);
  }
  return ok();
}
