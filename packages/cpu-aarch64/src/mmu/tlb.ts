// A software TLB for stage-1 translations, shaped for the interpreter's hot path: a 4-way set
// associative table of typed arrays indexed by VA page, probed with the address's two unsigned 32-bit halves,
// no allocation on lookup, and only successful translations ever stored (faults are not cached).

import { CpuError } from "../core/errors.js";
import { pow2 } from "../core/pow2.js";
import type { Stage1Success } from "./types.js";

/** The ASID tag of a global (nG = 0) entry: it matches every ASID. */
export const TLB_GLOBAL = -1;
/** The tag of an empty slot (VA[31:12] is never negative). */
const EMPTY = -1;
const DEFAULT_ENTRIES = 2048;
/** Slots per set: a page may sit in any of the WAYS slots of its set. */
const WAYS = 4;
const PAGE_SIZE = 4096;
/** Block regions of one size remembered at most (then every TLBI VA scans the whole TLB). */
const MAX_BLOCK_REGIONS = 4096;

/** A number naming the 2^`shift`-byte region of VA page `pageLo` with VA[55:32] = `hi24` (below 2^44). */
function blockRegionKey(pageLo: number, hi24: number, shift: number): number {
  if (shift >= 32) return Math.floor(hi24 / pow2(shift - 32));
  return hi24 * pow2(32 - shift) + (pageLo >>> (shift - 12));
}

/** Options for a {@link Tlb}. */
export interface TlbOptions {
  /** Number of slots, a power of two (default 2048, in sets of 4). */
  entries?: number;
}

/**
 * Stage-1 TLB keyed by VA page (all 64 VA bits, so both ranges and tagged pointers stay distinct)
 * plus ASID, where global entries match any ASID. It is 4-way set associative: a page may sit in
 * any slot of its set, so a handful of hot pages whose numbers collide (a kernel page and a user
 * page of each process in a pipeline) no longer evict each other at every switch. Each entry holds one 4 KiB page of a translation
 * (a block's pages are entered one by one) with its PA page, PERM_* mask and MAIR attribute; the
 * block size is kept so that invalidating any VA of a block drops every page cached from it.
 *
 * Hot path: `const i = tlb.lookup(lo, hi, asid); if (i >= 0 && (tlb.perms[i] & need) !== 0) pa =
 * tlb.paPage[i] * 4096 + (lo & 0xfff)`; otherwise walk with `translateStage1` and `insert` on success.
 * `generation` changes on every invalidation so that caches built on top (the MemoryPort's
 * VA → host-buffer TLBs) know when to flush.
 */
export class Tlb {
  /** Number of slots. */
  readonly size: number;
  /** VA[31:12] of each slot; -1 when empty. */
  readonly tagLo: Int32Array;
  /** VA[63:32] of each slot, as a signed 32-bit value (compare with `vaHi | 0`: small-integer compares). */
  readonly tagHi: Int32Array;
  /** ASID of each slot, or TLB_GLOBAL. */
  readonly asidTag: Int32Array;
  /** Physical page number (PA >>> 12) of each slot. */
  readonly paPage: Int32Array;
  /** PERM_* mask of each slot. */
  readonly perms: Uint8Array;
  /** MAIR attribute byte of each slot. */
  readonly memAttr: Uint8Array;
  /** log2 of the size of the block or page the slot was cached from (12, 21 or 30). */
  readonly blockShift: Uint8Array;
  /** Incremented by every invalidation. */
  generation = 0;
  private readonly ways: number;
  /** Sets - 1 (the number of sets is a power of two). */
  private readonly setMask: number;
  /** The way each set fills next when none is empty (round robin). */
  private readonly victim: Uint8Array;
  /** Block sizes (log2) → regions (blockRegionKey) of block translations made since the last flush. */
  private readonly blockRegions = new Map<number, Set<number>>();
  /** An entry was cached for a tagged VA (VA[63:56] not copies of bit 55) since the last flush: it sits in another set. */
  private taggedEntries = false;
  /** More block regions than MAX_BLOCK_REGIONS of one size were noted: every block may cover every page. */
  private blocksUntracked = false;

