import type { NotificationRecord, Refill, ReplyRecord, SchedContextRecord, TcbRecord } from "./structures";

export type { Refill } from "./structures";

/**
 * A scheduling context (MCS): a budget per period as a queue of refills, the thread it is bound to
 * (or donated to), an optional bound notification, and the head of the call stack of reply
 * objects it was donated through. Times are virtual nanoseconds.
 */
export class SchedContext implements SchedContextRecord {
  /** Budget and period in ns; period 0 marks a round-robin context (budget == period when configured). */
  budget = 0;
  period = 0;
  /** Maximum number of refills (0 = never configured: not active). */
  maxRefills = 0;
  readonly refills: Refill[] = [];
  sporadic = false;
  /** Delivered in a Timeout fault's MR0. */
  badge = 0n;
  /** ns consumed since the last Consumed/YieldTo/Timeout report. */
  consumed = 0;
  /** The thread running on this context (its own, or the receiver of a donation). */
  tcb: TcbRecord | null = null;
  notification: NotificationRecord | null = null;
  /** The most recent reply object of the call stack this context was donated through. */
  reply: ReplyRecord | null = null;

  /** Creates an unconfigured scheduling context of 2^sizeBits bytes at `paddr`. */
  constructor(
    readonly paddr: number,
    readonly sizeBits: number,
  ) {}

  /** sc_active: configured with SchedControl_Configure (or the root task's). */
  get active(): boolean {
    return this.maxRefills > 0;
  }

  /** isRoundRobin: budget == period. */
  get roundRobin(): boolean {
    return this.period === 0;
  }
}
