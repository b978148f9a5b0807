import type { KernelContext } from "../kernel-context";
import { finaliseCap } from "../objects/finalise";
import { detachCap } from "./cdt";
import type { Slot } from "./slot";

/** cteDelete: empties `slot`; if it held the final cap to an object, the object is finalised. */
export function deleteCap(kernel: KernelContext, slot: Slot): void {
  const cap = detachCap(slot);
  if (!cap) return;
  const remaining = kernel.refs.release(cap);
  finaliseCap(kernel, cap, remaining === 0);
}

/** cteRevoke: deletes every CDT descendant of `slot`, deepest first. */
export function revokeCap(kernel: KernelContext, slot: Slot): void {
  for (const descendant of slot.descendantsDeepestFirst()) deleteCap(kernel, descendant);
}
