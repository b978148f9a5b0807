/**
 * vCPU threads sleeping in WFI. A guest waiting in WFI (traps off: the CPU's own wait; traps on:
 * the same WFI trapping again at once after the VMM answered its VCPUFault, as libvmm's C does,
 * which on hardware spins through exits) is parked: it stays Running but leaves the scheduler
 * until something can wake it. Wake-ups are its virtual timer deadline (a clock event), a list
 * register the VMM fills (InjectIRQ), a VCPU or TCB register write, AckVPPI, and anything that
 * stops the thread. Virtual time passes on the guest's counter for as long as it slept, so a
 * deadline wake lands on the deadline; with nothing else to run the clock skips there.
 *
 * It sits in front of the scheduler as its gate (in front of MCS admission when there is one).
 */

import type { Tcb } from "../objects/tcb";
import type { Scheduler, SchedulerGate } from "../scheduler/scheduler";
import type { VirtualClock } from "../time/virtual-clock";

/** A parked thread: when it went to sleep, its deadline event, and how its core catches up. */
interface Parked {
  readonly since: number;
  readonly cancelDeadline: (() => void) | null;
  readonly onWake: (sleptNs: number) => void;
}

/** The parked vCPU threads of one kernel, and the scheduler gate that keeps them out of the run queues. */
export class WfiSleep implements SchedulerGate {
  readonly #parked = new Map<Tcb, Parked>();
  #wakeUps = 0;

  constructor(
    private readonly clock: VirtualClock,
    private readonly scheduler: Scheduler,
    /** The gate behind this one (MCS admission), or null. */
    private readonly inner: SchedulerGate | null,
  ) {}

  /** SchedulerGate.admit: a parked thread stays out; others go to the inner gate. */
  admit(tcb: Tcb): boolean {
    return (this.#parked.size === 0 || !this.#parked.has(tcb)) && (this.inner === null || this.inner.admit(tcb));
  }

  /** SchedulerGate.leave: a thread that stops being runnable (suspended, faulted, destroyed) stops sleeping. */
  leave(tcb: Tcb): void {
    this.#end(tcb);
    this.inner?.leave(tcb);
  }

  /** True while `tcb` sleeps in WFI. */
  isParked(tcb: Tcb): boolean {
    return this.#parked.has(tcb);
  }

  /** How many parked threads were woken (for tests and statistics). */
  get wakeUps(): number {
    return this.#wakeUps;
  }

  /**
   * Parks the running `tcb` from virtual time `since` (ns) until {@link wake}, or until `deadline`
   * (ns, null: none). `onWake` is told the ns slept when it ends, whatever ended it.
   */
  park(tcb: Tcb, since: number, deadline: number | null, onWake: (sleptNs: number) => void): void {
    this.#end(tcb);
    const cancelDeadline = deadline === null ? null : this.clock.schedule(Math.max(deadline, since), () => this.wake(tcb));
    this.#parked.set(tcb, { since, cancelDeadline, onWake });
    this.scheduler.dequeue(tcb);
    if (this.scheduler.current === tcb || this.scheduler.candidate === tcb) this.scheduler.rescheduleRequired();
  }

  /** Wakes `tcb` if it sleeps (no-op otherwise): it becomes schedulable again, as a woken thread does. */
  wake(tcb: Tcb | null): void {
    if (tcb === null || !this.#end(tcb)) return;
    this.#wakeUps++;
    this.scheduler.possibleSwitchTo(tcb);
  }

  /** Ends the sleep of `tcb`: cancels its deadline and lets its core catch up. False if it was not asleep. */
  #end(tcb: Tcb): boolean {
    const parked = this.#parked.get(tcb);
    if (!parked) return false;
    this.#parked.delete(tcb);
    parked.cancelDeadline?.();
    parked.onWake(Math.max(0, this.clock.now - parked.since));
    return true;
  }
}
