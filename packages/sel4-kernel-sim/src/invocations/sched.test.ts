import { describe, expect, it } from "vitest";
import { seL4_RootCNodeCapSlots as S } from "../constants/boot";
import { seL4_Error as E } from "../constants/errors";
import { MAX_PERIOD_US, MIN_BUDGET_US, seL4_MaxExtraRefills, seL4_ObjectType_MCS as T } from "../constants/mcs";
import { seL4_CanGrant, seL4_CanWrite } from "../constants/rights";
import { seL4_MessageInfo_new } from "../message-info";
import { errorMRs } from "../test-support/root-task-kit";
import { runMcsRoot } from "../test-support/mcs-kit";

const ROOT = S.seL4_CapInitThreadCNode;
const SELF = S.seL4_CapInitThreadTCB;

describe("MCS objects and Retype", () => {
  it("uses the MCS type numbers and sizes: SchedContext ≥ 2^7, Reply 2^5, Notification 2^6", async () => {
    await runMcsRoot((sel4, kit) => {
      const small = kit.make(T.seL4_UntypedObject, 7); // 128 bytes
      const retype = (type: T, size: number, n: number) => sel4.seL4_Untyped_Retype(small, type, size, ROOT, 0, 0, kit.next, n);
      expect(retype(T.seL4_SchedContextObject, 6, 1)).toBe(E.seL4_InvalidArgument);
      expect(errorMRs(sel4, 1)).toEqual([1n]);
      expect(retype(T.seL4_ARM_VCPUObject + 1, 0, 1)).toBe(E.seL4_InvalidArgument);
      expect(errorMRs(sel4, 1)).toEqual([0n]);
      expect(retype(T.seL4_NotificationObject, 0, 3)).toBe(E.seL4_NotEnoughMemory); // 3 × 64 > 128
      expect(retype(T.seL4_ReplyObject, 0, 5)).toBe(E.seL4_NotEnoughMemory); // 5 × 32 > 128
      expect(retype(T.seL4_ReplyObject, 0, 4)).toBe(E.seL4_NoError);
      kit.next += 4;
      expect(retype(T.seL4_SchedContextObject, 7, 1)).toBe(E.seL4_NotEnoughMemory);
      // Type 9 is a 4 KiB frame on MCS (a large page on a non-MCS kernel).
      const frame = kit.make(T.seL4_ARM_SmallPageObject);
      expect(sel4.seL4_ARM_Page_GetAddress(frame).paddr % 0x1000).toBe(0);
      expect(sel4.seL4_ARM_Page_Map(frame, S.seL4_CapInitThreadVSpace, 0x450000, 3, 3)).toBe(E.seL4_NoError);
    });
  });

  it("boot info: SchedControl caps after the paging caps; slot 14 is the root task's scheduling context", async () => {
    await runMcsRoot((sel4) => {
      const bi = sel4.seL4_GetBootInfo();
      expect(bi.schedcontrol).toEqual({ start: bi.userImagePaging.end, end: bi.userImagePaging.end + 1 });
      expect(bi.untyped.start).toBe(bi.schedcontrol!.end);
      expect(sel4.seL4_SchedContext_Consumed(S.seL4_CapInitThreadSC).error).toBe(E.seL4_NoError);
      // The root task may not unbind its own scheduling context.
      expect(sel4.seL4_SchedContext_Unbind(S.seL4_CapInitThreadSC)).toBe(E.seL4_IllegalOperation);
    });
  });
});

