/**
 * FPCR fields, FPSR cumulative flags and the per-core context the soft-float routines run in.
 *
 * Every routine of `src/fp/` reads the control bits from `ctx.fpcr` and ORs the cumulative
 * exception flags it raises into `ctx.fpsr`, as the Arm ARM's `FPProcessException` does (trap
 * enables are not implemented: Cortex-A53 has none, the bits read as zero).
 */

/** FPCR.AHP: alternative half precision (no infinities or NaNs). */
export const FPCR_AHP = 1 << 26;
/** FPCR.DN: NaN results are the default NaN. */
export const FPCR_DN = 1 << 25;
/** FPCR.FZ: single and double denormal inputs and outputs are flushed to zero. */
export const FPCR_FZ = 1 << 24;
/** FPCR.RMode, bits 23:22. */
export const FPCR_RMODE_SHIFT = 22;
/** The FPCR bits ARMv8.0 implements (AHP, DN, FZ, RMode); the others read as zero. */
export const FPCR_MASK = FPCR_AHP | FPCR_DN | FPCR_FZ | (3 << FPCR_RMODE_SHIFT);

/** FPSR cumulative flags. */
export const FPSR_IOC = 1 << 0;
export const FPSR_DZC = 1 << 1;
export const FPSR_OFC = 1 << 2;
export const FPSR_UFC = 1 << 3;
export const FPSR_IXC = 1 << 4;
export const FPSR_IDC = 1 << 7;
/** FPSR.QC, the AdvSIMD saturation flag (not an FP exception, kept here for the mask). */
export const FPSR_QC = 1 << 27;
/** The FPSR bits ARMv8.0 implements. */
export const FPSR_MASK = FPSR_IOC | FPSR_DZC | FPSR_OFC | FPSR_UFC | FPSR_IXC | FPSR_IDC | FPSR_QC | (0xf << 28);

/**
 * The Arm ARM's `FPRounding`. The first four are FPCR.RMode's encodings; `TieAway` (FCVTA*,
 * FRINTA) and `Odd` (FCVTXN) are only chosen by instructions.
 */
export const enum Rounding {
  TieEven = 0,
  PosInf = 1,
  NegInf = 2,
  Zero = 3,
  TieAway = 4,
  Odd = 5,
}

/** `FPRoundingMode(fpcr)`. */
export function roundingOf(fpcr: number): Rounding {
  return ((fpcr >>> FPCR_RMODE_SHIFT) & 3);
}

/**
 * The state a soft-float routine needs: the FPCR it obeys, the FPSR flags it accumulates, and the
 * two words of a double-precision result (routines on doubles take operands as (hi, lo) word pairs
 * and leave the result in `hi`/`lo`, so that no result object is allocated).
 */
export class FpContext {
  fpcr = 0;
  fpsr = 0;
  /** Bits 63:32 of the last double-precision (or 64-bit integer) result. */
  hi = 0;
  /** Bits 31:0 of the last double-precision (or 64-bit integer) result. */
  lo = 0;
  /** Scratch views used to move bit patterns in and out of JS numbers on the fast paths. */
  readonly f64 = new Float64Array(1);
  readonly f32 = new Float32Array(this.f64.buffer, 0, 1);
  readonly u32 = new Uint32Array(this.f64.buffer);

  constructor(fpcr = 0) {
    this.fpcr = fpcr;
  }
}