  constructor(options: TlbOptions = {}) {
    const entries = options.entries ?? DEFAULT_ENTRIES;
    if (!Number.isInteger(entries) || entries < 1 || (entries & (entries - 1)) !== 0) {
      throw new CpuError(`Tlb: entries must be a power of two, got ${entries}`);
    }
    this.size = entries;
    this.ways = Math.min(WAYS, entries);
    this.setMask = entries / this.ways - 1;
    this.victim = new Uint8Array(entries / this.ways);
    this.tagLo = new Int32Array(entries).fill(EMPTY);
    this.tagHi = new Int32Array(entries);
    this.asidTag = new Int32Array(entries);
    this.paPage = new Int32Array(entries);
    this.perms = new Uint8Array(entries);
    this.memAttr = new Uint8Array(entries);
    this.blockShift = new Uint8Array(entries);
  }

  /** The first slot of the set a VA page maps to; bits 31:20 of the high half are mixed in so that
   *  the kernel's upper-range pages and user pages with the same low bits use different sets. */
  setOf(vaLo: number, vaHi: number): number {
    return (((vaLo >>> 12) ^ (vaHi >>> 20)) & this.setMask) * this.ways;
  }

  /** The slot holding a translation of the page of `vaHi:vaLo` usable under `asid`, or -1. */
  lookup(vaLo: number, vaHi: number, asid: number): number {
    const page = vaLo >>> 12;
    const hi = vaHi | 0;
    const first = this.setOf(vaLo, vaHi);
    const end = first + this.ways;
    for (let i = first; i < end; i++) {
      if (this.tagLo[i] === page && this.tagHi[i] === hi) {
        const tag = this.asidTag[i];
        if (tag === TLB_GLOBAL || tag === asid) return i;
      }
    }
    return -1;
  }

  /** Caches the page of `vaHi:vaLo` from a successful translation of an address in it; returns the slot. */
  insert(vaLo: number, vaHi: number, result: Stage1Success): number {
    if (!(result as { ok: boolean }).ok) throw new CpuError("Tlb.insert: faults are never cached");
    const page = Math.floor(result.pa / PAGE_SIZE);
    if (page > 0x7fffffff) throw new CpuError(`Tlb.insert: PA 0x${result.pa.toString(16)} is beyond 43 bits`);
    const i = this.slotFor(vaLo >>> 12, vaHi | 0, result.global ? TLB_GLOBAL : result.asid, this.setOf(vaLo, vaHi));
    this.tagLo[i] = vaLo >>> 12;
    this.tagHi[i] = vaHi | 0;
    this.asidTag[i] = result.global ? TLB_GLOBAL : result.asid;
    this.paPage[i] = page;
    this.perms[i] = result.permMask;
    this.memAttr[i] = result.memAttr;
    this.blockShift[i] = Math.log2(result.blockSize);
    if (result.blockSize > PAGE_SIZE) this.noteBlock(vaLo, vaHi, this.blockShift[i]);
    if (vaHi >>> 24 !== ((vaHi >>> 23) & 1) * 0xff) this.taggedEntries = true;
    return i;
  }

  /**
   * Where a new entry for `page`/`hi` tagged `tag` goes in the set starting at `first`: the slot of
   * an entry it replaces (same page, and the same ASID or either global: a fresh walk supersedes
   * it), else an empty slot, else the set's next victim. Further entries it supersedes are dropped.
   */
  private slotFor(page: number, hi: number, tag: number, first: number): number {
    let chosen = -1;
    let empty = -1;
    for (let i = first; i < first + this.ways; i++) {
      const t = this.tagLo[i];
      if (t === EMPTY) {
        if (empty < 0) empty = i;
      } else if (t === page && this.tagHi[i] === hi) {
        const other = this.asidTag[i];
        if (other === tag || other === TLB_GLOBAL || tag === TLB_GLOBAL) {
          if (chosen < 0) chosen = i;
          else this.tagLo[i] = EMPTY;
        }
      }
    }
    if (chosen >= 0) return chosen;
    if (empty >= 0) return empty;
    const set = first / this.ways;
    const way = this.victim[set]!;
    this.victim[set] = (way + 1) % this.ways;
    return first + way;
  }