describe("SchedControl_ConfigureFlags", () => {
  it("checks budget, period, their order, the target cap and the extra refills as seL4 does", async () => {
    await runMcsRoot((sel4, kit) => {
      const sc = kit.make(T.seL4_SchedContextObject, 8);
      const ctl = kit.schedControl;
      const ep = kit.make(T.seL4_EndpointObject);
      expect(sel4.seL4_SchedControl_Configure(ctl, sc, MIN_BUDGET_US - 1, 1000, 0, 0)).toBe(E.seL4_RangeError);
      expect(errorMRs(sel4, 2)).toEqual([BigInt(MIN_BUDGET_US), MAX_PERIOD_US]);
      expect(sel4.seL4_SchedControl_Configure(ctl, sc, 100, MIN_BUDGET_US - 1, 0, 0)).toBe(E.seL4_RangeError);
      expect(sel4.seL4_SchedControl_Configure(ctl, sc, MAX_PERIOD_US + 1n, MAX_PERIOD_US + 1n, 0, 0)).toBe(E.seL4_RangeError);
      expect(sel4.seL4_SchedControl_Configure(ctl, sc, 2000, 1000, 0, 0)).toBe(E.seL4_RangeError);
      expect(errorMRs(sel4, 2)).toEqual([BigInt(MIN_BUDGET_US), 1000n]);
      expect(sel4.seL4_SchedControl_Configure(ctl, ep, 100, 1000, 0, 0)).toBe(E.seL4_InvalidCapability);
      expect(errorMRs(sel4, 1)).toEqual([1n]);
      const maxExtra = seL4_MaxExtraRefills(8);
      expect(maxExtra).toBe(8);
      expect(sel4.seL4_SchedControl_Configure(ctl, sc, 100, 1000, maxExtra + 1, 0)).toBe(E.seL4_RangeError);
      expect(errorMRs(sel4, 2)).toEqual([0n, BigInt(maxExtra)]);
      expect(sel4.seL4_SchedControl_ConfigureFlags(ctl, sc, 100, 1000, maxExtra, 0x42, 1)).toBe(E.seL4_NoError);
      // Invoking the scheduling context cap as if it were SchedControl is not a SchedControl method.
      expect(sel4.seL4_SchedControl_Configure(sc, sc, 100, 1000, 0, 0)).toBe(E.seL4_IllegalOperation);
    });
  });
});

describe("SchedContext invocations", () => {
  it("Bind / UnbindObject / Unbind with their checks", async () => {
    await runMcsRoot((sel4, kit) => {
      const sc = kit.sched(1000, 1000);
      const other = kit.sched(1000, 1000);
      const tcb = kit.make(T.seL4_TCBObject);
      const ntfn = kit.make(T.seL4_NotificationObject);
      const ep = kit.make(T.seL4_EndpointObject);
      expect(sel4.seL4_SchedContext_Bind(sc, ep)).toBe(E.seL4_InvalidCapability);
      expect(errorMRs(sel4, 1)).toEqual([1n]);
      expect(sel4.seL4_SchedContext_UnbindObject(sc, tcb)).toBe(E.seL4_IllegalOperation); // not bound
      expect(sel4.seL4_SchedContext_Bind(sc, tcb)).toBe(E.seL4_NoError);
      expect(sel4.seL4_SchedContext_Bind(sc, tcb)).toBe(E.seL4_IllegalOperation); // sc already bound
      expect(sel4.seL4_SchedContext_Bind(other, tcb)).toBe(E.seL4_IllegalOperation); // tcb already bound
      expect(sel4.seL4_SchedContext_Bind(sc, ntfn)).toBe(E.seL4_NoError);
      expect(sel4.seL4_SchedContext_Bind(other, ntfn)).toBe(E.seL4_IllegalOperation); // notification already bound
      expect(sel4.seL4_SchedContext_UnbindObject(other, ntfn)).toBe(E.seL4_IllegalOperation);
      expect(sel4.seL4_SchedContext_UnbindObject(sc, ep)).toBe(E.seL4_InvalidCapability);
      expect(sel4.seL4_SchedContext_UnbindObject(sc, SELF)).toBe(E.seL4_IllegalOperation); // root is not bound to sc
      expect(sel4.seL4_SchedContext_UnbindObject(S.seL4_CapInitThreadSC, SELF)).toBe(E.seL4_IllegalOperation); // current thread
      expect(sel4.seL4_SchedContext_UnbindObject(sc, tcb)).toBe(E.seL4_NoError);
      expect(sel4.seL4_SchedContext_Bind(other, tcb)).toBe(E.seL4_NoError);
      expect(sel4.seL4_SchedContext_Unbind(sc)).toBe(E.seL4_NoError); // drops the notification
      expect(sel4.seL4_SchedContext_Bind(other, ntfn)).toBe(E.seL4_NoError);
    });
  });

  it("Consumed reports µs used since the last report; YieldTo checks its target", async () => {
    const consumed: bigint[] = [];
    await runMcsRoot(async (sel4, kit) => {
      const ep = kit.make(T.seL4_EndpointObject);
      const done = kit.make(T.seL4_NotificationObject);
      const sc = kit.sched(1000, 1000);
      kit.spawn(
        async (me) => {
          for (let i = 0; i < 50; i++) await me.seL4_NBSend(ep, seL4_MessageInfo_new(0, 0, 0, 0));
          await me.seL4_Signal(done);
          await me.seL4_Wait(ep, null);
        },
        { priority: 100, ipcBufferVaddr: 0x402000, sc },
      );
      await sel4.seL4_Wait(done, null);
      consumed.push(sel4.seL4_SchedContext_Consumed(sc).consumed, sel4.seL4_SchedContext_Consumed(sc).consumed);
      const idle = kit.sched(1000, 1000);
      expect(sel4.seL4_SchedContext_YieldTo(idle).error).toBe(E.seL4_IllegalOperation); // no thread
      expect(sel4.seL4_SchedContext_YieldTo(S.seL4_CapInitThreadSC).error).toBe(E.seL4_IllegalOperation); // self
      expect(sel4.seL4_SchedContext_YieldTo(sc).error).toBe(E.seL4_NoError);
    });
    // 50 NBSends and the Signal, 1 µs of kernel entry each (the Signal wakes the root task, which preempts).
    expect(consumed).toEqual([51n, 0n]);
  });
});

