import type { Sel4 } from "../api/sel4";
import { seL4_RootCNodeCapSlots as S } from "../constants/boot";
import { seL4_Error } from "../constants/errors";
import { seL4_ObjectType as T } from "../constants/object-types";
import { seL4_AllRights } from "../constants/rights";
import { emptyUserContext } from "../objects/user-context";
import type { RootKit } from "./root-task-kit";

/** Guest RAM in these tests: one page of code at the qemu-virt RAM base. */
export const GUEST_RAM_IPA = 0x4000_0000;
/** Where the VMM (the root task) sees the guest's code page, inside its boot-info page table. */
export const VMM_VIEW_VADDR = 0x42_0000;
/** SPSR of a guest entering at EL1h with DAIF masked. */
export const SPSR_EL1H_MASKED = 0x3c5n;

/** A guest VM built by {@link createGuest}. */
export interface TestGuest {
  readonly tcb: number;
  readonly vcpu: number;
  readonly vspace: number;
  /** The endpoint the guest's faults arrive on (badged `faultBadge`). */
  readonly faultEp: number;
}

function check(err: seL4_Error, what: string): void {
  if (err !== seL4_Error.seL4_NoError) throw new Error(`${what} failed with ${seL4_Error[err]}`);
}

/**
 * Builds a guest as a VMM would: a VSpace with an ASID, a page of RAM at {@link GUEST_RAM_IPA}
 * holding `code` (written through the VMM's own mapping of the frame), a TCB bound to a VCPU whose
 * faults go to a badged endpoint, started at the code with x0..x3 as given.
 */
export function createGuest(
  sel4: Sel4,
  kit: RootKit,
  code: Uint8Array,
  options: { faultBadge?: bigint; priority?: number; x?: readonly bigint[]; devices?: readonly { paddr: number; ipa: number }[] } = {},
): TestGuest {
  const vspace = kit.make(T.seL4_ARM_VSpaceObject);
  check(sel4.seL4_ARM_ASIDPool_Assign(S.seL4_CapInitThreadASIDPool, vspace), "ASID assign");
  const mapTables = (ipa: number) => {
    for (let level = 0; level < 2; level++) {
      const table = kit.make(T.seL4_ARM_PageTableObject);
      const err = sel4.seL4_ARM_PageTable_Map(table, vspace, ipa, 3);
      if (err === seL4_Error.seL4_DeleteFirst) return; // already covered
      check(err, `page table for 0x${ipa.toString(16)}`);
    }
  };
  mapTables(GUEST_RAM_IPA);
  const ram = kit.make(T.seL4_ARM_SmallPageObject);
  check(sel4.seL4_ARM_Page_Map(ram, vspace, GUEST_RAM_IPA, seL4_AllRights, 3), "map guest RAM");
  const view = kit.next++;
  check(sel4.seL4_CNode_Copy(S.seL4_CapInitThreadCNode, view, 64, S.seL4_CapInitThreadCNode, ram, 64, seL4_AllRights), "copy RAM cap");
  check(sel4.seL4_ARM_Page_Map(view, S.seL4_CapInitThreadVSpace, VMM_VIEW_VADDR, seL4_AllRights, 3), "map VMM view");
  sel4.frameView(VMM_VIEW_VADDR, code.length).set(code);

  for (const device of options.devices ?? []) {
    mapTables(device.ipa);
    const frame = deviceFrame(sel4, kit, device.paddr);
    check(sel4.seL4_ARM_Page_Map(frame, vspace, device.ipa, seL4_AllRights, 0), `map device 0x${device.paddr.toString(16)}`);
  }

  const faultEp = kit.make(T.seL4_EndpointObject);
  const faultCap = kit.next++;
  check(sel4.seL4_CNode_Mint(S.seL4_CapInitThreadCNode, faultCap, 64, S.seL4_CapInitThreadCNode, faultEp, 64, seL4_AllRights, options.faultBadge ?? 0n), "mint fault endpoint");
  const tcb = kit.make(T.seL4_TCBObject);
  const vcpu = kit.make(T.seL4_ARM_VCPUObject);
  check(sel4.seL4_TCB_Configure(tcb, faultCap, S.seL4_CapInitThreadCNode, 0, vspace, 0, 0, 0), "configure guest TCB");
  check(sel4.seL4_TCB_SetPriority(tcb, S.seL4_CapInitThreadTCB, options.priority ?? 100), "guest priority");
  check(sel4.seL4_ARM_VCPU_SetTCB(vcpu, tcb), "bind VCPU");
  const regs = emptyUserContext();
  regs.pc = BigInt(GUEST_RAM_IPA);
  regs.spsr = SPSR_EL1H_MASKED;
  const x = options.x ?? [];
  [regs.x0, regs.x1, regs.x2, regs.x3] = [x[0] ?? 0n, x[1] ?? 0n, x[2] ?? 0n, x[3] ?? 0n];
  check(sel4.seL4_TCB_WriteRegisters(tcb, true, 0, 36, regs), "start guest");
  return { tcb, vcpu, vspace, faultEp };
}

/** Retypes a 4 KiB device frame at `paddr`, which must start a device untyped of the boot info. */
export function deviceFrame(sel4: Sel4, kit: RootKit, paddr: number): number {
  const bi = sel4.seL4_GetBootInfo();
  const index = bi.untypedList.findIndex((u) => u.isDevice === 1 && u.paddr === paddr);
  if (index < 0) throw new Error(`no device untyped starts at 0x${paddr.toString(16)}`);
  const slot = kit.next++;
  check(sel4.seL4_Untyped_Retype(bi.untyped.start + index, T.seL4_ARM_SmallPageObject, 0, S.seL4_CapInitThreadCNode, 0, 0, slot, 1), "device frame");
  return slot;
}
