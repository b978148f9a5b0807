import { describe, expect, it } from "vitest";
import type { Sel4 } from "./api/sel4";
import { seL4_RootCNodeCapSlots as S } from "./constants/boot";
import { seL4_Error as E } from "./constants/errors";
import { seL4_CapFault_Addr, seL4_CapFault_InRecvPhase } from "./constants/faults";
import { seL4_FaultType_MCS as F, seL4_ObjectType_MCS as T } from "./constants/mcs";
import { ThreadState } from "./constants/thread-state";
import { seL4_MessageInfo_new } from "./message-info";
import type { Tcb } from "./objects/tcb";
import { runMcsRoot } from "./test-support/mcs-kit";

const ROOT = S.seL4_CapInitThreadCNode;
const empty = seL4_MessageInfo_new(0, 0, 0, 0);

describe("MCS endpoint queues", () => {
  it("queue senders by priority (FIFO within a priority), not in arrival order", async () => {
    const order: bigint[] = [];
    await runMcsRoot(async (sel4, kit) => {
      const ep = kit.make(T.seL4_EndpointObject);
      const reply = kit.make(T.seL4_ReplyObject);
      // The root task drops below the clients so each one blocks in its Call as soon as it is resumed.
      expect(sel4.seL4_TCB_SetPriority(S.seL4_CapInitThreadTCB, S.seL4_CapInitThreadTCB, 5)).toBe(E.seL4_NoError);
      const priorities = [10, 30, 20, 30];
      for (const [i, priority] of priorities.entries()) {
        const cap = kit.next++;
        sel4.seL4_CNode_Mint(ROOT, cap, 64, ROOT, ep, 64, 0xf, BigInt(i + 1));
        kit.spawn(
          async (me) => {
            await me.seL4_Call(cap, empty);
          },
          { priority, ipcBufferVaddr: 0x402000 + i * 0x1000, sc: kit.sched(1000, 1000) },
        );
        await sel4.seL4_Yield(); // the new client runs and blocks in its Call
      }
      const badge = { value: 0n };
      for (let i = 0; i < priorities.length; i++) {
        await sel4.seL4_Recv(ep, badge, reply);
        order.push(badge.value);
        await sel4.seL4_Send(reply, empty);
      }
    });
    // badges 2 and 4 have priority 30 (arrived in that order), 3 has 20, 1 has 10
    expect(order).toEqual([2n, 4n, 3n, 1n]);
  });
});

describe("MCS notification queues", () => {
  it("wake waiters in priority order", async () => {
    const woken: number[] = [];
    await runMcsRoot(async (sel4, kit) => {
      const ntfn = kit.make(T.seL4_NotificationObject);
      expect(sel4.seL4_TCB_SetPriority(S.seL4_CapInitThreadTCB, S.seL4_CapInitThreadTCB, 5)).toBe(E.seL4_NoError);
      for (const [i, priority] of [10, 30, 20].entries()) {
        kit.spawn(
          async (me) => {
            await me.seL4_Wait(ntfn, null);
            woken.push(priority);
          },
          { priority, ipcBufferVaddr: 0x402000 + i * 0x1000, sc: kit.sched(1000, 1000) },
        );
        await sel4.seL4_Yield();
      }
      for (let i = 0; i < 3; i++) await sel4.seL4_Signal(ntfn);
    });
    expect(woken).toEqual([30, 20, 10]);
  });
});

