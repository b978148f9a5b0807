import type { ObjectTables } from "../kernel-ports";
import { capBadge, isCapRevocable, type Cap } from "./cap";
import type { Slot } from "./slot";

/** Puts `cap` into the empty `dest` as a CDT child of `parent` (null = a root of the tree). */
export function insertCap(kernel: Pick<ObjectTables, "refs">, dest: Slot, cap: Cap, parent: Slot | null, revocable: boolean, firstBadged: boolean): void {
  dest.cap = cap;
  dest.revocable = revocable;
  dest.firstBadged = firstBadged;
  dest.parent = parent;
  parent?.children.push(dest);
  kernel.refs.retain(cap);
}

/**
 * isMDBParentOf for a cap derived from `source`: the source must be revocable and, for badged
 * objects, unbadged or carrying the same badge without the new cap being the first with it.
 */
function isParentOfDerived(source: Slot, derived: Cap, derivedFirstBadged: boolean): boolean {
  if (!source.revocable || !source.cap) return false;
  if (derived.kind === "endpoint" || derived.kind === "notification") {
    const sourceBadge = capBadge(source.cap);
    return sourceBadge === 0n || (sourceBadge === capBadge(derived) && !derivedFirstBadged);
  }
  return true;
}

/** cteInsert: places a cap derived from `source` into `dest`, as its child or its sibling. */
export function insertDerived(kernel: Pick<ObjectTables, "refs">, derived: Cap, source: Slot, dest: Slot): void {
  const sourceCap = source.cap;
  // setUntypedCapAsFull: a copied untyped leaves its source unable to retype.
  if (sourceCap?.kind === "untyped" && derived.kind === "untyped") sourceCap.freeIndex = 2 ** sourceCap.sizeBits;
  const revocable = source.cap !== null && isCapRevocable(derived, source.cap);
  const parent = isParentOfDerived(source, derived, revocable) ? source : source.parent;
  insertCap(kernel, dest, derived, parent, revocable, revocable);
}

/** Removes the cap from `slot` and from the tree (children move up to its parent). */
export function detachCap(slot: Slot): Cap | null {
  const cap = slot.cap;
  if (!cap) return null;
  const parent = slot.parent;
  if (parent) {
    const siblings = parent.children;
    const i = siblings.indexOf(slot);
    // The last child (a reply cap, every round trip) pops off: splice would make a result array.
    if (slot.children.length === 0 && i === siblings.length - 1) siblings.pop();
    else if (slot.children.length === 0) siblings.splice(i, 1);
    else siblings.splice(i, 1, ...slot.children);
  }
  // Most slots (reply caps, every IPC round trip) have no children: no array writes then.
  if (slot.children.length !== 0) {
    for (const child of slot.children) child.parent = parent;
    slot.children.length = 0;
  }
  slot.parent = null;
  slot.cap = null;
  slot.revocable = false;
  slot.firstBadged = false;
  return cap;
}

/** cteMove: moves `cap` (possibly updated) from `source` to empty `dest`, keeping its CDT position. */
export function moveCap(cap: Cap, source: Slot, dest: Slot): void {
  dest.cap = cap;
  dest.revocable = source.revocable;
  dest.firstBadged = source.firstBadged;
  dest.parent = source.parent;
  if (source.parent) {
    const siblings = source.parent.children;
    siblings[siblings.indexOf(source)] = dest;
  }
  dest.children.push(...source.children);
  for (const child of source.children) child.parent = dest;
  source.children.length = 0;
  source.parent = null;
  source.cap = null;
  source.revocable = false;
  source.firstBadged = false;
}

/** cteSwap: exchanges two caps (each possibly updated) and their CDT positions. */
export function swapCaps(capA: Cap, slotA: Slot, capB: Cap, slotB: Slot, scratch: Slot): void {
  moveCap(capA, slotA, scratch);
  moveCap(capB, slotB, slotA);
  moveCap(capA, scratch, slotB);
}
