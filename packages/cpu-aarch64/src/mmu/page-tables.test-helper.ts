// Test helpers: a fake physical memory with RAM regions, a builder that lays out stage-1 tables
// in it, and TCR/descriptor constructors. Only tests import this file.

import type { LookupLevel } from "./fault-status.js";
import type { TranslationRegime } from "./regime.js";

/** Sparse 64-bit-word physical memory; reads outside the RAM regions return null (a hole). */
export class FakePhysicalMemory {
  private readonly words = new Map<number, bigint>();
  readonly reads: number[] = [];

  constructor(private readonly regions: readonly { base: number; size: number }[]) {}

  isRam(pa: number): boolean {
    return this.regions.some((r) => pa >= r.base && pa + 8 <= r.base + r.size);
  }

  write64(pa: number, value: bigint): void {
    if (!this.isRam(pa) || pa % 8 !== 0) throw new Error(`FakePhysicalMemory: bad write at 0x${pa.toString(16)}`);
    this.words.set(pa, BigInt.asUintN(64, value));
  }

  /** The walk's callback: records each address read. */
  read64 = (pa: number): bigint | null => {
    this.reads.push(pa);
    return this.peek64(pa);
  };

  /** Reads without recording (for the builder). */
  peek64(pa: number): bigint | null {
    if (!this.isRam(pa)) return null;
    return this.words.get(pa) ?? 0n;
  }
}

/** Descriptor bits (spec §4). */
export const DESC = {
  table: 3n,
  page: 3n,
  block: 1n,
  af: 1n << 10n,
  nG: 1n << 11n,
  pxn: 1n << 53n,
  uxn: 1n << 54n,
  pxnTable: 1n << 59n,
  uxnTable: 1n << 60n,
  ap: (ap: number): bigint => BigInt(ap) << 6n,
  apTable: (ap: number): bigint => BigInt(ap) << 61n,
  attrIndx: (i: number): bigint => BigInt(i) << 2n,
  sh: (sh: number): bigint => BigInt(sh) << 8n,
} as const;

/** TCR_EL1 from named fields (4K granules, IPS = 40 bits and both ranges walkable by default). */
export function makeTcr(f: {
  t0sz?: number; t1sz?: number; epd0?: boolean; epd1?: boolean; tg0?: number; tg1?: number; a1?: boolean;
  ips?: number; as?: boolean; tbi0?: boolean; tbi1?: boolean; tbid0?: boolean; tbid1?: boolean;
} = {}): bigint {
  const bit = (b: boolean | undefined, n: bigint): bigint => (b ? 1n << n : 0n);
  return (
    BigInt(f.t0sz ?? 16) |
    bit(f.epd0, 7n) |
    (BigInt(f.tg0 ?? 0) << 14n) |
    (BigInt(f.t1sz ?? 16) << 16n) |
    bit(f.a1, 22n) |
    bit(f.epd1, 23n) |
    (BigInt(f.tg1 ?? 2) << 30n) |
    (BigInt(f.ips ?? 2) << 32n) |
    bit(f.as, 36n) |
    bit(f.tbi0, 37n) |
    bit(f.tbi1, 38n) |
    bit(f.tbid0, 51n) |
    bit(f.tbid1, 52n)
  );
}

/** MAIR with Linux's layout (spec §3): 0 Normal WB, 1 Normal tagged, 2 Normal NC, 3 nGnRnE, 4 nGnRE. */
export const LINUX_MAIR = 0x0000_0004_0044_ffffn;

/** A regime with the MMU on and Linux's MAIR; fields override. */
export function makeRegime(f: Partial<TranslationRegime> = {}): TranslationRegime {
  return { sctlr: 1n, tcr: makeTcr(), ttbr0: 0n, ttbr1: 0n, mair: LINUX_MAIR, ...f };
}

/** Bit position of the lowest VA bit each level indexes (a test-side copy, not the code's). */
const SHIFT = [39, 30, 21, 12] as const;

/**
 * Lays out tables in a FakePhysicalMemory: `root(vaBits)` makes a start-level table for a range,
 * `map` adds a leaf, creating the intermediate tables it needs (with `tableAttrs` ORed into the
 * table descriptors it creates or passes through).
 */
export class PageTableBuilder {
  private next: number;

  constructor(private readonly memory: FakePhysicalMemory, pool: number) {
    this.next = pool;
  }

  /** A fresh zeroed 4 KiB table. */
  allocTable(): number {
    const pa = this.next;
    this.next += 4096;
    return pa;
  }

  /** Start level for a range of `vaBits` bits (40-48 → 0, 31-39 → 1, 25-30 → 2). */
  static startLevel(vaBits: number): LookupLevel {
    if (vaBits >= 40) return 0;
    if (vaBits >= 31) return 1;
    return 2;
  }

  /** Adds a leaf for `va` at `level` with output address `oa` and descriptor bits `attrs`. */
  map(root: number, vaBits: number, va: bigint, level: LookupLevel, oa: number, attrs: bigint, tableAttrs = 0n): void {
    let table = root;
    const start = PageTableBuilder.startLevel(vaBits);
    const vaLow = BigInt.asUintN(vaBits, va);
    for (let l = start; l < level; l++) {
      const slot = table + Number((vaLow >> BigInt(SHIFT[l])) & 511n) * 8;
      const existing = this.memory.peek64(slot) ?? 0n;
      let nextTable: number;
      if ((existing & 3n) === 3n) {
        nextTable = Number(existing & 0x0000_ffff_ffff_f000n);
      } else {
        if ((existing & 1n) !== 0n) throw new Error(`PageTableBuilder: a block already maps 0x${va.toString(16)} at L${l}`);
        nextTable = this.allocTable();
      }
      this.memory.write64(slot, BigInt(nextTable) | DESC.table | tableAttrs | (existing & ~0x0000_ffff_ffff_f003n));
      table = nextTable;
    }
    const kind = level === 3 ? DESC.page : DESC.block;
    const slot = table + Number((vaLow >> BigInt(SHIFT[level])) & 511n) * 8;
    this.memory.write64(slot, BigInt(oa) | kind | attrs);
  }

  /** Writes a raw descriptor into the slot `va` uses at `level`, creating tables on the way down. */
  rawDescriptor(root: number, vaBits: number, va: bigint, level: LookupLevel, value: bigint): void {
    this.map(root, vaBits, va, level, 0, 0n);
    const start = PageTableBuilder.startLevel(vaBits);
    let table = root;
    const vaLow = BigInt.asUintN(vaBits, va);
    for (let l = start; l < level; l++) {
      const d = this.memory.peek64(table + Number((vaLow >> BigInt(SHIFT[l])) & 511n) * 8)!;
      table = Number(d & 0x0000_ffff_ffff_f000n);
    }
    this.memory.write64(table + Number((vaLow >> BigInt(SHIFT[level])) & 511n) * 8, value);
  }
}

/** Splits a 64-bit VA into the halves translateStage1 takes. */
export function halves(va: bigint): [number, number] {
  return [Number(BigInt.asUintN(32, va)), Number(BigInt.asUintN(32, va >> 32n))];
}
