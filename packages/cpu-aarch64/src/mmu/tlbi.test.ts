// TLBI encodings and operands (spec §3: op1 = 0, CRn = 8, CRm = 3 IS / 7 local; op2 0 VMALLE1,
// 1 VAE1, 2 ASIDE1, 3 VAAE1, 5 VALE1, 7 VAALE1; operand VA[55:12] in bits 43:0, ASID in 63:48).
import { describe, expect, it } from "vitest";
import { halves } from "./page-tables.test-helper.js";
import { permissionsFromMask, PERM_EL1_READ } from "./permissions.js";
import { Tlb } from "./tlb.js";
import { decodeTlbiInstruction, decodeTlbiOperand, executeTlbi } from "./tlbi.js";
import type { TlbiOperation } from "./tlbi.js";
import type { Stage1Success } from "./types.js";

describe("decodeTlbiInstruction", () => {
  it("names the EL1 operations in both the local and Inner Shareable forms", () => {
    const names = ["VMALLE1", "VAE1", "ASIDE1", "VAAE1", null, "VALE1", null, "VAALE1"];
    for (let op2 = 0; op2 < 8; op2++) {
      const expected = names[op2];
      expect(decodeTlbiInstruction(0, 8, 7, op2)).toEqual(expected ? { operation: expected, innerShareable: false } : null);
      expect(decodeTlbiInstruction(0, 8, 3, op2)).toEqual(expected ? { operation: expected, innerShareable: true } : null);
    }
    expect(decodeTlbiInstruction(4, 8, 7, 0)).toBeNull(); // EL2 forms
    expect(decodeTlbiInstruction(0, 7, 5, 0)).toBeNull(); // IC IALLU
    expect(decodeTlbiInstruction(0, 8, 4, 1)).toBeNull();
  });
});

describe("decodeTlbiOperand", () => {
  it("takes VA[55:12] from bits 43:0 and the ASID from bits 63:48", () => {
    const va = 0xffff_8000_1234_5000n;
    const operand = (0xbeefn << 48n) | ((va >> 12n) & 0xfff_ffff_ffffn);
    expect(decodeTlbiOperand(operand, true)).toEqual({ vaLo: 0x1234_5000, vaHi: 0xff_8000, asid: 0xbeef });
    expect(decodeTlbiOperand(operand, false).asid).toBe(0xef);
  });
});

function leaf(pa: number, asid: number, global = false): Stage1Success {
  return {
    ok: true, pa, attrIndx: 0, memAttr: 0xff, shareability: 3, global, asid,
    perms: permissionsFromMask(PERM_EL1_READ), permMask: PERM_EL1_READ, blockSize: 4096,
  };
}

/** A TLB holding user pages of ASIDs 1 and 2, a global kernel page whose VA[47:12] equals user1's
 *  (only bits 55:48 differ), and another ASID-1 page. Returns the names that survive `operation`. */
function survivors(operation: TlbiOperation, operand: bigint): string[] {
  const tlb = new Tlb();
  const entries: [string, bigint, Stage1Success][] = [
    ["user1", 0x1000n, leaf(0x4000_1000, 1)],
    ["user2", 0x2000n, leaf(0x4000_2000, 2)],
    ["kernel", 0xffff_0000_0000_1000n, leaf(0x4000_3000, 1, true)],
    ["other1", 0x9000n, leaf(0x4000_9000, 1)],
  ];
  for (const [, va, r] of entries) tlb.insert(...halves(va), r);
  executeTlbi(tlb, operation, operand, true);
  return entries
    .filter(([, va, r]) => tlb.lookup(...halves(va), r.asid) >= 0)
    .map(([name]) => name);
}

const op = (va: bigint, asid: number): bigint => (BigInt(asid) << 48n) | ((va >> 12n) & 0xfff_ffff_ffffn);

describe("executeTlbi", () => {
  it("VMALLE1 drops everything", () => {
    expect(survivors("VMALLE1", 0n)).toEqual([]);
  });
  it("VAE1 and VALE1 drop the VA's entry of that ASID and global entries for it", () => {
    for (const operation of ["VAE1", "VALE1"] as const) {
      expect(survivors(operation, op(0x1000n, 1))).toEqual(["user2", "kernel", "other1"]);
      expect(survivors(operation, op(0x1000n, 2))).toEqual(["user1", "user2", "kernel", "other1"]);
      expect(survivors(operation, op(0x2000n, 2))).toEqual(["user1", "kernel", "other1"]);
      expect(survivors(operation, op(0xffff_0000_0000_1000n, 5))).toEqual(["user1", "user2", "other1"]);
    }
  });
  it("VAAE1 and VAALE1 drop the VA under every ASID", () => {
    for (const operation of ["VAAE1", "VAALE1"] as const) {
      expect(survivors(operation, op(0x9000n, 7))).toEqual(["user1", "user2", "kernel"]);
      expect(survivors(operation, op(0x2000n, 7))).toEqual(["user1", "kernel", "other1"]);
    }
  });
  it("ASIDE1 drops the ASID's non-global entries", () => {
    expect(survivors("ASIDE1", op(0n, 1))).toEqual(["user2", "kernel"]);
    expect(survivors("ASIDE1", op(0n, 2))).toEqual(["user1", "kernel", "other1"]);
  });
});
