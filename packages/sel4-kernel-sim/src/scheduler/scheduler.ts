import { isRunnableState } from "../constants/thread-state";
import { TIME_SLICE_TICKS, type Tcb } from "../objects/tcb";
import { ReadyQueues } from "./ready-queues";

/** What schedule() must do next (seL4's ksSchedulerAction). */
type SchedulerAction = { readonly kind: "resume" } | { readonly kind: "choose" } | { readonly kind: "switchTo"; readonly tcb: Tcb };

const RESUME: SchedulerAction = { kind: "resume" };
const CHOOSE: SchedulerAction = { kind: "choose" };

/**
 * Decides which runnable threads may enter the ready queues (MCS: only threads whose scheduling
 * context is configured, released and has budget; the gate parks the others in its release queue).
 */
export interface SchedulerGate {
  /** May `tcb` (runnable, not queued) enter a ready queue now? */
  admit(tcb: Tcb): boolean;
  /** `tcb` stopped being runnable or was destroyed: forget any parked state. */
  leave(tcb: Tcb): void;
}

/**
 * seL4's non-MCS scheduler: one FIFO ready queue per priority (single domain), the current thread
 * kept out of the queues while it runs, possibleSwitchTo and round-robin timeslices.
 */
export class Scheduler {
  private readonly queues = new ReadyQueues();
  /** The running thread, or null when the idle thread runs. */
  current: Tcb | null = null;
  private action: SchedulerAction = RESUME;
  /** MCS admission control (null on a non-MCS kernel: every runnable thread is schedulable). */
  gate: SchedulerGate | null = null;

  /** True when `tcb` sits in a ready queue. */
  isQueued(tcb: Tcb): boolean {
    return this.queues.has(tcb);
  }

  /** tcbSchedEnqueue: puts a runnable thread at the head of its queue (if not queued). */
  enqueue(tcb: Tcb): void {
    if (!this.queues.has(tcb) && (this.gate === null || this.gate.admit(tcb))) this.queues.pushFront(tcb);
  }

  /** tcbSchedAppend: puts a runnable thread at the tail of its queue (if not queued). */
  append(tcb: Tcb): void {
    if (!this.queues.has(tcb) && (this.gate === null || this.gate.admit(tcb))) this.queues.pushBack(tcb);
  }

  /** tcbSchedDequeue: removes a thread from its queue. */
  dequeue(tcb: Tcb): void {
    this.queues.remove(tcb);
  }

  /** rescheduleRequired: a pending switch candidate goes back to its queue; choose anew. */
  rescheduleRequired(): void {
    if (this.action.kind === "switchTo" && isRunnableState(this.action.tcb.state)) this.enqueue(this.action.tcb);
    this.action = CHOOSE;
  }

  /** possibleSwitchTo: makes a woken thread the switch candidate, or just enqueues it. */
  possibleSwitchTo(tcb: Tcb): void {
    if (this.gate !== null && !this.isQueued(tcb) && !this.gate.admit(tcb)) return;
    if (this.action.kind !== "resume") {
      this.rescheduleRequired();
      this.enqueue(tcb);
    } else {
      this.action = { kind: "switchTo", tcb };
    }
  }

  /**
   * scheduleTcb: called after a state change; a blocked current thread forces a reschedule.
   * A thread that stops being runnable also leaves its ready queue: native threads can block
   * after a tick queued them, which seL4's kernel (scheduling on every exit) never sees.
   */
  threadStateChanged(tcb: Tcb): void {
    if (!isRunnableState(tcb.state)) {
      this.dequeue(tcb);
      this.gate?.leave(tcb);
    }
    if (tcb === this.current && this.action.kind === "resume" && !isRunnableState(tcb.state)) {
      this.rescheduleRequired();
    }
  }

  /** Forgets a thread entirely (its TCB was destroyed). */
  forget(tcb: Tcb): void {
    this.dequeue(tcb);
    this.gate?.leave(tcb);
    if (this.action.kind === "switchTo" && this.action.tcb === tcb) this.action = CHOOSE;
    if (this.current === tcb) {
      this.current = null;
      this.action = CHOOSE;
    }
  }

  /** schedule(): applies the pending action; afterwards `current` is the thread to run. */
  schedule(): void {
    const action = this.action;
    if (action.kind === "resume") {
      if (this.current && !isRunnableState(this.current.state)) this.chooseNewThread();
      return;
    }
    const current = this.current;
    const wasRunnable = current !== null && isRunnableState(current.state);
    if (current && wasRunnable) this.enqueue(current);
    // A candidate may have blocked again before this decision (native threads make several
    // invocations between scheduling points), or (MCS) lost its scheduling context: then choose afresh.
    if (action.kind === "choose" || !isRunnableState(action.tcb.state) || (this.gate !== null && !this.isQueued(action.tcb) && !this.gate.admit(action.tcb))) {
      this.chooseNewThread();
    } else {
      const candidate = action.tcb;
      const fastfail = current === null || candidate.priority < current.priority;
      if (fastfail && !this.isHighestPriority(candidate.priority)) {
        this.enqueue(candidate);
        this.chooseNewThread();
      } else if (wasRunnable && candidate.priority === current.priority) {
        this.append(candidate);
        this.chooseNewThread();
      } else {
        this.switchTo(candidate);
      }
    }
    this.action = RESUME;
  }

  /** timerTick: charges one tick to a running current thread; on expiry it goes to the tail. */
  timerTick(): void {
    const current = this.current;
    if (!current || !isRunnableState(current.state)) return;
    current.timeslice--;
    if (current.timeslice > 0) return;
    current.timeslice = TIME_SLICE_TICKS;
    this.append(current);
    this.rescheduleRequired();
  }

  /** Yield: the current thread moves to the tail of its queue; the timeslice is kept. */
  yieldCurrent(): void {
    const current = this.current;
    if (!current) return;
    this.dequeue(current);
    this.append(current);
    this.rescheduleRequired();
  }

  /** The thread a pending possibleSwitchTo chose (seL4's ksSchedulerAction = thread), or null. */
  get candidate(): Tcb | null {
    return this.action.kind === "switchTo" ? this.action.tcb : null;
  }

  /** True when the scheduler will consider `tcb`: it runs, is queued, or is the switch candidate. */
  isScheduled(tcb: Tcb): boolean {
    return tcb === this.current || this.isQueued(tcb) || (this.action.kind === "switchTo" && this.action.tcb === tcb);
  }

  /** The ready queues, highest priority first (for seL4_DebugDumpScheduler and tests). */
  readyThreads(): Tcb[] {
    return this.queues.toArray();
  }

  /** The highest priority with a queued thread, or -1 (seL4's getHighestPrio). */
  private highestQueuedPriority(): number {
    return this.queues.highestPriority();
  }

  private isHighestPriority(priority: number): boolean {
    return this.highestQueuedPriority() <= priority;
  }

  private chooseNewThread(): void {
    const priority = this.highestQueuedPriority();
    if (priority < 0) this.current = null;
    else this.switchTo(this.queues.head(priority)!);
  }

  private switchTo(tcb: Tcb): void {
    this.dequeue(tcb);
    this.current = tcb;
  }
}
