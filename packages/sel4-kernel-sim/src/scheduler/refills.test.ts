import { describe, expect, it } from "vitest";
import { SchedContext } from "../objects/sched-context";
import { chargeBudget, MIN_BUDGET_NS, refillNew, refillUnblockCheck, scReleased, takeConsumedUs } from "./refills";

const US = 1000;

function sporadic(budgetUs: number, periodUs: number, maxRefills: number): SchedContext {
  const sc = new SchedContext(0, 8);
  refillNew(sc, maxRefills, budgetUs * US, periodUs * US, 0);
  sc.sporadic = true;
  return sc;
}

function total(sc: SchedContext): number {
  return sc.refills.reduce((sum, r) => sum + r.amount, 0);
}

describe("sporadic-server refills", () => {
  it("replenish used budget one period after it was used and never hold more than the budget", () => {
    const sc = sporadic(100, 1000, 4);
    let now = 0;
    // Run 30 µs, block for 200 µs, run 30 µs: two separate used refills.
    expect(chargeBudget(sc, 30 * US, (now += 30 * US))).toBe(false);
    now += 200 * US;
    refillUnblockCheck(sc, now);
    expect(chargeBudget(sc, 30 * US, (now += 30 * US))).toBe(false);
    expect(total(sc)).toBe(100 * US);
    expect(sc.refills.map((r) => r.time)).toEqual([260 * US, 1000 * US, 1230 * US]);
    // Using up the rest: the head is gone until the first replenishment at 1 ms.
    expect(chargeBudget(sc, 40 * US, (now += 40 * US))).toBe(true);
    expect(scReleased(sc, now)).toBe(false);
    expect(scReleased(sc, 1000 * US)).toBe(true);
    expect(total(sc)).toBe(100 * US);
    expect(takeConsumedUs(sc)).toBe(100n);
  });

  it("merges used budget into the tail when the refill queue is full, and a head below MIN_BUDGET into the next", () => {
    const sc = sporadic(200, 1000, 2);
    let now = 0;
    chargeBudget(sc, 30 * US, (now += 30 * US));
    now += 100 * US;
    refillUnblockCheck(sc, now);
    chargeBudget(sc, 30 * US, (now += 30 * US));
    expect(sc.refills.length).toBe(2);
    expect(total(sc)).toBe(200 * US);
    // Leave less than MIN_BUDGET in the head: it joins the next refill.
    chargeBudget(sc, 140 * US - MIN_BUDGET_NS / 2, (now += 130 * US));
    expect(sc.refills.every((r) => r.amount >= MIN_BUDGET_NS)).toBe(true);
    expect(total(sc)).toBe(200 * US);
  });

  it("an overrun longer than a single refill moves it a period later in place", () => {
    const sc = sporadic(100, 1000, 2);
    expect(chargeBudget(sc, 150 * US, 150 * US)).toBe(true);
    expect(sc.refills).toEqual([{ time: 1000 * US, amount: 100 * US }]);
  });

  it("round robin (period 0) refills the head in full when the timeslice ends", () => {
    const sc = new SchedContext(0, 7);
    refillNew(sc, 2, 100 * US, 0, 0);
    expect(chargeBudget(sc, 79 * US, 79 * US)).toBe(false);
    expect(chargeBudget(sc, 2 * US, 81 * US)).toBe(true);
    expect(sc.refills).toEqual([{ time: 81 * US, amount: 100 * US }]);
  });
});
