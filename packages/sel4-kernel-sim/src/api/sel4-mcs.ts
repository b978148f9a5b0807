import { seL4_Error } from "../constants/errors";
import { McsOnlyLabel, seL4_SchedContextFlag } from "../constants/mcs";
import { Sel4Objects } from "./sel4-objects";
import { toWord as w, type seL4_CPtr } from "./sel4-base";

/** seL4_SchedContext_Consumed and seL4_SchedContext_YieldTo return value (consumed time in µs). */
export interface seL4_SchedContext_Consumed_t {
  readonly error: seL4_Error;
  readonly consumed: bigint;
}
/** seL4_SchedContext_YieldTo return value. */
export type seL4_SchedContext_YieldTo_t = seL4_SchedContext_Consumed_t;

/** seL4_Time: microseconds. */
export type seL4_Time = bigint | number;

/** libsel4's MCS-only invocations: SchedControl, SchedContext and TCB_SetTimeoutEndpoint (they throw on a non-MCS kernel). */
export class Sel4Mcs extends Sel4Objects {
  /** seL4_SchedControl_ConfigureFlags: budget and period in µs, extra refills, badge, flags (seL4_SchedContext_Sporadic). */
  seL4_SchedControl_ConfigureFlags(service: seL4_CPtr, schedcontext: seL4_CPtr, budget: seL4_Time, period: seL4_Time, extra_refills: number, badge: bigint | number, flags: number): seL4_Error {
    this.requireMcs("seL4_SchedControl_ConfigureFlags");
    return this.invoke(service, McsOnlyLabel.SchedControlConfigureFlags, [w(budget), w(period), w(extra_refills), w(badge), w(flags)], [schedcontext]);
  }

  /** seL4_SchedControl_Configure: ConfigureFlags with seL4_SchedContext_NoFlag. */
  seL4_SchedControl_Configure(service: seL4_CPtr, schedcontext: seL4_CPtr, budget: seL4_Time, period: seL4_Time, extra_refills: number, badge: bigint | number): seL4_Error {
    return this.seL4_SchedControl_ConfigureFlags(service, schedcontext, budget, period, extra_refills, badge, seL4_SchedContextFlag.seL4_SchedContext_NoFlag);
  }

  /** seL4_SchedContext_Bind: binds a TCB or a notification. */
  seL4_SchedContext_Bind(service: seL4_CPtr, cap: seL4_CPtr): seL4_Error {
    this.requireMcs("seL4_SchedContext_Bind");
    return this.invoke(service, McsOnlyLabel.SchedContextBind, [], [cap]);
  }

  /** seL4_SchedContext_Unbind: unbinds its thread and notification. */
  seL4_SchedContext_Unbind(service: seL4_CPtr): seL4_Error {
    this.requireMcs("seL4_SchedContext_Unbind");
    return this.invoke(service, McsOnlyLabel.SchedContextUnbind, []);
  }

  /** seL4_SchedContext_UnbindObject: unbinds the given TCB or notification. */
  seL4_SchedContext_UnbindObject(service: seL4_CPtr, cap: seL4_CPtr): seL4_Error {
    this.requireMcs("seL4_SchedContext_UnbindObject");
    return this.invoke(service, McsOnlyLabel.SchedContextUnbindObject, [], [cap]);
  }

  /** seL4_SchedContext_Consumed: µs consumed since the last report. */
  seL4_SchedContext_Consumed(service: seL4_CPtr): seL4_SchedContext_Consumed_t {
    this.requireMcs("seL4_SchedContext_Consumed");
    const error = this.invoke(service, McsOnlyLabel.SchedContextConsumed, []);
    return { error, consumed: error === seL4_Error.seL4_NoError ? this.replyMR(0) : 0n };
  }

  /** seL4_SchedContext_YieldTo: puts the context's thread at the head of its ready queue. */
  seL4_SchedContext_YieldTo(service: seL4_CPtr): seL4_SchedContext_YieldTo_t {
    this.requireMcs("seL4_SchedContext_YieldTo");
    const error = this.invoke(service, McsOnlyLabel.SchedContextYieldTo, []);
    return { error, consumed: error === seL4_Error.seL4_NoError ? this.replyMR(0) : 0n };
  }

  /** seL4_TCB_SetTimeoutEndpoint: the endpoint cap that receives this thread's Timeout faults (0: none). */
  seL4_TCB_SetTimeoutEndpoint(service: seL4_CPtr, timeout_fault_ep: seL4_CPtr): seL4_Error {
    this.requireMcs("seL4_TCB_SetTimeoutEndpoint");
    return this.invoke(service, McsOnlyLabel.TCBSetTimeoutEndpoint, [], [timeout_fault_ep]);
  }
}
