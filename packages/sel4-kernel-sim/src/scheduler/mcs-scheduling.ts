import { isRunnableState } from "../constants/thread-state";
import type { Notification } from "../objects/notification";
import type { SchedContext } from "../objects/sched-context";
import type { Tcb } from "../objects/tcb";
import type { VirtualClock } from "../time/virtual-clock";
import { chargeBudget, headAmount, headTime, refillReady, refillSufficient, refillUnblockCheck } from "./refills";
import type { Scheduler, SchedulerGate } from "./scheduler";

/** What the MCS scheduler needs from the IPC layer. */
export interface TimeoutFaults {
  /** validTimeoutHandler: the thread has a timeout handler endpoint. */
  hasTimeoutHandler(tcb: Tcb): boolean;
  /** handleTimeout: sends a Timeout fault for `tcb`'s scheduling context to its timeout handler. */
  raiseTimeout(tcb: Tcb): void;
}

/**
 * The MCS side of the scheduler: admission of threads by their scheduling contexts, the release
 * queue of threads waiting for a replenishment, budget charging against virtual time, and
 * binding/donation of scheduling contexts.
 */
export class McsScheduling implements SchedulerGate {
  /** Runnable threads whose scheduling context's head refill lies in the future, earliest first. */
  private readonly releaseQueue: Tcb[] = [];
  /** A native thread whose budget ran out inside a synchronous invocation: its timeslice ends at its next syscall. */
  private overdue: Tcb | null = null;

  constructor(
    private readonly clock: VirtualClock,
    private readonly scheduler: Scheduler,
    /** Timeout fault delivery (the IPC layer's). */
    readonly timeouts: TimeoutFaults,
  ) {}

  /** SchedulerGate.admit: a runnable thread enters the ready queues only with a released scheduling context. */
  admit(tcb: Tcb): boolean {
    const sc = tcb.sc;
    if (!sc || !sc.active || sc.tcb !== tcb || this.releaseQueue.includes(tcb)) return false;
    const now = this.clock.now;
    if (tcb !== this.scheduler.current) refillUnblockCheck(sc, now);
    if (refillReady(sc, now) && refillSufficient(sc, 0)) return true;
    this.postpone(tcb);
    return false;
  }

  /** SchedulerGate.leave: tcbReleaseRemove. */
  leave(tcb: Tcb): void {
    const i = this.releaseQueue.indexOf(tcb);
    if (i >= 0) this.releaseQueue.splice(i, 1);
    if (this.overdue === tcb) this.overdue = null;
  }

  /** True while `tcb` waits in the release queue for its replenishment. */
  inReleaseQueue(tcb: Tcb): boolean {
    return this.releaseQueue.includes(tcb);
  }

  /** The threads of the release queue, earliest replenishment first (for debug dumps and tests). */
  releasedAt(): { tcb: Tcb; at: number }[] {
    return this.releaseQueue.map((tcb) => ({ tcb, at: headTime(tcb.sc!) }));
  }

  /** isSchedulable: runnable, with an active scheduling context of its own, not waiting for a refill. */
  isSchedulable(tcb: Tcb): boolean {
    const sc = tcb.sc;
    return isRunnableState(tcb.state) && sc !== null && sc.active && sc.tcb === tcb && !this.releaseQueue.includes(tcb);
  }

  /** postpone: the thread waits in the release queue until its head refill's time. */
  postpone(tcb: Tcb): void {
    const sc = tcb.sc!;
    this.scheduler.dequeue(tcb);
    if (!this.releaseQueue.includes(tcb)) {
      const at = headTime(sc);
      let i = this.releaseQueue.length;
      while (i > 0 && headTime(this.releaseQueue[i - 1]!.sc!) > at) i--;
      this.releaseQueue.splice(i, 0, tcb);
      this.clock.schedule(at, () => this.awaken());
    }
    if (tcb === this.scheduler.current) this.scheduler.rescheduleRequired();
  }

  /** awaken: threads whose replenishment time has come leave the release queue (possibleSwitchTo). */
  awaken(): void {
    const now = this.clock.now;
    while (this.releaseQueue.length > 0 && headTime(this.releaseQueue[0]!.sc!) <= now) {
      const tcb = this.releaseQueue.shift()!;
      this.scheduler.possibleSwitchTo(tcb);
    }
  }

  /**
   * Charges `ns` of work to the running thread's scheduling context. When its budget is used up
   * the timeslice ends (Timeout fault, round-robin append, or postponement) and this returns
   * true. With `canEnd` false (inside a synchronous invocation) the end waits for the next charge.
   */
  charge(tcb: Tcb | null, ns: number, canEnd: boolean): boolean {
    const sc = tcb?.sc;
    if (!tcb || !sc || !sc.active || sc.tcb !== tcb) return false;
    const exhausted = chargeBudget(sc, ns, this.clock.now) || this.overdue === tcb;
    if (!exhausted) return false;
    if (!canEnd) {
      this.overdue = tcb;
      return false;
    }
    this.overdue = null;
    if (isRunnableState(tcb.state)) this.endTimeslice(tcb, sc);
    return true;
  }

