import { seL4_Error } from "../constants/errors";
import { seL4_ARM_VMAttributes } from "../constants/rights";
import { frameTypeOf, vka_alloc_frame, vka_alloc_page_table, vka_free_object, type vka_object_t, type vka_t } from "./vka";

/** vspace_t: a virtual address space managed from user level (libsel4vspace). */
export interface vspace_t {
  readonly vka: vka_t;
  /** The VSpace root cap. */
  readonly root: number;
  /** Next free address of the bump region used by vspace_new_pages / vspace_map_pages. */
  nextFree: number;
  /** Frame caps mapped through this vspace, by virtual address. */
  readonly caps: Map<number, { cap: number; cookie: number | null }>;
  /** Page tables created on demand (kept so that they can be freed). */
  readonly tables: vka_object_t[];
  /**
   * TypeScript-only shadow of the translation tables known to exist, as `"<span bits>:<base>"`
   * (a table covering 2^bits bytes from base), learnt from the tables this vspace made and the
   * pages it mapped. With `rootIsEmpty` every table is known, so page tables are made before the
   * page is mapped, as libsel4vspace does, and no mapping attempt fails on the way.
   */
  readonly knownTables?: Set<string>;
  readonly rootIsEmpty?: boolean;
}

/** Spans (log2 bytes) of the translation tables a frame of `sizeBits` needs below the VSpace root. */
function tableSpans(sizeBits: number): number[] {
  return sizeBits <= 12 ? [30, 21] : sizeBits <= 21 ? [30] : [];
}

const tableKey = (bits: number, vaddr: number): string => `${bits}:${Math.floor(vaddr / 2 ** bits) * 2 ** bits}`;

/** Default start of the region vspace_new_pages allocates from. */
export const VSPACE_DEFAULT_BASE = 0x1000_0000;

/**
 * Creates a vspace over an existing VSpace root (the sel4utils bootstrap, without
 * reservations): pages are placed from `base` upwards, page tables are made on demand.
 */
export function sel4ts_make_vspace(vka: vka_t, root: number, base = VSPACE_DEFAULT_BASE, rootIsEmpty = false): vspace_t {
  return { vka, root, nextFree: base, caps: new Map(), tables: [], knownTables: new Set(), rootIsEmpty };
}

/** Makes and maps a page table at the first missing level for vaddr; seL4_Error. */
function addTable(vspace: vspace_t, vaddr: number): seL4_Error {
  const table = { value: null as vka_object_t | null };
  if (vka_alloc_page_table(vspace.vka, table) !== 0 || !table.value) return seL4_Error.seL4_NotEnoughMemory;
  const mapped = vspace.vka.sel4.seL4_ARM_PageTable_Map(table.value.cptr, vspace.root, vaddr, seL4_ARM_VMAttributes.seL4_ARM_Default_VMAttributes);
  if (mapped !== seL4_Error.seL4_NoError) {
    vka_free_object(vspace.vka, table.value);
    return mapped;
  }
  vspace.tables.push(table.value);
  return seL4_Error.seL4_NoError;
}

/**
 * Maps one frame; returns seL4_Error. Where the tables the frame needs are known (made by this
 * vspace over an empty root, or seen when an earlier page was mapped) they are made first and
 * the page mapped once; elsewhere it asks the kernel, creating tables until it stops asking.
 */
function mapWithTables(vspace: vspace_t, cap: number, vaddr: number, rights: number, cacheable: boolean, sizeBits: number): seL4_Error {
  const sel4 = vspace.vka.sel4;
  const attr = cacheable ? seL4_ARM_VMAttributes.seL4_ARM_Default_VMAttributes : 0;
  const known = vspace.knownTables;
  const spans = tableSpans(sizeBits);
  if (known && (vspace.rootIsEmpty || spans.every((bits) => known.has(tableKey(bits, vaddr))))) {
    for (const bits of spans) {
      if (known.has(tableKey(bits, vaddr))) continue;
      const added = addTable(vspace, vaddr);
      if (added !== seL4_Error.seL4_NoError) return added;
      known.add(tableKey(bits, vaddr));
    }
    const error = sel4.seL4_ARM_Page_Map(cap, vspace.root, vaddr, rights, attr);
    // A table deleted behind this vspace's back: fall back to asking the kernel.
    if (error !== seL4_Error.seL4_FailedLookup) return error;
  }
  for (let attempt = 0; attempt < 4; attempt++) {
    const error = sel4.seL4_ARM_Page_Map(cap, vspace.root, vaddr, rights, attr);
    if (error !== seL4_Error.seL4_FailedLookup) {
      // A page mapped: every table above it exists.
      if (error === seL4_Error.seL4_NoError) for (const bits of spans) known?.add(tableKey(bits, vaddr));
      return error;
    }
    const added = addTable(vspace, vaddr);
    if (added !== seL4_Error.seL4_NoError) return added;
  }
  return seL4_Error.seL4_FailedLookup;
}

