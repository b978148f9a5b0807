import { ThreadState } from "../constants/thread-state";
import { insertCap } from "../cspace/cdt";
import { deleteCap } from "../cspace/delete";
import type { Slot } from "../cspace/slot";
import type { KernelContext } from "../kernel-context";
import type { Tcb } from "../objects/tcb";
import { setThreadState, wakeThread } from "../threads/thread-state";
import { handleFaultReply } from "./fault-message";
import { doIpcTransfer } from "./transfer";

/** setupCallerCap: the caller waits for a reply; the receiver gets a one-shot reply cap. */
export function setupCallerCap(kernel: KernelContext, caller: Tcb, receiver: Tcb, canGrant: boolean): void {
  setThreadState(kernel, caller, ThreadState.BlockedOnReply);
  deleteCap(kernel, receiver.callerSlot);
  insertCap(kernel, receiver.callerSlot, { kind: "reply", tcb: caller, master: false, canGrant }, caller.replySlot, false, false);
}

/** doReplyTransfer: answers a Call (message transfer) or a fault (restart or stop). */
export function doReplyTransfer(kernel: KernelContext, replier: Tcb, caller: Tcb, replySlot: Slot, canGrant: boolean): void {
  if (caller.state !== ThreadState.BlockedOnReply) {
    deleteCap(kernel, replySlot);
    return;
  }
  if (!caller.fault) {
    doIpcTransfer(kernel, replier, null, 0n, canGrant, caller);
    deleteCap(kernel, replySlot);
    wakeThread(kernel, caller);
    return;
  }
  deleteCap(kernel, replySlot);
  const restart = handleFaultReply(kernel, caller, replier);
  caller.fault = null;
  if (restart) {
    setThreadState(kernel, caller, ThreadState.Restart);
    kernel.scheduler.possibleSwitchTo(caller);
  } else {
    setThreadState(kernel, caller, ThreadState.Inactive);
  }
}
