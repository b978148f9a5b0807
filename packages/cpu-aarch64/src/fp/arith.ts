/**
 * The arithmetic of the Arm ARM (`FPAdd`, `FPSub`, `FPMul`, `FPMulX`, `FPDiv`, `FPSqrt`,
 * `FPMulAdd`, `FPRecipStepFused`, `FPRSqrtStepFused`) on bit patterns held as bigints, computed
 * exactly with integers and rounded once. These are the general paths; `f32.ts`/`f64.ts` put fast
 * paths in front of them.
 */
import { FPSR_DZC, FPSR_IOC, roundingOf, Rounding, type FpContext } from "./fpcr.js";
import { fpDefaultNaN, fpInfinity, fpPowerOfTwo, fpZero, type FpFormat } from "./format.js";
import { processNaN, processNaNs, processNaNs3 } from "./nan.js";
import { bitLength, roundSigned, roundToFormat } from "./round.js";
import { FpType, isNaNType, unpack } from "./unpack.js";

export function fpNeg(fmt: FpFormat, op: bigint): bigint {
  return op ^ fmt.signBit;
}

export function fpAbs(fmt: FpFormat, op: bigint): bigint {
  return op & ~fmt.signBit;
}

/** Exact sum of two signed values m*2^e: returns the signed mantissa, exponent in `out`. */
function exactSum(m1: bigint, e1: number, m2: bigint, e2: number): [bigint, number] {
  if (m1 === 0n) return [m2, e2];
  if (m2 === 0n) return [m1, e1];
  const e = Math.min(e1, e2);
  return [(m1 << BigInt(e1 - e)) + (m2 << BigInt(e2 - e)), e];
}

function zeroSignOf(ctx: FpContext): number {
  return roundingOf(ctx.fpcr) === Rounding.NegInf ? 1 : 0;
}

/** `FPAdd` (or `FPSub` when `subtract`: the second operand's sign is inverted, not its NaN). */
export function fpAdd(fmt: FpFormat, op1: bigint, op2: bigint, ctx: FpContext, subtract = false): bigint {
  const a = unpack(fmt, op1, ctx);
  const b = unpack(fmt, op2, ctx);
  const nan = processNaNs(fmt, a.type, b.type, op1, op2, ctx);
  if (nan !== null) return nan;
  const sign2 = subtract ? b.sign ^ 1 : b.sign;
  const inf1 = a.type === FpType.Infinity;
  const inf2 = b.type === FpType.Infinity;
  if (inf1 && inf2 && a.sign !== sign2) {
    ctx.fpsr |= FPSR_IOC;
    return fpDefaultNaN(fmt);
  }
  if (inf1) return fpInfinity(fmt, a.sign);
  if (inf2) return fpInfinity(fmt, sign2);
  if (a.type === FpType.Zero && b.type === FpType.Zero && a.sign === sign2) return fpZero(fmt, a.sign);
  const [m, e] = exactSum(a.sign ? -a.mant : a.mant, a.exp, sign2 ? -b.mant : b.mant, b.exp);
  return roundSigned(fmt, m, e, ctx, roundingOf(ctx.fpcr), zeroSignOf(ctx));
}

/** `FPMul`, or `FPMulX` when `mulx` (infinity times zero is 2.0 with no exception). */
export function fpMul(fmt: FpFormat, op1: bigint, op2: bigint, ctx: FpContext, mulx = false): bigint {
  const a = unpack(fmt, op1, ctx);
  const b = unpack(fmt, op2, ctx);
  const nan = processNaNs(fmt, a.type, b.type, op1, op2, ctx);
  if (nan !== null) return nan;
  const sign = a.sign ^ b.sign;
  const inf1 = a.type === FpType.Infinity;
  const inf2 = b.type === FpType.Infinity;
  const zero1 = a.type === FpType.Zero;
  const zero2 = b.type === FpType.Zero;
  if ((inf1 && zero2) || (zero1 && inf2)) {
    if (mulx) return fpPowerOfTwo(fmt, sign, 1);
    ctx.fpsr |= FPSR_IOC;
    return fpDefaultNaN(fmt);
  }
  if (inf1 || inf2) return fpInfinity(fmt, sign);
  if (zero1 || zero2) return fpZero(fmt, sign);
  return roundToFormat(fmt, sign, a.mant * b.mant, a.exp + b.exp, false, ctx, roundingOf(ctx.fpcr));
}

/** `FPDiv`. */
export function fpDiv(fmt: FpFormat, op1: bigint, op2: bigint, ctx: FpContext): bigint {
  const a = unpack(fmt, op1, ctx);
  const b = unpack(fmt, op2, ctx);
  const nan = processNaNs(fmt, a.type, b.type, op1, op2, ctx);
  if (nan !== null) return nan;
  const sign = a.sign ^ b.sign;
  const inf1 = a.type === FpType.Infinity;
  const inf2 = b.type === FpType.Infinity;
  const zero1 = a.type === FpType.Zero;
  const zero2 = b.type === FpType.Zero;
  if ((inf1 && inf2) || (zero1 && zero2)) {
    ctx.fpsr |= FPSR_IOC;
    return fpDefaultNaN(fmt);
  }
  if (inf1 || zero2) {
    if (!inf1) ctx.fpsr |= FPSR_DZC;
    return fpInfinity(fmt, sign);
  }
  if (zero1 || inf2) return fpZero(fmt, sign);
  // Enough quotient bits for the last place plus two guard bits, the remainder as sticky.
  const k = Math.max(0, fmt.F + 4 - (bitLength(a.mant) - bitLength(b.mant)));
  const num = a.mant << BigInt(k);
  const q = num / b.mant;
  return roundToFormat(fmt, sign, q, a.exp - b.exp - k, q * b.mant !== num, ctx, roundingOf(ctx.fpcr));
}

