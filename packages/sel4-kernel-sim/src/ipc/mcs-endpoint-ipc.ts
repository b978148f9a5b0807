import { ThreadState } from "../constants/thread-state";
import type { KernelContext } from "../kernel-context";
import type { Endpoint } from "../objects/endpoint";
import type { Reply } from "../objects/reply";
import type { Tcb } from "../objects/tcb";
import { REG_X0 } from "../objects/user-context";
import { cancelIpc, setThreadState } from "../threads/thread-control";
import type { SendAuthority } from "./endpoint-ipc";
import { mcsOf, replyPush, replyUnlink } from "./mcs-reply";
import { completeSignal } from "./notification-ipc";
import { doIpcTransfer } from "./transfer";

/**
 * sendIPC (MCS): hands the message to the highest-priority waiting receiver or queues the sender
 * by priority. A Call (or a fault) waits on the receiver's reply object and, with `canDonate`,
 * lends its scheduling context to a passive receiver; a donating non-call send to a passive
 * receiver lends it too.
 */
export function mcsSendIpc(kernel: KernelContext, sender: Tcb, ep: Endpoint, auth: SendAuthority, blocking: boolean, isCall: boolean, canDonate: boolean): void {
  if (ep.state !== "recv") {
    if (!blocking) return;
    sender.blocking = { kind: "send", endpoint: ep, ...auth, isCall };
    setThreadState(kernel, sender, ThreadState.BlockedOnSend);
    ep.enqueueByPriority(sender, "send");
    return;
  }
  const mcs = mcsOf(kernel);
  const dest = ep.dequeueHead()!;
  doIpcTransfer(kernel, sender, ep, auth.badge, auth.canGrant, dest);
  const reply = dest.replyObject;
  if (reply) replyUnlink(kernel, reply, dest);
  if (isCall || sender.fault) {
    if (reply && (auth.canGrant || auth.canGrantReply)) replyPush(kernel, sender, dest, reply, canDonate);
    else setThreadState(kernel, sender, ThreadState.Inactive);
  } else if (canDonate && !dest.sc && sender.sc) {
    mcs.donate(sender.sc, dest);
  }
  setThreadState(kernel, dest, ThreadState.Running);
  mcs.unblockCheck(dest.sc);
  kernel.scheduler.possibleSwitchTo(dest);
}

/**
 * receiveIPC (MCS): takes a bound notification's signal, or the highest-priority queued sender's
 * message (a caller then waits on `reply`), or blocks with `reply` (null for Wait/NBWait).
 */
export function mcsReceiveIpc(kernel: KernelContext, thread: Tcb, ep: Endpoint, canGrant: boolean, blocking: boolean, reply: Reply | null): void {
  const mcs = mcsOf(kernel);
  if (reply && reply.tcb && reply.tcb !== thread) {
    kernel.debugLog(`<<seL4(CPU 0) [Recv T"${thread.name}"]: Reply object already has unexecuted reply!>>`);
    cancelIpc(kernel, reply.tcb);
  }
  const bound = thread.boundNotification;
  if (bound && bound.state === "active") {
    completeSignal(bound, thread);
    mcs.maybeDonate(thread, bound);
    return;
  }
  if (bound && blocking) mcs.maybeReturn(bound, thread);
  if (ep.state !== "send") {
    if (!blocking) {
      thread.regs[REG_X0] = 0n;
      return;
    }
    thread.blocking = { kind: "recv", endpoint: ep, canGrant };
    setThreadState(kernel, thread, ThreadState.BlockedOnReceive);
    thread.replyObject = reply;
    if (reply) reply.tcb = thread;
    ep.enqueueByPriority(thread, "recv");
    return;
  }
  const sender = ep.dequeueHead()!;
  const sent = sender.blocking;
  if (sent.kind !== "send") return;
  doIpcTransfer(kernel, sender, ep, sent.badge, sent.canGrant, thread);
  mcs.unblockCheck(sender.sc);
  if (sent.isCall || sender.fault) {
    if ((sent.canGrant || sent.canGrantReply) && reply) {
      const canDonate = sender.sc !== null && sender.fault?.kind !== "timeout";
      replyPush(kernel, sender, thread, reply, canDonate);
    } else {
      setThreadState(kernel, sender, ThreadState.Inactive);
    }
  } else {
    setThreadState(kernel, sender, ThreadState.Running);
    kernel.scheduler.possibleSwitchTo(sender);
  }
}
