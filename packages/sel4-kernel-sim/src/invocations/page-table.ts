import { seL4_UserTop } from "../constants/boot";
import { seL4_Error } from "../constants/errors";
import { InvocationLabel } from "../constants/labels";
import type { Cap } from "../cspace/cap";
import { lookupPtSlot, unmapPageTable } from "../mmu/mapping";
import { LEVEL_SHIFTS } from "../objects/vspace";
import { argNumber, type InvocationContext } from "./context";
import { validVSpace } from "./frame";
import { fail, illegalOperation, invalidArgument, invalidCapability, ok, truncatedMessage, type InvocationResult } from "./result";

type PageTableCap = Extract<Cap, { kind: "pageTable" }>;

/** decodeARMPageTableInvocation: PageTable_Map and PageTable_Unmap. */
export function invokePageTable(ctx: InvocationContext, cap: PageTableCap): InvocationResult {
  const table = cap.obj;
  if (ctx.label === Number(InvocationLabel.ARMPageTableUnmap)) {
    if (ctx.kernel.refs.count(table) > 1) return fail(seL4_Error.seL4_RevokeFirst, "ARMPageTableUnmap: cannot unmap if more than one cap exists");
    unmapPageTable(table);
    return ok();
  }
  if (ctx.label !== Number(InvocationLabel.ARMPageTableMap)) return illegalOperation("PageTable: illegal operation");
  if (ctx.args.length < 2 || ctx.extraCaps.length < 1) return truncatedMessage("ARMPageTableMap: truncated message");
  if (table.mapping) return invalidCapability(0, "ARMPageTableMap: page table is already mapped");
  const vaddr = argNumber(ctx, 0);
  const vspaceCap = ctx.extraCaps[0]?.cap;
  if (!vspaceCap || vspaceCap.kind !== "vspace" || vspaceCap.obj.asid === null) {
    return invalidCapability(1, "ARMPageTableMap: invalid VSpace root cap");
  }
  if (vaddr > seL4_UserTop) return invalidArgument(0, "ARMPageTableMap: virtual address above the top of user address space");
  const root = validVSpace(ctx, 0, "ARMPageTableMap");
  if (!root.ok) return root.result;
  const slot = lookupPtSlot(root.vspace, vaddr);
  if (slot.level === LEVEL_SHIFTS.length - 1 || slot.entry) {
    return fail(seL4_Error.seL4_DeleteFirst, "ARMPageTableMap: page table slot already occupied");
  }
  slot.table.entries.set(slot.index, { kind: "table", table });
  const span = 2 ** slot.bitsLeft;
  table.mapping = { vspace: root.vspace, vaddr: Math.floor(vaddr / span) * span, level: slot.level + 1 };
  return ok();
}
