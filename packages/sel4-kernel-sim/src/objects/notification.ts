import type { NotificationRecord, SchedContextRecord, TcbRecord } from "./structures";

/** A notification: a word of badge bits, a FIFO queue of waiters and an optional bound TCB. */
export class Notification implements NotificationRecord {
  state: "idle" | "waiting" | "active" = "idle";
  word = 0n;
  readonly queue: TcbRecord[] = [];
  boundTcb: TcbRecord | null = null;
  /** MCS: a scheduling context bound to the notification, lent to a passive waiter when signalled. */
  sc: SchedContextRecord | null = null;

  /** Creates a notification at physical address `paddr`. */
  constructor(readonly paddr: number) {}

  /** Removes `tcb` from the waiter queue (if queued). */
  remove(tcb: TcbRecord): void {
    const i = this.queue.indexOf(tcb);
    if (i >= 0) this.queue.splice(i, 1);
    if (this.queue.length === 0 && this.state === "waiting") this.state = "idle";
  }
}
