import { ThreadState } from "../constants/thread-state";
import type { KernelContext } from "../kernel-context";
import type { Reply } from "../objects/reply";
import type { Tcb } from "../objects/tcb";
import type { McsScheduling } from "../scheduler/mcs-scheduling";
import { refillReady, refillSufficient } from "../scheduler/refills";
import { setThreadState } from "../threads/thread-state";
import { handleFaultReply } from "./fault-message";
import { doIpcTransfer } from "./transfer";

/** The MCS scheduler of a kernel that has one (MCS paths only run on MCS kernels). */
export function mcsOf(kernel: KernelContext): McsScheduling {
  return kernel.mcs!;
}

/** reply_unlink: the reply object and the thread let go of each other; the thread becomes Inactive. */
export function replyUnlink(kernel: KernelContext, reply: Reply, tcb: Tcb): void {
  reply.tcb = null;
  tcb.replyObject = null;
  setThreadState(kernel, tcb, ThreadState.Inactive);
}

/**
 * reply_push: the caller waits on `reply`; if it may donate and the callee is passive, the
 * caller's scheduling context goes to the callee and `reply` becomes the head of its call stack.
 */
export function replyPush(kernel: KernelContext, caller: Tcb, callee: Tcb, reply: Reply, canDonate: boolean): void {
  const donated = caller.sc;
  reply.tcb = caller;
  setThreadState(kernel, caller, ThreadState.BlockedOnReply);
  caller.replyObject = reply;
  if (donated && !callee.sc && canDonate) {
    const older = donated.reply;
    if (older) older.next = { kind: "reply", reply };
    reply.prev = older;
    donated.reply = reply;
    reply.next = { kind: "sc", sc: donated };
    mcsOf(kernel).donate(donated, callee);
  }
}

/** reply_pop: removes the head of a call stack; the scheduling context goes back to the caller if it has none. */
function replyPop(kernel: KernelContext, reply: Reply, tcb: Tcb): void {
  const next = reply.next;
  const prev = reply.prev;
  if (next?.kind === "sc") {
    next.sc.reply = prev;
    if (prev) prev.next = next;
    reply.next = null;
    if (!tcb.sc) mcsOf(kernel).donate(next.sc, tcb);
  }
  reply.prev = null;
  replyUnlink(kernel, reply, tcb);
}

/** reply_remove: takes `reply` out of its call stack (popping it if it is the head). */
export function replyRemove(kernel: KernelContext, reply: Reply, tcb: Tcb): void {
  const next = reply.next;
  if (next?.kind === "sc") {
    replyPop(kernel, reply, tcb);
    return;
  }
  if (next) next.reply.prev = null;
  if (reply.prev) reply.prev.next = null;
  reply.prev = null;
  reply.next = null;
  replyUnlink(kernel, reply, tcb);
}

/** reply_remove_tcb: a thread blocked on a reply stops waiting (cancelIPC); the stack is broken there. */
export function replyRemoveTcb(kernel: KernelContext, tcb: Tcb): void {
  const reply = tcb.replyObject;
  if (!reply) {
    setThreadState(kernel, tcb, ThreadState.Inactive);
    return;
  }
  const next = reply.next;
  if (next?.kind === "sc") next.sc.reply = null;
  else if (next) next.reply.prev = null;
  if (reply.prev) reply.prev.next = null;
  reply.prev = null;
  reply.next = null;
  replyUnlink(kernel, reply, tcb);
}

/**
 * doReplyTransfer (MCS): answers the caller waiting on `reply` (a message, or a fault reply that
 * restarts or stops it). The caller gets its scheduling context back; if that has no budget left
 * it takes a Timeout fault (when it has a handler) or waits for its replenishment.
 */
export function doMcsReplyTransfer(kernel: KernelContext, sender: Tcb, reply: Reply, canGrant: boolean): void {
  const receiver = reply.tcb;
  if (!receiver || receiver.state !== ThreadState.BlockedOnReply) return;
  const mcs = mcsOf(kernel);
  replyRemove(kernel, reply, receiver);
  mcs.unblockCheck(receiver.sc);
  const fault = receiver.fault;
  if (!fault) {
    doIpcTransfer(kernel, sender, null, 0n, canGrant, receiver);
    setThreadState(kernel, receiver, ThreadState.Running);
  } else {
    const restart = handleFaultReply(kernel, receiver, sender);
    receiver.fault = null;
    setThreadState(kernel, receiver, restart ? ThreadState.Restart : ThreadState.Inactive);
  }
  const sc = receiver.sc;
  if (!sc || !kernel.isRunnable(receiver)) return;
  if (refillReady(sc, kernel.clock.now) && refillSufficient(sc, 0)) {
    kernel.scheduler.possibleSwitchTo(receiver);
  } else if (mcs.timeouts.hasTimeoutHandler(receiver) && fault?.kind !== "timeout") {
    mcs.timeouts.raiseTimeout(receiver);
  } else {
    mcs.postpone(receiver);
  }
}
