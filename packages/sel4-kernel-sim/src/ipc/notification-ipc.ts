import { ThreadState } from "../constants/thread-state";
import type { KernelContext } from "../kernel-context";
import { insertByPriority } from "../objects/endpoint";
import type { Notification } from "../objects/notification";
import type { Tcb } from "../objects/tcb";
import { REG_X0 } from "../objects/user-context";
import { cancelIpc, restartQueued, setThreadState, wakeThread } from "../threads/thread-control";

/** sendSignal: wakes a waiter (or the bound thread blocked on an endpoint) or ORs the badge in. */
export function sendSignal(kernel: KernelContext, ntfn: Notification, badge: bigint): void {
  switch (ntfn.state) {
    case "idle": {
      const bound = ntfn.boundTcb;
      if (bound && bound.state === ThreadState.BlockedOnReceive) {
        cancelIpc(kernel, bound);
        bound.regs[REG_X0] = badge;
        kernel.mcs?.maybeDonate(bound, ntfn);
        wakeThread(kernel, bound);
      } else {
        ntfn.state = "active";
        ntfn.word = badge;
      }
      break;
    }
    case "waiting": {
      const dest = ntfn.queue.shift()!;
      if (ntfn.queue.length === 0) ntfn.state = "idle";
      dest.regs[REG_X0] = badge;
      kernel.mcs?.maybeDonate(dest, ntfn);
      wakeThread(kernel, dest);
      break;
    }
    case "active":
      ntfn.word |= badge;
      break;
  }
}

/** completeSignal: hands an active notification's word to `tcb` and makes it idle. */
export function completeSignal(ntfn: Notification, tcb: Tcb): void {
  tcb.regs[REG_X0] = ntfn.word;
  ntfn.word = 0n;
  ntfn.state = "idle";
}

/** receiveSignal: Wait/Poll on a notification. */
export function receiveSignal(kernel: KernelContext, tcb: Tcb, ntfn: Notification, blocking: boolean): void {
  const mcs = kernel.mcs;
  if (ntfn.state === "active") {
    completeSignal(ntfn, tcb);
    mcs?.maybeDonate(tcb, ntfn);
    return;
  }
  if (!blocking) {
    tcb.regs[REG_X0] = 0n;
    return;
  }
  mcs?.maybeReturn(ntfn, tcb);
  tcb.blocking = { kind: "notification", notification: ntfn };
  setThreadState(kernel, tcb, ThreadState.BlockedOnNotification);
  // MCS queues waiters by priority; non-MCS in FIFO order.
  if (mcs) insertByPriority(ntfn.queue, tcb);
  else ntfn.queue.push(tcb);
  ntfn.state = "waiting";
}

/** cancelSignal: removes a waiting thread and makes it Inactive. */
export function cancelSignal(kernel: KernelContext, tcb: Tcb): void {
  if (tcb.blocking.kind === "notification") tcb.blocking.notification.remove(tcb);
  setThreadState(kernel, tcb, ThreadState.Inactive);
}

/** cancelAllSignals: every waiter restarts (the notification is being destroyed). */
export function cancelAllSignals(kernel: KernelContext, ntfn: Notification): void {
  if (ntfn.state !== "waiting") return;
  const waiters = ntfn.queue.splice(0);
  ntfn.state = "idle";
  restartQueued(kernel, waiters);
}

/** Binds `ntfn` to `tcb` (checks are the caller's). */
export function bindNotification(tcb: Tcb, ntfn: Notification): void {
  ntfn.boundTcb = tcb;
  tcb.boundNotification = ntfn;
}

/** Unbinds whatever notification `tcb` has bound. */
export function unbindNotification(tcb: Tcb): void {
  const ntfn = tcb.boundNotification;
  if (!ntfn) return;
  ntfn.boundTcb = null;
  tcb.boundNotification = null;
}
