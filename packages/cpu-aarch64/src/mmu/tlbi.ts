// TLBI for the EL1&0 regime: which SYS encodings are TLB maintenance (op0 = 1, op1 = 0, CRn = 8,
// CRm = 3 Inner Shareable or 7 local; spec §3), the operand format (VA[55:12] in bits 43:0, ASID in
// bits 63:48), and what each operation drops from a Tlb.

import type { Tlb } from "./tlb.js";

/** The EL1 TLB invalidation operations (the IS forms share these names; see TlbiInstruction). */
export type TlbiOperation = "VMALLE1" | "VAE1" | "ASIDE1" | "VAAE1" | "VALE1" | "VAALE1";

/** A decoded TLBI instruction. */
export interface TlbiInstruction {
  operation: TlbiOperation;
  /** The IS form (CRm = 3): the integrator must apply it to every CPU's TLB, not just this one. */
  innerShareable: boolean;
}

/** A decoded TLBI operand: VA[55:12] as halves (VA[11:0] = 0, VA[63:56] absent) and the ASID. */
export interface TlbiOperand {
  vaLo: number;
  /** VA[55:32]. */
  vaHi: number;
  asid: number;
}

const OPERATION_BY_OP2: readonly (TlbiOperation | null)[] = ["VMALLE1", "VAE1", "ASIDE1", "VAAE1", null, "VALE1", null, "VAALE1"];

/** The TLBI operation of a SYS instruction (op0 = 1), or null when the encoding is not an EL1 TLBI. */
export function decodeTlbiInstruction(op1: number, crn: number, crm: number, op2: number): TlbiInstruction | null {
  if (op1 !== 0 || crn !== 8 || (crm !== 3 && crm !== 7)) return null;
  const operation = OPERATION_BY_OP2[op2] ?? null;
  return operation === null ? null : { operation, innerShareable: crm === 3 };
}

/** Splits a TLBI operand (Xt); with 8-bit ASIDs (TCR_EL1.AS = 0) only ASID[7:0] is used. */
export function decodeTlbiOperand(operand: bigint, asidBits16: boolean): TlbiOperand {
  const lo = Number(BigInt.asUintN(32, operand));
  const hi = Number(BigInt.asUintN(32, operand >> 32n));
  const asid = hi >>> 16;
  return {
    vaLo: ((lo & 0xfffff) << 12) >>> 0,
    vaHi: ((lo >>> 20) | ((hi & 0xfff) << 12)) >>> 0,
    asid: asidBits16 ? asid : asid & 0xff,
  };
}

/**
 * Applies a TLBI operation to `tlb`. The last-level-only forms (VALE1, VAALE1) drop the same entries
 * as VAE1 and VAAE1, which the architecture allows (invalidating more is always permitted). Returns what may have changed beyond the TLB, for caches built on top:
 * "page" when only the operand's page (VA[55:12], every ASID) may translate differently, "all"
 * otherwise (VMALLE1, ASIDE1, or a VA inside a block translation).
 */
export function executeTlbi(tlb: Tlb, operation: TlbiOperation, operand: bigint, asidBits16: boolean): "page" | "all" {
  if (operation === "VMALLE1") {
    tlb.invalidateAll();
    return "all";
  }
  const { vaLo, vaHi, asid } = decodeTlbiOperand(operand, asidBits16);
  switch (operation) {
    case "VAE1":
    case "VALE1":
      return tlb.invalidateVa(vaLo, vaHi, asid) ? "all" : "page";
    case "VAAE1":
    case "VAALE1":
      return tlb.invalidateVa(vaLo, vaHi, null) ? "all" : "page";
    case "ASIDE1":
      tlb.invalidateAsid(asid);
      return "all";
  }
}
