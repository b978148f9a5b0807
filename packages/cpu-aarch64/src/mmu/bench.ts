// Microbenchmark of the stage-1 TLB and walk: how many lookups per second the hot path can make
// (hits and misses, the two-halves probe the MemoryPort will use) and how fast a full 4-level walk
// is. Numbers are for people and tracking, never asserted; the loops check their own results so a
// broken TLB cannot produce a flattering figure.

import type { BenchResult } from "../bench/types.js";
import { CpuError } from "../core/errors.js";
import { PERM_ALL, permissionsFromMask } from "./permissions.js";
import type { TranslationRegime } from "./regime.js";
import { Tlb } from "./tlb.js";
import { translateStage1 } from "./translate.js";
import type { ReadPhys64 } from "./types.js";

/** Options of {@link benchTlb}. */
export interface TlbBenchOptions {
  /** TLB lookups per measured loop (default 5,000,000). */
  lookups?: number;
  /** Table walks measured (default 200,000). */
  walks?: number;
}

const PAGES = 256;
const KERNEL_HI = 0xffff0000;

function perSecond(count: number, start: number): number {
  return count / ((performance.now() - start) / 1000);
}

/** A TLB holding PAGES kernel pages (global) at KERNEL_HI:page*4096 → PA 0x40000000 + page*4096. */
function filledTlb(): Tlb {
  const tlb = new Tlb();
  for (let p = 0; p < PAGES; p++) {
    tlb.insert(p * 4096, KERNEL_HI, {
      ok: true, pa: 0x4000_0000 + p * 4096, attrIndx: 0, memAttr: 0xff, shareability: 3, global: true, asid: 0,
      perms: permissionsFromMask(PERM_ALL), permMask: PERM_ALL, blockSize: 4096,
    });
  }
  return tlb;
}

function benchHits(tlb: Tlb, lookups: number): BenchResult {
  let sum = 0;
  const start = performance.now();
  for (let n = 0; n < lookups; n++) {
    const i = tlb.lookup(((n & (PAGES - 1)) * 4096 + (n & 0xff8)) >>> 0, KERNEL_HI, 5);
    sum += i < 0 ? -1e9 : tlb.paPage[i]!;
  }
  const value = perSecond(lookups, start);
  if (sum < 0) throw new CpuError("benchTlb: a lookup of a cached page missed");
  return { name: "mmu: TLB lookup, hit", value, unit: "lookups/s", note: `${PAGES} global pages, 2 x u32 probe` };
}

function benchMisses(tlb: Tlb, lookups: number): BenchResult {
  let hits = 0;
  const start = performance.now();
  for (let n = 0; n < lookups; n++) {
    if (tlb.lookup(((n & (PAGES - 1)) + PAGES) * 4096, KERNEL_HI, 5) >= 0) hits++;
  }
  const value = perSecond(lookups, start);
  if (hits !== 0) throw new CpuError("benchTlb: an uncached page hit");
  return { name: "mmu: TLB lookup, miss", value, unit: "lookups/s" };
}

/** Identity-mapped 48-bit tables: L0 → L1 → L2 → one L3 table of PAGES pages at VA 0. */
function walkFixture(): { regime: TranslationRegime; read: ReadPhys64 } {
  const words = new Map<number, bigint>();
  const [l0, l1, l2, l3] = [0x4000_0000, 0x4000_1000, 0x4000_2000, 0x4000_3000];
  words.set(l0, BigInt(l1) | 3n);
  words.set(l1, BigInt(l2) | 3n);
  words.set(l2, BigInt(l3) | 3n);
  for (let p = 0; p < PAGES; p++) words.set(l3 + p * 8, BigInt(0x5000_0000 + p * 4096) | (1n << 10n) | 3n);
  const regime: TranslationRegime = { sctlr: 1n, tcr: 16n | (2n << 30n) | (2n << 32n), ttbr0: BigInt(l0), ttbr1: 0n, mair: 0xffn };
  return { regime, read: (pa) => words.get(pa) ?? null };
}

function benchWalks(walks: number): BenchResult {
  const { regime, read } = walkFixture();
  const access = { write: false, fetch: false, el0: false };
  let failures = 0;
  const start = performance.now();
  for (let n = 0; n < walks; n++) {
    if (!translateStage1(regime, (n & (PAGES - 1)) * 4096, 0, access, read).ok) failures++;
  }
  const value = perSecond(walks, start);
  if (failures !== 0) throw new CpuError("benchTlb: a walk of a mapped page failed");
  return { name: "mmu: stage-1 walk, 4 levels (48-bit VA)", value, unit: "walks/s" };
}

/** Measures TLB lookups (hit and miss) and full stage-1 walks per second. */
export function benchTlb(options: TlbBenchOptions = {}): BenchResult[] {
  const lookups = options.lookups ?? 5_000_000;
  const tlb = filledTlb();
  return [benchHits(tlb, lookups), benchMisses(tlb, lookups), benchWalks(options.walks ?? 200_000)];
}
