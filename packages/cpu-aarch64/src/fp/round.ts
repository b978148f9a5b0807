import {
  FPCR_AHP,
  FPCR_FZ,
  FPSR_IOC,
  FPSR_IXC,
  FPSR_OFC,
  FPSR_UFC,
  Rounding,
  type FpContext,
} from "./fpcr.js";
import { fpInfinity, fpMaxNormal, fpZero, type FpFormat } from "./format.js";

/** Number of significant bits of a positive bigint. */
export function bitLength(x: bigint): number {
  if (x < 0x100000000n) return 32 - Math.clz32(Number(x));
  if (x < 0x10000000000000000n) return 64 - Math.clz32(Number(x >> 32n));
  const hex = x.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0] ?? "0", 16)));
}

/**
 * `FPRoundBase`: rounds the positive value `(mant + s) * 2^exp` to `fmt`, where `s` is 0 when
 * `sticky` is false and some amount strictly between 0 and 1 otherwise (the callers keep at least
 * two bits below the result's last place, so the rounding decision is exact). Flush to zero
 * (FPCR.FZ, single and double only), underflow before rounding, overflow and the alternative
 * half-precision format behave as the pseudocode says.
 */
export function roundToFormat(
  fmt: FpFormat,
  sign: number,
  mant: bigint,
  exp: number,
  sticky: boolean,
  ctx: FpContext,
  rounding: Rounding,
): bigint {
  const F = fmt.F;
  // The value lies in [2^e, 2^(e+1)).
  const e = exp + bitLength(mant) - 1;
  if (fmt.N !== 16 && (ctx.fpcr & FPCR_FZ) !== 0 && e < fmt.minExp) {
    ctx.fpsr |= FPSR_UFC;
    return fpZero(fmt, sign);
  }
  let biasedExp = Math.max(e - fmt.minExp + 1, 0);
  // Weight of the result's last place.
  const lsb = biasedExp === 0 ? fmt.minExp - F : e - F;
  const shift = lsb - exp;
  let intMant: bigint;
  // 0: exact; 1: error in (0, 1/2); 2: exactly 1/2; 3: in (1/2, 1).
  let errorClass: number;
  if (shift <= 0) {
    intMant = mant << BigInt(-shift);
    errorClass = sticky ? 1 : 0;
  } else {
    const s = BigInt(shift);
    intMant = mant >> s;
    const rem = mant & ((1n << s) - 1n);
    const half = 1n << (s - 1n);
    if (rem === 0n) errorClass = sticky ? 1 : 0;
    else if (rem < half) errorClass = 1;
    else if (rem === half) errorClass = sticky ? 3 : 2;
    else errorClass = 3;
  }
  if (biasedExp === 0 && errorClass !== 0) ctx.fpsr |= FPSR_UFC;

  let roundUp: boolean;
  let overflowToInf: boolean;
  switch (rounding) {
    case Rounding.TieEven:
      roundUp = errorClass === 3 || (errorClass === 2 && (intMant & 1n) === 1n);
      overflowToInf = true;
      break;
    case Rounding.TieAway:
      roundUp = errorClass >= 2;
      overflowToInf = true;
      break;
    case Rounding.PosInf:
      roundUp = errorClass !== 0 && sign === 0;
      overflowToInf = sign === 0;
      break;
    case Rounding.NegInf:
      roundUp = errorClass !== 0 && sign === 1;
      overflowToInf = sign === 1;
      break;
    default: // Zero, Odd
      roundUp = false;
      overflowToInf = false;
  }
  if (roundUp) {
    intMant += 1n;
    if (intMant === 1n << BigInt(F)) biasedExp = 1;
    if (intMant === 1n << BigInt(F + 1)) {
      biasedExp += 1;
      intMant >>= 1n;
    }
  }
  if (errorClass !== 0 && rounding === Rounding.Odd) intMant |= 1n;

  let inexact = errorClass !== 0;
  let result: bigint;
  if (fmt.N !== 16 || (ctx.fpcr & FPCR_AHP) === 0) {
    if (biasedExp >= fmt.maxExpField) {
      result = overflowToInf ? fpInfinity(fmt, sign) : fpMaxNormal(fmt, sign);
      ctx.fpsr |= FPSR_OFC;
      inexact = true;
    } else {
      result = (sign ? fmt.signBit : 0n) | (BigInt(biasedExp) << BigInt(F)) | (intMant & fmt.fracMask);
    }
  } else if (biasedExp > fmt.maxExpField) {
    result = (sign ? fmt.signBit : 0n) | (fmt.signBit - 1n);
    ctx.fpsr |= FPSR_IOC;
    inexact = false;
  } else {
    result = (sign ? fmt.signBit : 0n) | (BigInt(biasedExp) << BigInt(F)) | (intMant & fmt.fracMask);
  }
  if (inexact) ctx.fpsr |= FPSR_IXC;
  return result;
}

/** Rounds an exact signed value `mant * 2^exp` (mant may be negative or zero). Zero gives `zeroSign`. */
export function roundSigned(
  fmt: FpFormat,
  mant: bigint,
  exp: number,
  ctx: FpContext,
  rounding: Rounding,
  zeroSign: number,
): bigint {
  if (mant === 0n) return fpZero(fmt, zeroSign);
  return mant < 0n ? roundToFormat(fmt, 1, -mant, exp, false, ctx, rounding) : roundToFormat(fmt, 0, mant, exp, false, ctx, rounding);
}
