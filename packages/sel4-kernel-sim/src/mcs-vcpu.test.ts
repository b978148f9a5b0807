import { describe, expect, it } from "vitest";
import type { Sel4 } from "./api/sel4";
import { seL4_RootCNodeCapSlots as S } from "./constants/boot";
import { seL4_Error as E } from "./constants/errors";
import { seL4_FaultType_MCS as F, seL4_ObjectType_MCS as T, seL4_Timeout_Data } from "./constants/mcs";
import { seL4_AllRights } from "./constants/rights";
import { seL4_MessageInfo_new } from "./message-info";
import { emptyUserContext } from "./objects/user-context";
import { HVC0, assemble, b, movz, strW } from "./test-support/a64";
import { GUEST_RAM_IPA, SPSR_EL1H_MASKED, VMM_VIEW_VADDR } from "./test-support/guest-kit";
import { runMcsRoot, type McsKit } from "./test-support/mcs-kit";

function check(err: E, what: string): void {
  if (err !== E.seL4_NoError) throw new Error(`${what} failed with ${E[err]}`);
}

/** A guest on an MCS kernel: VSpace, one RAM page of code, a VCPU-bound TCB with its own SC and badged fault (and timeout) handler caps. */
function createMcsGuest(sel4: Sel4, kit: McsKit, code: Uint8Array, options: { sc: number; faultBadge: bigint; timeoutEp?: number }) {
  const vspace = kit.make(T.seL4_ARM_VSpaceObject);
  check(sel4.seL4_ARM_ASIDPool_Assign(S.seL4_CapInitThreadASIDPool, vspace), "ASID assign");
  for (let level = 0; level < 2; level++) check(sel4.seL4_ARM_PageTable_Map(kit.make(T.seL4_ARM_PageTableObject), vspace, GUEST_RAM_IPA, 3), "page table");
  const ram = kit.make(T.seL4_ARM_SmallPageObject);
  check(sel4.seL4_ARM_Page_Map(ram, vspace, GUEST_RAM_IPA, seL4_AllRights, 3), "map guest RAM");
  const view = kit.next++;
  check(sel4.seL4_CNode_Copy(S.seL4_CapInitThreadCNode, view, 64, S.seL4_CapInitThreadCNode, ram, 64, seL4_AllRights), "copy RAM cap");
  check(sel4.seL4_ARM_Page_Map(view, S.seL4_CapInitThreadVSpace, VMM_VIEW_VADDR, seL4_AllRights, 3), "map VMM view");
  sel4.frameView(VMM_VIEW_VADDR, code.length).set(code);
  const faultEp = kit.make(T.seL4_EndpointObject);
  const faultCap = kit.next++;
  check(sel4.seL4_CNode_Mint(S.seL4_CapInitThreadCNode, faultCap, 64, S.seL4_CapInitThreadCNode, faultEp, 64, seL4_AllRights, options.faultBadge), "mint");
  const tcb = kit.make(T.seL4_TCBObject);
  const vcpu = kit.make(T.seL4_ARM_VCPUObject);
  check(sel4.seL4_TCB_Configure(tcb, S.seL4_CapInitThreadCNode, 0, vspace, 0, 0, 0), "configure");
  check(sel4.seL4_TCB_SetSchedParams(tcb, S.seL4_CapInitThreadTCB, 100, 100, options.sc, faultCap), "sched params");
  if (options.timeoutEp !== undefined) check(sel4.seL4_TCB_SetTimeoutEndpoint(tcb, options.timeoutEp), "timeout endpoint");
  check(sel4.seL4_ARM_VCPU_SetTCB(vcpu, tcb), "bind VCPU");
  const regs = emptyUserContext();
  regs.pc = BigInt(GUEST_RAM_IPA);
  regs.spsr = SPSR_EL1H_MASKED;
  check(sel4.seL4_TCB_WriteRegisters(tcb, true, 0, 36, regs), "start guest");
  return { tcb, vcpu, vspace, faultEp };
}

describe("VCPU guests on an MCS kernel", () => {
  it("a guest's store to an unmapped IPA arrives as VMFault label 6 with the fault cap's badge; the reply restarts the store", async () => {
    const seen: { label: number; badge: bigint; addr: bigint }[] = [];
    let stored = 0;
    await runMcsRoot(async (sel4, kit) => {
      const guest = createMcsGuest(sel4, kit, assemble([movz(0, 0x4010, 16), movz(1, 0x1234), strW(1, 0, 8), HVC0]), { sc: kit.sched(1000, 1000), faultBadge: (1n << 62n) | 3n });
      const reply = kit.make(T.seL4_ReplyObject);
      const badge = { value: 0n };
      let info = await sel4.seL4_Recv(guest.faultEp, badge, reply);
      seen.push({ label: info.label, badge: badge.value, addr: sel4.seL4_GetMR(1) });
      const page = kit.make(T.seL4_ARM_SmallPageObject);
      check(sel4.seL4_ARM_Page_Map(page, guest.vspace, 0x4010_0000, seL4_AllRights, 3), "back the page");
      const view = kit.next++;
      sel4.seL4_CNode_Copy(S.seL4_CapInitThreadCNode, view, 64, S.seL4_CapInitThreadCNode, page, 64, seL4_AllRights);
      check(sel4.seL4_ARM_Page_Map(view, S.seL4_CapInitThreadVSpace, 0x43_0000, seL4_AllRights, 3), "VMM view");
      info = await sel4.seL4_ReplyRecv(guest.faultEp, seL4_MessageInfo_new(0, 0, 0, 0), badge, reply);
      seen.push({ label: info.label, badge: badge.value, addr: sel4.seL4_GetMR(12) });
      stored = new DataView(sel4.frameView(0x43_0008, 4).slice().buffer).getUint32(0, true);
      check(sel4.seL4_TCB_Suspend(guest.tcb), "suspend guest");
    });
    expect(seen).toEqual([
      { label: F.seL4_Fault_VMFault, badge: (1n << 62n) | 3n, addr: 0x4010_0008n },
      { label: F.seL4_Fault_UnknownSyscall, badge: (1n << 62n) | 3n, addr: 0n }, // HVC with x7 = 0
    ]);
    expect(stored).toBe(0x1234);
  });

  it("a spinning guest that uses up its budget raises a Timeout fault (label 5, the SC badge) at its timeout handler", async () => {
    const timeouts: { label: number; data: bigint }[] = [];
    let retired = 0;
    const kernel = await runMcsRoot(
      async (sel4, kit, k) => {
        const timeoutEp = kit.make(T.seL4_EndpointObject);
        const guest = createMcsGuest(sel4, kit, assemble([b(0)]), { sc: kit.sched(500, 1000, { badge: 0x99n }), faultBadge: 1n, timeoutEp });
        const reply = kit.make(T.seL4_ReplyObject);
        const info = await sel4.seL4_Recv(timeoutEp, null, reply);
        timeouts.push({ label: info.label, data: sel4.seL4_GetMR(seL4_Timeout_Data) });
        check(sel4.seL4_TCB_Suspend(guest.tcb), "suspend guest");
        retired = k.instructionsRetired;
      },
      {},
      { maxTimeNs: 5_000_000 },
    );
    expect(timeouts).toEqual([{ label: F.seL4_Fault_Timeout, data: 0x99n }]);
    // 1 ns per instruction: the guest ran for about its 500 µs budget before the fault.
    expect(retired).toBeGreaterThan(400_000);
    expect(retired).toBeLessThanOrEqual(500_000);
    expect(kernel.clock.now).toBeLessThan(1_000_000);
  });
});