describe("TCB invocations in their MCS forms", () => {
  it("SetSchedParams checks the MCP, the scheduling context and the fault handler cap; SetTimeoutEndpoint the endpoint", async () => {
    await runMcsRoot((sel4, kit) => {
      const tcb = kit.make(T.seL4_TCBObject);
      const sc = kit.sched(1000, 1000);
      const ep = kit.make(T.seL4_EndpointObject);
      const ntfn = kit.make(T.seL4_NotificationObject);
      const sendOnly = kit.next++;
      sel4.seL4_CNode_Mint(ROOT, sendOnly, 64, ROOT, ep, 64, seL4_CanWrite, 1n);
      const sendGrant = kit.next++;
      sel4.seL4_CNode_Mint(ROOT, sendGrant, 64, ROOT, ep, 64, seL4_CanWrite | seL4_CanGrant, 2n);
      expect(sel4.seL4_TCB_SetSchedParams(tcb, ep, 10, 10, sc, 0)).toBe(E.seL4_InvalidCapability);
      expect(errorMRs(sel4, 1)).toEqual([1n]);
      expect(sel4.seL4_TCB_SetSchedParams(tcb, tcb, 10, 10, sc, 0)).toBe(E.seL4_RangeError); // fresh TCB: MCP 0
      expect(sel4.seL4_TCB_SetSchedParams(tcb, SELF, 10, 10, ep, 0)).toBe(E.seL4_InvalidCapability);
      expect(errorMRs(sel4, 1)).toEqual([2n]);
      expect(sel4.seL4_TCB_SetSchedParams(tcb, SELF, 10, 10, sc, sendOnly)).toBe(E.seL4_InvalidCapability);
      expect(errorMRs(sel4, 1)).toEqual([3n]);
      expect(sel4.seL4_TCB_SetSchedParams(tcb, SELF, 10, 10, sc, sendGrant)).toBe(E.seL4_NoError);
      const second = kit.make(T.seL4_TCBObject);
      expect(sel4.seL4_TCB_SetSchedParams(second, SELF, 10, 10, sc, 0)).toBe(E.seL4_IllegalOperation); // sc bound elsewhere
      expect(sel4.seL4_TCB_SetSchedParams(tcb, SELF, 10, 10, kit.sched(1000, 1000), 0)).toBe(E.seL4_IllegalOperation); // tcb has one
      expect(sel4.seL4_TCB_SetSchedParams(SELF, SELF, 255, 255, 0, 0)).toBe(E.seL4_IllegalOperation); // own SC
      expect(sel4.seL4_TCB_SetTimeoutEndpoint(tcb, ntfn)).toBe(E.seL4_InvalidCapability);
      expect(errorMRs(sel4, 1)).toEqual([1n]);
      expect(sel4.seL4_TCB_SetTimeoutEndpoint(tcb, sendGrant)).toBe(E.seL4_NoError);
      expect(sel4.seL4_TCB_SetSpace(tcb, sendOnly, ROOT, 0, S.seL4_CapInitThreadVSpace, 0)).toBe(E.seL4_InvalidCapability);
      expect(sel4.seL4_TCB_SetSpace(tcb, sendGrant, ROOT, 0, S.seL4_CapInitThreadVSpace, 0)).toBe(E.seL4_NoError);
      // The non-MCS signature is refused with a clear message instead of a mis-decoded call.
      expect(() => sel4.seL4_TCB_Configure(tcb, 0, ROOT, 0, S.seL4_CapInitThreadVSpace, 0, 0, 0)).toThrow(/MCS signature takes 7/);
    });
  });
});

