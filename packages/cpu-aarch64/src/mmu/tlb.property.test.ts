// Property: whatever mix of inserts, invalidations and lookups runs, a TLB hit is always a
// translation that was inserted and not invalidated since (the TLB may forget entries — it is
// direct-mapped — but must never return a stale or foreign one). The model is a plain list.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { halves } from "./page-tables.test-helper.js";
import { PERM_ALL, permissionsFromMask } from "./permissions.js";
import { Tlb } from "./tlb.js";
import { executeTlbi } from "./tlbi.js";
import type { TlbiOperation } from "./tlbi.js";

interface ModelEntry {
  va: bigint; // page-aligned, full 64 bits
  asid: number;
  global: boolean;
  blockBits: number;
  pa: number;
}

// A small VA universe so that operations collide often: a few pages in 3 blocks, both ranges, tags.
const vaArb = fc
  .record({ top: fc.constantFrom(0x0000n, 0xffffn, 0x5a00n), block: fc.integer({ min: 0, max: 1 }), page: fc.integer({ min: 0, max: 3 }) })
  .map(({ top, block, page }) => (top << 48n) | (BigInt(block) << 30n) | (BigInt(page) << 12n));

const opArb = fc.oneof(
  fc.record({ kind: fc.constant("insert" as const), va: vaArb, asid: fc.integer({ min: 0, max: 1 }), global: fc.boolean(), blockBits: fc.constantFrom(12, 21, 30), pa: fc.integer({ min: 0, max: 0xfff }) }),
  fc.record({ kind: fc.constant("tlbi" as const), operation: fc.constantFrom<TlbiOperation>("VMALLE1", "VAE1", "ASIDE1", "VAAE1", "VALE1", "VAALE1"), va: vaArb, asid: fc.integer({ min: 0, max: 1 }) }),
  fc.record({ kind: fc.constant("lookup" as const), va: vaArb, asid: fc.integer({ min: 0, max: 1 }) }),
);

/** VA[55:12] of `va` within a block of 2^bits bytes. */
function blockKey(va: bigint, bits: number): bigint {
  return BigInt.asUintN(56, va) >> BigInt(bits);
}

/** What a TLBI removes from the model (the Arm ARM's definition of each operation's scope). */
function invalidates(e: ModelEntry, operation: TlbiOperation, va: bigint, asid: number): boolean {
  const sameVa = blockKey(e.va, e.blockBits) === blockKey(va, e.blockBits);
  switch (operation) {
    case "VMALLE1":
      return true;
    case "ASIDE1":
      return !e.global && e.asid === asid;
    case "VAE1":
    case "VALE1":
      return sameVa && (e.global || e.asid === asid);
    case "VAAE1":
    case "VAALE1":
      return sameVa;
  }
}

describe("Tlb against a model", () => {
  it("never hits a stale, invalidated or foreign-ASID translation", () => {
    let hits = 0;
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 20, maxLength: 100 }), (ops) => {
        const tlb = new Tlb({ entries: 64 });
        let model: ModelEntry[] = [];
        for (const op of ops) {
          if (op.kind === "insert") {
            const pa = op.pa * 4096;
            // A new translation for this VA page under the same tag replaces older ones (as a walk would).
            model = model.filter((e) => !(e.va === op.va && (e.global || op.global || e.asid === op.asid)));
            model.push({ va: op.va, asid: op.asid, global: op.global, blockBits: op.blockBits, pa });
            tlb.insert(...halves(op.va), {
              ok: true, pa, attrIndx: 0, memAttr: 0xff, shareability: 3, global: op.global, asid: op.asid,
              perms: permissionsFromMask(PERM_ALL), permMask: PERM_ALL, blockSize: 2 ** op.blockBits,
            });
          } else if (op.kind === "tlbi") {
            const operand = (BigInt(op.asid) << 48n) | ((op.va >> 12n) & 0xfff_ffff_ffffn);
            executeTlbi(tlb, op.operation, operand, true);
            model = model.filter((e) => !invalidates(e, op.operation, op.va, op.asid));
          } else {
            const i = tlb.lookup(...halves(op.va), op.asid);
            if (i >= 0) {
              hits++;
              const live = model.filter((e) => e.va === op.va && (e.global || e.asid === op.asid)).map((e) => e.pa);
              expect(live).toContain(tlb.paPage[i]! * 4096);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
    expect(hits).toBeGreaterThan(100); // the check above must actually run

  });
});
