import type { Cap } from "../cspace/cap";
import type { ObjectTables } from "../kernel-ports";
import type { AsidPool } from "../objects/asid-pool";
import type { Frame } from "../objects/frame";
import { LEVEL_SHIFTS, tableIndex, type PageTable, type PtEntry, type VSpace } from "../objects/vspace";

/** The deepest table reached for `vaddr` and how many address bits it resolves (seL4's ptBitsLeft). */
export interface PtSlot {
  readonly table: PageTable;
  readonly level: number;
  readonly index: number;
  readonly bitsLeft: number;
  readonly entry: PtEntry | undefined;
}

/** lookupPTSlot: walks down through table entries as far as they go. */
export function lookupPtSlot(vspace: VSpace, vaddr: number): PtSlot {
  let table = vspace.root;
  for (let level = 0; ; level++) {
    const index = tableIndex(vaddr, level);
    const entry = table.entries.get(index);
    if (entry?.kind === "table" && level < LEVEL_SHIFTS.length - 1) {
      table = entry.table;
      continue;
    }
    return { table, level, index, bitsLeft: LEVEL_SHIFTS[level]!, entry };
  }
}

/** Installs a page entry and tells the VSpace's listeners. */
export function mapFrame(vspace: VSpace, slot: PtSlot, vaddr: number, frame: Frame, rights: number, attributes: number): void {
  slot.table.entries.set(slot.index, { kind: "page", frame, rights, attributes });
  vspace.notify("map", vaddr, frame.size);
}

/** unmapPage: removes a frame cap's mapping if the entry still maps that frame. */
export function unmapFrameCap(kernel: Pick<ObjectTables, "asids">, cap: Extract<Cap, { kind: "frame" }>): void {
  const mapping = cap.mapping;
  if (!mapping) return;
  cap.mapping = null;
  const vspace = kernel.asids.lookup(mapping.asid);
  if (!vspace) return;
  const slot = lookupPtSlot(vspace, mapping.vaddr);
  if (slot.entry?.kind === "page" && slot.entry.frame === cap.obj && slot.bitsLeft === cap.obj.sizeBits) {
    slot.table.entries.delete(slot.index);
    vspace.notify("unmap", mapping.vaddr, cap.obj.size);
  }
}

/** unmapPageTable: detaches a table from its parent entry and clears it. */
export function unmapPageTable(table: PageTable): void {
  const mapping = table.mapping;
  if (!mapping) return;
  table.mapping = null;
  const { vspace, vaddr, level } = mapping;
  // The table serves `level`, so its entry sits one level up.
  let parent = vspace.root;
  for (let l = 0; l < level - 1; l++) {
    const e = parent.entries.get(tableIndex(vaddr, l));
    if (e?.kind !== "table") return;
    parent = e.table;
  }
  const index = tableIndex(vaddr, level - 1);
  const entry = parent.entries.get(index);
  if (entry?.kind === "table" && entry.table === table) {
    parent.entries.delete(index);
    vspace.notify("unmap", vaddr, 2 ** LEVEL_SHIFTS[level - 1]!);
  }
  table.entries.clear();
}

/** deleteASID: the VSpace loses its ASID. */
export function deleteAsid(kernel: Pick<ObjectTables, "asids">, vspace: VSpace): void {
  const asid = vspace.asid;
  if (asid === null) return;
  const pool = kernel.asids.pools[Math.floor(asid / 512)];
  if (pool && pool.entries[asid % 512] === vspace) pool.entries[asid % 512] = null;
  vspace.asid = null;
}

/** deleteASIDPool: every VSpace in the pool loses its ASID and the pool leaves the table. */
export function deleteAsidPool(kernel: Pick<ObjectTables, "asids">, pool: AsidPool): void {
  const index = Math.floor(pool.base / 512);
  if (kernel.asids.pools[index] !== pool) return;
  for (const vspace of pool.entries) if (vspace) vspace.asid = null;
  pool.entries.fill(null);
  kernel.asids.pools[index] = null;
}
