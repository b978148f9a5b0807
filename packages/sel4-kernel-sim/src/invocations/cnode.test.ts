import { describe, expect, it } from "vitest";
import { seL4_RootCNodeCapSlots as S } from "../constants/boot";
import { seL4_Error as E, seL4_LookupFailureType as LF } from "../constants/errors";
import { seL4_ObjectType as T } from "../constants/object-types";
import { seL4_AllRights, seL4_CanRead, seL4_CanWrite } from "../constants/rights";
import { seL4_MessageInfo_new } from "../message-info";
import { errorMRs, runRoot } from "../test-support/root-task-kit";

const ROOT = S.seL4_CapInitThreadCNode;

describe("CNode invocations", () => {
  it("Copy/Mint/Move/Mutate check depth, emptiness and the source", async () => {
    await runRoot((sel4, kit) => {
      const ep = kit.make(T.seL4_EndpointObject);
      const d = kit.next++;
      expect(sel4.seL4_CNode_Copy(ROOT, d, 0, ROOT, ep, 64, seL4_AllRights)).toBe(E.seL4_RangeError);
      expect(errorMRs(sel4, 2)).toEqual([1n, 64n]);
      expect(sel4.seL4_CNode_Copy(ROOT, d, 65, ROOT, ep, 64, seL4_AllRights)).toBe(E.seL4_RangeError);
      expect(sel4.seL4_CNode_Copy(ROOT, S.seL4_CapInitThreadTCB, 64, ROOT, ep, 64, seL4_AllRights)).toBe(E.seL4_DeleteFirst);
      expect(sel4.seL4_CNode_Copy(ROOT, d, 64, ROOT, d + 1, 64, seL4_AllRights)).toBe(E.seL4_FailedLookup);
      expect(errorMRs(sel4, 3)).toEqual([1n, BigInt(LF.seL4_MissingCapability), 64n]);
      // A source root that is not a CNode.
      expect(sel4.seL4_CNode_Copy(ROOT, d, 64, S.seL4_CapInitThreadTCB, ep, 64, seL4_AllRights)).toBe(E.seL4_FailedLookup);
      expect(errorMRs(sel4, 2)).toEqual([1n, BigInt(LF.seL4_InvalidRoot)]);
      // Depth 12 leaves 52 guard bits unmatched: the root CNode's guard is 52 bits of zero.
      expect(sel4.seL4_CNode_Copy(ROOT, d, 12, ROOT, ep, 64, seL4_AllRights)).toBe(E.seL4_FailedLookup);
      expect(errorMRs(sel4, 2)).toEqual([0n, BigInt(LF.seL4_GuardMismatch)]);
      expect(sel4.seL4_CNode_Mint(ROOT, d, 64, ROOT, ep, 64, seL4_AllRights, 5n)).toBe(E.seL4_NoError);
      // Badged caps cannot be re-badged; endpoints cannot be mutated.
      expect(sel4.seL4_CNode_Mint(ROOT, d + 1, 64, ROOT, d, 64, seL4_AllRights, 6n)).toBe(E.seL4_IllegalOperation);
      expect(sel4.seL4_CNode_Mutate(ROOT, d + 1, 64, ROOT, ep, 64, 6n)).toBe(E.seL4_IllegalOperation);
      expect(sel4.seL4_CNode_Move(ROOT, d + 1, 64, ROOT, d, 64)).toBe(E.seL4_NoError);
      expect(sel4.seL4_CNode_Move(ROOT, d + 2, 64, ROOT, d, 64)).toBe(E.seL4_FailedLookup);
      kit.next += 2;
    });
  });

  it("Mint of a CNode cap sets its guard and lookups then honour it", async () => {
    await runRoot(async (sel4, kit) => {
      const cnode = kit.make(T.seL4_CapTableObject, 4); // 16 slots
      const guarded = kit.next++;
      // guard size 60, guard 0: a 64-bit CPtr resolves the last 4 bits in this CNode.
      expect(sel4.seL4_CNode_Mint(ROOT, guarded, 64, ROOT, cnode, 64, seL4_AllRights, 60n)).toBe(E.seL4_NoError);
      const ep = kit.make(T.seL4_EndpointObject);
      expect(sel4.seL4_CNode_Copy(guarded, 3, 64, ROOT, ep, 64, seL4_AllRights)).toBe(E.seL4_NoError);
      expect(sel4.seL4_CNode_Copy(guarded, 3, 64, ROOT, ep, 64, seL4_AllRights)).toBe(E.seL4_DeleteFirst);
      // guard + radix > 64 gives a null cap.
      expect(sel4.seL4_CNode_Mint(ROOT, kit.next, 64, ROOT, cnode, 64, seL4_AllRights, 61n)).toBe(E.seL4_IllegalOperation);
      await Promise.resolve();
    });
  });

  it("Rotate moves pivot to destination and source to pivot, or swaps", async () => {
    await runRoot((sel4, kit) => {
      const a = kit.make(T.seL4_EndpointObject);
      const b = kit.make(T.seL4_NotificationObject);
      const dest = kit.next++;
      expect(sel4.seL4_CNode_Rotate(ROOT, dest, 64, 0n, ROOT, b, 64, 0n, ROOT, a, 64)).toBe(E.seL4_IllegalOperation); // endpoint data → null cap
      const t1 = kit.make(T.seL4_TCBObject);
      const t2 = kit.make(T.seL4_TCBObject);
      expect(sel4.seL4_CNode_Rotate(ROOT, dest, 64, 0n, ROOT, t2, 64, 0n, ROOT, t2, 64)).toBe(E.seL4_IllegalOperation);
      expect(sel4.seL4_CNode_Rotate(ROOT, dest, 64, 0n, ROOT, t2, 64, 0n, ROOT, t1, 64)).toBe(E.seL4_NoError);
      // Now: dest = old t2, t2 = old t1, t1 empty. Setting priority through each cap distinguishes them.
      expect(sel4.seL4_TCB_SetPriority(dest, S.seL4_CapInitThreadTCB, 7)).toBe(E.seL4_NoError);
      expect(sel4.seL4_TCB_SetPriority(t2, S.seL4_CapInitThreadTCB, 9)).toBe(E.seL4_NoError);
      expect(sel4.seL4_TCB_Suspend(t1)).toBe(E.seL4_InvalidCapability);
      // Swap (src == dest): dest and t2 exchange.
      expect(sel4.seL4_CNode_Rotate(ROOT, dest, 64, 0n, ROOT, t2, 64, 0n, ROOT, dest, 64)).toBe(E.seL4_NoError);
      // The TCB with priority 9 now sits in dest: lowering it below the root's MCP still works,
      // and the emptied t1 slot stays empty.
      expect(sel4.seL4_TCB_SetPriority(dest, S.seL4_CapInitThreadTCB, 8)).toBe(E.seL4_NoError);
      expect(sel4.seL4_TCB_Suspend(t1)).toBe(E.seL4_InvalidCapability);
    });
  });

  it("Revoke deletes exactly the derived caps; Delete of the last cap destroys the object", async () => {
    await runRoot(async (sel4, kit) => {
      const ep = kit.make(T.seL4_EndpointObject);
      const copy = kit.next++;
      const badged = kit.next++;
      const badgedCopy = kit.next++;
      const other = kit.make(T.seL4_EndpointObject);
      expect(sel4.seL4_CNode_Copy(ROOT, copy, 64, ROOT, ep, 64, seL4_AllRights)).toBe(E.seL4_NoError);
      expect(sel4.seL4_CNode_Mint(ROOT, badged, 64, ROOT, ep, 64, seL4_AllRights, 9n)).toBe(E.seL4_NoError);
      expect(sel4.seL4_CNode_Copy(ROOT, badgedCopy, 64, ROOT, badged, 64, seL4_AllRights)).toBe(E.seL4_NoError);
      // Revoking the badged cap removes only its copy.
      expect(sel4.seL4_CNode_Revoke(ROOT, badged, 64)).toBe(E.seL4_NoError);
      const isEmpty = (slot: number) => sel4.seL4_CNode_Move(ROOT, slot, 64, ROOT, slot, 64) === E.seL4_FailedLookup;
      expect(isEmpty(badgedCopy)).toBe(true);
      expect(isEmpty(badged)).toBe(false);
      // Revoking the original removes the copy and the badged cap, not unrelated caps.
      expect(sel4.seL4_CNode_Revoke(ROOT, ep, 64)).toBe(E.seL4_NoError);
      expect([copy, badged].map(isEmpty)).toEqual([true, true]);
      expect(isEmpty(ep)).toBe(false);
      expect(isEmpty(other)).toBe(false);
      await Promise.resolve();
    });
  });

  it("CancelBadgedSends needs full rights and restarts only senders with that badge", async () => {
    const received: number[] = [];
    await runRoot(async (sel4, kit) => {
      const ep = kit.make(T.seL4_EndpointObject);
      const [b1, b2, weak] = [kit.next++, kit.next++, kit.next++];
      sel4.seL4_CNode_Mint(ROOT, b1, 64, ROOT, ep, 64, seL4_AllRights, 1n);
      sel4.seL4_CNode_Mint(ROOT, b2, 64, ROOT, ep, 64, seL4_AllRights, 2n);
      sel4.seL4_CNode_Mint(ROOT, weak, 64, ROOT, ep, 64, seL4_CanRead | seL4_CanWrite, 3n);
      for (const [cap, label, page] of [[b1, 1, 0x402000], [b2, 2, 0x403000]] as const) {
        kit.spawn((t) => t.seL4_Send(cap, seL4_MessageInfo_new(label, 0, 0, 0)), { priority: 100, ipcBufferVaddr: page });
      }
      // Drop below the senders so that both run and queue on the endpoint (sender 1 first).
      expect(sel4.seL4_TCB_SetPriority(S.seL4_CapInitThreadTCB, S.seL4_CapInitThreadTCB, 50)).toBe(E.seL4_NoError);
      await sel4.seL4_Yield();
      expect(sel4.seL4_CNode_CancelBadgedSends(ROOT, weak, 64)).toBe(E.seL4_IllegalOperation);
      expect(sel4.seL4_CNode_CancelBadgedSends(ROOT, ep, 64)).toBe(E.seL4_NoError); // badge 0: no-op
      expect(sel4.seL4_CNode_CancelBadgedSends(ROOT, b1, 64)).toBe(E.seL4_NoError);
      // Sender 1 restarts, re-executes its Send and queues again, now behind sender 2.
      await sel4.seL4_Yield();
      for (let i = 0; i < 2; i++) received.push((await sel4.seL4_Recv(ep, null)).label);
    });
    expect(received).toEqual([2, 1]);
  });
});
