// TLB semantics: entries keyed by VA page + ASID, global entries match any ASID, faults are never
// cached, and each invalidation drops exactly what the Arm ARM says its TLBI form covers.
import { describe, expect, it } from "vitest";
import { halves } from "./page-tables.test-helper.js";
import { permissionsFromMask, PERM_EL1_READ } from "./permissions.js";
import { Tlb } from "./tlb.js";
import type { Stage1Success } from "./types.js";

function leaf(pa: number, over: Partial<Stage1Success> = {}): Stage1Success {
  return {
    ok: true, pa, attrIndx: 0, memAttr: 0xff, shareability: 3, global: false, asid: 1,
    perms: permissionsFromMask(PERM_EL1_READ), permMask: PERM_EL1_READ, blockSize: 4096, ...over,
  };
}

function insert(tlb: Tlb, va: bigint, result: Stage1Success): void {
  const [lo, hi] = halves(va);
  tlb.insert(lo, hi, result);
}

function hit(tlb: Tlb, va: bigint, asid: number): number | null {
  const [lo, hi] = halves(va);
  const i = tlb.lookup(lo, hi, asid);
  return i < 0 ? null : tlb.paPage[i]! * 4096 + (lo & 0xfff);
}

describe("Tlb", () => {
  it("hits the page it cached, with its PA, permissions and attribute", () => {
    const tlb = new Tlb();
    insert(tlb, 0xffff_0000_1234_5678n, leaf(0x4567_8678, { memAttr: 0x04 }));
    expect(hit(tlb, 0xffff_0000_1234_5abcn, 1)).toBe(0x4567_8abc);
    const [lo, hi] = halves(0xffff_0000_1234_5000n);
    const i = tlb.lookup(lo, hi, 1);
    expect(tlb.perms[i]).toBe(PERM_EL1_READ);
    expect(tlb.memAttr[i]).toBe(0x04);
    expect(hit(tlb, 0xffff_0000_1234_6000n, 1)).toBeNull();
    expect(hit(tlb, 0x0000_0000_1234_5000n, 1)).toBeNull(); // the other VA range
    expect(hit(tlb, 0xfeff_0000_1234_5000n, 1)).toBeNull(); // another top byte is another tag
  });

  it("matches non-global entries only under their ASID and global ones under any", () => {
    const tlb = new Tlb();
    insert(tlb, 0x1000n, leaf(0x4000_1000, { asid: 7 }));
    insert(tlb, 0xffff_0000_0000_2000n, leaf(0x4000_2000, { global: true, asid: 7 }));
    expect(hit(tlb, 0x1000n, 7)).toBe(0x4000_1000);
    expect(hit(tlb, 0x1000n, 8)).toBeNull();
    expect(hit(tlb, 0xffff_0000_0000_2000n, 8)).toBe(0x4000_2000);
  });

  it("keeps pages whose numbers collide side by side (a set holds four), as Linux's hot kernel and user pages do", () => {
    const tlb = new Tlb();
    // VA page numbers that shared one slot of the old direct-mapped table (seen thrashing under a Linux pipeline).
    const pages: Array<[bigint, Partial<Stage1Success>]> = [
      [0xffff_8000_08bb_5000n, { global: true }],
      [0x0000_0000_0044_a000n, { asid: 26 }],
      [0x0000_0000_0044_a000n, { asid: 24 }],
      [0x0000_0000_0084_a000n, { asid: 24 }],
    ];
    pages.forEach(([va, over], n) => insert(tlb, va, leaf(0x4000_0000 + n * 4096, over)));
    pages.forEach(([va, over], n) => expect(hit(tlb, va, over.asid ?? 1)).toBe(0x4000_0000 + n * 4096));
    // A fifth page of the set evicts one, round robin; a re-walk of a cached page replaces it in place.
    insert(tlb, 0x0000_0000_0104_a000n, leaf(0x5000_0000, { asid: 24 }));
    expect(pages.filter(([va, over]) => hit(tlb, va, over.asid ?? 1) !== null)).toHaveLength(3);
    insert(tlb, 0x0000_0000_0104_a000n, leaf(0x6000_0000, { asid: 24 }));
    expect(hit(tlb, 0x0000_0000_0104_a000n, 24)).toBe(0x6000_0000);
    expect(tlb.occupancy()).toBe(4);
  });

  it("refuses to cache a fault and rejects sizes that are not powers of two", () => {
    const tlb = new Tlb();
    const fault = { ok: false, fault: "translation", level: 3, s1ptw: false } as unknown as Stage1Success;
    expect(() => tlb.insert(0x1000, 0, fault)).toThrow(/never cached/);
    expect(tlb.occupancy()).toBe(0);
    expect(() => new Tlb({ entries: 100 })).toThrow(/power of two/);
  });

  it("invalidateAll / flushAll drop everything and bump the generation", () => {
    const tlb = new Tlb();
    insert(tlb, 0x1000n, leaf(0x4000_1000));
    insert(tlb, 0x2000n, leaf(0x4000_2000, { global: true }));
    const g = tlb.generation;
    tlb.invalidateAll();
    expect(tlb.occupancy()).toBe(0);
    insert(tlb, 0x1000n, leaf(0x4000_1000));
    tlb.flushAll();
    expect(tlb.occupancy()).toBe(0);
    expect(tlb.generation).toBe(g + 2);
  });

  it("invalidateVa with an ASID (VAE1) drops that ASID's and global entries for the page only", () => {
    const tlb = new Tlb({ entries: 64 });
    insert(tlb, 0x5000n, leaf(0x4000_5000, { asid: 1 }));
    insert(tlb, 0xffff_0000_0000_6000n, leaf(0x4000_6000, { global: true }));
    insert(tlb, 0x7000n, leaf(0x4000_7000, { asid: 1 }));
    const other = new Tlb({ entries: 64 });
    insert(other, 0x5000n, leaf(0x4000_5000, { asid: 2 }));
    tlb.invalidateVa(0x5000, 0, 1);
    tlb.invalidateVa(0x6000, 0xffff_0000, 1);
    other.invalidateVa(0x5000, 0, 1);
    expect(hit(tlb, 0x5000n, 1)).toBeNull();
    expect(hit(tlb, 0xffff_0000_0000_6000n, 1)).toBeNull();
    expect(hit(tlb, 0x7000n, 1)).toBe(0x4000_7000);
    expect(hit(other, 0x5000n, 2)).toBe(0x4000_5000);
  });

  it("invalidateVa compares VA[55:12] only, so a tagged pointer's entry goes with its untagged VA", () => {
    const tlb = new Tlb();
    insert(tlb, 0x5a00_0000_1234_5000n, leaf(0x4000_5000, { asid: 3 }));
    tlb.invalidateVa(0x1234_5000, 0x0000_0000, null);
    expect(tlb.occupancy()).toBe(0);
  });

  it("invalidateVa with null (VAAE1) drops the page under every ASID", () => {
    const tlb = new Tlb();
    const a = new Tlb();
    insert(tlb, 0x5000n, leaf(0x4000_5000, { asid: 1 }));
    insert(a, 0x5000n, leaf(0x4000_5000, { asid: 9 }));
    tlb.invalidateVa(0x5000, 0, null);
    a.invalidateVa(0x5000, 0, null);
    expect(tlb.occupancy() + a.occupancy()).toBe(0);
  });

  it("invalidating any VA inside a block drops every page cached from that block", () => {
    const tlb = new Tlb();
    const block = { blockSize: 0x20_0000, asid: 1 };
    insert(tlb, 0x4000_0000n, leaf(0x8000_0000, block));
    insert(tlb, 0x401f_f000n, leaf(0x801f_f000, block));
    insert(tlb, 0x4020_0000n, leaf(0x8020_0000, block)); // the next block
    tlb.invalidateVa(0x4012_3000, 0, 1);
    expect(hit(tlb, 0x4000_0000n, 1)).toBeNull();
    expect(hit(tlb, 0x401f_f000n, 1)).toBeNull();
    expect(hit(tlb, 0x4020_0000n, 1)).toBe(0x8020_0000);
    const giant = new Tlb();
    insert(giant, 0x7fff_f000n, leaf(0x7fff_f000, { blockSize: 0x4000_0000 }));
    giant.invalidateVa(0x4000_0000, 0, 1);
    expect(giant.occupancy()).toBe(0);
  });

  it("invalidateVa drops exactly what a scan of every slot would, and says when a block was involved", () => {
    // Pages, 2 MiB and 1 GiB blocks, both VA ranges and tagged pointers, in a small TLB so that sets fill.
    let seed = 0x5eed;
    const random = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    for (let round = 0; round < 200; round++) {
      const tlb = new Tlb({ entries: 64 });
      const vas: bigint[] = [];
      for (let k = 0; k < 40; k++) {
        const upper = random(2) === 1;
        const tag = random(8) === 0 ? BigInt(random(256)) << 56n : upper ? 0xff00_0000_0000_0000n : 0n;
        const va = tag | (upper ? 0x00ff_8000_0000_0000n : 0n) | (BigInt(random(4)) << 30n) | (BigInt(random(8)) << 21n) | (BigInt(random(4)) << 12n);
        const blockSize = [4096, 4096, 0x20_0000, 0x4000_0000][random(4)]!;
        vas.push(va);
        insert(tlb, va, leaf(0x4000_0000 + random(64) * 4096, { blockSize, asid: random(3), global: random(4) === 0 }));
      }
      const target = vas[random(vas.length)]! ^ (BigInt(random(4)) << 12n);
      const [lo, hi] = halves(target);
      const asid = random(2) === 0 ? null : random(3);
      // The reference: every occupied slot the TLBI covers (VA[55:12] within the entry's block, ASID).
      const covered = (i: number): boolean => {
        const shift = tlb.blockShift[i]! - 12;
        return (tlb.tagHi[i]! & 0xffffff) === (hi & 0xffffff) && tlb.tagLo[i]! >>> shift === lo >>> 12 >>> shift &&
          (asid === null || tlb.asidTag[i] === -1 || tlb.asidTag[i] === asid);
      };
      const before: number[] = [];
      let blockInvolved = false;
      for (let i = 0; i < tlb.size; i++) {
        if (tlb.tagLo[i] === -1) continue;
        if (covered(i)) blockInvolved ||= tlb.blockShift[i]! > 12;
        else before.push(i);
      }
      const wide = tlb.invalidateVa(lo, hi & 0xffffff, asid);
      const after: number[] = [];
      for (let i = 0; i < tlb.size; i++) if (tlb.tagLo[i] !== -1) after.push(i);
      expect(after).toEqual(before);
      if (blockInvolved) expect(wide).toBe(true);
    }
  });

  it("invalidateAsid (ASIDE1) drops that ASID's non-global entries and nothing else", () => {
    const tlb = new Tlb();
    insert(tlb, 0x1000n, leaf(0x4000_1000, { asid: 4 }));
    insert(tlb, 0x2000n, leaf(0x4000_2000, { asid: 5 }));
    insert(tlb, 0x3000n, leaf(0x4000_3000, { asid: 4, global: true }));
    tlb.invalidateAsid(4);
    expect(hit(tlb, 0x1000n, 4)).toBeNull();
    expect(hit(tlb, 0x2000n, 5)).toBe(0x4000_2000);
    expect(hit(tlb, 0x3000n, 4)).toBe(0x4000_3000);
  });
});
