import { FPCR_AHP, FPCR_FZ, FPSR_IDC, type FpContext } from "./fpcr.js";
import type { FpFormat } from "./format.js";

/** The Arm ARM's `FPType`. */
export const enum FpType {
  Zero,
  Denormal,
  Nonzero,
  Infinity,
  QNaN,
  SNaN,
}

/**
 * An unpacked operand: `FPUnpack`'s (type, sign, value), with the value of a finite operand held
 * exactly as `mant * 2^exp` (mant a non-negative bigint, 0 for zeros, infinities and NaNs).
 */
export interface Unpacked {
  type: FpType;
  sign: number;
  mant: bigint;
  exp: number;
}

export function isNaNType(type: FpType): boolean {
  return type === FpType.QNaN || type === FpType.SNaN;
}

/**
 * `FPUnpack` (and `FPUnpackCV` with `convert`): with FPCR.FZ a single or double denormal reads as
 * zero and raises IDC; half precision is never flushed in ARMv8.0, and with FPCR.AHP (conversions
 * only) a half with an all-ones exponent is a normal number.
 */
export function unpack(fmt: FpFormat, bits: bigint, ctx: FpContext, convert = false): Unpacked {
  const F = BigInt(fmt.F);
  const sign = Number(bits >> BigInt(fmt.N - 1)) & 1;
  const expField = Number((bits & fmt.expMask) >> F);
  const frac = bits & fmt.fracMask;
  if (expField === 0) {
    if (frac === 0n) return { type: FpType.Zero, sign, mant: 0n, exp: 0 };
    if (fmt.N !== 16 && (ctx.fpcr & FPCR_FZ) !== 0) {
      ctx.fpsr |= FPSR_IDC;
      return { type: FpType.Zero, sign, mant: 0n, exp: 0 };
    }
    return { type: FpType.Denormal, sign, mant: frac, exp: fmt.minExp - fmt.F };
  }
  if (expField === fmt.maxExpField && !(fmt.N === 16 && convert && (ctx.fpcr & FPCR_AHP) !== 0)) {
    if (frac === 0n) return { type: FpType.Infinity, sign, mant: 0n, exp: 0 };
    return { type: (frac & fmt.quietBit) !== 0n ? FpType.QNaN : FpType.SNaN, sign, mant: 0n, exp: 0 };
  }
  return { type: FpType.Nonzero, sign, mant: frac | (1n << F), exp: expField - fmt.bias - fmt.F };
}
