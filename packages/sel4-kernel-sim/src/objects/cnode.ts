import { Slot } from "../cspace/slot";
import type { CNodeRecord } from "./structures";

/** A CNode (CapTable) of 2^radix slots; slots are created on first access. */
export class CNode implements CNodeRecord {
  readonly slots = new Map<number, Slot>();

  /** Creates a CNode at `paddr` with `radix` index bits. */
  constructor(
    readonly paddr: number,
    readonly radix: number,
  ) {}

  /** Number of slots. */
  get size(): number {
    return 2 ** this.radix;
  }

  /** The slot at `index` (0 ≤ index < size). */
  slot(index: number): Slot {
    let slot = this.slots.get(index);
    if (!slot) {
      slot = new Slot(`cnode@0x${this.paddr.toString(16)}[${index}]`);
      this.slots.set(index, slot);
    }
    return slot;
  }

  /** The slots that currently hold a capability, in index order. */
  occupiedSlots(): Slot[] {
    return [...this.slots.entries()]
      .filter(([, s]) => s.cap !== null)
      .sort((a, b) => a[0] - b[0])
      .map(([, s]) => s);
  }
}
