import { describe, expect, it } from "vitest";
import { seL4_RootCNodeCapSlots as S } from "./constants/boot";
import { seL4_VMFault_IP, seL4_VMFault_PrefetchFault } from "./constants/faults";
import { seL4_FaultType_MCS, seL4_ObjectType_MCS as T } from "./constants/mcs";
import { emptyUserContext } from "./objects/user-context";
import { seL4_MessageInfo_new } from "./message-info";
import { runMcsRoot } from "./test-support/mcs-kit";

describe("MCS IPC with reply objects", () => {
  it("Call / Recv(reply) / ReplyRecv round trips between threads with their own scheduling contexts", async () => {
    const replies: bigint[] = [];
    await runMcsRoot(async (sel4, kit) => {
      const ep = kit.make(T.seL4_EndpointObject);
      const reply = kit.make(T.seL4_ReplyObject);
      kit.spawn(
        async (server) => {
          const badge = { value: 0n };
          let info = await server.seL4_Recv(ep, badge, reply);
          for (;;) {
            server.seL4_SetMR(0, server.seL4_GetMR(0) * 2n);
            info = await server.seL4_ReplyRecv(ep, seL4_MessageInfo_new(0, 0, 0, info.length), badge, reply);
          }
        },
        { priority: 200, ipcBufferVaddr: 0x402000, sc: kit.sched(1000, 1000) },
      );
      for (let i = 1n; i <= 3n; i++) {
        sel4.seL4_SetMR(0, i);
        const info = await sel4.seL4_Call(ep, seL4_MessageInfo_new(7, 0, 0, 1));
        expect(info.label).toBe(0);
        replies.push(sel4.seL4_GetMR(0));
      }
      expect(sel4.seL4_GetBootInfo().schedcontrol).toEqual({ start: S.seL4_NumInitialCaps + 2, end: S.seL4_NumInitialCaps + 3 });
    });
    expect(replies).toEqual([2n, 4n, 6n]);
  });
});

describe("MCS passive servers", () => {
  it("a server without a scheduling context runs on its caller's, and the reply returns it", async () => {
    const seen: { donated: boolean; callerHasNone: boolean }[] = [];
    let serverScAfter: unknown = "unset";
    await runMcsRoot(async (sel4, kit) => {
      const ep = kit.make(T.seL4_EndpointObject);
      const reply = kit.make(T.seL4_ReplyObject);
      const serverSc = kit.sched(1000, 1000);
      const rootSc = sel4.tcb.sc;
      const server = kit.spawn(
        async (me) => {
          const badge = { value: 0n };
          await me.seL4_Recv(ep, badge, reply);
          for (;;) {
            seen.push({ donated: me.tcb.sc === rootSc && rootSc !== null, callerHasNone: sel4.tcb.sc === null });
            await me.seL4_ReplyRecv(ep, seL4_MessageInfo_new(0, 0, 0, 0), badge, reply);
          }
        },
        { priority: 200, ipcBufferVaddr: 0x402000, sc: serverSc },
      );
      // The server has initialised and waits: take its scheduling context away (Microkit's passive PDs).
      expect(sel4.seL4_SchedContext_UnbindObject(serverSc, server)).toBe(0);
      await sel4.seL4_Call(ep, seL4_MessageInfo_new(0, 0, 0, 0));
      await sel4.seL4_Call(ep, seL4_MessageInfo_new(0, 0, 0, 0));
      expect(sel4.tcb.sc).toBe(rootSc);
      serverScAfter = null;
    });
    expect(seen).toEqual([
      { donated: true, callerHasNone: true },
      { donated: true, callerHasNone: true },
    ]);
    expect(serverScAfter).toBeNull();
  });
});

describe("MCS notifications, NBSendRecv and faults", () => {
  it("a Recv with a bound notification returns its signal; NBSendRecv signals and then waits (Microkit's loop)", async () => {
    const events: string[] = [];
    await runMcsRoot(async (sel4, kit) => {
      const ep = kit.make(T.seL4_EndpointObject);
      const ntfn = kit.make(T.seL4_NotificationObject);
      const back = kit.make(T.seL4_NotificationObject);
      const reply = kit.make(T.seL4_ReplyObject);
      const pd = kit.spawn(
        async (me) => {
          const badge = { value: 0n };
          await me.seL4_Recv(ep, badge, reply);
          events.push(`pd got badge ${badge.value}`);
          // notify the root task and wait again in one syscall
          await me.seL4_NBSendRecv(back, seL4_MessageInfo_new(0, 0, 0, 0), ep, badge, reply);
          events.push(`pd got badge ${badge.value}`);
        },
        { priority: 100, ipcBufferVaddr: 0x402000, sc: kit.sched(500, 1000), suspended: true },
      );
      expect(sel4.seL4_TCB_BindNotification(pd, ntfn)).toBe(0);
      expect(sel4.seL4_TCB_Resume(pd)).toBe(0);
      const minted = kit.next++;
      sel4.seL4_CNode_Mint(S.seL4_CapInitThreadCNode, minted, 64, S.seL4_CapInitThreadCNode, ntfn, 64, 3, 0b100n);
      await sel4.seL4_Signal(minted);
      const badge = { value: 0n };
      await sel4.seL4_Wait(back, badge);
      events.push(`root woken`);
      await sel4.seL4_Signal(minted);
    });
    expect(events).toEqual(["pd got badge 4", "root woken", "pd got badge 4"]);
  });
});

describe("MCS fault delivery", () => {
  it("delivers a VMFault with the MCS label 6 to the fault handler cap copied into the TCB; a reply restarts the thread", async () => {
    const got: { label: number; badge: bigint; ip: bigint; prefetch: bigint }[] = [];
    let resumed = false;
    await runMcsRoot(async (sel4, kit) => {
      const ep = kit.make(T.seL4_EndpointObject);
      const reply = kit.make(T.seL4_ReplyObject);
      const faultCap = kit.next++;
      sel4.seL4_CNode_Mint(S.seL4_CapInitThreadCNode, faultCap, 64, S.seL4_CapInitThreadCNode, ep, 64, 0xf, 0x77n);
      const child = kit.spawn(() => undefined, { priority: 100, ipcBufferVaddr: 0x402000, sc: kit.sched(1000, 1000), faultEp: faultCap, suspended: true });
      const regs = emptyUserContext();
      regs.pc = 0x1000n; // no code there: an instruction abort
      expect(sel4.seL4_TCB_WriteRegisters(child, true, 0, 1, regs)).toBe(0);
      const badge = { value: 0n };
      const info = await sel4.seL4_Recv(ep, badge, reply);
      got.push({ label: info.label, badge: badge.value, ip: sel4.seL4_GetMR(seL4_VMFault_IP), prefetch: sel4.seL4_GetMR(seL4_VMFault_PrefetchFault) });
      regs.pc = sel4.nativeEntry(() => {
        resumed = true;
      });
      expect(sel4.seL4_TCB_WriteRegisters(child, false, 0, 1, regs)).toBe(0);
      await sel4.seL4_Send(reply, seL4_MessageInfo_new(0, 0, 0, 0));
    });
    expect(got).toEqual([{ label: seL4_FaultType_MCS.seL4_Fault_VMFault, badge: 0x77n, ip: 0x1000n, prefetch: 1n }]);
    expect(resumed).toBe(true);
  });
});
