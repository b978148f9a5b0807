import type { EndpointRecord, TcbRecord } from "./structures";

/** An IPC endpoint: a FIFO queue of threads all sending or all receiving. */
export class Endpoint implements EndpointRecord {
  /** Which side the queued threads are on; "idle" when the queue is empty. */
  state: "idle" | "send" | "recv" = "idle";
  readonly queue: TcbRecord[] = [];

  /** Creates an endpoint at physical address `paddr`. */
  constructor(readonly paddr: number) {}

  /** Appends `tcb` to the queue in `state` mode. */
  enqueue(tcb: TcbRecord, state: "send" | "recv"): void {
    this.state = state;
    this.queue.push(tcb);
  }

  /** MCS tcbEPAppend: inserts `tcb` after every queued thread of equal or higher priority. */
  enqueueByPriority(tcb: TcbRecord, state: "send" | "recv"): void {
    this.state = state;
    insertByPriority(this.queue, tcb);
  }

  /** Removes `tcb` from the queue (if queued). */
  remove(tcb: TcbRecord): void {
    const i = this.queue.indexOf(tcb);
    if (i >= 0) this.queue.splice(i, 1);
    if (this.queue.length === 0) this.state = "idle";
  }

  /** Removes and returns the head of the queue. */
  dequeueHead(): TcbRecord | undefined {
    const head = this.queue.shift();
    if (this.queue.length === 0) this.state = "idle";
    return head;
  }
}

/** Inserts `tcb` into a priority-ordered queue, FIFO among equal priorities (MCS endpoint and notification queues). */
export function insertByPriority(queue: TcbRecord[], tcb: TcbRecord): void {
  let i = queue.length;
  while (i > 0 && queue[i - 1]!.priority < tcb.priority) i--;
  queue.splice(i, 0, tcb);
}