  /** Drops every entry (TLBI VMALLE1). */
  invalidateAll(): void {
    this.tagLo.fill(EMPTY);
    this.blockRegions.clear();
    this.blocksUntracked = false;
    this.taggedEntries = false;
    this.generation++;
  }

  /** Drops every entry after a write to TTBR0/1, TCR, SCTLR or MAIR_EL1, whose cached results it may change. */
  flushAll(): void {
    this.invalidateAll();
  }

  /**
   * Drops the entries that translate VA[55:12] of `vaHi:vaLo` (bits 63:56 are not compared, as
   * TLBI operands do not carry them): those of `asid` and global ones (TLBI VAE1), or those of
   * every ASID when `asid` is null (TLBI VAAE1). Returns true when an entry cached from a block
   * (2 MiB, 1 GiB) may have covered the page, so that other pages' translations may be gone too
   * (caches built on top must then be flushed whole), false when only the page itself changed.
   *
   * Without such a block and without tagged entries only the page's own set can hold it: Linux
   * issues ~47,000 TLBI VAALE1IS per boot (text patching through the fixmap), and a scan of every
   * slot each time was most of their cost.
   */
  invalidateVa(vaLo: number, vaHi: number, asid: number | null): boolean {
    const pageLo = vaLo >>> 12;
    const hi24 = vaHi & 0xffffff;
    const fromBlock = this.blockMayCover(pageLo, hi24);
    let first = 0;
    let end = this.size;
    if (!fromBlock && !this.taggedEntries) {
      // VA[63:56] as the untagged address has them: copies of bit 55.
      first = this.setOf(vaLo, (hi24 | ((hi24 & 0x800000) !== 0 ? 0xff000000 : 0)) >>> 0);
      end = first + this.ways;
    }
    for (let i = first; i < end; i++) {
      if (this.tagLo[i] === EMPTY || (this.tagHi[i]! & 0xffffff) !== hi24) continue;
      const shift = this.blockShift[i]! - 12;
      if (this.tagLo[i]! >>> shift !== pageLo >>> shift) continue;
      const tag = this.asidTag[i];
      if (asid === null || tag === TLB_GLOBAL || tag === asid) this.tagLo[i] = EMPTY;
    }
    this.generation++;
    return fromBlock;
  }

  /**
   * Records that a translation of a block of 2^`shift` bytes holding `vaHi:vaLo` was made (cached
   * here or, for a tagged fetch, used without caching): `invalidateVa` of any page in it must then
   * look further than the page's own set. Kept until `invalidateAll`.
   */
  noteBlock(vaLo: number, vaHi: number, shift: number): void {
    if (shift <= 12) return;
    let regions = this.blockRegions.get(shift);
    if (regions === undefined) {
      regions = new Set<number>();
      this.blockRegions.set(shift, regions);
    }
    regions.add(blockRegionKey(vaLo >>> 12, vaHi & 0xffffff, shift));
    if (regions.size > MAX_BLOCK_REGIONS) this.blocksUntracked = true;
  }

  /** Whether a block translation noted by `noteBlock` may cover VA page `pageLo` (VA[55:32] = `hi24`). */
  private blockMayCover(pageLo: number, hi24: number): boolean {
    if (this.blockRegions.size === 0) return false;
    if (this.blocksUntracked) return true;
    for (const [shift, regions] of this.blockRegions) {
      if (regions.has(blockRegionKey(pageLo, hi24, shift))) return true;
    }
    return false;
  }

  /** Drops the non-global entries of `asid` (TLBI ASIDE1). */
  invalidateAsid(asid: number): void {
    for (let i = 0; i < this.size; i++) {
      if (this.asidTag[i] === asid) this.tagLo[i] = EMPTY;
    }
    this.generation++;
  }

  /** Number of occupied slots (for tests and statistics). */
  occupancy(): number {
    let count = 0;
    for (let i = 0; i < this.size; i++) if (this.tagLo[i] !== EMPTY) count++;
    return count;
  }
}
