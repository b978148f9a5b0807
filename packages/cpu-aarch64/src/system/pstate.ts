/**
 * PSTATE as a plain record: what SPSR_ELx saves and ERET restores (AArch64 state only).
 * Not for the interpreter's hot path, which keeps NZCV in its own slot; this is the form used
 * at exception entry and return.
 */

/** PSTATE fields an AArch64 EL0/EL1 CPU has (PAN, SSBS, BTYPE exist only with their features). */
export interface Pstate {
  /** N, Z, C, V as bits 3..0 (N = 8), the layout of NZCV[31:28] shifted down. */
  nzcv: number;
  /** D, A, I, F as bits 3..0 (D = 8), the layout of DAIF[9:6] shifted down. */
  daif: number;
  /** Exception level. */
  el: 0 | 1;
  /** Stack pointer select: 0 = SP_EL0, 1 = SP_ELx. Always 0 at EL0. */
  spSel: 0 | 1;
  /** Software step. */
  ss: boolean;
  /** Illegal execution state: the next instruction raises EC 0x0E. */
  il: boolean;
  /** Privileged access never (FEAT_PAN). */
  pan: boolean;
  /** Speculative store bypass safe (FEAT_SSBS). */
  ssbs: boolean;
  /** Branch target type (FEAT_BTI). */
  btype: number;
}

/** The DAIF mask bits in {@link Pstate.daif}. */
export const DAIF_BIT = { D: 8, A: 4, I: 2, F: 1 } as const;

/** PSTATE at reset and at Linux entry: EL1h with DAIF masked, flags clear (spec §1 entry state). */
export function resetPstate(): Pstate {
  return { nzcv: 0, daif: 0xf, el: 1, spSel: 1, ss: false, il: false, pan: false, ssbs: false, btype: 0 };
}
