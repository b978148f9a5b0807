import { GuestMemoryError } from "../core/errors.js";
import type { PageEntry } from "./types.js";
import { PAGE_SIZE } from "./types.js";

/** Pages of sparse RAM made at once (2 MiB): one ArrayBuffer and 512 entries on first use. */
export const SPARSE_CHUNK_PAGES = 512;

/** RAM mapped with GuestMemory.mapSparseRam: pages [first, end) whose storage is made on first use. */
interface SparseRegion {
  first: number;
  end: number;
  /** Where chunks are counted from (the region's original first page; splitting keeps it). */
  readonly origin: number;
  readonly perms: number;
}

/** Pages below 4 GiB (page numbers below 2^20) are also indexed by arrays of this many. */
const INDEX_CHUNK_PAGES = 512;
const INDEXED_PAGES = 2 ** 20;

/**
 * Page number → page. A Map for pages mapped up front; for sparse RAM, `get` makes the 2 MiB
 * chunk holding a page (storage and entries) the first time any of its pages is looked up, so a
 * guest can have more RAM than one ArrayBuffer holds (and than the host would want to commit)
 * and pays only for what it touches. The CPU looks pages up only on TLB misses, never per access;
 * still, a Linux boot does so ~1.5 M times, and a hash lookup in a Map of 10^5 pages misses the
 * host's caches: pages below 4 GiB are also found through two small arrays.
 */
export class PageTable extends Map<number, PageEntry> {
  private readonly sparse: SparseRegion[] = [];
  /** Pages below INDEXED_PAGES by page >> 9, then page & 511 (chunks made on first set). */
  private readonly index: (PageEntry | undefined)[][] = [];

  override get(page: number): PageEntry | undefined {
    if (page < INDEXED_PAGES) {
      const chunk = this.index[page >>> 9];
      const indexed = chunk === undefined ? undefined : chunk[page & (INDEX_CHUNK_PAGES - 1)];
      if (indexed !== undefined) return indexed;
    }
    const entry = super.get(page);
    if (entry !== undefined || this.sparse.length === 0) return entry;
    return this.materialize(page);
  }

  override set(page: number, entry: PageEntry): this {
    super.set(page, entry);
    if (page >= 0 && page < INDEXED_PAGES) {
      const at = page >>> 9;
      const chunk = (this.index[at] ??= new Array<PageEntry | undefined>(INDEX_CHUNK_PAGES).fill(undefined));
      chunk[page & (INDEX_CHUNK_PAGES - 1)] = entry;
    }
    return this;
  }

  override delete(page: number): boolean {
    if (page >= 0 && page < INDEXED_PAGES) {
      const chunk = this.index[page >>> 9];
      if (chunk !== undefined) chunk[page & (INDEX_CHUNK_PAGES - 1)] = undefined;
    }
    return super.delete(page);
  }

  override clear(): void {
    this.index.length = 0;
    super.clear();
  }

  override has(page: number): boolean {
    return super.has(page) || this.sparseRegionAt(page) !== undefined;
  }

  /** Adds sparse RAM over pages [first, end) (the caller checked that they are free). */
  addSparse(first: number, end: number, perms: number): void {
    this.sparse.push({ first, end, origin: first, perms });
  }

  /** Removes pages [first, end) from the sparse regions (unmap): they are no longer made on use. */
  removeSparse(first: number, end: number): void {
    for (let i = this.sparse.length - 1; i >= 0; i--) {
      const r = this.sparse[i]!;
      if (r.end <= first || r.first >= end) continue;
      const pieces: SparseRegion[] = [];
      if (r.first < first) pieces.push({ ...r, end: first });
      if (r.end > end) pieces.push({ ...r, first: end });
      this.sparse.splice(i, 1, ...pieces);
    }
  }

  private sparseRegionAt(page: number): SparseRegion | undefined {
    return this.sparse.find((r) => page >= r.first && page < r.end);
  }

  private materialize(page: number): PageEntry | undefined {
    const region = this.sparseRegionAt(page);
    if (region === undefined) return undefined;
    // The chunk holding `page`, counted from the region's start and cut to what is still sparse
    // (made chunks and unmapped ranges have left the region).
    const chunk = Math.floor((page - region.origin) / SPARSE_CHUNK_PAGES);
    const first = Math.max(region.first, region.origin + chunk * SPARSE_CHUNK_PAGES);
    const end = Math.min(region.end, region.origin + (chunk + 1) * SPARSE_CHUNK_PAGES);
    let buffer: ArrayBuffer;
    try {
      buffer = new ArrayBuffer((end - first) * PAGE_SIZE);
    } catch {
      throw new GuestMemoryError(
        `guest RAM at 0x${(page * PAGE_SIZE).toString(16)}: the host has no memory left to back it (give the guest less RAM)`,
      );
    }
    const bytes = new Uint8Array(buffer);
    const view = new DataView(buffer);
    for (let p = first; p < end; p++) {
      this.set(p, { bytes, view, offset: (p - first) * PAGE_SIZE, perms: region.perms, device: null, deviceOffset: 0, code: null, decoded: false, jit: null });
    }
    this.removeSparse(first, end);
    return this.get(page);
  }
}
