// Property: for random valid page tables, translateStage1 agrees with a reference model that never
// looks at descriptor bits. The model is a map from (range, level, VA prefix) to the leaf or table
// the generator put there, so the two only agree if the walk indexes, stops and permits correctly.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { armAllows, armPermissionRow } from "./arm-permissions.test-helper.js";
import type { LookupLevel } from "./fault-status.js";
import { DESC, FakePhysicalMemory, halves, LINUX_MAIR, makeRegime, makeTcr, PageTableBuilder } from "./page-tables.test-helper.js";
import { translateStage1 } from "./translate.js";
import type { Access, Stage1Result } from "./types.js";

const SHIFT = [39n, 30n, 21n, 12n] as const;
const TWO_64 = 1n << 64n;

interface LeafSpec {
  select: 0 | 1;
  level: LookupLevel;
  slot: bigint; // random bits, reduced to a leaf-aligned VA inside the range
  oaBlock: number; // random, reduced to an aligned output address below 2^40
  ap: number;
  uxn: boolean;
  pxn: boolean;
  af: boolean;
  nG: boolean;
  attrIndx: number;
}

interface RefLeaf extends LeafSpec {
  vaLow: bigint;
  oa: number;
}

/** The reference model: what the generator placed where. */
class ReferenceSpace {
  private readonly leaves = new Map<string, RefLeaf>();
  private readonly tables = new Set<string>();

  constructor(
    readonly vaBits: readonly [number, number],
    private readonly tbi: readonly [boolean, boolean],
    private readonly tbid: readonly [boolean, boolean],
  ) {}

  start(select: 0 | 1): LookupLevel {
    return PageTableBuilder.startLevel(this.vaBits[select]);
  }

  private key(select: number, level: number, vaLow: bigint): string {
    return `${select}:${level}:${vaLow >> SHIFT[level]!}`;
  }

  /** The leaf at `level` covering vaLow, if any. */
  leafAt(select: 0 | 1, level: number, vaLow: bigint): RefLeaf | undefined {
    return this.leaves.get(this.key(select, level, vaLow));
  }

  /** True when the slot at `level` covering vaLow holds a table (so level + 1 exists). */
  tableBelow(select: 0 | 1, level: number, vaLow: bigint): boolean {
    return level < 3 && this.tables.has(this.key(select, level, vaLow));
  }

  /** Adds a leaf unless it collides with what is there; returns whether it was added. */
  tryAdd(leaf: RefLeaf): boolean {
    const start = this.start(leaf.select);
    for (let l = start; l < leaf.level; l++) if (this.leafAt(leaf.select, l, leaf.vaLow)) return false;
    if (this.leafAt(leaf.select, leaf.level, leaf.vaLow) || this.tableBelow(leaf.select, leaf.level, leaf.vaLow)) return false;
    for (let l = start; l < leaf.level; l++) this.tables.add(this.key(leaf.select, l, leaf.vaLow));
    this.leaves.set(this.key(leaf.select, leaf.level, leaf.vaLow), leaf);
    return true;
  }

  /** The expected outcome of translating `va`. */
  translate(tagged: bigint, access: Access): Partial<Stage1Result> {
    const select = Number((tagged >> 55n) & 1n) as 0 | 1;
    // With the top byte ignored, bits 63:56 act as copies of bit 55.
    const ignoreTop = this.tbi[select] && !(access.fetch && this.tbid[select]);
    const low56 = tagged & ((1n << 56n) - 1n);
    const va = !ignoreTop ? tagged : select === 1 ? low56 | (0xffn << 56n) : low56;
    const vaBits = this.vaBits[select];
    const inRange = select === 0 ? va < 1n << BigInt(vaBits) : va >= TWO_64 - (1n << BigInt(vaBits));
    if (!inRange) return { ok: false, fault: "translation", level: 0 };
    const vaLow = BigInt.asUintN(vaBits, va);
    for (let l = this.start(select); l <= 3; l++) {
      const leaf = this.leafAt(select, l, vaLow);
      if (leaf) {
        if (!leaf.af) return { ok: false, fault: "accessFlag", level: leaf.level };
        const kind = access.fetch ? "x" : access.write ? "w" : "r";
        if (!armAllows(armPermissionRow(leaf.uxn, leaf.pxn, leaf.ap), access.el0, kind)) {
          return { ok: false, fault: "permission", level: leaf.level };
        }
        const size = 1n << SHIFT[l];
        return {
          ok: true,
          pa: leaf.oa + Number(vaLow % size),
          global: !leaf.nG,
          attrIndx: leaf.attrIndx,
          memAttr: Number((LINUX_MAIR >> BigInt(8 * leaf.attrIndx)) & 0xffn),
          blockSize: Number(size),
        };
      }
      if (!this.tableBelow(select, l, vaLow)) return { ok: false, fault: "translation", level: l };
    }
    throw new Error("unreachable: level 3 always ends the model's walk");
  }

