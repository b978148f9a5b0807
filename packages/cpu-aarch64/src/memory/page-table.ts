import { GuestMemoryError } from "../core/errors.js";
import type { PageEntry } from "./types.js";
import { PAGE_SIZE } from "./types.js";

/** Pages of a lazily made region made at once (2 MiB): for sparse RAM, one ArrayBuffer and 512 entries. */
export const SPARSE_CHUNK_PAGES = 512;

/** Storage a lazy region's pages live in: page p at byte (p - origin) * PAGE_SIZE of `bytes` and `view`. */
export interface PageStorage {
  readonly bytes: Uint8Array;
  readonly view: DataView;
}

/**
 * Pages [first, end) whose entries are made on first use: sparse RAM (GuestMemory.mapSparseRam,
 * storage made then too) or RAM on storage the host already has (mapPages).
 */
interface LazyRegion {
  first: number;
  end: number;
  /** Where chunks and storage offsets are counted from (the region's original first page; splitting keeps it). */
  readonly origin: number;
  readonly perms: number;
  /** The storage of `origin` onwards, or null: each chunk gets a fresh zeroed ArrayBuffer. */
  readonly storage: PageStorage | null;
}

/** Pages below 4 GiB (page numbers below 2^20) are also indexed by arrays of this many. */
const INDEX_CHUNK_PAGES = 512;
const INDEXED_PAGES = 2 ** 20;

/**
 * Page number → page. A Map of the pages made so far; RAM regions (sparse RAM and mapPages
 * ranges) are kept as ranges whose 2 MiB chunk of entries (and, for sparse RAM, storage) `get`
 * makes the first time any of its pages is looked up: a guest can have more RAM than one
 * ArrayBuffer holds (and than the host would want to commit), and mapping a Linux guest's 10^5
 * pages costs nothing until they are used. The CPU looks pages up only on TLB misses, never per
 * access; still, a Linux boot does so ~1.5 M times, and a hash lookup in a Map of 10^5 pages
 * misses the host's caches: pages below 4 GiB are also found through two small arrays.
 */
export class PageTable extends Map<number, PageEntry> {
  private readonly lazy: LazyRegion[] = [];
  /** Pages below INDEXED_PAGES by page >> 9, then page & 511 (chunks made on first set). */
  private readonly index: (PageEntry | undefined)[][] = [];

  override get(page: number): PageEntry | undefined {
    if (page < INDEXED_PAGES) {
      const chunk = this.index[page >>> 9];
      const indexed = chunk === undefined ? undefined : chunk[page & (INDEX_CHUNK_PAGES - 1)];
      if (indexed !== undefined) return indexed;
    }
    const entry = super.get(page);
    if (entry !== undefined || this.lazy.length === 0) return entry;
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
    this.lazy.length = 0;
    super.clear();
  }

  override has(page: number): boolean {
    return super.has(page) || this.lazyRegionAt(page) !== undefined;
  }

  /** The first page of [first, end) that is mapped (made or lazy), or undefined if none is. */
  firstMapped(first: number, end: number): number | undefined {
    let found: number | undefined;
    for (const r of this.lazy) {
      const start = Math.max(r.first, first);
      if (start < Math.min(r.end, end) && (found === undefined || start < found)) found = start;
    }
    const limit = found ?? end;
    for (let page = first; page < limit; page++) {
      if (page < INDEXED_PAGES ? this.index[page >>> 9]?.[page & (INDEX_CHUNK_PAGES - 1)] !== undefined : super.has(page)) return page;
    }
    return found;
  }

  /** Adds sparse RAM over pages [first, end) (the caller checked that they are free). */
  addSparse(first: number, end: number, perms: number): void {
    this.lazy.push({ first, end, origin: first, perms, storage: null });
  }

  /** Adds RAM over pages [first, end) on `storage`, page `first` at its byte 0 (the caller checked that they are free). */
  addBacked(first: number, end: number, perms: number, storage: PageStorage): void {
    this.lazy.push({ first, end, origin: first, perms, storage });
  }

  /** Removes pages [first, end) from the lazy regions (unmap): they are no longer made on use. */
  removeSparse(first: number, end: number): void {
    for (let i = this.lazy.length - 1; i >= 0; i--) {
      const r = this.lazy[i]!;
      if (r.end <= first || r.first >= end) continue;
      const pieces: LazyRegion[] = [];
      if (r.first < first) pieces.push({ ...r, end: first });
      if (r.end > end) pieces.push({ ...r, first: end });
      this.lazy.splice(i, 1, ...pieces);
    }
  }

  private lazyRegionAt(page: number): LazyRegion | undefined {
    return this.lazy.find((r) => page >= r.first && page < r.end);
  }

  private materialize(page: number): PageEntry | undefined {
    const region = this.lazyRegionAt(page);
    if (region === undefined) return undefined;
    // The chunk holding `page`, counted from the region's start and cut to what is still lazy
    // (made chunks and unmapped ranges have left the region).
    const chunk = Math.floor((page - region.origin) / SPARSE_CHUNK_PAGES);
    const first = Math.max(region.first, region.origin + chunk * SPARSE_CHUNK_PAGES);
    const end = Math.min(region.end, region.origin + (chunk + 1) * SPARSE_CHUNK_PAGES);
    const { bytes, view, origin } = region.storage === null ? newChunkStorage(page, first, end) : { ...region.storage, origin: region.origin };
    for (let p = first; p < end; p++) {
      this.set(p, { bytes, view, offset: (p - origin) * PAGE_SIZE, perms: region.perms, device: null, deviceOffset: 0, code: null, decoded: false, jit: null });
    }
    this.removeSparse(first, end);
    return this.get(page);
  }
}

/** Fresh zeroed storage for sparse RAM pages [first, end) (`page` is the one looked up). */
function newChunkStorage(page: number, first: number, end: number): PageStorage & { origin: number } {
  let buffer: ArrayBuffer;
  try {
    buffer = new ArrayBuffer((end - first) * PAGE_SIZE);
  } catch {
    throw new GuestMemoryError(
      `guest RAM at 0x${(page * PAGE_SIZE).toString(16)}: the host has no memory left to back it (give the guest less RAM)`,
    );
  }
  return { bytes: new Uint8Array(buffer), view: new DataView(buffer), origin: first };
}
