import { describe, expect, it } from "vitest";
import { seL4_RootCNodeCapSlots as S } from "../constants/boot";
import { seL4_Error as E } from "../constants/errors";
import { seL4_ObjectType as T } from "../constants/object-types";
import { errorMRs, runRoot } from "../test-support/root-task-kit";

const ROOT = S.seL4_CapInitThreadCNode;

describe("Untyped_Retype", () => {
  it("checks type, size, destination, fan-out and free slots in seL4's order", async () => {
    await runRoot((sel4, kit) => {
      const ut = kit.untyped;
      const dst = kit.next;
      const retype = (type: number, size: number, offset: number, n: number, depth = 0, index = 0) =>
        sel4.seL4_Untyped_Retype(ut, type, size, ROOT, index, depth, offset, n);

      expect(retype(11, 0, dst, 1)).toBe(E.seL4_InvalidArgument);
      expect(errorMRs(sel4, 1)).toEqual([0n]);
      expect(retype(T.seL4_UntypedObject, 48, dst, 1)).toBe(E.seL4_RangeError);
      expect(errorMRs(sel4, 2)).toEqual([0n, 47n]);
      expect(retype(T.seL4_UntypedObject, 64, dst, 1)).toBe(E.seL4_RangeError);
      expect(retype(T.seL4_CapTableObject, 0, dst, 1)).toBe(E.seL4_InvalidArgument);
      expect(errorMRs(sel4, 1)).toEqual([1n]);
      expect(retype(T.seL4_UntypedObject, 3, dst, 1)).toBe(E.seL4_InvalidArgument);
      // Destination given by (index, depth) must be a CNode: slot 1 holds the TCB.
      expect(retype(T.seL4_EndpointObject, 0, 0, 1, 64, S.seL4_CapInitThreadTCB)).toBe(E.seL4_FailedLookup);
      expect(retype(T.seL4_EndpointObject, 0, 4096, 1)).toBe(E.seL4_RangeError);
      expect(errorMRs(sel4, 2)).toEqual([0n, 4095n]);
      expect(retype(T.seL4_EndpointObject, 0, dst, 0)).toBe(E.seL4_RangeError);
      expect(retype(T.seL4_EndpointObject, 0, dst, 257)).toBe(E.seL4_RangeError);
      expect(errorMRs(sel4, 2)).toEqual([1n, 256n]);
      expect(retype(T.seL4_EndpointObject, 0, 4090, 10)).toBe(E.seL4_RangeError);
      expect(errorMRs(sel4, 2)).toEqual([1n, 6n]);
      expect(retype(T.seL4_EndpointObject, 0, S.seL4_CapInitThreadTCB, 1)).toBe(E.seL4_DeleteFirst);
      expect(retype(T.seL4_EndpointObject, 0, dst, 3)).toBe(E.seL4_NoError);
    });
  });

  it("fails with TruncatedMessage when the root cap is missing", async () => {
    await runRoot((sel4, kit) => {
      // Six words but no extra cap: only callable through the raw invocation path.
      const err = (sel4 as unknown as { invoke(s: number, l: number, m: bigint[], c: number[]): E }).invoke(kit.untyped, 1, [2n, 0n, 0n, 0n, 0n, 1n], []);
      expect(err).toBe(E.seL4_TruncatedMessage);
    });
  });

  it("allocates from the watermark, aligns objects and reports NotEnoughMemory with the free bytes", async () => {
    await runRoot((sel4, kit) => {
      const small = kit.make(T.seL4_UntypedObject, 12); // 4 KiB untyped
      const a = kit.next;
      expect(sel4.seL4_Untyped_Retype(small, T.seL4_EndpointObject, 0, ROOT, 0, 0, a, 1)).toBe(E.seL4_NoError);
      // 16 bytes used; a 2 KiB TCB aligns up to 2048 and fits once.
      expect(sel4.seL4_Untyped_Retype(small, T.seL4_TCBObject, 0, ROOT, 0, 0, a + 1, 1)).toBe(E.seL4_NoError);
      expect(sel4.seL4_Untyped_Retype(small, T.seL4_TCBObject, 0, ROOT, 0, 0, a + 2, 1)).toBe(E.seL4_NotEnoughMemory);
      expect(errorMRs(sel4, 1)).toEqual([0n]);
      // Deleting the children lets the next retype reset the watermark.
      expect(sel4.seL4_CNode_Revoke(ROOT, small, 64)).toBe(E.seL4_NoError);
      expect(sel4.seL4_Untyped_Retype(small, T.seL4_ARM_SmallPageObject, 0, ROOT, 0, 0, a, 1)).toBe(E.seL4_NoError);
      expect(sel4.seL4_ARM_Page_GetAddress(a).paddr % 4096).toBe(0);
    });
  });

  it("places consecutive objects contiguously and zeroes reused memory", async () => {
    await runRoot((sel4, kit) => {
      const ut = kit.make(T.seL4_UntypedObject, 16);
      const first = kit.next;
      kit.next += 4;
      expect(sel4.seL4_Untyped_Retype(ut, T.seL4_ARM_SmallPageObject, 0, ROOT, 0, 0, first, 4)).toBe(E.seL4_NoError);
      const addrs = [0, 1, 2, 3].map((i) => sel4.seL4_ARM_Page_GetAddress(first + i).paddr);
      expect(addrs.map((a) => a - addrs[0]!)).toEqual([0, 4096, 8192, 12288]);
      expect(sel4.seL4_ARM_Page_Map(first, S.seL4_CapInitThreadVSpace, 0x404000, 3, 3)).toBe(E.seL4_NoError);
      sel4.frameView(0x404000, 4).set([1, 2, 3, 4]);
      expect(sel4.seL4_CNode_Revoke(ROOT, ut, 64)).toBe(E.seL4_NoError);
      expect(sel4.seL4_Untyped_Retype(ut, T.seL4_ARM_SmallPageObject, 0, ROOT, 0, 0, first, 1)).toBe(E.seL4_NoError);
      expect(sel4.seL4_ARM_Page_GetAddress(first).paddr).toBe(addrs[0]);
      expect(sel4.seL4_ARM_Page_Map(first, S.seL4_CapInitThreadVSpace, 0x404000, 3, 3)).toBe(E.seL4_NoError);
      expect([...sel4.frameView(0x404000, 4)]).toEqual([0, 0, 0, 0]);
    });
  });

  it("lets device untyped make only frames and untyped", async () => {
    await runRoot((sel4) => {
      const bi = sel4.seL4_GetBootInfo();
      const deviceIndex = bi.untypedList.findIndex((u) => u.isDevice === 1);
      expect(deviceIndex).toBeGreaterThanOrEqual(0);
      const device = bi.untyped.start + deviceIndex;
      const dst = bi.empty.start;
      expect(sel4.seL4_Untyped_Retype(device, T.seL4_EndpointObject, 0, ROOT, 0, 0, dst, 1)).toBe(E.seL4_InvalidArgument);
      expect(errorMRs(sel4, 1)).toEqual([1n]);
      expect(sel4.seL4_Untyped_Retype(device, T.seL4_ARM_SmallPageObject, 0, ROOT, 0, 0, dst, 1)).toBe(E.seL4_NoError);
      expect(sel4.seL4_ARM_Page_GetAddress(dst).paddr).toBe(bi.untypedList[deviceIndex]!.paddr);
    });
  });
});

describe("untyped derivation", () => {
  it("a copy of an untyped with children is refused (RevokeFirst); copying marks the source full", async () => {
    await runRoot((sel4, kit) => {
      const ut = kit.make(T.seL4_UntypedObject, 14);
      const copy = kit.next++;
      expect(sel4.seL4_CNode_Copy(ROOT, copy, 64, ROOT, ut, 64, 15)).toBe(E.seL4_NoError);
      // The source is now full: it cannot retype although it has no children of its own.
      expect(sel4.seL4_Untyped_Retype(ut, T.seL4_EndpointObject, 0, ROOT, 0, 0, kit.next, 1)).toBe(E.seL4_NotEnoughMemory);
      expect(sel4.seL4_Untyped_Retype(copy, T.seL4_EndpointObject, 0, ROOT, 0, 0, kit.next++, 1)).toBe(E.seL4_NoError);
      expect(sel4.seL4_CNode_Copy(ROOT, kit.next, 64, ROOT, copy, 64, 15)).toBe(E.seL4_RevokeFirst);
    });
  });
});