describe("MCS reply objects", () => {
  it("a Recv without a reply object cap is a cap fault in the receive phase", async () => {
    const faults: { label: number; addr: bigint; recvPhase: bigint }[] = [];
    let notReply = 0;
    await runMcsRoot(async (sel4, kit) => {
      const ep = kit.make(T.seL4_EndpointObject);
      const faultEp = kit.make(T.seL4_EndpointObject);
      const reply = kit.make(T.seL4_ReplyObject);
      notReply = kit.make(T.seL4_NotificationObject);
      kit.spawn(
        async (me) => {
          await me.seL4_Recv(ep, null, notReply);
        },
        { priority: 100, ipcBufferVaddr: 0x402000, sc: kit.sched(1000, 1000), faultEp },
      );
      const info = await sel4.seL4_Recv(faultEp, null, reply);
      faults.push({ label: info.label, addr: sel4.seL4_GetMR(seL4_CapFault_Addr), recvPhase: sel4.seL4_GetMR(seL4_CapFault_InRecvPhase) });
    });
    expect(faults).toEqual([{ label: F.seL4_Fault_CapFault, addr: BigInt(notReply), recvPhase: 1n }]);
  });

  it("reusing a reply object that a caller still waits on cancels that caller; a reply without a caller does nothing", async () => {
    let client: Tcb | null = null;
    let clientReturned = false;
    await runMcsRoot(async (sel4, kit) => {
      const ep = kit.make(T.seL4_EndpointObject);
      const reply = kit.make(T.seL4_ReplyObject);
      await sel4.seL4_Send(reply, empty); // nobody waits on it: nothing happens
      kit.spawn(
        async (me) => {
          client = me.tcb;
          await me.seL4_Call(ep, empty);
          clientReturned = true;
        },
        { priority: 100, ipcBufferVaddr: 0x402000, sc: kit.sched(1000, 1000) },
      );
      await sel4.seL4_Recv(ep, null, reply);
      expect(client!.state).toBe(ThreadState.BlockedOnReply);
      // Waiting again with the same reply object before answering: the caller is cancelled.
      await sel4.seL4_NBRecv(ep, null, reply);
      expect(client!.state).toBe(ThreadState.Inactive);
      await sel4.seL4_Send(reply, empty);
    });
    expect(clientReturned).toBe(false);
  });

  it("deleting the reply object's last cap stops the caller waiting on it", async () => {
    let client: Tcb | null = null;
    await runMcsRoot(async (sel4, kit) => {
      const ep = kit.make(T.seL4_EndpointObject);
      const reply = kit.make(T.seL4_ReplyObject);
      kit.spawn(
        async (me) => {
          client = me.tcb;
          await me.seL4_Call(ep, empty);
        },
        { priority: 100, ipcBufferVaddr: 0x402000, sc: kit.sched(1000, 1000) },
      );
      await sel4.seL4_Recv(ep, null, reply);
      expect(client!.state).toBe(ThreadState.BlockedOnReply);
      expect(sel4.seL4_CNode_Delete(ROOT, reply, 64)).toBe(E.seL4_NoError);
      expect(client!.state).toBe(ThreadState.Inactive);
    });
  });

  it("nested calls through passive servers stack the replies; the scheduling context returns step by step", async () => {
    const log: string[] = [];
    await runMcsRoot(async (sel4, kit) => {
      const epB = kit.make(T.seL4_EndpointObject);
      const epC = kit.make(T.seL4_EndpointObject);
      const replyB = kit.make(T.seL4_ReplyObject);
      const replyC = kit.make(T.seL4_ReplyObject);
      const rootSc = sel4.tcb.sc;
      const holds = (who: string, me: Sel4) => log.push(`${who} on root SC: ${me.tcb.sc === rootSc}`);
      const passive = (body: (me: Sel4) => Promise<void>, at: number) => {
        const sc = kit.sched(1000, 1000);
        const tcb = kit.spawn(body, { priority: 200, ipcBufferVaddr: at, sc });
        return { sc, tcb };
      };
      const b = passive(async (me) => {
        await me.seL4_Recv(epB, null, replyB);
        for (;;) {
          holds("B", me);
          await me.seL4_Call(epC, empty);
          holds("B after C", me);
          await me.seL4_ReplyRecv(epB, empty, null, replyB);
        }
      }, 0x402000);
      const c = passive(async (me) => {
        await me.seL4_Recv(epC, null, replyC);
        for (;;) {
          holds("C", me);
          await me.seL4_ReplyRecv(epC, empty, null, replyC);
        }
      }, 0x403000);
      // Let B and C reach their Recv (the root task steps below them), then make them passive.
      expect(sel4.seL4_TCB_SetPriority(S.seL4_CapInitThreadTCB, S.seL4_CapInitThreadTCB, 5)).toBe(E.seL4_NoError);
      await sel4.seL4_Yield();
      expect(sel4.seL4_SchedContext_UnbindObject(b.sc, b.tcb)).toBe(E.seL4_NoError);
      expect(sel4.seL4_SchedContext_UnbindObject(c.sc, c.tcb)).toBe(E.seL4_NoError);
      await sel4.seL4_Call(epB, empty);
      holds("A", sel4);
    });
    expect(log).toEqual(["B on root SC: true", "C on root SC: true", "B after C on root SC: true", "A on root SC: true"]);
  });
});
