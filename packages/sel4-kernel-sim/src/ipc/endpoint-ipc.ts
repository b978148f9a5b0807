import { ThreadState } from "../constants/thread-state";
import type { KernelContext } from "../kernel-context";
import type { Endpoint } from "../objects/endpoint";
import type { Tcb } from "../objects/tcb";
import { REG_X0 } from "../objects/user-context";
import { restartQueued, setThreadState, wakeThread } from "../threads/thread-state";
import { completeSignal } from "./notification-ipc";
import { setupCallerCap } from "./reply";
import { doIpcTransfer } from "./transfer";

/** The sender-side authority of an IPC send. */
export interface SendAuthority {
  readonly badge: bigint;
  readonly canGrant: boolean;
  readonly canGrantReply: boolean;
}

/** sendIPC: hands the message to a waiting receiver, or queues the sender (blocking only). */
export function sendIpc(kernel: KernelContext, sender: Tcb, ep: Endpoint, auth: SendAuthority, blocking: boolean, isCall: boolean): void {
  if (ep.state !== "recv") {
    if (!blocking) return;
    sender.blocking = { kind: "send", endpoint: ep, ...auth, isCall };
    setThreadState(kernel, sender, ThreadState.BlockedOnSend);
    ep.enqueue(sender, "send");
    return;
  }
  const receiver = ep.dequeueHead()!;
  const replyCanGrant = receiver.blocking.kind === "recv" && receiver.blocking.canGrant;
  doIpcTransfer(kernel, sender, ep, auth.badge, auth.canGrant, receiver);
  wakeThread(kernel, receiver);
  if (isCall || sender.fault) {
    if (auth.canGrant || auth.canGrantReply) setupCallerCap(kernel, sender, receiver, replyCanGrant);
    else setThreadState(kernel, sender, ThreadState.Inactive);
  }
}

/** receiveIPC: takes a bound notification's signal, a queued sender's message, or blocks. */
export function receiveIpc(kernel: KernelContext, receiver: Tcb, ep: Endpoint, canGrant: boolean, blocking: boolean): void {
  const bound = receiver.boundNotification;
  if (bound && bound.state === "active") {
    completeSignal(bound, receiver);
    return;
  }
  if (ep.state !== "send") {
    if (blocking) {
      receiver.blocking = { kind: "recv", endpoint: ep, canGrant };
      setThreadState(kernel, receiver, ThreadState.BlockedOnReceive);
      ep.enqueue(receiver, "recv");
    } else {
      receiver.regs[REG_X0] = 0n;
    }
    return;
  }
  const sender = ep.dequeueHead()!;
  const sent = sender.blocking;
  if (sent.kind !== "send") return;
  doIpcTransfer(kernel, sender, ep, sent.badge, sent.canGrant, receiver);
  if (sent.isCall || sender.fault) {
    if (sent.canGrant || sent.canGrantReply) setupCallerCap(kernel, sender, receiver, canGrant);
    else setThreadState(kernel, sender, ThreadState.Inactive);
  } else {
    wakeThread(kernel, sender);
  }
}

/** cancelAllIPC: every queued thread restarts (the endpoint is being destroyed). */
export function cancelAllIpc(kernel: KernelContext, ep: Endpoint): void {
  const queued = ep.queue.splice(0);
  ep.state = "idle";
  if (queued.length > 0) restartQueued(kernel, queued);
}

/** cancelBadgedSends: queued senders with `badge` restart. */
export function cancelBadgedSends(kernel: KernelContext, ep: Endpoint, badge: bigint): void {
  if (ep.state !== "send") return;
  const matching = ep.queue.filter((t) => t.blocking.kind === "send" && t.blocking.badge === badge);
  for (const t of matching) ep.remove(t);
  if (matching.length > 0) restartQueued(kernel, matching);
}
