/** Thread states with seL4's numbering. */
export enum ThreadState {
  Inactive = 0,
  Running = 1,
  Restart = 2,
  BlockedOnReceive = 3,
  BlockedOnSend = 4,
  BlockedOnReply = 5,
  BlockedOnNotification = 6,
  Idle = 7,
}

/** True when the scheduler may pick a thread in `state`. */
export function isRunnableState(state: ThreadState): boolean {
  return state === ThreadState.Running || state === ThreadState.Restart;
}
