import { ThreadState } from "../constants/thread-state";
import { insertCap } from "../cspace/cdt";
import { deleteCap } from "../cspace/delete";
import { replyRemoveTcb, replyUnlink } from "../ipc/mcs-reply";
import { cancelSignal } from "../ipc/notification-ipc";
import type { KernelContext } from "../kernel-context";
import type { Tcb } from "../objects/tcb";
import { isStopped, setThreadState } from "./thread-state";

export { isStopped, restartQueued, setThreadState, wakeThread } from "./thread-state";

/** cancelIPC: takes a blocked thread out of whatever it waits on and makes it Inactive. */
export function cancelIpc(kernel: KernelContext, tcb: Tcb): void {
  const blocking = tcb.blocking;
  if (kernel.mcs) tcb.fault = null;
  switch (tcb.state) {
    case ThreadState.BlockedOnSend:
    case ThreadState.BlockedOnReceive:
      if (blocking.kind === "send" || blocking.kind === "recv") blocking.endpoint.remove(tcb);
      // MCS: the reply object the receiver waited with is free again.
      if (tcb.replyObject && tcb.state === ThreadState.BlockedOnReceive) replyUnlink(kernel, tcb.replyObject, tcb);
      // An undelivered fault message is abandoned: a restarted thread re-raises it if needed.
      tcb.fault = null;
      setThreadState(kernel, tcb, ThreadState.Inactive);
      break;
    case ThreadState.BlockedOnNotification:
      cancelSignal(kernel, tcb);
      break;
    case ThreadState.BlockedOnReply:
      if (kernel.mcs) {
        replyRemoveTcb(kernel, tcb);
        break;
      }
      tcb.fault = null;
      for (const child of [...tcb.replySlot.children]) deleteCap(kernel, child);
      break;
    default:
      break;
  }
}

/** setupReplyMaster: gives the thread its master reply cap if it lacks one. */
export function setupReplyMaster(kernel: KernelContext, tcb: Tcb): void {
  if (tcb.replySlot.cap) return;
  insertCap(kernel, tcb.replySlot, { kind: "reply", tcb, master: true, canGrant: true }, null, true, true);
}

/** suspend: cancels IPC, dequeues and makes the thread Inactive. */
export function suspendThread(kernel: KernelContext, tcb: Tcb): void {
  cancelIpc(kernel, tcb);
  setThreadState(kernel, tcb, ThreadState.Inactive);
  kernel.scheduler.dequeue(tcb);
}

/** restart: a stopped thread re-executes from its restart PC. */
export function restartThread(kernel: KernelContext, tcb: Tcb): void {
  if (!isStopped(tcb)) return;
  cancelIpc(kernel, tcb);
  if (!kernel.mcs) setupReplyMaster(kernel, tcb);
  setThreadState(kernel, tcb, ThreadState.Restart);
  kernel.scheduler.enqueue(tcb);
  kernel.scheduler.possibleSwitchTo(tcb);
}
