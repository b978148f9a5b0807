/**
 * Lane-level entry points for the instruction handlers: single precision as u32 bit patterns,
 * double precision as (hi, lo) u32 word pairs with the result left in `ctx.hi`/`ctx.lo`.
 *
 * Add, subtract, multiply, divide and square root take a fast path when the JS double operation
 * provably gives the IEEE result (round to nearest, normal or zero operands, a normal or exact
 * zero result) and the flags can be decided exactly (IXC from the exact error term); everything
 * else goes through the general bigint routines, which follow the Arm ARM pseudocode.
 */
import { fpAbs, fpAdd, fpDiv, fpMul, fpMulAdd, fpNeg, fpSqrt, fpStepFused } from "./arith.js";
import { CompareOp, fpCompare, fpCompareOp, fpMaxMin, fpMaxMinNum } from "./compare.js";
import { fixedToFp, fpConvert, fpRoundInt, fpToFixed } from "./convert.js";
import { fpRecipEstimate, fpRecpX, fpRSqrtEstimate } from "./estimate.js";
import { F16, F32, F64, type FpFormat } from "./format.js";
import { FPCR_FZ, FPSR_IOC, FPSR_IXC, roundingOf, Rounding, type FpContext } from "./fpcr.js";

/** Two-operand operations. */
export const enum Bin {
  Add,
  Sub,
  Mul,
  Div,
  Max,
  Min,
  MaxNum,
  MinNum,
  MulX,
  NMul,
  RecipStep,
  RSqrtStep,
  Abd,
}

/** One-operand operations (FRINT* take the rounding separately). */
export const enum Un {
  Sqrt,
  Abs,
  Neg,
  RecipEst,
  RSqrtEst,
  RecpX,
}

/** Vector compares producing a mask; `Le`/`Lt` swap the operands of GE/GT. */
export const enum Cmp {
  EQ,
  GE,
  GT,
  AbsGE,
  AbsGT,
}

const RMODE_MASK = 3 << 22;
const MIN_NORMAL_32 = 2 ** -126;
const MIN_NORMAL_64 = 2 ** -1022;
const SPLIT = 134217729; // 2^27 + 1 (Veltkamp)

function big64(hi: number, lo: number): bigint {
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}

function setResult64(ctx: FpContext, r: bigint): void {
  ctx.hi = Number(r >> 32n);
  ctx.lo = Number(r & 0xffffffffn);
}

