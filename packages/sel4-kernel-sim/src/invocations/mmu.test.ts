import { describe, expect, it } from "vitest";
import { seL4_RootCNodeCapSlots as S } from "../constants/boot";
import { seL4_Error as E, seL4_LookupFailureType as LF } from "../constants/errors";
import { seL4_ObjectType as T } from "../constants/object-types";
import { seL4_AllRights, seL4_CanRead } from "../constants/rights";
import { errorMRs, runRoot } from "../test-support/root-task-kit";

const ROOT = S.seL4_CapInitThreadCNode;
const VSPACE = S.seL4_CapInitThreadVSpace;
const POOL = S.seL4_CapInitThreadASIDPool;

describe("ARM MMU invocations", () => {
  it("Page_Map needs page tables at the right level and reports the missing level", async () => {
    await runRoot((sel4, kit) => {
      const page = kit.make(T.seL4_ARM_SmallPageObject);
      const large = kit.make(T.seL4_ARM_LargePageObject);
      const va = 0x1_0000_0000; // 4 GiB: no tables there yet
      expect(sel4.seL4_ARM_Page_Map(page, VSPACE, va + 0x10, 3, 3)).toBe(E.seL4_AlignmentError);
      expect(sel4.seL4_ARM_Page_Map(page, VSPACE, va, 3, 3)).toBe(E.seL4_FailedLookup);
      expect(errorMRs(sel4, 3)).toEqual([0n, BigInt(LF.seL4_MissingCapability), 30n]);
      const pud = kit.make(T.seL4_ARM_PageTableObject);
      expect(sel4.seL4_ARM_PageTable_Map(pud, VSPACE, va, 3)).toBe(E.seL4_NoError);
      expect(sel4.seL4_ARM_PageTable_Map(pud, VSPACE, va, 3)).toBe(E.seL4_InvalidCapability);
      expect(sel4.seL4_ARM_Page_Map(page, VSPACE, va, 3, 3)).toBe(E.seL4_FailedLookup);
      expect(errorMRs(sel4, 3)).toEqual([0n, BigInt(LF.seL4_MissingCapability), 21n]);
      // A large page fits in the level-2 table directly.
      expect(sel4.seL4_ARM_Page_Map(large, VSPACE, va + 0x20_0000, 3, 3)).toBe(E.seL4_NoError);
      const pt = kit.make(T.seL4_ARM_PageTableObject);
      expect(sel4.seL4_ARM_PageTable_Map(pt, VSPACE, va, 3)).toBe(E.seL4_NoError);
      const pt2 = kit.make(T.seL4_ARM_PageTableObject);
      expect(sel4.seL4_ARM_PageTable_Map(pt2, VSPACE, va, 3)).toBe(E.seL4_DeleteFirst);
      expect(sel4.seL4_ARM_Page_Map(page, VSPACE, va, 3, 3)).toBe(E.seL4_NoError);
      // Remap at the same address changes rights; another address is refused.
      expect(sel4.seL4_ARM_Page_Map(page, VSPACE, va, seL4_CanRead, 3)).toBe(E.seL4_NoError);
      expect(sel4.seL4_ARM_Page_Map(page, VSPACE, va + 0x1000, 3, 3)).toBe(E.seL4_InvalidArgument);
      expect(sel4.seL4_ARM_Page_Map(page, VSPACE, 0x100_0000_0000, 3, 3)).toBe(E.seL4_InvalidArgument);
    });
  });

  it("frames mapped into the VSpace are visible as typed arrays at their physical address", async () => {
    await runRoot((sel4, kit) => {
      const a = kit.make(T.seL4_ARM_SmallPageObject);
      const alias = kit.next++;
      expect(sel4.seL4_CNode_Copy(ROOT, alias, 64, ROOT, a, 64, seL4_AllRights)).toBe(E.seL4_NoError);
      expect(sel4.seL4_ARM_Page_Map(a, VSPACE, 0x404000, 3, 3)).toBe(E.seL4_NoError);
      // The copy is unmapped and may be mapped elsewhere: both views share memory.
      expect(sel4.seL4_ARM_Page_Map(alias, VSPACE, 0x405000, 3, 3)).toBe(E.seL4_NoError);
      sel4.frameView(0x404010, 4).set([9, 8, 7, 6]);
      expect([...sel4.frameView(0x405010, 4)]).toEqual([9, 8, 7, 6]);
      expect(sel4.seL4_ARM_Page_Unmap(alias)).toBe(E.seL4_NoError);
      expect(() => sel4.frameView(0x405010, 4)).toThrow(/nothing is mapped/);
      // Deleting a mapped cap unmaps it.
      expect(sel4.seL4_CNode_Delete(ROOT, a, 64)).toBe(E.seL4_NoError);
      expect(() => sel4.frameView(0x404010, 4)).toThrow(/nothing is mapped/);
    });
  });

  it("cache operations check mapping and ranges", async () => {
    await runRoot((sel4, kit) => {
      const page = kit.make(T.seL4_ARM_SmallPageObject);
      expect(sel4.seL4_ARM_Page_Clean_Data(page, 0, 64)).toBe(E.seL4_IllegalOperation);
      expect(sel4.seL4_ARM_Page_Map(page, VSPACE, 0x404000, 3, 3)).toBe(E.seL4_NoError);
      expect(sel4.seL4_ARM_Page_Clean_Data(page, 64, 64)).toBe(E.seL4_InvalidArgument);
      expect(errorMRs(sel4, 1)).toEqual([1n]);
      expect(sel4.seL4_ARM_Page_Invalidate_Data(page, 0, 4097)).toBe(E.seL4_InvalidArgument);
      expect(errorMRs(sel4, 1)).toEqual([0n]);
      expect(sel4.seL4_ARM_Page_CleanInvalidate_Data(page, 0, 4096)).toBe(E.seL4_NoError);
      expect(sel4.seL4_ARM_Page_Unify_Instruction(page, 0, 4)).toBe(E.seL4_NoError);
      expect(sel4.seL4_ARM_VSpace_Clean_Data(VSPACE, 0x404000, 0x404040)).toBe(E.seL4_NoError);
      expect(sel4.seL4_ARM_VSpace_Clean_Data(VSPACE, 0x404f00, 0x405100)).toBe(E.seL4_RangeError);
      expect(sel4.seL4_ARM_VSpace_Invalidate_Data(VSPACE, 0x40_0000_0000, 0x40_0000_0040)).toBe(E.seL4_NoError); // unmapped: no-op
      expect(sel4.seL4_ARM_VSpace_Unify_Instruction(VSPACE, 8, 8)).toBe(E.seL4_InvalidArgument);
      expect(sel4.seL4_ARM_Page_GetAddress(page).error).toBe(E.seL4_NoError);
    });
  });

  it("ASID pools: MakePool from a 4 KiB untyped, Assign hands out ASIDs, deleting frees them", async () => {
    await runRoot((sel4, kit) => {
      const vspace = kit.make(T.seL4_ARM_VSpaceObject);
      const pt = kit.make(T.seL4_ARM_PageTableObject);
      expect(sel4.seL4_ARM_PageTable_Map(pt, vspace, 0, 3)).toBe(E.seL4_InvalidCapability);
      expect(errorMRs(sel4, 1)).toEqual([1n]);
      const big = kit.make(T.seL4_UntypedObject, 13);
      const small = kit.make(T.seL4_UntypedObject, 12);
      const poolSlot = kit.next++;
      expect(sel4.seL4_ARM_ASIDControl_MakePool(S.seL4_CapASIDControl, big, ROOT, poolSlot, 64)).toBe(E.seL4_InvalidCapability);
      expect(sel4.seL4_ARM_ASIDControl_MakePool(S.seL4_CapASIDControl, small, ROOT, S.seL4_CapInitThreadTCB, 64)).toBe(E.seL4_DeleteFirst);
      const busy = kit.make(T.seL4_UntypedObject, 12);
      kit.next++;
      expect(sel4.seL4_Untyped_Retype(busy, T.seL4_EndpointObject, 0, ROOT, 0, 0, kit.next - 1, 1)).toBe(E.seL4_NoError);
      expect(sel4.seL4_ARM_ASIDControl_MakePool(S.seL4_CapASIDControl, busy, ROOT, poolSlot, 64)).toBe(E.seL4_RevokeFirst);
      expect(sel4.seL4_ARM_ASIDControl_MakePool(S.seL4_CapASIDControl, small, ROOT, poolSlot, 64)).toBe(E.seL4_NoError);
      expect(sel4.seL4_ARM_ASIDPool_Assign(poolSlot, vspace)).toBe(E.seL4_NoError);
      expect(sel4.seL4_ARM_ASIDPool_Assign(poolSlot, vspace)).toBe(E.seL4_InvalidCapability);
      expect(sel4.seL4_ARM_PageTable_Map(pt, vspace, 0, 3)).toBe(E.seL4_NoError);
      // Revoking the untyped destroys the pool: the VSpace loses its ASID.
      expect(sel4.seL4_CNode_Revoke(ROOT, small, 64)).toBe(E.seL4_NoError);
      const pt2 = kit.make(T.seL4_ARM_PageTableObject);
      expect(sel4.seL4_ARM_PageTable_Map(pt2, vspace, 0x4000_0000, 3)).toBe(E.seL4_InvalidCapability);
      expect(sel4.seL4_ARM_ASIDPool_Assign(POOL, vspace)).toBe(E.seL4_NoError);
    });
  });

  it("PageTable_Unmap needs the final cap and clears the table", async () => {
    await runRoot((sel4, kit) => {
      const pt = kit.make(T.seL4_ARM_PageTableObject);
      const va = 0x2_0000_0000;
      expect(sel4.seL4_ARM_PageTable_Map(pt, VSPACE, va, 3)).toBe(E.seL4_NoError);
      const copy = kit.next++;
      expect(sel4.seL4_CNode_Copy(ROOT, copy, 64, ROOT, pt, 64, seL4_AllRights)).toBe(E.seL4_NoError);
      expect(sel4.seL4_ARM_PageTable_Unmap(pt)).toBe(E.seL4_RevokeFirst);
      expect(sel4.seL4_CNode_Delete(ROOT, copy, 64)).toBe(E.seL4_NoError);
      expect(sel4.seL4_ARM_PageTable_Unmap(pt)).toBe(E.seL4_NoError);
      // An unmapped table cannot be copied.
      expect(sel4.seL4_CNode_Copy(ROOT, copy, 64, ROOT, pt, 64, seL4_AllRights)).toBe(E.seL4_IllegalOperation);
      expect(sel4.seL4_ARM_PageTable_Map(pt, VSPACE, va, 3)).toBe(E.seL4_NoError);
    });
  });
});

