import { describe, expect, it } from "vitest";
import { DESC, FakePhysicalMemory, makeRegime, makeTcr, PageTableBuilder } from "./page-tables.test-helper.js";
import { Stage1Mmu } from "./stage1-mmu.js";
import { executeTlbi } from "./tlbi.js";

const READ = { write: false, fetch: false, el0: false };
const WRITE = { write: true, fetch: false, el0: false };

function fixture(): { mem: FakePhysicalMemory; b: PageTableBuilder; root: number; mmu: Stage1Mmu } {
  const mem = new FakePhysicalMemory([{ base: 0x4000_0000, size: 0x10_0000 }]);
  const b = new PageTableBuilder(mem, 0x4000_0000);
  const root = b.allocTable();
  const mmu = new Stage1Mmu(mem.read64, { regime: makeRegime({ ttbr0: BigInt(root) }) });
  return { mem, b, root, mmu };
}

describe("Stage1Mmu", () => {
  it("walks once, then serves the page from the TLB without reading tables", () => {
    const { mem, b, root, mmu } = fixture();
    b.map(root, 48, 0x1000n, 3, 0x8000_0000, DESC.af);
    expect(mmu.translate(0x1234, 0, READ)).toBe(0x8000_0234);
    const reads = mem.reads.length;
    expect(mmu.translate(0x1ff8, 0, WRITE)).toBe(0x8000_0ff8);
    expect(mem.reads.length).toBe(reads);
  });

  it("never caches a fault: a mapping made valid later is seen without any TLBI (spec §4)", () => {
    const { b, root, mmu } = fixture();
    expect(mmu.translate(0x5000, 0, READ)).toBe(-1);
    expect(mmu.lastFault).toMatchObject({ fault: "translation", level: 0 });
    b.map(root, 48, 0x5000n, 3, 0x8000_5000, DESC.af);
    expect(mmu.translate(0x5000, 0, READ)).toBe(0x8000_5000);
  });

  it("re-walks when the cached permissions do not allow the access, and reports the fault", () => {
    const { b, root, mmu } = fixture();
    b.map(root, 48, 0x2000n, 3, 0x8000_2000, DESC.af | DESC.ap(2)); // read-only
    expect(mmu.translate(0x2000, 0, READ)).toBe(0x8000_2000);
    expect(mmu.translate(0x2000, 0, WRITE)).toBe(-1);
    expect(mmu.lastFault).toMatchObject({ fault: "permission", level: 3 });
  });

  it("keeps serving a stale translation until a TLBI or a TCR/SCTLR/MAIR change, as hardware may", () => {
    const { b, root, mmu } = fixture();
    b.map(root, 48, 0x3000n, 3, 0x8000_3000, DESC.af);
    expect(mmu.translate(0x3000, 0, READ)).toBe(0x8000_3000);
    b.map(root, 48, 0x3000n, 3, 0x9000_3000, DESC.af);
    expect(mmu.translate(0x3000, 0, READ)).toBe(0x8000_3000);
    executeTlbi(mmu.tlb, "VAAE1", 0x3n, true);
    expect(mmu.translate(0x3000, 0, READ)).toBe(0x9000_3000);
    b.map(root, 48, 0x3000n, 3, 0xa000_3000, DESC.af);
    mmu.setRegime({ ...mmu.regime, tcr: makeTcr({ tbi0: true }) });
    expect(mmu.translate(0x3000, 0, READ)).toBe(0xa000_3000);
  });

  it("keeps its entries across TTBR writes (a context switch): another ASID misses, the old one hits again without a walk", () => {
    const { mem, b, root, mmu } = fixture();
    const other = b.allocTable();
    b.map(root, 48, 0x7000n, 3, 0x8000_7000, DESC.af | DESC.nG);
    b.map(other, 48, 0x8000n, 3, 0x9000_8000, DESC.af | DESC.nG);
    const tcr = makeTcr({});
    const asA = { ...mmu.regime, tcr, ttbr0: BigInt(root) | (1n << 48n) };
    const asB = { ...mmu.regime, tcr, ttbr0: BigInt(other) | (2n << 48n) };
    mmu.setRegime(asA);
    expect(mmu.translate(0x7000, 0, READ)).toBe(0x8000_7000);
    mmu.setRegime(asB);
    expect(mmu.translate(0x7008, 0, READ)).toBe(-1); // ASID 1's entry does not serve ASID 2
    expect(mmu.translate(0x8008, 0, READ)).toBe(0x9000_8008);
    mmu.setRegime(asA);
    const reads = mem.reads.length;
    expect(mmu.translate(0x7010, 0, READ)).toBe(0x8000_7010);
    expect(mem.reads.length).toBe(reads);
  });

  it("uses the ASID of the regime for non-global entries and is flat with the MMU off", () => {
    const { b, root, mmu } = fixture();
    b.map(root, 48, 0x4000n, 3, 0x8000_4000, DESC.af | DESC.nG);
    mmu.setRegime({ ...mmu.regime, ttbr0: BigInt(root) | (7n << 48n) });
    expect(mmu.currentAsid).toBe(7);
    expect(mmu.translate(0x4000, 0, READ)).toBe(0x8000_4000);
    expect(mmu.tlb.asidTag[mmu.tlb.lookup(0x4000, 0, 7)]).toBe(7);
    const off = new Stage1Mmu(() => null);
    expect(off.translate(0x4000_1234, 0, WRITE)).toBe(0x4000_1234);
  });

  it("does not let a tagged data access's TLB entry satisfy a fetch that TBID makes fault", () => {
    const { b, root, mmu } = fixture();
    b.map(root, 48, 0x6000n, 3, 0x8000_6000, DESC.af);
    mmu.setRegime({ ...mmu.regime, tcr: makeTcr({ tbi0: true, tbid0: true }) });
    const fetch = { write: false, fetch: true, el0: false };
    expect(mmu.translate(0x6000, 0x5a00_0000, READ)).toBe(0x8000_6000);
    expect(mmu.translate(0x6000, 0x5a00_0000, fetch)).toBe(-1);
    expect(mmu.lastFault).toMatchObject({ fault: "translation", level: 0 });
    expect(mmu.translate(0x6000, 0, fetch)).toBe(0x8000_6000);
  });
});