  /** The virtual time the running thread may still use before its budget runs out. */
  remainingBudget(tcb: Tcb): number {
    return tcb.sc?.active ? Math.max(1, headAmount(tcb.sc)) : 0;
  }

  /** endTimeslice: a Timeout fault if the thread has a handler (not for round robin), else requeue or postpone. */
  private endTimeslice(tcb: Tcb, sc: SchedContext): void {
    const now = this.clock.now;
    if (!sc.roundRobin && this.timeouts.hasTimeoutHandler(tcb)) {
      this.timeouts.raiseTimeout(tcb);
    } else if (refillReady(sc, now) && refillSufficient(sc, 0)) {
      this.scheduler.dequeue(tcb);
      this.scheduler.append(tcb);
    } else {
      this.postpone(tcb);
    }
    this.scheduler.rescheduleRequired();
  }

  /** Yield (MCS): the rest of the head refill is charged, which ends the timeslice; consumed counts only what was used. */
  yieldCurrent(tcb: Tcb): void {
    const sc = tcb.sc;
    if (!sc || !sc.active) return;
    const consumed = sc.consumed;
    chargeBudget(sc, headAmount(sc), this.clock.now);
    sc.consumed = consumed;
    if (isRunnableState(tcb.state)) this.endTimeslice(tcb, sc);
  }

  /** schedContext_resume: a schedulable thread whose context is not ready is postponed. */
  resume(sc: SchedContext): void {
    const tcb = sc.tcb;
    if (!tcb || !this.isSchedulable(tcb)) return;
    if (!(refillReady(sc, this.clock.now) && refillSufficient(sc, 0))) this.postpone(tcb);
  }

  /** refill_unblock_check for a sporadic context that is not the running thread's. */
  unblockCheck(sc: SchedContext | null): void {
    if (sc && sc.sporadic && sc.tcb !== this.scheduler.current) refillUnblockCheck(sc, this.clock.now);
  }

  /** schedContext_bindTCB: the thread runs on `sc` from now on (if runnable, it is scheduled). */
  bindTcb(sc: SchedContext, tcb: Tcb): void {
    tcb.sc = sc;
    sc.tcb = tcb;
    this.unblockCheck(sc);
    if (isRunnableState(tcb.state)) {
      this.scheduler.enqueue(tcb);
      this.scheduler.rescheduleRequired();
    }
  }

  /** schedContext_unbindTCB: the thread becomes passive. */
  unbindTcb(sc: SchedContext): void {
    const tcb = sc.tcb;
    if (!tcb) return;
    this.scheduler.dequeue(tcb);
    this.leave(tcb);
    tcb.sc = null;
    sc.tcb = null;
    if (tcb === this.scheduler.current) this.scheduler.rescheduleRequired();
  }

  /** SchedContext_Unbind (and deletion of its last cap): the thread, the notification and the call stack let go of `sc`. */
  unbindAll(sc: SchedContext): void {
    this.unbindTcb(sc);
    if (sc.notification) {
      sc.notification.sc = null;
      sc.notification = null;
    }
    // schedContext_unbindReply: the call stack is cut off at its head.
    if (sc.reply) sc.reply.next = null;
    sc.reply = null;
  }

  /** schedContext_donate: `sc` moves from whoever holds it to `to`. */
  donate(sc: SchedContext, to: Tcb): void {
    const from = sc.tcb;
    if (from) {
      this.scheduler.dequeue(from);
      this.leave(from);
      from.sc = null;
      if (from === this.scheduler.current || from === this.scheduler.candidate) this.scheduler.rescheduleRequired();
    }
    sc.tcb = to;
    to.sc = sc;
  }

  /** maybeDonateSchedContext: a passive thread woken by a signal borrows the notification's context. */
  maybeDonate(tcb: Tcb, ntfn: Notification): void {
    const sc = ntfn.sc;
    if (tcb.sc || !sc || sc.tcb) return;
    this.donate(sc, tcb);
    this.unblockCheck(sc);
    this.resume(sc);
  }

  /** maybeReturnSchedContext: a thread waiting again gives the notification's context back. */
  maybeReturn(ntfn: Notification, tcb: Tcb): void {
    const sc = ntfn.sc;
    if (!sc || sc !== tcb.sc) return;
    tcb.sc = null;
    sc.tcb = null;
    if (tcb === this.scheduler.current) this.scheduler.rescheduleRequired();
  }
}
