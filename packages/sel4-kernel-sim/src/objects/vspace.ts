import type { Frame } from "./frame";

/** A leaf entry: a frame mapped with VM rights and attributes. */
export interface PageEntry {
  readonly kind: "page";
  readonly frame: Frame;
  readonly rights: number;
  readonly attributes: number;
}
/** A table entry: the next-level page table. */
export interface TableEntry {
  readonly kind: "table";
  readonly table: PageTable;
}
/** A translation-table entry. */
export type PtEntry = PageEntry | TableEntry;

/**
 * Stage-2 geometry for a 40-bit IPA (Cortex-A53): the root level resolves bits 39..30 (1024
 * entries, 1 GiB each), level 2 bits 29..21, level 3 bits 20..12.
 */
export const LEVEL_SHIFTS = [30, 21, 12] as const;
/** Index bits per level (the root has two concatenated tables). */
export const LEVEL_INDEX_BITS = [10, 9, 9] as const;

/** The index of `vaddr` in a table at `level` (0 = root). */
export function tableIndex(vaddr: number, level: number): number {
  const shift = LEVEL_SHIFTS[level]!;
  return Math.floor(vaddr / 2 ** shift) % 2 ** LEVEL_INDEX_BITS[level]!;
}

/** Where a page table is installed. */
export interface TableMapping {
  readonly vspace: VSpace;
  readonly vaddr: number;
  /** Level the table serves (1 = second level, 2 = last level). */
  readonly level: number;
}

/** A page table object (4 KiB, usable at any non-root level). */
export class PageTable {
  readonly entries = new Map<number, PtEntry>();
  mapping: TableMapping | null = null;

  /** Creates a page table at `paddr`. */
  constructor(readonly paddr: number) {}
}

/** The result of translating an address through a VSpace. */
export interface Translation {
  readonly frame: Frame;
  readonly rights: number;
  readonly attributes: number;
  /** Offset of the address inside the frame. */
  readonly offset: number;
}

/** Listener for mapping changes (how a CPU core keeps its stage-2 view in step). */
export type VSpaceListener = (change: { kind: "map" | "unmap"; vaddr: number; size: number }) => void;

/** An ARM VSpace: the root translation table plus the ASID it was assigned. */
export class VSpace {
  /** The root table (the VSpace object's own memory). */
  readonly root: PageTable;
  asid: number | null = null;
  private readonly listeners: VSpaceListener[] = [];

  /** Creates a VSpace root at `paddr`. */
  constructor(readonly paddr: number) {
    this.root = new PageTable(paddr);
  }

  /** Registers a listener for map/unmap changes; returns a function that removes it. */
  onChange(listener: VSpaceListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** Tells listeners that [vaddr, vaddr+size) changed. */
  notify(kind: "map" | "unmap", vaddr: number, size: number): void {
    for (const l of this.listeners) l({ kind, vaddr, size });
  }

  /** Translates `vaddr`, or returns null when nothing is mapped there. */
  translate(vaddr: number): Translation | null {
    let table = this.root;
    for (let level = 0; level < LEVEL_SHIFTS.length; level++) {
      const entry = table.entries.get(tableIndex(vaddr, level));
      if (!entry) return null;
      if (entry.kind === "page") {
        return { frame: entry.frame, rights: entry.rights, attributes: entry.attributes, offset: vaddr % entry.frame.size };
      }
      table = entry.table;
    }
    return null;
  }
}