  /** All leaves (for probes that aim inside mapped memory). */
  all(): RefLeaf[] {
    return [...this.leaves.values()];
  }
}

const leafSpec: fc.Arbitrary<LeafSpec> = fc.record({
  select: fc.constantFrom(0 as const, 1 as const),
  level: fc.constantFrom(1 as const, 2 as const, 3 as const, 3 as const),
  slot: fc.bigInt({ min: 0n, max: (1n << 48n) - 1n }),
  oaBlock: fc.nat(),
  ap: fc.integer({ min: 0, max: 3 }),
  uxn: fc.boolean(),
  pxn: fc.boolean(),
  af: fc.integer({ min: 0, max: 3 }).map((n) => n !== 0), // AF = 1 three times in four
  nG: fc.boolean(),
  attrIndx: fc.integer({ min: 0, max: 7 }),
});

const accessArb: fc.Arbitrary<Access> = fc.record({ write: fc.boolean(), fetch: fc.boolean(), el0: fc.boolean() }).map((a) => ({
  ...a,
  write: a.write && !a.fetch,
}));

const probeArb = fc.record({
  retag: fc.boolean(),
  topByte: fc.integer({ min: 0, max: 255 }),
  pickLeaf: fc.nat(),
  inLeaf: fc.boolean(),
  offset: fc.bigInt({ min: 0n, max: TWO_64 - 1n }),
  access: accessArb,
});

describe("translateStage1 against a reference model", () => {
  it("agrees on random tables (both ranges, TxSZ 16..39, TBI/TBID, pages and blocks)", () => {
    const outcomes = new Map<string, number>();
    fc.assert(
      fc.property(
        fc.integer({ min: 16, max: 39 }),
        fc.integer({ min: 16, max: 39 }),
        fc.array(leafSpec, { minLength: 1, maxLength: 24 }),
        fc.array(probeArb, { minLength: 1, maxLength: 32 }),
        fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
        (t0sz, t1sz, specs, probes, [tbi0 = false, tbi1 = false, tbid0 = false, tbid1 = false]) => {
          const vaBits = [64 - t0sz, 64 - t1sz] as const;
          const ref = new ReferenceSpace(vaBits, [tbi0, tbi1], [tbid0, tbid1]);
          const mem = new FakePhysicalMemory([{ base: 0x4000_0000, size: 0x100_0000 }]);
          const builder = new PageTableBuilder(mem, 0x4000_0000);
          const roots = [builder.allocTable(), builder.allocTable()] as const;
          for (const spec of specs) {
            const bits = vaBits[spec.select];
            const level = Math.max(spec.level, ref.start(spec.select)) as LookupLevel;
            const shift = SHIFT[level];
            const vaLow = (BigInt.asUintN(bits, spec.slot) >> shift) << shift;
            const oa = (spec.oaBlock % 2 ** (40 - Number(shift))) * 2 ** Number(shift);
            const leaf: RefLeaf = { ...spec, level, vaLow, oa };
            if (!ref.tryAdd(leaf)) continue;
            const attrs =
              DESC.ap(spec.ap) | DESC.attrIndx(spec.attrIndx) | (spec.af ? DESC.af : 0n) | (spec.nG ? DESC.nG : 0n) |
              (spec.uxn ? DESC.uxn : 0n) | (spec.pxn ? DESC.pxn : 0n);
            builder.map(roots[spec.select], bits, vaLow, level, oa, attrs);
          }
          const regime = makeRegime({ tcr: makeTcr({ t0sz, t1sz, tbi0, tbi1, tbid0, tbid1 }), ttbr0: BigInt(roots[0]), ttbr1: BigInt(roots[1]) });
          const leaves = ref.all();
          for (const probe of probes) {
            let va = probe.offset;
            const target = leaves[probe.pickLeaf % leaves.length];
            if (probe.inLeaf && target) {
              const size = 1n << SHIFT[target.level];
              const low = target.vaLow + (probe.offset % size);
              va = target.select === 0 ? low : TWO_64 - (1n << BigInt(vaBits[1])) + low;
            }
            if (probe.retag) va = (va & ((1n << 56n) - 1n)) | (BigInt(probe.topByte) << 56n);
            const [lo, hi] = halves(va);
            const got = translateStage1(regime, lo, hi, probe.access, mem.read64);
            const outcome = got.ok ? `ok@${got.blockSize}` : got.fault;
            outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
            expect(got, `va 0x${va.toString(16)} ${JSON.stringify(probe.access)}`).toMatchObject(ref.translate(va, probe.access));
          }
        },
      ),
      { numRuns: 200 },
    );
    // The generator must reach every outcome, or the agreement above proves little.
    for (const outcome of ["ok@4096", "ok@2097152", "ok@1073741824", "translation", "accessFlag", "permission"]) {
      expect(outcomes.get(outcome) ?? 0, outcome).toBeGreaterThan(5);
    }
  });
});
