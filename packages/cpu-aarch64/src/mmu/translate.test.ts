// Stage-1 walks over tables built in a fake physical memory. Facts: spec aarch64-linux-boot.md §4
// (granule, TCR fields, descriptors, AP/UXN/PXN, table attributes, AF) and the Arm ARM.
import { describe, expect, it } from "vitest";
import { armAllows, armPermissionRow, ARM_PERMISSION_TABLE } from "./arm-permissions.test-helper.js";
import type { LookupLevel } from "./fault-status.js";
import { DESC, FakePhysicalMemory, halves, makeRegime, makeTcr, PageTableBuilder } from "./page-tables.test-helper.js";
import type { TranslationRegime } from "./regime.js";
import { startLevel, translateStage1 } from "./translate.js";
import type { Access, Stage1Result } from "./types.js";

const READ: Access = { write: false, fetch: false, el0: false };
const WRITE: Access = { write: true, fetch: false, el0: false };
const FETCH: Access = { write: false, fetch: true, el0: false };
const EL0_READ: Access = { write: false, fetch: false, el0: true };

const TABLES = 0x4000_0000;
const PAGE_ATTRS = DESC.af | DESC.attrIndx(0) | DESC.sh(3);

function setup(tcr = makeTcr()): { mem: FakePhysicalMemory; b: PageTableBuilder; root0: number; root1: number; regime: TranslationRegime } {
  const mem = new FakePhysicalMemory([{ base: TABLES, size: 0x100_0000 }]);
  const b = new PageTableBuilder(mem, TABLES);
  const root0 = b.allocTable();
  const root1 = b.allocTable();
  return { mem, b, root0, root1, regime: makeRegime({ tcr, ttbr0: BigInt(root0), ttbr1: BigInt(root1) }) };
}

function translate(regime: TranslationRegime, va: bigint, access: Access, mem: FakePhysicalMemory): Stage1Result {
  const [lo, hi] = halves(va);
  return translateStage1(regime, lo, hi, access, mem.read64);
}

function expectFault(r: Stage1Result, fault: string, level: LookupLevel): void {
  expect(r).toMatchObject({ ok: false, fault, level, s1ptw: false });
}

describe("translateStage1 with the MMU off (SCTLR_EL1.M = 0)", () => {
  const mem = new FakePhysicalMemory([]);
  it("maps flat; data is Device-nGnRnE, fetches are Normal (write-through with SCTLR.I, else non-cacheable)", () => {
    const regime = makeRegime({ sctlr: 0n });
    expect(translate(regime, 0x4008_1234n, READ, mem)).toMatchObject({ ok: true, pa: 0x4008_1234, memAttr: 0x00, attrIndx: -1, global: true });
    expect(translate(regime, 0x4008_1234n, FETCH, mem)).toMatchObject({ ok: true, memAttr: 0x44 });
    expect(translate(makeRegime({ sctlr: 1n << 12n }), 0x40n, FETCH, mem)).toMatchObject({ ok: true, memAttr: 0xaa });
    expect(translate(regime, 0xff_ffff_f000n, WRITE, mem)).toMatchObject({ ok: true, pa: 0xff_ffff_f000 });
    expect(mem.reads).toEqual([]);
  });

  it("reports a level-0 address size fault for a VA beyond the 40-bit PA range, ignoring the top byte with TBI", () => {
    const regime = makeRegime({ sctlr: 0n, tcr: makeTcr({ tbi0: true }) });
    expectFault(translate(regime, 0x100_0000_0000n, READ, mem), "addressSize", 0);
    expect(translate(regime, 0x5a00_0000_4000_0000n, READ, mem)).toMatchObject({ ok: true, pa: 0x4000_0000 });
    expectFault(translate(makeRegime({ sctlr: 0n }), 0x5a00_0000_4000_0000n, READ, mem), "addressSize", 0);
  });
});

