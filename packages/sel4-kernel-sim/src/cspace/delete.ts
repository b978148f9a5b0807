import type { CapFinaliser, ObjectTables } from "../kernel-ports";
import { detachCap } from "./cdt";
import type { Slot } from "./slot";

/** cteDelete: empties `slot`; if it held the final cap to an object, the object is finalised. */
export function deleteCap(kernel: CapFinaliser & Pick<ObjectTables, "refs">, slot: Slot): void {
  const cap = detachCap(slot);
  if (!cap) return;
  const remaining = kernel.refs.release(cap);
  kernel.finaliseCap(cap, remaining === 0);
}

/** cteRevoke: deletes every CDT descendant of `slot`, deepest first. */
export function revokeCap(kernel: CapFinaliser & Pick<ObjectTables, "refs">, slot: Slot): void {
  for (const descendant of slot.descendantsDeepestFirst()) deleteCap(kernel, descendant);
}
