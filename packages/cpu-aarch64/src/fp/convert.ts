/**
 * Conversions: `FPConvert` between precisions (with FPCR.AHP), `FPRoundInt` (FRINT*),
 * `FPToFixed` (FCVT*S/U, saturating) and `FixedToFP` (SCVTF/UCVTF), on bigint bit patterns.
 */
import { FPCR_AHP, FPCR_DN, FPSR_IOC, FPSR_IXC, Rounding, type FpContext } from "./fpcr.js";
import { fpDefaultNaN, fpInfinity, fpZero, type FpFormat } from "./format.js";
import { processNaN } from "./nan.js";
import { roundSigned, roundToFormat } from "./round.js";
import { FpType, isNaNType, unpack } from "./unpack.js";

/** `FPConvertNaN`: keeps the sign and the top of the payload, sets the quiet bit. */
export function convertNaN(from: FpFormat, to: FpFormat, op: bigint): bigint {
  const sign = (op >> BigInt(from.N - 1)) & 1n;
  // The payload below the quiet bit, aligned to a 51-bit field.
  const payload = (op & (from.quietBit - 1n)) << BigInt(51 - (from.F - 1));
  const frac = payload >> BigInt(51 - (to.F - 1));
  return (sign << BigInt(to.N - 1)) | to.expMask | to.quietBit | frac;
}

/** `FPConvert(op, fpcr, rounding)` from `from` to `to`. */
export function fpConvert(from: FpFormat, to: FpFormat, op: bigint, ctx: FpContext, rounding: Rounding): bigint {
  const a = unpack(from, op, ctx, true);
  const altHp = to.N === 16 && (ctx.fpcr & FPCR_AHP) !== 0;
  if (isNaNType(a.type)) {
    if (a.type === FpType.SNaN || altHp) ctx.fpsr |= FPSR_IOC;
    if (altHp) return fpZero(to, a.sign);
    if ((ctx.fpcr & FPCR_DN) !== 0) return fpDefaultNaN(to);
    return convertNaN(from, to, op);
  }
  if (a.type === FpType.Infinity) {
    if (altHp) {
      ctx.fpsr |= FPSR_IOC;
      return (a.sign ? to.signBit : 0n) | (to.signBit - 1n);
    }
    return fpInfinity(to, a.sign);
  }
  if (a.type === FpType.Zero) return fpZero(to, a.sign);
  return roundToFormat(to, a.sign, a.mant, a.exp, false, ctx, rounding);
}

/**
 * `RoundDown` then the rounding decision of `FPRoundInt`/`FPToFixed` for the value
 * `(sign ? -mant : mant) * 2^exp`: returns the rounded integer, and whether it was inexact in `inexact[0]`.
 */
export function roundToInteger(sign: number, mant: bigint, exp: number, rounding: Rounding, inexact: boolean[]): bigint {
  const v = sign ? -mant : mant;
  if (exp >= 0) {
    inexact[0] = false;
    return v << BigInt(exp);
  }
  const s = BigInt(-exp);
  let int = v >> s; // floor
  const rem = v - (int << s);
  const half = 1n << (s - 1n);
  let roundUp: boolean;
  switch (rounding) {
    case Rounding.TieEven:
      roundUp = rem > half || (rem === half && (int & 1n) === 1n);
      break;
    case Rounding.PosInf:
      roundUp = rem !== 0n;
      break;
    case Rounding.NegInf:
      roundUp = false;
      break;
    case Rounding.Zero:
      roundUp = rem !== 0n && int < 0n;
      break;
    default: // TieAway
      roundUp = rem > half || (rem === half && int >= 0n);
  }
  if (roundUp) int += 1n;
  inexact[0] = rem !== 0n;
  return int;
}

/** `FPRoundInt(op, fpcr, rounding, exact)`: FRINTX is the one with `exact` (IXC when inexact). */
export function fpRoundInt(fmt: FpFormat, op: bigint, rounding: Rounding, exact: boolean, ctx: FpContext): bigint {
  const a = unpack(fmt, op, ctx);
  if (isNaNType(a.type)) return processNaN(fmt, a.type, op, ctx);
  if (a.type === FpType.Infinity) return fpInfinity(fmt, a.sign);
  if (a.type === FpType.Zero) return fpZero(fmt, a.sign);
  // Values of magnitude 2^F or more are integers already.
  if (a.exp >= 0) return op;
  const inexact = [false];
  const int = roundToInteger(a.sign, a.mant, a.exp, rounding, inexact);
  const result = roundSigned(fmt, int, 0, ctx, Rounding.Zero, a.sign);
  if (inexact[0] && exact) ctx.fpsr |= FPSR_IXC;
  return result;
}

/**
 * `FPToFixed(op, fbits, unsigned, fpcr, rounding)` to an M-bit integer: saturates with IOC (no
 * IXC); a NaN gives 0 with IOC. Returns the M-bit two's complement pattern.
 */
export function fpToFixed(
  fmt: FpFormat,
  op: bigint,
  fbits: number,
  unsigned: boolean,
  M: 32 | 64,
  rounding: Rounding,
  ctx: FpContext,
): bigint {
  const a = unpack(fmt, op, ctx);
  const max = unsigned ? (1n << BigInt(M)) - 1n : (1n << BigInt(M - 1)) - 1n;
  const min = unsigned ? 0n : -(1n << BigInt(M - 1));
  const mask = (1n << BigInt(M)) - 1n;
  if (isNaNType(a.type)) {
    ctx.fpsr |= FPSR_IOC;
    return 0n;
  }
  if (a.type === FpType.Infinity) {
    ctx.fpsr |= FPSR_IOC;
    return (a.sign ? min : max) & mask;
  }
  if (a.type === FpType.Zero) return 0n;
  // Anything of magnitude 2^(M+1) or more saturates; keep the shifts small.
  if (a.exp + fbits > M + 1) {
    ctx.fpsr |= FPSR_IOC;
    return (a.sign ? min : max) & mask;
  }
  const inexact = [false];
  const int = roundToInteger(a.sign, a.mant, a.exp + fbits, rounding, inexact);
  if (int > max || int < min) {
    ctx.fpsr |= FPSR_IOC;
    return (int > max ? max : min) & mask;
  }
  if (inexact[0]) ctx.fpsr |= FPSR_IXC;
  return int & mask;
}

/** `FixedToFP(op, fbits, unsigned, fpcr, rounding)` from an M-bit pattern. */
export function fixedToFp(
  fmt: FpFormat,
  op: bigint,
  M: 32 | 64,
  fbits: number,
  unsigned: boolean,
  rounding: Rounding,
  ctx: FpContext,
): bigint {
  let v = op & ((1n << BigInt(M)) - 1n);
  if (!unsigned && v >> BigInt(M - 1) !== 0n) v -= 1n << BigInt(M);
  return roundSigned(fmt, v, -fbits, ctx, rounding, 0);
}
