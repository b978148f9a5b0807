import { describe, expect, it } from "vitest";
import { seL4_RootCNodeCapSlots as S } from "../constants/boot";
import { seL4_Error as E } from "../constants/errors";
import { seL4_FaultType } from "../constants/faults";
import { seL4_ObjectType as T } from "../constants/object-types";
import { seL4_AllRights, seL4_CanRead, seL4_CanWrite } from "../constants/rights";
import { seL4_MessageInfo_new } from "../message-info";
import { emptyUserContext } from "../objects/user-context";
import { runRoot } from "../test-support/root-task-kit";

const ROOT = S.seL4_CapInitThreadCNode;
const SELF = S.seL4_CapInitThreadTCB;

describe("notifications", () => {
  it("ORs badges while active and tracks state rather than the word", async () => {
    const seen: bigint[] = [];
    await runRoot(async (sel4, kit) => {
      const ntfn = kit.make(T.seL4_NotificationObject);
      const [b1, b4, b0] = [kit.next++, kit.next++, kit.next++];
      sel4.seL4_CNode_Mint(ROOT, b1, 64, ROOT, ntfn, 64, seL4_AllRights, 1n);
      sel4.seL4_CNode_Mint(ROOT, b4, 64, ROOT, ntfn, 64, seL4_AllRights, 4n);
      sel4.seL4_CNode_Copy(ROOT, b0, 64, ROOT, ntfn, 64, seL4_AllRights);
      const badge = { value: 99n };
      await sel4.seL4_Poll(ntfn, badge);
      seen.push(badge.value);
      await sel4.seL4_Signal(b1);
      await sel4.seL4_Signal(b4);
      await sel4.seL4_Wait(ntfn, badge);
      seen.push(badge.value);
      // A 0-badge signal still makes the notification active: Wait returns 0 at once.
      await sel4.seL4_Signal(b0);
      await sel4.seL4_Wait(ntfn, badge);
      seen.push(badge.value);
    });
    expect(seen).toEqual([0n, 5n, 0n]);
  });

  it("a bound notification wakes its thread blocked on an endpoint", async () => {
    const log: string[] = [];
    await runRoot(async (sel4, kit) => {
      const ep = kit.make(T.seL4_EndpointObject);
      const ntfn = kit.make(T.seL4_NotificationObject);
      const badged = kit.next++;
      sel4.seL4_CNode_Mint(ROOT, badged, 64, ROOT, ntfn, 64, seL4_AllRights, 0x80n);
      const server = kit.spawn(
        async (t) => {
          const badge = { value: 0n };
          await t.seL4_Recv(ep, badge);
          log.push(`server woke with badge ${badge.value}`);
          // Another thread may not wait on a notification bound to someone else: CapFault.
        },
        { priority: 200, ipcBufferVaddr: 0x402000 },
      );
      expect(sel4.seL4_TCB_BindNotification(server, ntfn)).toBe(E.seL4_NoError);
      sel4.seL4_TCB_SetPriority(SELF, SELF, 100);
      await sel4.seL4_Yield();
      await sel4.seL4_Signal(badged);
      log.push("root after signal");
    });
    expect(log).toEqual(["server woke with badge 128", "root after signal"]);
  });
});

