/** Nanoseconds per scheduler tick (CONFIG_TIMER_TICK_MS = 2). */
export const TICK_NS = 2_000_000;

interface TimerEvent {
  readonly at: number;
  readonly seq: number;
  readonly fire: () => void;
}

/**
 * Virtual time in nanoseconds. It advances with work done and jumps to the next deadline
 * when every thread waits. Events at the same instant fire in the order they were set.
 */
export class VirtualClock {
  private nowNs = 0;
  private seq = 0;
  private events: TimerEvent[] = [];

  /** `onSchedule` is told whenever an event is added (a waiting run loop looks again). */
  constructor(private readonly onSchedule: () => void = () => undefined) {}

  /** The current virtual time in ns. */
  get now(): number {
    return this.nowNs;
  }

  /** Advances time by `ns` (work done); events are fired by {@link fireDue}. */
  advance(ns: number): void {
    this.nowNs += ns;
  }

  /** Calls `fire` once virtual time reaches `at`; returns a function that cancels it. */
  schedule(at: number, fire: () => void): () => void {
    const event: TimerEvent = { at, seq: this.seq++, fire };
    this.events.push(event);
    this.events.sort((a, b) => a.at - b.at || a.seq - b.seq);
    this.onSchedule();
    return () => {
      this.events = this.events.filter((e) => e !== event);
    };
  }

  /** The time of the earliest pending event, or null. */
  nextDeadline(): number | null {
    return this.events[0]?.at ?? null;
  }

  /** Jumps to `at` if it lies in the future (nothing to do until then). */
  skipTo(at: number): void {
    if (at > this.nowNs) this.nowNs = at;
  }

  /** Fires, in order, every event due at or before now. Returns how many fired. */
  fireDue(): number {
    let fired = 0;
    while (this.events.length > 0 && this.events[0]!.at <= this.nowNs) {
      const event = this.events.shift()!;
      event.fire();
      fired++;
    }
    return fired;
  }
}