/** Integer square root (floor) of a non-negative bigint. */
export function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt((bitLength(n) + 1) >> 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** `FPSqrt`. */
export function fpSqrt(fmt: FpFormat, op: bigint, ctx: FpContext): bigint {
  const a = unpack(fmt, op, ctx);
  if (isNaNType(a.type)) return processNaN(fmt, a.type, op, ctx);
  if (a.type === FpType.Zero) return fpZero(fmt, a.sign);
  if (a.type === FpType.Infinity && a.sign === 0) return fpInfinity(fmt, 0);
  if (a.sign === 1) {
    ctx.fpsr |= FPSR_IOC;
    return fpDefaultNaN(fmt);
  }
  let m = a.mant;
  let e = a.exp;
  if ((e & 1) !== 0) {
    m <<= 1n;
    e -= 1;
  }
  const k = Math.max(0, fmt.F + 4 - (bitLength(m) >> 1));
  m <<= BigInt(2 * k);
  const s = isqrt(m);
  return roundToFormat(fmt, 0, s, (e - 2 * k) / 2, s * s !== m, ctx, roundingOf(ctx.fpcr));
}

/** `FPMulAdd(addend, op1, op2)`: addend + op1*op2 with a single rounding. */
export function fpMulAdd(fmt: FpFormat, addend: bigint, op1: bigint, op2: bigint, ctx: FpContext): bigint {
  const c = unpack(fmt, addend, ctx);
  const a = unpack(fmt, op1, ctx);
  const b = unpack(fmt, op2, ctx);
  const inf1 = a.type === FpType.Infinity;
  const inf2 = b.type === FpType.Infinity;
  const zero1 = a.type === FpType.Zero;
  const zero2 = b.type === FpType.Zero;
  const nan = processNaNs3(fmt, c.type, a.type, b.type, addend, op1, op2, ctx);
  if (c.type === FpType.QNaN && ((inf1 && zero2) || (zero1 && inf2))) {
    ctx.fpsr |= FPSR_IOC;
    return fpDefaultNaN(fmt);
  }
  if (nan !== null) return nan;
  const infA = c.type === FpType.Infinity;
  const zeroA = c.type === FpType.Zero;
  const signP = a.sign ^ b.sign;
  const infP = inf1 || inf2;
  const zeroP = zero1 || zero2;
  if ((inf1 && zero2) || (zero1 && inf2) || (infA && infP && c.sign !== signP)) {
    ctx.fpsr |= FPSR_IOC;
    return fpDefaultNaN(fmt);
  }
  if ((infA && c.sign === 0) || (infP && signP === 0)) return fpInfinity(fmt, 0);
  if ((infA && c.sign === 1) || (infP && signP === 1)) return fpInfinity(fmt, 1);
  if (zeroA && zeroP && c.sign === signP) return fpZero(fmt, c.sign);
  const p = a.mant * b.mant;
  const [m, e] = exactSum(c.sign ? -c.mant : c.mant, c.exp, signP ? -p : p, a.exp + b.exp);
  return roundSigned(fmt, m, e, ctx, roundingOf(ctx.fpcr), zeroSignOf(ctx));
}

/**
 * `FPRecipStepFused` (2 - op1*op2) and `FPRSqrtStepFused` ((3 - op1*op2)/2): op1 is negated before
 * its NaN is processed, so a NaN first operand comes back with its sign inverted.
 */
export function fpStepFused(fmt: FpFormat, op1In: bigint, op2: bigint, ctx: FpContext, rsqrt: boolean): bigint {
  const op1 = fpNeg(fmt, op1In);
  const a = unpack(fmt, op1, ctx);
  const b = unpack(fmt, op2, ctx);
  const nan = processNaNs(fmt, a.type, b.type, op1, op2, ctx);
  if (nan !== null) return nan;
  const inf1 = a.type === FpType.Infinity;
  const inf2 = b.type === FpType.Infinity;
  if ((inf1 && b.type === FpType.Zero) || (a.type === FpType.Zero && inf2)) {
    return rsqrt ? fpPowerOfTwo(fmt, 0, 0, 1n << BigInt(fmt.F - 1)) : fpPowerOfTwo(fmt, 0, 1);
  }
  if (inf1 || inf2) return fpInfinity(fmt, a.sign ^ b.sign);
  const p = a.mant * b.mant;
  // 2 + p, or (3 + p) / 2 as (3 + p) * 2^-1.
  const [m, e] = exactSum(rsqrt ? 3n : 2n, 0, a.sign ^ b.sign ? -p : p, a.exp + b.exp);
  return roundSigned(fmt, m, rsqrt ? e - 1 : e, ctx, roundingOf(ctx.fpcr), zeroSignOf(ctx));
}
