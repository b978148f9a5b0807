import { ThreadState } from "../constants/thread-state";
import type { SchedulerPort } from "../kernel-ports";
import type { BlockingState, Tcb } from "../objects/tcb";

// Thread state changes that only involve the scheduler: the lowest layer of thread control, used by
// IPC, faults and notifications (cancelling a thread's IPC lives above them, in thread-control.ts).

/** The blocking state of a thread that waits on nothing (blocking states are read-only records: one serves all). */
const NOT_BLOCKED: BlockingState = Object.freeze({ kind: "none" });

/** setThreadState: records the state and lets the scheduler react if the current thread blocked. */
export function setThreadState(kernel: SchedulerPort, tcb: Tcb, state: ThreadState): void {
  tcb.state = state;
  if (state !== ThreadState.BlockedOnReceive && state !== ThreadState.BlockedOnSend && state !== ThreadState.BlockedOnNotification) {
    tcb.blocking = NOT_BLOCKED;
  }
  kernel.scheduler.threadStateChanged(tcb);
}

/** True for Inactive and the blocked states (seL4's isStopped). */
export function isStopped(tcb: Tcb): boolean {
  return tcb.state !== ThreadState.Running && tcb.state !== ThreadState.Restart && tcb.state !== ThreadState.Idle;
}

/** Makes a woken thread Running and lets it preempt if it should. */
export function wakeThread(kernel: SchedulerPort, tcb: Tcb): void {
  setThreadState(kernel, tcb, ThreadState.Running);
  kernel.scheduler.possibleSwitchTo(tcb);
}

/** Restarts every thread in `queue` (endpoint/notification destruction and badge cancels). */
export function restartQueued(kernel: SchedulerPort, queue: readonly Tcb[]): void {
  for (const tcb of queue) {
    setThreadState(kernel, tcb, ThreadState.Restart);
    kernel.scheduler.enqueue(tcb);
  }
  kernel.scheduler.rescheduleRequired();
}
