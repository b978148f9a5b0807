import { seL4_Error } from "../constants/errors";
import type { Cap } from "./cap";
import type { Slot } from "./slot";

/** deriveCap's outcome: a cap (null = derives to a null cap) or an error code. */
export type DeriveResult = { readonly ok: true; readonly cap: Cap | null } | { readonly ok: false; readonly error: seL4_Error; readonly reason: string };

/**
 * deriveCap: the cap a copy of `slot` receives. Untyped with children → RevokeFirst; reply and
 * IRQControl caps derive to null; unmapped tables and unassigned VSpaces cannot be copied; frame
 * copies are unmapped.
 */
export function deriveCap(slot: Slot): DeriveResult {
  return deriveCapValue(slot.cap, slot.children.length > 0);
}

/** deriveCap on a cap value; `hasChildren` says whether its slot has CDT children. */
export function deriveCapValue(cap: Cap | null, hasChildren: boolean): DeriveResult {
  if (!cap) return { ok: true, cap: null };
  switch (cap.kind) {
    case "untyped":
      if (hasChildren) return { ok: false, error: seL4_Error.seL4_RevokeFirst, reason: "untyped has children; revoke first" };
      return { ok: true, cap: { ...cap } };
    case "reply":
    case "irqControl":
      return { ok: true, cap: null };
    case "pageTable":
      if (!cap.obj.mapping) return { ok: false, error: seL4_Error.seL4_IllegalOperation, reason: "deriving an unmapped page table" };
      return { ok: true, cap: { ...cap } };
    case "vspace":
      if (cap.obj.asid === null) return { ok: false, error: seL4_Error.seL4_IllegalOperation, reason: "deriving a VSpace without an ASID" };
      return { ok: true, cap: { ...cap } };
    case "frame":
      return { ok: true, cap: { ...cap, mapping: null } };
    default:
      return { ok: true, cap: { ...cap } };
  }
}
