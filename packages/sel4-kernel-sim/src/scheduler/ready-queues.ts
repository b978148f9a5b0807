import { seL4_MaxPrio } from "../constants/boot";
import type { Tcb } from "../objects/tcb";

/**
 * seL4's ready queues (ksReadyQueues with the L1/L2 bitmap): one FIFO per priority, linked
 * through the TCBs themselves (tcbSchedNext/tcbSchedPrev), so queueing, dequeueing and the
 * "is it queued" test take constant time and allocate nothing.
 */
export class ReadyQueues {
  private readonly heads: (Tcb | null)[] = new Array<Tcb | null>(seL4_MaxPrio + 1).fill(null);
  private readonly tails: (Tcb | null)[] = new Array<Tcb | null>(seL4_MaxPrio + 1).fill(null);
  /** One bit per priority whose queue is not empty. */
  private readonly nonEmpty = new Uint32Array((seL4_MaxPrio + 32) >>> 5);

  /** True when `tcb` sits in a ready queue. */
  has(tcb: Tcb): boolean {
    return tcb.schedQueuedAt >= 0;
  }

  /** Puts `tcb` (not queued) at the head of its priority's queue. */
  pushFront(tcb: Tcb): void {
    const p = tcb.priority;
    const head = this.heads[p]!;
    tcb.schedPrev = null;
    tcb.schedNext = head;
    if (head) head.schedPrev = tcb;
    else this.tails[p] = tcb;
    this.heads[p] = tcb;
    this.queued(tcb, p);
  }

  /** Puts `tcb` (not queued) at the tail of its priority's queue. */
  pushBack(tcb: Tcb): void {
    const p = tcb.priority;
    const tail = this.tails[p]!;
    tcb.schedNext = null;
    tcb.schedPrev = tail;
    if (tail) tail.schedNext = tcb;
    else this.heads[p] = tcb;
    this.tails[p] = tcb;
    this.queued(tcb, p);
  }

  /** Takes `tcb` out of its queue (no-op when it is not queued). */
  remove(tcb: Tcb): void {
    const p = tcb.schedQueuedAt;
    if (p < 0) return;
    const prev = tcb.schedPrev;
    const next = tcb.schedNext;
    if (prev) prev.schedNext = next;
    else this.heads[p] = next;
    if (next) next.schedPrev = prev;
    else this.tails[p] = prev;
    tcb.schedPrev = null;
    tcb.schedNext = null;
    tcb.schedQueuedAt = -1;
    if (this.heads[p] === null) this.nonEmpty[p >>> 5]! &= ~(1 << (p & 31));
  }

  /** The first thread of priority `p`'s queue, or null. */
  head(p: number): Tcb | null {
    return this.heads[p]!;
  }

  /** The highest priority with a queued thread, or -1 (seL4's getHighestPrio). */
  highestPriority(): number {
    for (let word = this.nonEmpty.length - 1; word >= 0; word--) {
      const bits = this.nonEmpty[word]!;
      if (bits !== 0) return word * 32 + 31 - Math.clz32(bits);
    }
    return -1;
  }

  /** Every queued thread, highest priority first, each queue head to tail. */
  toArray(): Tcb[] {
    const out: Tcb[] = [];
    for (let p = seL4_MaxPrio; p >= 0; p--) for (let t: Tcb | null = this.heads[p]!; t !== null; t = t.schedNext) out.push(t);
    return out;
  }

  private queued(tcb: Tcb, p: number): void {
    tcb.schedQueuedAt = p;
    this.nonEmpty[p >>> 5]! |= 1 << (p & 31);
  }
}
