/** `FPCompare`, `FPCompareEQ/GE/GT`, `FPMax`, `FPMin`, `FPMaxNum`, `FPMinNum` on bigint bit patterns. */
import { FPSR_IOC, type FpContext } from "./fpcr.js";
import { fpInfinity, fpZero, type FpFormat } from "./format.js";
import { processNaNs } from "./nan.js";
import { FpType, isNaNType, unpack, type Unpacked } from "./unpack.js";

/** Orders two non-NaN unpacked values: negative, zero or positive as a < b, a == b, a > b. */
export function orderValues(a: Unpacked, b: Unpacked): number {
  const ia = a.type === FpType.Infinity;
  const ib = b.type === FpType.Infinity;
  if (ia || ib) {
    const va = ia ? (a.sign ? -1 : 1) : 0;
    const vb = ib ? (b.sign ? -1 : 1) : 0;
    return va - vb;
  }
  const ma = a.sign ? -a.mant : a.mant;
  const mb = b.sign ? -b.mant : b.mant;
  if (ma === 0n || mb === 0n || a.sign !== b.sign) return ma === mb ? 0 : ma > mb ? 1 : -1;
  const e = Math.min(a.exp, b.exp);
  const x = ma << BigInt(a.exp - e);
  const y = mb << BigInt(b.exp - e);
  return x === y ? 0 : x > y ? 1 : -1;
}

/** `FPCompare`: the NZCV nibble (bits 3..0 = N Z C V); `signalNaNs` for FCMPE. */
export function fpCompare(fmt: FpFormat, op1: bigint, op2: bigint, signalNaNs: boolean, ctx: FpContext): number {
  const a = unpack(fmt, op1, ctx);
  const b = unpack(fmt, op2, ctx);
  if (isNaNType(a.type) || isNaNType(b.type)) {
    if (a.type === FpType.SNaN || b.type === FpType.SNaN || signalNaNs) ctx.fpsr |= FPSR_IOC;
    return 0b0011;
  }
  const order = orderValues(a, b);
  return order === 0 ? 0b0110 : order < 0 ? 0b1000 : 0b0010;
}

export const enum CompareOp {
  EQ,
  GE,
  GT,
}

/** `FPCompareEQ` (quiet: IOC only for a signalling NaN), `FPCompareGE`, `FPCompareGT` (IOC for any NaN). */
export function fpCompareOp(fmt: FpFormat, op1: bigint, op2: bigint, op: CompareOp, ctx: FpContext): boolean {
  const a = unpack(fmt, op1, ctx);
  const b = unpack(fmt, op2, ctx);
  if (isNaNType(a.type) || isNaNType(b.type)) {
    if (op !== CompareOp.EQ || a.type === FpType.SNaN || b.type === FpType.SNaN) ctx.fpsr |= FPSR_IOC;
    return false;
  }
  const order = orderValues(a, b);
  return op === CompareOp.EQ ? order === 0 : op === CompareOp.GE ? order >= 0 : order > 0;
}

/** `FPMax` (`max`) or `FPMin`. A zero result has the sign that makes it the larger (smaller) zero. */
export function fpMaxMin(fmt: FpFormat, op1: bigint, op2: bigint, max: boolean, ctx: FpContext): bigint {
  const a = unpack(fmt, op1, ctx);
  const b = unpack(fmt, op2, ctx);
  const nan = processNaNs(fmt, a.type, b.type, op1, op2, ctx);
  if (nan !== null) return nan;
  const order = orderValues(a, b);
  const first = max ? order > 0 : order < 0;
  const pick = first ? a : b;
  if (pick.type === FpType.Infinity) return fpInfinity(fmt, pick.sign);
  if (pick.type === FpType.Zero) return fpZero(fmt, max ? a.sign & b.sign : a.sign | b.sign);
  // FPRound of an operand's own value gives back its encoding.
  return first ? op1 : op2;
}

/** `FPMaxNum` / `FPMinNum`: a single quiet NaN loses against a number (it reads as -inf / +inf). */
export function fpMaxMinNum(fmt: FpFormat, op1: bigint, op2: bigint, max: boolean, ctx: FpContext): bigint {
  const t1 = unpack(fmt, op1, ctx).type;
  const t2 = unpack(fmt, op2, ctx).type;
  let x = op1;
  let y = op2;
  if (t1 === FpType.QNaN && t2 !== FpType.QNaN) x = fpInfinity(fmt, max ? 1 : 0);
  else if (t1 !== FpType.QNaN && t2 === FpType.QNaN) y = fpInfinity(fmt, max ? 1 : 0);
  return fpMaxMin(fmt, x, y, max, ctx);
}