describe("deleting MCS objects", () => {
  it("deleting a thread's scheduling context makes it passive; deleting a TCB frees its scheduling context", async () => {
    const ran: string[] = [];
    await runMcsRoot(async (sel4, kit) => {
      const sc = kit.sched(1000, 1000);
      const worker = kit.spawn(
        () => {
          ran.push("worker");
        },
        { priority: 100, ipcBufferVaddr: 0x402000, sc },
      );
      expect(sel4.seL4_CNode_Delete(ROOT, sc, 64)).toBe(E.seL4_NoError);
      await sel4.seL4_Yield(); // the root task (255) gives up its slice: nothing else may run
      expect(ran).toEqual([]);
      const second = kit.sched(1000, 1000);
      const victim = kit.spawn(() => undefined, { priority: 10, ipcBufferVaddr: 0x403000, sc: second, suspended: true });
      expect(sel4.seL4_SchedContext_Bind(second, worker)).toBe(E.seL4_IllegalOperation); // bound to victim
      expect(sel4.seL4_CNode_Delete(ROOT, victim, 64)).toBe(E.seL4_NoError);
      expect(sel4.seL4_SchedContext_Bind(second, worker)).toBe(E.seL4_NoError);
      expect(sel4.seL4_TCB_SetPriority(SELF, SELF, 5)).toBe(E.seL4_NoError);
      await sel4.seL4_Yield();
      expect(ran).toEqual(["worker"]);
    });
  });
});

describe("SchedContext_YieldTo", () => {
  it("runs the target before the caller continues when they share a priority", async () => {
    const order: string[] = [];
    await runMcsRoot(async (sel4, kit) => {
      const ep = kit.make(T.seL4_EndpointObject);
      expect(sel4.seL4_TCB_SetPriority(SELF, SELF, 100)).toBe(E.seL4_NoError);
      const sc = kit.sched(1000, 1000);
      kit.spawn(
        () => {
          order.push("target");
        },
        { priority: 100, ipcBufferVaddr: 0x402000, sc },
      );
      // Same priority, round robin: the root task keeps its slice across syscalls.
      await sel4.seL4_NBSend(ep, seL4_MessageInfo_new(0, 0, 0, 0));
      order.push("root");
      expect(sel4.seL4_SchedContext_YieldTo(sc).error).toBe(E.seL4_NoError);
      await sel4.seL4_NBSend(ep, seL4_MessageInfo_new(0, 0, 0, 0));
      order.push("root after YieldTo");
    });
    expect(order).toEqual(["root", "target", "root after YieldTo"]);
  });
});