describe("ARM MMU limits", () => {
  it("a frame mapped in one VSpace cannot be mapped in another; a full pool answers DeleteFirst", async () => {
    await runRoot((sel4, kit) => {
      const other = kit.make(T.seL4_ARM_VSpaceObject);
      expect(sel4.seL4_ARM_ASIDPool_Assign(POOL, other)).toBe(E.seL4_NoError);
      const pt1 = kit.make(T.seL4_ARM_PageTableObject);
      const pt2 = kit.make(T.seL4_ARM_PageTableObject);
      expect(sel4.seL4_ARM_PageTable_Map(pt1, other, 0, 3)).toBe(E.seL4_NoError);
      expect(sel4.seL4_ARM_PageTable_Map(pt2, other, 0, 3)).toBe(E.seL4_NoError);
      const page = kit.make(T.seL4_ARM_SmallPageObject);
      expect(sel4.seL4_ARM_Page_Map(page, VSPACE, 0x404000, 3, 3)).toBe(E.seL4_NoError);
      expect(sel4.seL4_ARM_Page_Map(page, other, 0x404000, 3, 3)).toBe(E.seL4_InvalidCapability);
      expect(errorMRs(sel4, 1)).toEqual([1n]);
      // The root pool already holds ASID 1 (root task) and `other`; ASID 0 is never used.
      let assigned = 0;
      for (let i = 0; i < 520; i++) {
        const vs = kit.make(T.seL4_ARM_VSpaceObject);
        const err = sel4.seL4_ARM_ASIDPool_Assign(POOL, vs);
        if (err !== E.seL4_NoError) {
          expect(err).toBe(E.seL4_DeleteFirst);
          break;
        }
        assigned++;
      }
      expect(assigned).toBe(512 - 3);
    });
  });

  it("ASIDControl runs out after 128 pools", async () => {
    await runRoot((sel4, kit) => {
      let made = 0;
      for (let i = 0; i < 130; i++) {
        const ut = kit.make(T.seL4_UntypedObject, 12);
        const err = sel4.seL4_ARM_ASIDControl_MakePool(S.seL4_CapASIDControl, ut, ROOT, kit.next++, 64);
        if (err !== E.seL4_NoError) {
          expect(err).toBe(E.seL4_DeleteFirst);
          break;
        }
        made++;
      }
      expect(made).toBe(127); // pool 0 is the root task's
    });
  });
});

describe("VSpace listeners", () => {
  it("report map and unmap ranges (how a CPU keeps its stage-2 view in step)", async () => {
    const events: string[] = [];
    await runRoot((sel4, kit, kernel) => {
      const root = kernel.rootTcb!.vspaceSlot.cap;
      if (root?.kind !== "vspace") throw new Error("no root VSpace");
      const stop = root.obj.onChange((c) => events.push(`${c.kind} 0x${c.vaddr.toString(16)}+0x${c.size.toString(16)}`));
      const page = kit.make(T.seL4_ARM_SmallPageObject);
      const large = kit.make(T.seL4_ARM_LargePageObject);
      sel4.seL4_ARM_Page_Map(page, VSPACE, 0x404000, 3, 3);
      sel4.seL4_ARM_Page_Map(large, VSPACE, 0x80_0000, 3, 3);
      sel4.seL4_ARM_Page_Unmap(page);
      stop();
      sel4.seL4_ARM_Page_Unmap(large);
      const translation = root.obj.translate(0x80_0000 + 0x1234);
      expect(translation).toBeNull();
    });
    expect(events).toEqual(["map 0x404000+0x1000", "map 0x800000+0x200000", "unmap 0x404000+0x1000"]);
  });
});
