import type { Cap } from "../objects/structures";

/**
 * A capability slot (seL4's CTE) and its node in the capability derivation tree. The tree is kept
 * explicitly (parent and ordered children) rather than as seL4's depth-first list; `revocable` and
 * `firstBadged` are the MDB bits that travel with the cap when it moves.
 */
export class Slot {
  cap: Cap | null = null;
  parent: Slot | null = null;
  readonly children: Slot[] = [];
  revocable = false;
  firstBadged = false;

  /** `owner` names the slot in debug output (e.g. "cnode@0x40001000[5]" or "tcb caller"). */
  constructor(readonly owner: string) {}

  /** True when the slot holds no capability. */
  get isEmpty(): boolean {
    return this.cap === null;
  }

  /** All CDT descendants, deepest first (the order revoke deletes them in). */
  descendantsDeepestFirst(): Slot[] {
    const out: Slot[] = [];
    const visit = (slot: Slot): void => {
      for (const child of [...slot.children]) {
        visit(child);
        out.push(child);
      }
    };
    visit(this);
    return out;
  }
}
