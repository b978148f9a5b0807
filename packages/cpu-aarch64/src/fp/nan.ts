import { FPCR_DN, FPSR_IOC, type FpContext } from "./fpcr.js";
import { fpDefaultNaN, type FpFormat } from "./format.js";
import { FpType } from "./unpack.js";

/** `FPProcessNaN`: quiets a signalling NaN (raising IOC); FPCR.DN replaces the result by the default NaN. */
export function processNaN(fmt: FpFormat, type: FpType, bits: bigint, ctx: FpContext): bigint {
  let result = bits;
  if (type === FpType.SNaN) {
    result |= fmt.quietBit;
    ctx.fpsr |= FPSR_IOC;
  }
  return (ctx.fpcr & FPCR_DN) !== 0 ? fpDefaultNaN(fmt) : result;
}

/**
 * `FPProcessNaNs`: the first signalling NaN in operand order wins, then the first quiet one.
 * Returns null when neither operand is a NaN.
 */
export function processNaNs(
  fmt: FpFormat,
  type1: FpType,
  type2: FpType,
  op1: bigint,
  op2: bigint,
  ctx: FpContext,
): bigint | null {
  if (type1 === FpType.SNaN) return processNaN(fmt, type1, op1, ctx);
  if (type2 === FpType.SNaN) return processNaN(fmt, type2, op2, ctx);
  if (type1 === FpType.QNaN) return processNaN(fmt, type1, op1, ctx);
  if (type2 === FpType.QNaN) return processNaN(fmt, type2, op2, ctx);
  return null;
}

/** `FPProcessNaNs3`: as `processNaNs` over three operands. */
export function processNaNs3(
  fmt: FpFormat,
  type1: FpType,
  type2: FpType,
  type3: FpType,
  op1: bigint,
  op2: bigint,
  op3: bigint,
  ctx: FpContext,
): bigint | null {
  if (type1 === FpType.SNaN) return processNaN(fmt, type1, op1, ctx);
  if (type2 === FpType.SNaN) return processNaN(fmt, type2, op2, ctx);
  if (type3 === FpType.SNaN) return processNaN(fmt, type3, op3, ctx);
  if (type1 === FpType.QNaN) return processNaN(fmt, type1, op1, ctx);
  if (type2 === FpType.QNaN) return processNaN(fmt, type2, op2, ctx);
  if (type3 === FpType.QNaN) return processNaN(fmt, type3, op3, ctx);
  return null;
}