describe("endpoint IPC", () => {
  it("transfers caps with Grant, unwraps caps to the same endpoint, ignores caps without Grant", async () => {
    const results: string[] = [];
    await runRoot(async (sel4, kit) => {
      const ep = kit.make(T.seL4_EndpointObject);
      const ntfn = kit.make(T.seL4_NotificationObject);
      const [grantEp, plainEp, badgedEp] = [kit.next++, kit.next++, kit.next++];
      sel4.seL4_CNode_Mint(ROOT, grantEp, 64, ROOT, ep, 64, seL4_AllRights, 1n);
      sel4.seL4_CNode_Mint(ROOT, plainEp, 64, ROOT, ep, 64, seL4_CanRead | seL4_CanWrite, 2n);
      sel4.seL4_CNode_Mint(ROOT, badgedEp, 64, ROOT, ep, 64, seL4_AllRights, 0x55n);
      const recvSlot = kit.next++;
      kit.spawn(
        async (t) => {
          t.seL4_SetCap(0, ntfn);
          await t.seL4_Send(grantEp, seL4_MessageInfo_new(1, 0, 1, 0));
          t.seL4_SetCap(0, badgedEp);
          await t.seL4_Send(grantEp, seL4_MessageInfo_new(2, 0, 1, 0));
          t.seL4_SetCap(0, ntfn);
          await t.seL4_Send(plainEp, seL4_MessageInfo_new(3, 0, 1, 0));
        },
        { priority: 200, ipcBufferVaddr: 0x402000 },
      );
      sel4.seL4_SetCapReceivePath(ROOT, recvSlot, 64);
      for (let i = 0; i < 3; i++) {
        const badge = { value: 0n };
        const info = await sel4.seL4_Recv(ep, badge);
        results.push(`label ${info.label} badge ${badge.value} extraCaps ${info.extraCaps} unwrapped ${info.capsUnwrapped} cap0 ${sel4.seL4_GetBadge(0)}`);
      }
      // The transferred notification cap works in the receive slot.
      await sel4.seL4_Signal(recvSlot);
      const b = { value: 0n };
      await sel4.seL4_Poll(ntfn, b);
      results.push(`poll ${b.value}`);
    });
    expect(results).toEqual([
      "label 1 badge 1 extraCaps 1 unwrapped 0 cap0 1",
      "label 2 badge 1 extraCaps 1 unwrapped 1 cap0 85",
      "label 3 badge 2 extraCaps 0 unwrapped 0 cap0 85",
      "poll 0",
    ]);
  });

  it("NBSend drops without a receiver; NBRecv returns badge 0; queues are FIFO", async () => {
    const got: number[] = [];
    const sent: number[] = [];
    await runRoot(async (sel4, kit) => {
      const ep = kit.make(T.seL4_EndpointObject);
      await sel4.seL4_NBSend(ep, seL4_MessageInfo_new(7, 0, 0, 0));
      const badge = { value: 5n };
      await sel4.seL4_NBRecv(ep, badge);
      expect(badge.value).toBe(0n);
      for (const [label, page] of [[1, 0x402000], [2, 0x403000], [3, 0x404000]] as const) {
        kit.spawn(
          async (t) => {
            sent.push(label);
            await t.seL4_Send(ep, seL4_MessageInfo_new(label, 0, 0, 0));
          },
          { priority: 100, ipcBufferVaddr: page },
        );
      }
      sel4.seL4_TCB_SetPriority(SELF, SELF, 50);
      await sel4.seL4_Yield();
      for (let i = 0; i < 3; i++) got.push((await sel4.seL4_Recv(ep, null)).label);
    });
    // restart() enqueues at the head, so the last thread resumed runs first (as in seL4);
    // the endpoint then serves senders in the order they queued.
    expect(sent).toEqual([3, 2, 1]);
    expect(got).toEqual(sent);
  });

  it("SaveCaller keeps a reply cap for a later Send; a Call without Grant leaves the caller inactive", async () => {
    const log: string[] = [];
    const kernel = await runRoot(async (sel4, kit) => {
      const ep = kit.make(T.seL4_EndpointObject);
      const noGrant = kit.next++;
      sel4.seL4_CNode_Mint(ROOT, noGrant, 64, ROOT, ep, 64, seL4_CanRead | seL4_CanWrite, 9n);
      kit.spawn(
        async (t) => {
          t.seL4_SetMR(0, 41n);
          const reply = await t.seL4_Call(ep, seL4_MessageInfo_new(0, 0, 0, 1));
          log.push(`caller got ${t.seL4_GetMR(0)} label ${reply.label}`);
          await t.seL4_Call(noGrant, seL4_MessageInfo_new(0, 0, 0, 0));
          log.push("never printed");
        },
        { priority: 100, ipcBufferVaddr: 0x402000 },
      );
      await sel4.seL4_Recv(ep, null);
      const request = sel4.seL4_GetMR(0);
      const saved = kit.next++;
      expect(sel4.seL4_CNode_SaveCaller(ROOT, saved, 64)).toBe(E.seL4_NoError);
      expect(sel4.seL4_CNode_SaveCaller(ROOT, saved, 64)).toBe(E.seL4_DeleteFirst);
      await sel4.seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 0)); // caller slot now empty: no-op
      sel4.seL4_SetMR(0, request + 1n);
      await sel4.seL4_Send(saved, seL4_MessageInfo_new(3, 0, 0, 1));
      // The reply cap was one-shot.
      expect(sel4.seL4_CNode_Delete(ROOT, saved, 64)).toBe(E.seL4_NoError);
      const badge = { value: 0n };
      await sel4.seL4_Recv(ep, badge);
      log.push(`root got call badge ${badge.value}`);
    });
    expect(log).toEqual(["caller got 42 label 3", "root got call badge 9"]);
    const caller = [...kernel.tcbs].find((t) => t.priority === 100)!;
    expect(caller.state).toBe(0); // Inactive
  });
});

