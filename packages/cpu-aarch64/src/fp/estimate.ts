/**
 * `FPRecipEstimate`, `FPRSqrtEstimate` (ARMv8.0: 8-bit estimates from the pseudocode's
 * `RecipEstimate`/`RecipSqrtEstimate`), `UnsignedRecipEstimate`, `UnsignedRSqrtEstimate` and
 * `FPRecpX` (FRECPX).
 */
import { FPCR_FZ, FPSR_DZC, FPSR_IOC, FPSR_IXC, FPSR_OFC, FPSR_UFC, roundingOf, Rounding, type FpContext } from "./fpcr.js";
import { fpDefaultNaN, fpInfinity, fpMaxNormal, fpZero, type FpFormat } from "./format.js";
import { processNaN } from "./nan.js";
import { FpType, isNaNType, unpack } from "./unpack.js";

/** `RecipEstimate(a)`, 256 <= a < 512: the reciprocal of a/512 as r/256, 256 <= r < 512. */
export function recipEstimate(a: number): number {
  const b = Math.floor(2 ** 19 / (a * 2 + 1));
  return (b + 1) >> 1;
}

/** `RecipSqrtEstimate(a)`, 128 <= a < 512: 1/sqrt(a/512) as r/256. */
export function recipSqrtEstimate(a: number): number {
  const x = a < 256 ? a * 2 + 1 : (((a >> 1) << 1) + 1) * 2;
  // The largest b with x*(b+1)^2 < 2^28, starting from 512.
  let b = 512;
  while (x * (b + 1) * (b + 1) < 2 ** 28) b += 1;
  return (b + 1) >> 1;
}

/** The operand's fraction as a 52-bit field and its exponent field (`operand<..>` in the pseudocode). */
function fields(fmt: FpFormat, op: bigint): [bigint, number] {
  const frac = (op & fmt.fracMask) << BigInt(52 - fmt.F);
  const exp = Number((op & fmt.expMask) >> BigInt(fmt.F));
  return [frac, exp];
}

/** `FPRecipEstimate` (FRECPE). */
export function fpRecipEstimate(fmt: FpFormat, op: bigint, ctx: FpContext): bigint {
  const a = unpack(fmt, op, ctx);
  if (isNaNType(a.type)) return processNaN(fmt, a.type, op, ctx);
  if (a.type === FpType.Infinity) return fpZero(fmt, a.sign);
  if (a.type === FpType.Zero) {
    ctx.fpsr |= FPSR_DZC;
    return fpInfinity(fmt, a.sign);
  }
  // |value| < 2^-(bias+1): the reciprocal overflows.
  const valueExp = a.exp + (a.mant.toString(2).length - 1);
  if (valueExp < -fmt.bias - 1) {
    const rounding = roundingOf(ctx.fpcr);
    const toInf =
      rounding === Rounding.TieEven || (rounding === Rounding.PosInf && a.sign === 0) || (rounding === Rounding.NegInf && a.sign === 1);
    ctx.fpsr |= FPSR_OFC | FPSR_IXC;
    return toInf ? fpInfinity(fmt, a.sign) : fpMaxNormal(fmt, a.sign);
  }
  if (fmt.N !== 16 && (ctx.fpcr & FPCR_FZ) !== 0 && valueExp >= fmt.bias - 1) {
    ctx.fpsr |= FPSR_UFC;
    return fpZero(fmt, a.sign);
  }
  let [frac, exp] = fields(fmt, op);
  if (exp === 0) {
    if (((frac >> 51n) & 1n) === 0n) {
      exp = -1;
      frac = (frac << 2n) & ((1n << 52n) - 1n);
    } else {
      frac = (frac << 1n) & ((1n << 52n) - 1n);
    }
  }
  const scaled = 256 | Number(frac >> 44n);
  let resultExp = 2 * fmt.bias - 1 - exp;
  const estimate = recipEstimate(scaled);
  let rfrac = BigInt(estimate & 0xff) << 44n;
  if (resultExp === 0) {
    rfrac = (1n << 51n) | (rfrac >> 1n);
  } else if (resultExp === -1) {
    rfrac = (1n << 50n) | (rfrac >> 2n);
    resultExp = 0;
  }
  return (a.sign ? fmt.signBit : 0n) | (BigInt(resultExp) << BigInt(fmt.F)) | (rfrac >> BigInt(52 - fmt.F));
}

/** `FPRSqrtEstimate` (FRSQRTE). */
export function fpRSqrtEstimate(fmt: FpFormat, op: bigint, ctx: FpContext): bigint {
  const a = unpack(fmt, op, ctx);
  if (isNaNType(a.type)) return processNaN(fmt, a.type, op, ctx);
  if (a.type === FpType.Zero) {
    ctx.fpsr |= FPSR_DZC;
    return fpInfinity(fmt, a.sign);
  }
  if (a.sign === 1) {
    ctx.fpsr |= FPSR_IOC;
    return fpDefaultNaN(fmt);
  }
  if (a.type === FpType.Infinity) return fpZero(fmt, 0);
  let [frac, exp] = fields(fmt, op);
  const mask52 = (1n << 52n) - 1n;
  if (exp === 0) {
    while (((frac >> 51n) & 1n) === 0n) {
      frac = (frac << 1n) & mask52;
      exp -= 1;
    }
    frac = (frac << 1n) & mask52;
  }
  const scaled = (exp & 1) !== 0 ? 128 | Number(frac >> 45n) : 256 | Number(frac >> 44n);
  // (3*bias - 1 - exp) DIV 2, a floor division of a positive number.
  const resultExp = Math.floor((3 * fmt.bias - 1 - exp) / 2);
  const estimate = recipSqrtEstimate(scaled);
  return (BigInt(resultExp) << BigInt(fmt.F)) | (BigInt(estimate & 0xff) << BigInt(fmt.F - 8));
}

/** `UnsignedRecipEstimate` (URECPE) on a 32-bit element. */
export function unsignedRecipEstimate(op: number): number {
  if ((op & 0x80000000) === 0) return 0xffffffff;
  return (recipEstimate((op >>> 23) & 0x1ff) << 23) >>> 0;
}

/** `UnsignedRSqrtEstimate` (URSQRTE) on a 32-bit element. */
export function unsignedRSqrtEstimate(op: number): number {
  if ((op >>> 30) === 0) return 0xffffffff;
  return (recipSqrtEstimate((op >>> 23) & 0x1ff) << 23) >>> 0;
}

/** `FPRecpX` (FRECPX): the exponent inverted, the fraction cleared. */
export function fpRecpX(fmt: FpFormat, op: bigint, ctx: FpContext): bigint {
  const a = unpack(fmt, op, ctx);
  if (isNaNType(a.type)) return processNaN(fmt, a.type, op, ctx);
  const exp = Number((op & fmt.expMask) >> BigInt(fmt.F));
  const outExp = exp === 0 ? fmt.maxExpField - 1 : ~exp & fmt.maxExpField;
  return (a.sign ? fmt.signBit : 0n) | (BigInt(outExp) << BigInt(fmt.F));
}
