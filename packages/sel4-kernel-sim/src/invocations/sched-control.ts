import { MAX_PERIOD_US, MIN_BUDGET_US, MIN_REFILLS, McsOnlyLabel, seL4_MaxExtraRefills, seL4_SchedContextFlag } from "../constants/mcs";
import type { Cap } from "../cspace/cap";
import type { SchedulerPort } from "../kernel-ports";
import type { SchedContext } from "../objects/sched-context";
import { refillNew, refillUpdate } from "../scheduler/refills";
import { arg, extraCap, type InvocationContext } from "./context";
import { illegalOperation, invalidCapability, ok, rangeError, truncatedMessage, type InvocationResult } from "./result";

const NS_PER_US = 1000;

/** decodeSchedControlInvocation: SchedControl_ConfigureFlags (SchedControl_Configure is libsel4's flags-0 alias). */
export function invokeSchedControl(ctx: InvocationContext, _cap: Extract<Cap, { kind: "schedControl" }>): InvocationResult {
  if (ctx.label !== (McsOnlyLabel.SchedControlConfigureFlags as number)) return illegalOperation("SchedControl invocation: illegal operation attempted");
  if (ctx.extraCaps.length < 1) return truncatedMessage("SchedControl_ConfigureFlags: truncated message");
  if (ctx.args.length < 5) return truncatedMessage("SchedControl_ConfigureFlags: truncated message");
  const budgetUs = arg(ctx, 0);
  const periodUs = arg(ctx, 1);
  const outOfRange = (what: string) => rangeError(MIN_BUDGET_US, MAX_PERIOD_US, `SchedControl_ConfigureFlags: ${what} out of range`);
  if (budgetUs > MAX_PERIOD_US) return outOfRange("budget");
  if (periodUs > MAX_PERIOD_US) return outOfRange("period");
  if (budgetUs < BigInt(MIN_BUDGET_US)) return outOfRange("budget");
  if (periodUs < BigInt(MIN_BUDGET_US)) return outOfRange("period");
  if (budgetUs > periodUs) return rangeError(MIN_BUDGET_US, periodUs, "SchedControl_ConfigureFlags: budget must be <= period");
  const target = extraCap(ctx, 0);
  if (target?.kind !== "schedContext") return invalidCapability(1, "SchedControl_ConfigureFlags: target cap not a scheduling context cap");
  const extraRefills = arg(ctx, 2);
  const maxExtra = seL4_MaxExtraRefills(target.obj.sizeBits);
  if (extraRefills > BigInt(maxExtra)) return rangeError(0, maxExtra, `SchedControl_ConfigureFlags: max refills invalid, got ${extraRefills}, max ${maxExtra}`);
  configure(ctx.kernel, target.obj, Number(budgetUs) * NS_PER_US, Number(periodUs) * NS_PER_US, Number(extraRefills) + MIN_REFILLS);
  target.obj.badge = arg(ctx, 3);
  target.obj.sporadic = (arg(ctx, 4) & BigInt(seL4_SchedContextFlag.seL4_SchedContext_Sporadic)) !== 0n;
  return ok();
}

/** invokeSchedControl_ConfigureFlags: new refills (round robin when budget == period), then the bound thread is rescheduled. */
function configure(kernel: SchedulerPort, sc: SchedContext, budget: number, period: number, maxRefills: number): void {
  const scheduler = kernel.scheduler;
  const mcs = kernel.mcs!;
  const tcb = sc.tcb;
  if (tcb) {
    mcs.leave(tcb);
    scheduler.dequeue(tcb);
  }
  const now = kernel.clock.now;
  if (budget === period) refillNew(sc, MIN_REFILLS, budget, 0, now);
  else if (sc.active && tcb && kernel.isRunnable(tcb)) refillUpdate(sc, period, budget, maxRefills);
  else refillNew(sc, maxRefills, budget, period, now);
  if (!tcb) return;
  if (tcb === scheduler.current) scheduler.rescheduleRequired();
  else if (kernel.isRunnable(tcb)) scheduler.possibleSwitchTo(tcb);
}