/** The exact error of the double product a*b whose rounded value is p (Dekker). */
function productError(a: number, b: number, p: number): number {
  const ta = a * SPLIT;
  const ah = ta - (ta - a);
  const al = a - ah;
  const tb = b * SPLIT;
  const bh = tb - (tb - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

// ------------------------------------------------------------------ single precision

/** True when the f32 pattern is a normal number or a zero (the fast paths' operands). */
function plain32(bits: number): boolean {
  const e = (bits >>> 23) & 0xff;
  return e !== 0 && e !== 0xff ? true : (bits & 0x7fffffff) === 0;
}

function fast32(op: Bin, a: number, b: number, ctx: FpContext): number {
  const f = ctx.f32;
  const u = ctx.u32;
  u[0] = a;
  const x = f[0]!;
  u[0] = b;
  const y = f[0]!;
  let r: number;
  let inexact: boolean;
  switch (op) {
    case Bin.Add:
    case Bin.Sub: {
      const yy = op === Bin.Sub ? -y : y;
      const s = x + yy;
      const bb = s - x;
      const err = x - (s - bb) + (yy - bb);
      r = Math.fround(s);
      inexact = err !== 0 || r !== s;
      break;
    }
    case Bin.Mul: {
      const p = x * y;
      if (p !== 0 && Math.abs(p) < MIN_NORMAL_32) return -1;
      r = Math.fround(p);
      inexact = r !== p;
      break;
    }
    default: {
      // Div
      if (y === 0) return -1;
      const q = x / y;
      if (q !== 0 && Math.abs(q) < MIN_NORMAL_32) return -1;
      r = Math.fround(q);
      inexact = r * y !== x;
    }
  }
  if (!Number.isFinite(r) || (r !== 0 && Math.abs(r) < MIN_NORMAL_32)) return -1;
  if (inexact) ctx.fpsr |= FPSR_IXC;
  f[0] = r;
  return u[0];
}

function slow32(op: Bin, a: number, b: number, ctx: FpContext): number {
  const x = BigInt(a >>> 0);
  const y = BigInt(b >>> 0);
  let r: bigint;
  switch (op) {
    case Bin.Add: r = fpAdd(F32, x, y, ctx); break;
    case Bin.Sub: r = fpAdd(F32, x, y, ctx, true); break;
    case Bin.Mul: r = fpMul(F32, x, y, ctx); break;
    case Bin.Div: r = fpDiv(F32, x, y, ctx); break;
    case Bin.Max: r = fpMaxMin(F32, x, y, true, ctx); break;
    case Bin.Min: r = fpMaxMin(F32, x, y, false, ctx); break;
    case Bin.MaxNum: r = fpMaxMinNum(F32, x, y, true, ctx); break;
    case Bin.MinNum: r = fpMaxMinNum(F32, x, y, false, ctx); break;
    case Bin.MulX: r = fpMul(F32, x, y, ctx, true); break;
    case Bin.NMul: r = fpNeg(F32, fpMul(F32, x, y, ctx)); break;
    case Bin.RecipStep: r = fpStepFused(F32, x, y, ctx, false); break;
    case Bin.RSqrtStep: r = fpStepFused(F32, x, y, ctx, true); break;
    default: r = fpAbs(F32, fpAdd(F32, x, y, ctx, true));
  }
  return Number(r);
}

/** A two-operand operation on single-precision bit patterns. */
export function binary32(op: Bin, a: number, b: number, ctx: FpContext): number {
  if (op <= Bin.Div && (ctx.fpcr & (3 << 22)) === 0 && plain32(a) && plain32(b)) {
    const r = fast32(op, a, b, ctx);
    if (r !== -1) return r >>> 0;
  }
  return slow32(op, a, b, ctx);
}

/** FMADD-style fused a + n*m (negations applied by the caller on the bit patterns). */
export function mulAdd32(addend: number, n: number, m: number, ctx: FpContext): number {
  if ((ctx.fpcr & RMODE_MASK) === 0 && plain32(addend) && plain32(n) && plain32(m)) {
    const f = ctx.f32;
    const u = ctx.u32;
    u[0] = addend;
    const c = f[0]!;
    u[0] = n;
    const x = f[0]!;
    u[0] = m;
    const y = f[0]!;
    // The product of two singles is exact in a double; TwoSum gives the sum's exact error.
    const p = x * y;
    const sum = p + c;
    const bb = sum - p;
    const err = p - (sum - bb) + (c - bb);
    const r = Math.fround(sum);
    // A nonzero error only matters when the double sum sits on a single-precision tie: then the
    // sum nudged towards the error rounds differently, and the general path decides.
    const ok = err === 0 || Math.fround(sum + (err > 0 ? 1 : -1) * Math.abs(sum) * 2 ** -52) === r;
    if (ok && Number.isFinite(r) && (sum === 0 || Math.abs(sum) >= 2 * MIN_NORMAL_32)) {
      if (err !== 0 || r !== sum) ctx.fpsr |= FPSR_IXC;
      f[0] = r;
      return u[0];
    }
  }
  return Number(fpMulAdd(F32, BigInt(addend >>> 0), BigInt(n >>> 0), BigInt(m >>> 0), ctx));
}

export function unary32(op: Un, a: number, ctx: FpContext): number {
  const x = BigInt(a >>> 0);
  switch (op) {
    case Un.Sqrt: {
      if ((ctx.fpcr & (3 << 22)) === 0 && a > 0 && a < 0x7f800000 && a >= 0x00800000) {
        const f = ctx.f32;
        ctx.u32[0] = a;
        const v = f[0]!;
        const r = Math.fround(Math.sqrt(v));
        if (r * r !== v) ctx.fpsr |= FPSR_IXC;
        f[0] = r;
        return ctx.u32[0];
      }
      return Number(fpSqrt(F32, x, ctx));
    }
    case Un.Abs: return (a & 0x7fffffff) >>> 0;
    case Un.Neg: return (a ^ 0x80000000) >>> 0;
    case Un.RecipEst: return Number(fpRecipEstimate(F32, x, ctx));
    case Un.RSqrtEst: return Number(fpRSqrtEstimate(F32, x, ctx));
    default: return Number(fpRecpX(F32, x, ctx));
  }
}

/** FRINT* on a single: `exact` for FRINTX. */
export function roundInt32(a: number, rounding: Rounding, exact: boolean, ctx: FpContext): number {
  if (plain32(a)) {
    const f = ctx.f32;
    ctx.u32[0] = a;
    const x = f[0]!;
    if (Math.abs(x) >= 2 ** 23) return a;
    const r = roundNumber(x, rounding);
    if (exact && r !== x) ctx.fpsr |= FPSR_IXC;
    f[0] = r;
    return ctx.u32[0];
  }
  return Number(fpRoundInt(F32, BigInt(a >>> 0), rounding, exact, ctx));
}

/**
 * `FPRoundInt` of a finite double below 2^52 in magnitude (so that x - floor(x) is exact); a zero
 * result keeps the operand's sign.
 */
function roundNumber(x: number, rounding: Rounding): number {
  let r: number;
  switch (rounding) {
    case Rounding.TieEven: {
      r = Math.floor(x);
      const diff = x - r;
      if (diff > 0.5 || (diff === 0.5 && r % 2 !== 0)) r += 1;
      break;
    }
    case Rounding.TieAway: {
      const a = Math.abs(x);
      let t = Math.floor(a);
      if (a - t >= 0.5) t += 1;
      r = x < 0 ? -t : t;
      break;
    }
    case Rounding.PosInf: r = Math.ceil(x); break;
    case Rounding.NegInf: r = Math.floor(x); break;
    default: r = Math.trunc(x);
  }
  return r === 0 ? (x < 0 || Object.is(x, -0) ? -0 : 0) : r;
}

/** FCMP/FCMPE: the NZCV nibble. */
export function compare32(a: number, b: number, signal: boolean, ctx: FpContext): number {
  if (plain32(a) && plain32(b)) {
    const f = ctx.f32;
    ctx.u32[0] = a;
    const x = f[0]!;
    ctx.u32[0] = b;
    return orderNzcv(x, f[0]!);
  }
  return fpCompare(F32, BigInt(a >>> 0), BigInt(b >>> 0), signal, ctx);
}

/** NZCV of comparing two non-NaN numbers. */
function orderNzcv(x: number, y: number): number {
  return x === y ? 0b0110 : x < y ? 0b1000 : 0b0010;
}

function numberCompare(op: Cmp, x: number, y: number): boolean {
  switch (op) {
    case Cmp.EQ: return x === y;
    case Cmp.GE: return x >= y;
    case Cmp.GT: return x > y;
    case Cmp.AbsGE: return Math.abs(x) >= Math.abs(y);
    default: return Math.abs(x) > Math.abs(y);
  }
}

/** FCMEQ/FCMGE/FCMGT/FACGE/FACGT: true or false. */
export function compareOp32(op: Cmp, a: number, b: number, ctx: FpContext): boolean {
  if (plain32(a) && plain32(b)) {
    const f = ctx.f32;
    ctx.u32[0] = a;
    const x = f[0]!;
    ctx.u32[0] = b;
    return numberCompare(op, x, f[0]!);
  }
  return compareOpAny(F32, op, BigInt(a >>> 0), BigInt(b >>> 0), ctx);
}

function compareOpAny(fmt: FpFormat, op: Cmp, x: bigint, y: bigint, ctx: FpContext): boolean {
  switch (op) {
    case Cmp.EQ: return fpCompareOp(fmt, x, y, CompareOp.EQ, ctx);
    case Cmp.GE: return fpCompareOp(fmt, x, y, CompareOp.GE, ctx);
    case Cmp.GT: return fpCompareOp(fmt, x, y, CompareOp.GT, ctx);
    case Cmp.AbsGE: return fpCompareOp(fmt, fpAbs(fmt, x), fpAbs(fmt, y), CompareOp.GE, ctx);
    default: return fpCompareOp(fmt, fpAbs(fmt, x), fpAbs(fmt, y), CompareOp.GT, ctx);
  }
}

// ------------------------------------------------------------------ double precision

function plain64(hi: number, lo: number): boolean {
  const e = (hi >>> 20) & 0x7ff;
  return e !== 0 && e !== 0x7ff ? true : (hi & 0x7fffffff) === 0 && lo === 0;
}

/** Exponent field within ±450 of the bias: Dekker's error terms neither overflow nor underflow. */
function moderate64(hi: number): boolean {
  const e = (hi >>> 20) & 0x7ff;
  return e > 1023 - 450 && e < 1023 + 450;
}

function fast64(op: Bin, ahi: number, alo: number, bhi: number, blo: number, ctx: FpContext): boolean {
  const f = ctx.f64;
  const u = ctx.u32;
  u[0] = alo;
  u[1] = ahi;
  const x = f[0]!;
  u[0] = blo;
  u[1] = bhi;
  const y = f[0]!;
  let r: number;
  let inexact: boolean;
  switch (op) {
    case Bin.Add:
    case Bin.Sub: {
      const yy = op === Bin.Sub ? -y : y;
      r = x + yy;
      const bb = r - x;
      inexact = x - (r - bb) + (yy - bb) !== 0;
      break;
    }
    case Bin.Mul: {
      r = x * y;
      if (x === 0 || y === 0) inexact = false;
      else if (moderate64(ahi) && moderate64(bhi)) inexact = productError(x, y, r) !== 0;
      else return false;
      break;
    }
    default: {
      if (y === 0 || !moderate64(bhi)) return false;
      r = x / y;
      if (x === 0) inexact = false;
      else {
        if (!moderate64(ahi)) return false;
        const p = r * y;
        inexact = p !== x || productError(r, y, p) !== 0;
      }
    }
  }
  if (!Number.isFinite(r) || (r !== 0 && Math.abs(r) < MIN_NORMAL_64)) return false;
  if (inexact) ctx.fpsr |= FPSR_IXC;
  f[0] = r;
  ctx.lo = u[0]!;
  ctx.hi = u[1]!;
  return true;
}

function slow64(op: Bin, x: bigint, y: bigint, ctx: FpContext): bigint {
  switch (op) {
    case Bin.Add: return fpAdd(F64, x, y, ctx);
    case Bin.Sub: return fpAdd(F64, x, y, ctx, true);
    case Bin.Mul: return fpMul(F64, x, y, ctx);
    case Bin.Div: return fpDiv(F64, x, y, ctx);
    case Bin.Max: return fpMaxMin(F64, x, y, true, ctx);
    case Bin.Min: return fpMaxMin(F64, x, y, false, ctx);
    case Bin.MaxNum: return fpMaxMinNum(F64, x, y, true, ctx);
    case Bin.MinNum: return fpMaxMinNum(F64, x, y, false, ctx);
    case Bin.MulX: return fpMul(F64, x, y, ctx, true);
    case Bin.NMul: return fpNeg(F64, fpMul(F64, x, y, ctx));
    case Bin.RecipStep: return fpStepFused(F64, x, y, ctx, false);
    case Bin.RSqrtStep: return fpStepFused(F64, x, y, ctx, true);
    default: return fpAbs(F64, fpAdd(F64, x, y, ctx, true));
  }
}

/** A two-operand operation on doubles given as word pairs; the result is in ctx.hi/ctx.lo. */
export function binary64(op: Bin, ahi: number, alo: number, bhi: number, blo: number, ctx: FpContext): void {
  if (op <= Bin.Div && (ctx.fpcr & (3 << 22)) === 0 && plain64(ahi, alo) && plain64(bhi, blo)) {
    if (fast64(op, ahi, alo, bhi, blo, ctx)) return;
  }
  setResult64(ctx, slow64(op, big64(ahi, alo), big64(bhi, blo), ctx));
}

/** Fused addend + n*m on doubles; result in ctx.hi/ctx.lo. */
export function mulAdd64(ahi: number, alo: number, nhi: number, nlo: number, mhi: number, mlo: number, ctx: FpContext): void {
  if ((ctx.fpcr & RMODE_MASK) === 0 && plain64(ahi, alo) && plain64(nhi, nlo) && plain64(mhi, mlo) && fastMulAdd64(ahi, alo, nhi, nlo, mhi, mlo, ctx)) {
    return;
  }
  setResult64(ctx, fpMulAdd(F64, big64(ahi, alo), big64(nhi, nlo), big64(mhi, mlo), ctx));
}

/**
 * c + x*y correctly rounded to nearest with doubles only (Boldo and Melquiond, "Emulation of FMA
 * and correctly rounded sums: proved algorithms using rounding to odd"): the exact product as
 * ph + pl (Dekker), TwoSum(c, ph) = th + tl, v = tl + pl rounded to odd, result th + v rounded to
 * nearest. Operands of moderate magnitude only (no underflow in the error terms); false when the
 * general path must decide.
 */
function fastMulAdd64(ahi: number, alo: number, nhi: number, nlo: number, mhi: number, mlo: number, ctx: FpContext): boolean {
  const f = ctx.f64;
  const u = ctx.u32;
  u[0] = alo;
  u[1] = ahi;
  const c = f[0]!;
  u[0] = nlo;
  u[1] = nhi;
  const x = f[0]!;
  u[0] = mlo;
  u[1] = mhi;
  const y = f[0]!;
  let r: number;
  let inexact: boolean;
  if (x === 0 || y === 0) {
    r = x * y + c; // exact: the product is a signed zero
    inexact = false;
  } else {
    if (!moderate64(nhi) || !moderate64(mhi) || (c !== 0 && !moderate64(ahi))) return false;
    const ph = x * y;
    const pl = productError(x, y, ph);
    const th = c + ph;
    const tb = th - c;
    const tl = c - (th - tb) + (ph - tb);
    let v = tl + pl;
    const vb = v - tl;
    const ve = tl - (v - vb) + (pl - vb);
    if (ve !== 0) {
      // Round to odd: an even v moves one place towards the exact value.
      f[0] = v;
      if ((u[0] & 1) === 0) {
        const up = ve > 0 === v > 0;
        if (up) u[0] = u[0] | 1;
        else if (u[0] === 0) {
          u[0] = 0xffffffff;
          u[1] = u[1] - 1;
        } else u[0] = u[0] - 1;
        v = f[0]!;
      }
    }
    r = th + v;
    const rb = r - th;
    inexact = ve !== 0 || th - (r - rb) + (v - rb) !== 0;
  }
  if (!Number.isFinite(r) || (r !== 0 && Math.abs(r) < 2 * MIN_NORMAL_64)) return false;
  if (inexact) ctx.fpsr |= FPSR_IXC;
  f[0] = r;
  ctx.lo = u[0]!;
  ctx.hi = u[1]!;
  return true;
}

export function unary64(op: Un, hi: number, lo: number, ctx: FpContext): void {
  const x = big64(hi, lo);
  switch (op) {
    case Un.Sqrt: {
      const e = (hi >>> 20) & 0x7ff;
      if ((ctx.fpcr & (3 << 22)) === 0 && e > 1023 - 900 && e < 1023 + 900 && hi >>> 31 === 0) {
        const f = ctx.f64;
        const u = ctx.u32;
        u[0] = lo;
        u[1] = hi;
        const v = f[0]!;
        const r = Math.sqrt(v);
        const p = r * r;
        if (p !== v || productError(r, r, p) !== 0) ctx.fpsr |= FPSR_IXC;
        f[0] = r;
        ctx.lo = u[0]!;
        ctx.hi = u[1]!;
        return;
      }
      setResult64(ctx, fpSqrt(F64, x, ctx));
      return;
    }
    case Un.Abs: ctx.hi = (hi & 0x7fffffff) >>> 0; ctx.lo = lo; return;
    case Un.Neg: ctx.hi = (hi ^ 0x80000000) >>> 0; ctx.lo = lo; return;
    case Un.RecipEst: setResult64(ctx, fpRecipEstimate(F64, x, ctx)); return;
    case Un.RSqrtEst: setResult64(ctx, fpRSqrtEstimate(F64, x, ctx)); return;
    default: setResult64(ctx, fpRecpX(F64, x, ctx));
  }
}

export function roundInt64(hi: number, lo: number, rounding: Rounding, exact: boolean, ctx: FpContext): void {
  if (plain64(hi, lo)) {
    const x = toNumber64(hi, lo, ctx);
    if (Math.abs(x) >= 2 ** 52) {
      ctx.hi = hi;
      ctx.lo = lo;
      return;
    }
    const r = roundNumber(x, rounding);
    if (exact && r !== x) ctx.fpsr |= FPSR_IXC;
    fromNumber64(r, ctx);
    return;
  }
  setResult64(ctx, fpRoundInt(F64, big64(hi, lo), rounding, exact, ctx));
}

/** The double with bits (hi, lo). */
function toNumber64(hi: number, lo: number, ctx: FpContext): number {
  const u = ctx.u32;
  u[0] = lo;
  u[1] = hi;
  return ctx.f64[0]!;
}

/** Leaves the bits of a double (not a NaN) in ctx.hi/ctx.lo. */
function fromNumber64(v: number, ctx: FpContext): void {
  ctx.f64[0] = v;
  ctx.lo = ctx.u32[0]!;
  ctx.hi = ctx.u32[1]!;
}

export function compare64(ahi: number, alo: number, bhi: number, blo: number, signal: boolean, ctx: FpContext): number {
  if (plain64(ahi, alo) && plain64(bhi, blo)) {
    const x = toNumber64(ahi, alo, ctx);
    return orderNzcv(x, toNumber64(bhi, blo, ctx));
  }
  return fpCompare(F64, big64(ahi, alo), big64(bhi, blo), signal, ctx);
}

export function compareOp64(op: Cmp, ahi: number, alo: number, bhi: number, blo: number, ctx: FpContext): boolean {
  if (plain64(ahi, alo) && plain64(bhi, blo)) {
    const x = toNumber64(ahi, alo, ctx);
    return numberCompare(op, x, toNumber64(bhi, blo, ctx));
  }
  return compareOpAny(F64, op, big64(ahi, alo), big64(bhi, blo), ctx);
}

// ------------------------------------------------------------------ conversions

/** Format by the A64 `type`/`size` code: 1 half, 2 single, 3 double (log2 of the byte size). */
export function formatOfSize(sizeLog2: number): FpFormat {
  return sizeLog2 === 1 ? F16 : sizeLog2 === 2 ? F32 : F64;
}

/**
 * FCVT between precisions (sizes log2 1/2/3), and FCVTXN with `Rounding.Odd`. The operand and
 * result are word pairs (hi is 0 for halves and singles); the result is in ctx.hi/ctx.lo.
 */
export function convertPrecision(fromSize: number, toSize: number, hi: number, lo: number, rounding: Rounding, ctx: FpContext): void {
  if (fromSize === 2 && toSize === 3 && plain32(lo)) {
    ctx.u32[0] = lo;
    fromNumber64(ctx.f32[0]!, ctx);
    return;
  }
  if (fromSize === 3 && toSize === 2 && plain64(hi, lo)) {
    const x = toNumber64(hi, lo, ctx);
    const r = Math.fround(x);
    if ((r === x || rounding === Rounding.TieEven) && Number.isFinite(r) && (r === 0 ? x === 0 : Math.abs(x) >= 2 * MIN_NORMAL_32)) {
      if (r !== x) ctx.fpsr |= FPSR_IXC;
      ctx.f32[0] = r;
      ctx.lo = ctx.u32[0]!;
      ctx.hi = 0;
      return;
    }
  }
  setResult64(ctx, fpConvert(formatOfSize(fromSize), formatOfSize(toSize), big64(hi, lo), ctx, rounding));
}

/**
 * FCVT[NPMZA][SU] and fixed-point FCVTZS/FCVTZU: FP of size log2 `size` (2 or 3) to an M-bit
 * integer with `fbits` fraction bits; the result's words are in ctx.hi/ctx.lo.
 */
export function toFixed(size: number, hi: number, lo: number, fbits: number, unsigned: boolean, M: 32 | 64, rounding: Rounding, ctx: FpContext): void {
  if (size === 2 ? plain32(lo) : size === 3 && plain64(hi, lo)) {
    let x: number;
    if (size === 2) {
      ctx.u32[0] = lo;
      x = ctx.f32[0]!;
    } else x = toNumber64(hi, lo, ctx);
    const v = x * 2 ** fbits;
    if (Math.abs(v) < 2 ** 52) {
      const t = roundNumber(v, rounding);
      const max = unsigned ? (M === 32 ? 0xffffffff : 2 ** 64) : M === 32 ? 0x7fffffff : 2 ** 63;
      const min = unsigned ? 0 : M === 32 ? -0x80000000 : -(2 ** 63);
      if (t > max || t < min) {
        ctx.fpsr |= FPSR_IOC;
        const sat = t > max ? max : min;
        ctx.lo = sat >>> 0;
        ctx.hi = M === 32 ? 0 : Math.floor(sat / 2 ** 32) >>> 0;
        return;
      }
      if (t !== v) ctx.fpsr |= FPSR_IXC;
      ctx.lo = t >>> 0;
      ctx.hi = M === 32 ? 0 : Math.floor(t / 2 ** 32) >>> 0;
      return;
    }
  }
  setResult64(ctx, fpToFixed(formatOfSize(size), big64(hi, lo), fbits, unsigned, M, rounding, ctx));
}

/** SCVTF/UCVTF from an M-bit integer (words hi, lo) with `fbits` fraction bits; result in ctx.hi/ctx.lo. */
export function fromFixed(size: number, hi: number, lo: number, M: 32 | 64, fbits: number, unsigned: boolean, rounding: Rounding, ctx: FpContext): void {
  // Integers below 2^53 in magnitude are exact doubles, and so are their scalings by 2^-fbits.
  let v = M === 32 ? (unsigned ? lo >>> 0 : lo | 0) : unsigned ? (hi >>> 0) * 2 ** 32 + (lo >>> 0) : (hi | 0) * 2 ** 32 + (lo >>> 0);
  if (size !== 1 && Math.abs(v) < 2 ** 53) {
    v *= 2 ** -fbits;
    if (size === 3) {
      fromNumber64(v, ctx);
      return;
    }
    const r = Math.fround(v);
    if (r === v || rounding === Rounding.TieEven) {
      if (r !== v) ctx.fpsr |= FPSR_IXC;
      ctx.f32[0] = r;
      ctx.lo = ctx.u32[0]!;
      ctx.hi = 0;
      return;
    }
  }
  setResult64(ctx, fixedToFp(formatOfSize(size), big64(hi, lo), M, fbits, unsigned, rounding, ctx));
}

/** `FPRoundingMode` of the context, for the FPCR-rounded conversions. */
export function currentRounding(ctx: FpContext): Rounding {
  return roundingOf(ctx.fpcr);
}

/** Whether FPCR.FZ is set (exported for handlers that special-case denormals). */
export function flushToZero(ctx: FpContext): boolean {
  return (ctx.fpcr & FPCR_FZ) !== 0;
}