describe("faults", () => {
  it("delivers a CapFault to the fault endpoint; the handler fixes x0 and the restarted Call succeeds", async () => {
    const log: string[] = [];
    await runRoot(async (sel4, kit) => {
      const faultEp = kit.make(T.seL4_EndpointObject);
      const service = kit.make(T.seL4_EndpointObject);
      const faultCap = kit.next++;
      sel4.seL4_CNode_Mint(ROOT, faultCap, 64, ROOT, faultEp, 64, seL4_AllRights, 0xf0n);
      const bad = 1n << 60n; // guard mismatch in the root CNode
      const child = kit.spawn(
        async (t) => {
          const info = await t.seL4_Call(bad, seL4_MessageInfo_new(5, 0, 0, 0));
          log.push(`child call returned label ${info.label}`);
        },
        { priority: 100, ipcBufferVaddr: 0x402000, faultEp: faultCap },
      );
      const badge = { value: 0n };
      const fault = await sel4.seL4_Recv(faultEp, badge);
      const mrs = [0, 1, 2, 3, 4, 5, 6].map((i) => sel4.seL4_GetMR(i));
      log.push(`fault label ${fault.label} badge ${badge.value} len ${fault.length}`);
      expect(fault.label).toBe(seL4_FaultType.seL4_Fault_CapFault);
      expect(mrs.slice(1, 7)).toEqual([bad, 0n, 4n, 64n, 0n, 52n]);
      // Repair the faulting register (x0 = the CPtr) and restart by replying.
      const regs = emptyUserContext();
      expect(sel4.seL4_TCB_ReadRegisters(child, false, 0, 4, regs)).toBe(E.seL4_NoError);
      regs.x0 = BigInt(service);
      expect(sel4.seL4_TCB_WriteRegisters(child, false, 0, 4, regs)).toBe(E.seL4_NoError);
      await sel4.seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 0));
      const call = await sel4.seL4_Recv(service, null);
      log.push(`service got label ${call.label}`);
      await sel4.seL4_Reply(seL4_MessageInfo_new(6, 0, 0, 0));
    });
    expect(log).toEqual(["fault label 1 badge 240 len 7", "service got label 5", "child call returned label 6"]);
  });

  it("a fault without a usable fault endpoint stops the thread (double fault)", async () => {
    const lines: string[] = [];
    const kernel = await runRoot(
      async (sel4, kit) => {
        const ep = kit.make(T.seL4_EndpointObject);
        const sendOnly = kit.next++;
        sel4.seL4_CNode_Mint(ROOT, sendOnly, 64, ROOT, ep, 64, seL4_CanWrite, 0n); // no Grant: unusable
        kit.spawn((t) => t.seL4_Recv(1n << 60n, null), { priority: 100, ipcBufferVaddr: 0x402000, faultEp: sendOnly });
        sel4.seL4_TCB_SetPriority(SELF, SELF, 50);
        await sel4.seL4_Yield();
      },
      { debugMessages: true, log: (l) => lines.push(l) },
    );
    const child = [...kernel.tcbs].find((t) => t.priority === 100)!;
    expect(child.state).toBe(0);
    expect(lines.some((l) => l.includes("double fault"))).toBe(true);
  });

  it("a Recv on a cap that cannot receive is a CapFault in the receive phase", async () => {
    const mrs: bigint[] = [];
    let notAnEndpoint = 0;
    await runRoot(async (sel4, kit) => {
      const faultEp = kit.make(T.seL4_EndpointObject);
      notAnEndpoint = kit.make(T.seL4_TCBObject);
      const child = kit.spawn((t) => t.seL4_Recv(notAnEndpoint, null), { priority: 100, ipcBufferVaddr: 0x402000, faultEp });
      const info = await sel4.seL4_Recv(faultEp, null);
      expect(info.label).toBe(seL4_FaultType.seL4_Fault_CapFault);
      for (let i = 1; i < 5; i++) mrs.push(sel4.seL4_GetMR(i));
      expect(sel4.seL4_TCB_Suspend(child)).toBe(E.seL4_NoError);
    });
    // Addr, InRecvPhase = 1, MissingCapability with 0 bits left.
    expect(mrs).toEqual([BigInt(notAnEndpoint), 1n, 2n, 0n]);
  });

  it("clamps message lengths to 120 and copies buffer MRs", async () => {
    const got: bigint[] = [];
    let length = 0;
    await runRoot(async (sel4, kit) => {
      const ep = kit.make(T.seL4_EndpointObject);
      kit.spawn(
        async (t) => {
          for (let i = 0; i < 120; i++) t.seL4_SetMR(i, BigInt(1000 + i));
          await t.seL4_Send(ep, seL4_MessageInfo_new(0, 0, 0, 127));
        },
        { priority: 100, ipcBufferVaddr: 0x402000 },
      );
      const info = await sel4.seL4_Recv(ep, null);
      length = info.length;
      got.push(sel4.seL4_GetMR(0), sel4.seL4_GetMR(4), sel4.seL4_GetMR(119));
    });
    expect(length).toBe(120);
    expect(got).toEqual([1000n, 1004n, 1119n]);
  });

  it("suspending a caller deletes the reply cap its server holds; the server's Reply is then a no-op", async () => {
    const log: string[] = [];
    await runRoot(async (sel4, kit) => {
      const ep = kit.make(T.seL4_EndpointObject);
      const caller = kit.spawn(
        async (t) => {
          await t.seL4_Call(ep, seL4_MessageInfo_new(0, 0, 0, 0));
          log.push("caller returned");
        },
        { priority: 100, ipcBufferVaddr: 0x402000 },
      );
      await sel4.seL4_Recv(ep, null);
      expect(sel4.seL4_TCB_Suspend(caller)).toBe(E.seL4_NoError);
      const saved = kit.next++;
      expect(sel4.seL4_CNode_SaveCaller(ROOT, saved, 64)).toBe(E.seL4_NoError);
      // Nothing was saved: the slot stays empty.
      expect(sel4.seL4_CNode_Delete(ROOT, saved, 64)).toBe(E.seL4_NoError);
      expect(sel4.seL4_CNode_Move(ROOT, kit.next, 64, ROOT, saved, 64)).toBe(E.seL4_FailedLookup);
      await sel4.seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 0));
      log.push("server done");
    });
    expect(log).toEqual(["server done"]);
  });

  it("a thread whose fault message was never delivered runs normally after a restart", async () => {
    const got: number[] = [];
    await runRoot(async (sel4, kit) => {
      const faultEp = kit.make(T.seL4_EndpointObject);
      const service = kit.make(T.seL4_EndpointObject);
      const bad = 1n << 60n;
      const child = kit.spawn((t) => t.seL4_Send(bad, seL4_MessageInfo_new(9, 0, 0, 0)), { priority: 100, ipcBufferVaddr: 0x402000, faultEp });
      sel4.seL4_TCB_SetPriority(SELF, SELF, 50);
      await sel4.seL4_Yield(); // the child's Send faults; nobody takes the fault message yet
      // Point x0 at the real endpoint (same pc), then restart the child: its Send runs again.
      const regs = emptyUserContext();
      expect(sel4.seL4_TCB_ReadRegisters(child, true, 0, 4, regs)).toBe(E.seL4_NoError);
      regs.x0 = BigInt(service);
      expect(sel4.seL4_TCB_WriteRegisters(child, true, 0, 4, regs)).toBe(E.seL4_NoError);
      await sel4.seL4_Yield();
      got.push((await sel4.seL4_Recv(service, null)).label);
    });
    // The label of the message, not the CapFault label left over from the abandoned fault.
    expect(got).toEqual([9]);
  });

  it("the *WithMRs calls move four words without any IPC buffer", async () => {
    const got: bigint[] = [];
    await runRoot(async (sel4, kit) => {
      const ep = kit.make(T.seL4_EndpointObject);
      const tcb = kit.make(T.seL4_TCBObject);
      // A thread with no IPC buffer at all.
      expect(sel4.seL4_TCB_Configure(tcb, 0, ROOT, 0, S.seL4_CapInitThreadVSpace, 0, 0, 0)).toBe(E.seL4_NoError);
      sel4.seL4_TCB_SetPriority(tcb, SELF, 100);
      const regs = emptyUserContext();
      regs.pc = sel4.nativeEntry(async (t) => {
        const [a, b] = [{ value: 6n }, { value: 7n }];
        await t.seL4_CallWithMRs(ep, seL4_MessageInfo_new(0, 0, 0, 2), a, b, null, null);
        got.push(a.value, b.value);
      });
      sel4.seL4_TCB_WriteRegisters(tcb, true, 0, 1, regs);
      const [m0, m1] = [{ value: 0n }, { value: 0n }];
      await sel4.seL4_RecvWithMRs(ep, null, m0, m1, null, null);
      await sel4.seL4_ReplyWithMRs(seL4_MessageInfo_new(0, 0, 0, 2), { value: m0.value * m1.value }, { value: 1n }, null, null);
    });
    expect(got).toEqual([42n, 1n]);
  });
});
