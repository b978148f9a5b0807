import { MIN_BUDGET_US } from "../constants/mcs";
import type { Refill, SchedContext } from "../objects/sched-context";

/** MIN_BUDGET in ns: a refill smaller than this cannot be used (it is merged into the next one). */
export const MIN_BUDGET_NS = MIN_BUDGET_US * 1000;

function head(sc: SchedContext): Refill {
  return sc.refills[0]!;
}

/** refill_new: one full refill available now. `period` 0 makes the context round robin. */
export function refillNew(sc: SchedContext, maxRefills: number, budget: number, period: number, now: number): void {
  sc.maxRefills = maxRefills;
  sc.budget = budget;
  sc.period = period;
  sc.refills.length = 0;
  sc.refills.push({ time: now, amount: budget });
}

/** refill_ready: the head refill's time has come. */
export function refillReady(sc: SchedContext, now: number): boolean {
  return head(sc).time <= now;
}

/** refill_sufficient: the head refill still holds at least MIN_BUDGET after `usage`. */
export function refillSufficient(sc: SchedContext, usage: number): boolean {
  return head(sc).amount - usage >= MIN_BUDGET_NS;
}

/** sc_released: configured, and its head refill is ready with enough budget. */
export function scReleased(sc: SchedContext, now: number): boolean {
  return sc.active && refillReady(sc, now) && refillSufficient(sc, 0);
}

/** The budget the head refill has left (what the current thread may still run for). */
export function headAmount(sc: SchedContext): number {
  return sc.refills.length > 0 ? head(sc).amount : 0;
}

/** The time the head refill becomes usable. */
export function headTime(sc: SchedContext): number {
  return head(sc).time;
}

/**
 * schedule_used: appends a used amount as a future refill, merging it into the tail when the
 * queue is full or the two overlap (so the bandwidth never exceeds budget/period).
 */
function scheduleUsed(sc: SchedContext, used: Refill): void {
  const tail = sc.refills[sc.refills.length - 1];
  if (!tail) {
    sc.refills.push(used);
  } else if (sc.refills.length >= sc.maxRefills || tail.time + tail.amount >= used.time) {
    // The merged refill ends where the later one would have ended.
    const end = Math.max(tail.time + tail.amount, used.time + used.amount);
    tail.amount += used.amount;
    tail.time = end - tail.amount;
  } else {
    sc.refills.push(used);
  }
}

/**
 * Charges `usage` ns to a round-robin context; returns true when its timeslice is over (the head
 * is then refilled in full, as seL4 merges the tail refill back into the head).
 */
function chargeRoundRobin(sc: SchedContext, usage: number, now: number): boolean {
  const h = head(sc);
  h.amount -= usage;
  if (h.amount >= MIN_BUDGET_NS) return false;
  h.amount = sc.budget;
  h.time = now;
  return true;
}

/**
 * refill_budget_check: charges `usage` ns to a sporadic/periodic context. Fully used refills move
 * one period later; a partly used one is split, the used part replenished one period after its
 * start. Returns true when the head can no longer run now (insufficient or not yet ready).
 */
function chargeSporadic(sc: SchedContext, usage: number, now: number): boolean {
  let left = usage;
  while (left > 0 && head(sc).amount <= left && head(sc).time <= now) {
    const old = sc.refills.shift()!;
    left -= old.amount;
    old.time += sc.period;
    scheduleUsed(sc, old);
  }
  if (left > 0 && head(sc).time <= now) {
    const h = head(sc);
    const used = { time: h.time + sc.period, amount: left };
    h.amount -= left;
    h.time += left;
    scheduleUsed(sc, used);
  }
  // A head refill below MIN_BUDGET is merged into the next one, which moves earlier so that it still ends at the same time.
  while (sc.refills.length > 1 && head(sc).amount < MIN_BUDGET_NS) {
    const old = sc.refills.shift()!;
    const next = head(sc);
    next.amount += old.amount;
    next.time -= old.amount;
  }
  return !(refillReady(sc, now) && refillSufficient(sc, 0));
}

/** Charges `usage` ns of running to `sc`; returns true when the thread's timeslice ended. */
export function chargeBudget(sc: SchedContext, usage: number, now: number): boolean {
  sc.consumed += usage;
  return sc.roundRobin ? chargeRoundRobin(sc, usage, now) : chargeSporadic(sc, usage, now);
}

/**
 * refill_unblock_check: a sporadic context whose thread wakes up may not use budget from the past:
 * a ready head refill starts now, and refills that now overlap it are merged into it.
 */
export function refillUnblockCheck(sc: SchedContext, now: number): void {
  if (!sc.sporadic || !sc.active || !refillReady(sc, now)) return;
  const h = head(sc);
  h.time = now;
  while (sc.refills.length > 1 && sc.refills[1]!.time <= h.time + h.amount) {
    const next = sc.refills.splice(1, 1)[0]!;
    h.amount += next.amount;
  }
}

/**
 * refill_update: new parameters for a context whose thread is running on it: the head keeps what
 * it has left up to the new budget, the rest of the new budget arrives one period later.
 */
export function refillUpdate(sc: SchedContext, period: number, budget: number, maxRefills: number): void {
  const h = head(sc);
  const amount = Math.min(h.amount, budget);
  sc.maxRefills = maxRefills;
  sc.budget = budget;
  sc.period = period;
  sc.refills.length = 0;
  sc.refills.push({ time: h.time, amount });
  if (budget > amount) sc.refills.push({ time: h.time + period, amount: budget - amount });
  while (sc.refills.length > 1 && head(sc).amount < MIN_BUDGET_NS) {
    const old = sc.refills.shift()!;
    const next = head(sc);
    next.amount += old.amount;
    next.time -= old.amount;
  }
}

/** schedContext_updateConsumed: the consumed time in µs, which restarts from the sub-µs remainder. */
export function takeConsumedUs(sc: SchedContext): bigint {
  const us = Math.floor(sc.consumed / 1000);
  sc.consumed -= us * 1000;
  return BigInt(us);
}