/** vspace_map_pages_at_vaddr: maps `caps` contiguously at `vaddr`; 0 or -1. */
export function vspace_map_pages_at_vaddr(
  vspace: vspace_t,
  caps: readonly number[],
  cookies: readonly number[] | null,
  vaddr: number,
  num_pages: number,
  size_bits: number,
  rights = 3,
  cacheable = true,
): number {
  const size = 2 ** size_bits;
  for (let i = 0; i < num_pages; i++) {
    const at = vaddr + i * size;
    if (mapWithTables(vspace, caps[i]!, at, rights, cacheable, size_bits) !== seL4_Error.seL4_NoError) return -1;
    vspace.caps.set(at, { cap: caps[i]!, cookie: cookies?.[i] ?? null });
  }
  return 0;
}

/** vspace_map_pages: maps `caps` at a fresh address; returns it, or null. */
export function vspace_map_pages(
  vspace: vspace_t,
  caps: readonly number[],
  cookies: readonly number[] | null,
  rights: number,
  num_pages: number,
  size_bits: number,
  cacheable: boolean,
): number | null {
  const size = 2 ** size_bits;
  const vaddr = Math.ceil(vspace.nextFree / size) * size;
  if (vspace_map_pages_at_vaddr(vspace, caps, cookies, vaddr, num_pages, size_bits, rights, cacheable) !== 0) return null;
  vspace.nextFree = vaddr + num_pages * size;
  return vaddr;
}

/** vspace_new_pages: allocates and maps fresh RAM frames; returns the address, or null. */
export function vspace_new_pages(vspace: vspace_t, rights: number, num_pages: number, size_bits: number): number | null {
  const frames: vka_object_t[] = [];
  for (let i = 0; i < num_pages; i++) {
    const frame = { value: null as unknown as vka_object_t };
    if (vka_alloc_frame(vspace.vka, size_bits, frame) !== 0) {
      for (const f of frames) vka_free_object(vspace.vka, f);
      return null;
    }
    frames.push(frame.value);
  }
  return vspace_map_pages(
    vspace,
    frames.map((f) => f.cptr),
    frames.map((f) => f.ut),
    rights,
    num_pages,
    size_bits,
    true,
  );
}

/** vspace_unmap_pages: unmaps pages; with a vka, also frees frames this vspace allocated. */
export function vspace_unmap_pages(vspace: vspace_t, vaddr: number, num_pages: number, size_bits: number, vka: vka_t | null): void {
  const sel4 = vspace.vka.sel4;
  for (let i = 0; i < num_pages; i++) {
    const at = vaddr + i * 2 ** size_bits;
    const entry = vspace.caps.get(at);
    if (!entry) continue;
    sel4.seL4_ARM_Page_Unmap(entry.cap);
    vspace.caps.delete(at);
    const type = frameTypeOf(size_bits);
    if (vka && entry.cookie !== null && type !== null) vka_free_object(vka, { cptr: entry.cap, ut: entry.cookie, type, size_bits });
  }
}

/** vspace_get_cap: the frame cap mapped at `vaddr` through this vspace, or 0. */
export function vspace_get_cap(vspace: vspace_t, vaddr: number): number {
  return vspace.caps.get(vaddr)?.cap ?? 0;
}

/** vspace_get_root: the VSpace root cap. */
export function vspace_get_root(vspace: vspace_t): number {
  return vspace.root;
}