describe("translateStage1 walks", () => {
  it("starts at L0 for TxSZ 16-24, L1 for 25-33, L2 for 34-39", () => {
    for (let txsz = 16; txsz <= 39; txsz++) {
      expect(startLevel(64 - txsz)).toBe(txsz <= 24 ? 0 : txsz <= 33 ? 1 : 2);
    }
  });

  it("translates a 48-bit L3 page through TTBR0 and keeps the page offset", () => {
    const { mem, b, root0, regime } = setup();
    b.map(root0, 48, 0x0000_7fff_1234_5000n, 3, 0x8765_4000, PAGE_ATTRS | DESC.nG);
    const r = translate(regime, 0x0000_7fff_1234_5abcn, READ, mem);
    expect(r).toMatchObject({ ok: true, pa: 0x8765_4abc, blockSize: 4096, global: false, attrIndx: 0, memAttr: 0xff, shareability: 3 });
    expect(mem.reads).toHaveLength(4);
  });

  it("translates the upper range (bit 55 set) through TTBR1", () => {
    const { mem, b, root1, regime } = setup();
    b.map(root1, 48, 0xffff_8000_0010_0000n, 3, 0x4020_0000, PAGE_ATTRS);
    expect(translate(regime, 0xffff_8000_0010_0008n, READ, mem)).toMatchObject({ ok: true, pa: 0x4020_0008, global: true });
    expectFault(translate(regime, 0x0000_8000_0010_0008n, READ, mem), "translation", 0);
  });

  it("supports 1 GiB blocks at L1 and 2 MiB blocks at L2", () => {
    const { mem, b, root0, regime } = setup();
    b.map(root0, 48, 0x80_4000_0000n, 1, 0x80_0000_0000, PAGE_ATTRS);
    b.map(root0, 48, 0x1_0020_0000n, 2, 0x4060_0000, PAGE_ATTRS);
    expect(translate(regime, 0x80_7654_3210n, READ, mem)).toMatchObject({ ok: true, pa: 0x80_3654_3210, blockSize: 0x4000_0000 });
    expect(translate(regime, 0x1_003f_fff8n, READ, mem)).toMatchObject({ ok: true, pa: 0x407f_fff8, blockSize: 0x20_0000 });
  });

  it("ignores the RES0 address bits below a block's size", () => {
    const { mem, b, root0, regime } = setup();
    b.map(root0, 48, 0x20_0000n, 2, 0x4060_0000 + 0x1_5000, PAGE_ATTRS);
    expect(translate(regime, 0x20_0010n, READ, mem)).toMatchObject({ ok: true, pa: 0x4060_0010 });
  });

  it("walks a 39-bit VA space from L1 (T0SZ = 25) and a 30-bit one from L2 (T0SZ = 34)", () => {
    const a = setup(makeTcr({ t0sz: 25 }));
    a.b.map(a.root0, 39, 0x7f_c000_3000n, 3, 0x4444_4000, PAGE_ATTRS);
    expect(translate(a.regime, 0x7f_c000_3004n, READ, a.mem)).toMatchObject({ ok: true, pa: 0x4444_4004 });
    expect(a.mem.reads).toHaveLength(3);
    expectFault(translate(a.regime, 0x80_0000_0000n, READ, a.mem), "translation", 0); // bit 39 set: outside 39 bits
    const c = setup(makeTcr({ t0sz: 34 }));
    c.b.map(c.root0, 30, 0x3fe0_1000n, 3, 0x4555_5000, PAGE_ATTRS);
    expect(translate(c.regime, 0x3fe0_1ffcn, READ, c.mem)).toMatchObject({ ok: true, pa: 0x4555_5ffc });
    expect(c.mem.reads).toHaveLength(2);
  });

  it("uses only as many start-table entries as the VA size needs (T0SZ = 39: 16 entries at L2)", () => {
    const { mem, b, root0, regime } = setup(makeTcr({ t0sz: 39 }));
    b.map(root0, 25, 0x1e0_0000n, 3, 0x4666_6000, PAGE_ATTRS);
    expect(translate(regime, 0x1e0_0010n, READ, mem)).toMatchObject({ ok: true, pa: 0x4666_6010 });
    expect(mem.reads[0]).toBe(root0 + 15 * 8);
  });

  it("faults at level 0 for VAs outside both ranges, with EPD0/EPD1 and with 16K/64K granules", () => {
    const { mem, b, root0, root1, regime } = setup();
    b.map(root0, 48, 0x1000n, 3, 0x4000_0000, PAGE_ATTRS);
    b.map(root1, 48, 0xffff_0000_0000_1000n, 3, 0x4000_0000, PAGE_ATTRS);
    expectFault(translate(regime, 0x0001_0000_0000_1000n, READ, mem), "translation", 0);
    expectFault(translate(regime, 0xfffe_0000_0000_1000n, READ, mem), "translation", 0);
    const epd0 = { ...regime, tcr: makeTcr({ epd0: true }) };
    expectFault(translate(epd0, 0x1000n, READ, mem), "translation", 0);
    expect(translate(epd0, 0xffff_0000_0000_1000n, READ, mem)).toMatchObject({ ok: true });
    expectFault(translate({ ...regime, tcr: makeTcr({ epd1: true }) }, 0xffff_0000_0000_1000n, READ, mem), "translation", 0);
    expectFault(translate({ ...regime, tcr: makeTcr({ tg0: 1 }) }, 0x1000n, READ, mem), "translation", 0); // 64K
    expectFault(translate({ ...regime, tcr: makeTcr({ tg0: 2 }) }, 0x1000n, READ, mem), "translation", 0); // 16K
    expectFault(translate({ ...regime, tcr: makeTcr({ tg1: 1 }) }, 0xffff_0000_0000_1000n, READ, mem), "translation", 0);
    expectFault(translate({ ...regime, tcr: makeTcr({ tg1: 3 }) }, 0xffff_0000_0000_1000n, READ, mem), "translation", 0);
    // Reserved TG1 = 0 behaves as 4 KiB.
    expect(translate({ ...regime, tcr: makeTcr({ tg1: 0 }) }, 0xffff_0000_0000_1000n, READ, mem)).toMatchObject({ ok: true });
  });

  it("honours TBI0/TBI1 for data, and for fetches only while TBIDx = 0", () => {
    const { mem, b, root0, root1 } = setup();
    b.map(root0, 48, 0x1234_5000n, 3, 0x4000_0000, PAGE_ATTRS);
    b.map(root1, 48, 0xffff_0000_0000_0000n, 3, 0x4000_1000, PAGE_ATTRS);
    const at = (tcr: bigint, va: bigint, access: Access): Stage1Result =>
      translate(makeRegime({ tcr, ttbr0: BigInt(root0), ttbr1: BigInt(root1) }), va, access, mem);
    expect(at(makeTcr({ tbi0: true }), 0x5a00_0000_1234_5010n, READ)).toMatchObject({ ok: true, pa: 0x4000_0010 });
    expectFault(at(makeTcr(), 0x5a00_0000_1234_5010n, READ), "translation", 0);
    expect(at(makeTcr({ tbi0: true }), 0x5a00_0000_1234_5010n, FETCH)).toMatchObject({ ok: true });
    expectFault(at(makeTcr({ tbi0: true, tbid0: true }), 0x5a00_0000_1234_5010n, FETCH), "translation", 0);
    expect(at(makeTcr({ tbi0: true, tbid0: true }), 0x5a00_0000_1234_5010n, READ)).toMatchObject({ ok: true });
    expect(at(makeTcr({ tbi1: true }), 0x12ff_0000_0000_0020n, WRITE)).toMatchObject({ ok: true, pa: 0x4000_1020 });
    expectFault(at(makeTcr({ tbi0: true }), 0x12ff_0000_0000_0020n, WRITE), "translation", 0);
    expectFault(at(makeTcr({ tbi1: true, tbid1: true }), 0x12ff_0000_0000_0020n, FETCH), "translation", 0);
  });

  it("reports invalid and reserved encodings as translation faults at their level", () => {
    for (const level of [0, 1, 2, 3] as const) {
      for (const value of [0n, 2n, 0x4000_0000n]) {
        const { mem, b, root0, regime } = setup();
        b.rawDescriptor(root0, 48, 0x7000_0000n, level, value);
        expectFault(translate(regime, 0x7000_0000n, READ, mem), "translation", level);
      }
    }
    const l0 = setup();
    l0.b.rawDescriptor(l0.root0, 48, 0x7000_0000n, 0, 0x4000_0000n | DESC.block | DESC.af); // no L0 blocks with 4K
    expectFault(translate(l0.regime, 0x7000_0000n, READ, l0.mem), "translation", 0);
    const l3 = setup();
    l3.b.rawDescriptor(l3.root0, 48, 0x7000_0000n, 3, 0x4000_0000n | DESC.block | DESC.af); // L3 0b01 is reserved
    expectFault(translate(l3.regime, 0x7000_0000n, READ, l3.mem), "translation", 3);
  });

  it("reports output address size faults past the 40-bit PA range or a smaller TCR.IPS", () => {
    const { mem, b, root0, regime } = setup();
    b.map(root0, 48, 0x1000n, 3, 0x100_0000_0000, PAGE_ATTRS); // bit 40: beyond PARange
    expectFault(translate(regime, 0x1000n, READ, mem), "addressSize", 3);
    b.map(root0, 48, 0x4000_0000n, 1, 0x100_4000_0000, PAGE_ATTRS);
    expectFault(translate(regime, 0x4000_0000n, READ, mem), "addressSize", 1);
    b.rawDescriptor(root0, 48, 0x80_0000_0000n, 0, 0x8000_0000_0000n | DESC.table);
    expectFault(translate(regime, 0x80_0000_0000n, READ, mem), "addressSize", 0);
    b.map(root0, 48, 0x2000n, 3, 0x1_0000_0000, PAGE_ATTRS);
    expect(translate(regime, 0x2000n, READ, mem)).toMatchObject({ ok: true });
    expectFault(translate({ ...regime, tcr: makeTcr({ ips: 0 }) }, 0x2000n, READ, mem), "addressSize", 3);
    expectFault(translate({ ...regime, ttbr0: 0x100_0000_0000n }, 0x2000n, READ, mem), "addressSize", 0);
  });

  it("raises an access flag fault when AF = 0 (no hardware update), before any permission check", () => {
    const { mem, b, root0, regime } = setup();
    b.map(root0, 48, 0x1000n, 3, 0x4100_0000, DESC.attrIndx(0));
    b.map(root0, 48, 0x4000_0000n, 1, 0x4000_0000, DESC.ap(3));
    expectFault(translate(regime, 0x1000n, READ, mem), "accessFlag", 3);
    expectFault(translate(regime, 0x4000_0000n, WRITE, mem), "accessFlag", 1);
  });

  it("checks every AP/UXN/PXN combination against the Arm ARM table, for every access", () => {
    for (const row of ARM_PERMISSION_TABLE) {
      const { mem, b, root0, regime } = setup();
      const attrs = PAGE_ATTRS | DESC.ap(row.ap) | (row.uxn ? DESC.uxn : 0n) | (row.pxn ? DESC.pxn : 0n);
      b.map(root0, 48, 0x20_0000n, 2, 0x4040_0000, attrs);
      for (const el0 of [false, true]) {
        for (const kind of ["r", "w", "x"] as const) {
          const r = translate(regime, 0x20_0000n, { write: kind === "w", fetch: kind === "x", el0 }, mem);
          const label = `UXN=${row.uxn} PXN=${row.pxn} AP=${row.ap} ${el0 ? "EL0" : "EL1"} ${kind}`;
          if (armAllows(row, el0, kind)) expect(r.ok, label).toBe(true);
          else expect(r, label).toMatchObject({ ok: false, fault: "permission", level: 2 });
        }
      }
    }
  });

  it("applies SCTLR_EL1.WXN: writable memory does not execute", () => {
    const { mem, b, root0, regime } = setup();
    b.map(root0, 48, 0x1000n, 3, 0x4100_0000, PAGE_ATTRS);
    expect(translate(regime, 0x1000n, FETCH, mem).ok).toBe(true);
    expectFault(translate({ ...regime, sctlr: 1n | (1n << 19n) }, 0x1000n, FETCH, mem), "permission", 3);
  });

  it("checks LDTR/STTR-style accesses (el0 at EL1) with EL0 permissions", () => {
    const { mem, b, root0, regime } = setup();
    b.map(root0, 48, 0x1000n, 3, 0x4100_0000, PAGE_ATTRS | DESC.ap(0)); // kernel-only
    b.map(root0, 48, 0x2000n, 3, 0x4100_1000, PAGE_ATTRS | DESC.ap(3)); // user read-only
    expect(translate(regime, 0x1000n, READ, mem).ok).toBe(true);
    expectFault(translate(regime, 0x1000n, EL0_READ, mem), "permission", 3);
    expect(translate(regime, 0x2000n, EL0_READ, mem).ok).toBe(true);
    expectFault(translate(regime, 0x2000n, { write: true, fetch: false, el0: true }, mem), "permission", 3);
  });

  it("inherits APTable, UXNTable and PXNTable from every table level above the leaf", () => {
    const cases: { table: bigint; ap: number; uxn: boolean; pxn: boolean; effAp: number; effUxn: boolean; effPxn: boolean }[] = [
      { table: DESC.apTable(1), ap: 1, uxn: false, pxn: false, effAp: 0, effUxn: false, effPxn: false }, // no EL0 access
      { table: DESC.apTable(2), ap: 1, uxn: false, pxn: false, effAp: 3, effUxn: false, effPxn: false }, // read-only
      { table: DESC.apTable(3), ap: 0, uxn: false, pxn: false, effAp: 2, effUxn: false, effPxn: false },
      { table: DESC.uxnTable, ap: 3, uxn: false, pxn: false, effAp: 3, effUxn: true, effPxn: false },
      { table: DESC.pxnTable, ap: 0, uxn: false, pxn: false, effAp: 0, effUxn: false, effPxn: true },
      { table: DESC.pxnTable | DESC.uxnTable, ap: 2, uxn: false, pxn: false, effAp: 2, effUxn: true, effPxn: true },
    ];
    for (const c of cases) {
      const { mem, b, root0, regime } = setup();
      const attrs = PAGE_ATTRS | DESC.ap(c.ap);
      // Table attributes only on the L0 descriptor: they must carry down through L1 and L2.
      b.map(root0, 48, 0x1000n, 3, 0x4100_0000, attrs, c.table);
      b.map(root0, 48, 0x2000n, 3, 0x4100_1000, attrs);
      const row = armPermissionRow(c.effUxn, c.effPxn, c.effAp);
      for (const el0 of [false, true]) {
        for (const kind of ["r", "w", "x"] as const) {
          const r = translate(regime, 0x1000n, { write: kind === "w", fetch: kind === "x", el0 }, mem);
          expect(r.ok, `table ${c.table.toString(16)} ${el0 ? "EL0" : "EL1"} ${kind}`).toBe(armAllows(row, el0, kind));
        }
      }
    }
  });

  it("reports a walk into a hole with s1ptw and the descriptor's address, at the level being read", () => {
    const { mem, b, root0, regime } = setup();
    expect(translate({ ...regime, ttbr0: 0x9000_0000n }, 0x1000n, READ, mem)).toEqual({
      ok: false, fault: "translation", level: 0, s1ptw: true, ipa: 0x9000_0000,
    });
    b.rawDescriptor(root0, 48, 0x1000n, 1, 0x9000_0000n | DESC.table);
    // A neighbouring L1 slot is simply empty: an ordinary translation fault.
    expect(translate(regime, 0x7fe0_0000n, READ, mem)).toMatchObject({ ok: false, level: 1, s1ptw: false });
    expect(translate(regime, 0x1000n, READ, mem)).toEqual({ ok: false, fault: "translation", level: 2, s1ptw: true, ipa: 0x9000_0000 });
  });

  it("returns the ASID from TTBR0 or TTBR1 per TCR.A1, 16 bits only with TCR.AS", () => {
    const { mem, b, root0, regime } = setup();
    b.map(root0, 48, 0x1000n, 3, 0x4100_0000, PAGE_ATTRS | DESC.nG);
    const ttbr0 = BigInt(root0) | (0x1234n << 48n);
    const ttbr1 = 0xabcdn << 48n;
    const asidOf = (tcr: bigint): unknown => (translate({ ...regime, tcr, ttbr0, ttbr1 }, 0x1000n, READ, mem) as { asid: number }).asid;
    expect(asidOf(makeTcr({ as: true }))).toBe(0x1234);
    expect(asidOf(makeTcr({ as: true, a1: true }))).toBe(0xabcd);
    expect(asidOf(makeTcr())).toBe(0x34);
    expect(asidOf(makeTcr({ a1: true }))).toBe(0xcd);
  });

  it("decodes AttrIndx through MAIR_EL1 and reports SH", () => {
    const { mem, b, root0, regime } = setup();
    b.map(root0, 48, 0x1000n, 3, 0x900_0000, DESC.af | DESC.attrIndx(3) | DESC.sh(0));
    b.map(root0, 48, 0x2000n, 3, 0x900_1000, DESC.af | DESC.attrIndx(2) | DESC.sh(2));
    expect(translate(regime, 0x1000n, READ, mem)).toMatchObject({ ok: true, attrIndx: 3, memAttr: 0x00, shareability: 0 });
    expect(translate(regime, 0x2000n, READ, mem)).toMatchObject({ ok: true, attrIndx: 2, memAttr: 0x44, shareability: 2 });
  });
});
