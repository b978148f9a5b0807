/**
 * AdvSIMD floating point, vector and scalar: three same (arithmetic, fused multiply-add, compares,
 * pairwise), two-register misc (FRINT*, conversions, estimates, compares with zero, FCVTN/FCVTL/
 * FCVTXN), by element, across lanes, scalar pairwise, fixed-point conversions by immediate and
 * FMOV (vector, immediate). Elements are computed into the scratch register VT0 and then copied
 * to Vd, so a destination that is also a source reads its old value, and the bits above a 64-bit
 * vector or a scalar are zeroed.
 */
import type { FpContext } from "../../../fp/fpcr.js";
import { Rounding } from "../../../fp/fpcr.js";
import { unsignedRecipEstimate, unsignedRSqrtEstimate } from "../../../fp/estimate.js";
import {
  Bin,
  binary32,
  binary64,
  Cmp,
  compareOp32,
  compareOp64,
  convertPrecision,
  currentRounding,
  fromFixed,
  mulAdd32,
  mulAdd64,
  roundInt32,
  roundInt64,
  toFixed,
  unary32,
  unary64,
} from "../../../fp/lanes.js";
import { NEXT, VT0 } from "../../layout.js";
import type { CoreState } from "../../state.js";
import type { Handler } from "../handler.js";
import { beginFp, endFp } from "./context.js";
import { elementIndex, K, M, miscEntryOf, narrowWidenValid, pairOp, threeSameEntry } from "./encodings.js";
import { expandFpImm } from "./scalar.js";

const T = 4 * VT0; // word index of the scratch register

/** Word index of element e of V[r] for single (sz 0) or double (sz 1) elements. */
function wi(r: number, e: number, sz: number): number {
  return 4 * r + (sz === 0 ? e : 2 * e);
}

/** Copies the computed `bytes` (4, 8 or 16) of VT0 into V[d], zeroing the rest. */
function commit(s: CoreState, d: number, bytes: number): void {
  const u = s.vu32;
  const w = 4 * d;
  u[w] = u[T]!;
  u[w + 1] = bytes > 4 ? u[T + 1]! : 0;
  u[w + 2] = bytes > 8 ? u[T + 2]! : 0;
  u[w + 3] = bytes > 8 ? u[T + 3]! : 0;
}

function binaryAt(u: Uint32Array, ctx: FpContext, op: Bin, sz: number, dw: number, nw: number, mw: number): void {
  if (sz === 0) u[dw] = binary32(op, u[nw]!, u[mw]!, ctx);
  else {
    binary64(op, u[nw + 1]!, u[nw]!, u[mw + 1]!, u[mw]!, ctx);
    u[dw] = ctx.lo;
    u[dw + 1] = ctx.hi;
  }
}

/** d = a + (negate ? -n : n) * m, fused. */
function mulAddAt(u: Uint32Array, ctx: FpContext, negate: boolean, sz: number, dw: number, aw: number, nw: number, mw: number): void {
  const flip = negate ? 0x80000000 : 0;
  if (sz === 0) u[dw] = mulAdd32(u[aw]!, (u[nw]! ^ flip) >>> 0, u[mw]!, ctx);
  else {
    mulAdd64(u[aw + 1]!, u[aw]!, (u[nw + 1]! ^ flip) >>> 0, u[nw]!, u[mw + 1]!, u[mw]!, ctx);
    u[dw] = ctx.lo;
    u[dw + 1] = ctx.hi;
  }
}

function compareAt(u: Uint32Array, ctx: FpContext, op: Cmp, sz: number, dw: number, nw: number, mw: number): void {
  if (sz === 0) u[dw] = compareOp32(op, u[nw]!, u[mw]!, ctx) ? 0xffffffff : 0;
  else {
    const r = compareOp64(op, u[nw + 1]!, u[nw]!, u[mw + 1]!, u[mw]!, ctx) ? 0xffffffff : 0;
    u[dw] = r;
    u[dw + 1] = r;
  }
}

// ------------------------------------------------------------------ three same

function threeSame(scalar: boolean): Handler {
  return (s, insn) => {
    const entry = threeSameEntry(insn, scalar);
    if (entry === undefined) return s.undefinedInstruction(insn);
    const fp = s.checkFp();
    if (fp !== NEXT) return fp;
    const sz = (insn >>> 22) & 1;
    const rm = (insn >>> 16) & 31;
    const rn = (insn >>> 5) & 31;
    const rd = insn & 31;
    const bytes = scalar ? 4 << sz : (insn & (1 << 30)) !== 0 ? 16 : 8;
    const count = bytes >>> (2 + sz);
    const u = s.vu32;
    const ctx = beginFp(s);
    const [kind, op] = entry;
    for (let e = 0; e < count; e++) {
      const dw = wi(VT0, e, sz);
      switch (kind) {
        case K.Bin:
          binaryAt(u, ctx, op, sz, dw, wi(rn, e, sz), wi(rm, e, sz));
          break;
        case K.MulAdd:
          mulAddAt(u, ctx, op === 1, sz, dw, wi(rd, e, sz), wi(rn, e, sz), wi(rm, e, sz));
          break;
        case K.Cmp:
          compareAt(u, ctx, op, sz, dw, wi(rn, e, sz), wi(rm, e, sz));
          break;
        default: {
          // Pairwise over the concatenation Vm:Vn (Vn's pairs first).
          const half = count >>> 1;
          const src = e < half ? rn : rm;
          const pe = 2 * (e < half ? e : e - half);
          binaryAt(u, ctx, op, sz, dw, wi(src, pe, sz), wi(src, pe + 1, sz));
        }
      }
    }
    commit(s, rd, bytes);
    endFp(s, ctx);
    return NEXT;
  };
}

// ------------------------------------------------------------------ two-register misc

const ZERO_CMP = [Cmp.GT, Cmp.EQ, Cmp.GT, Cmp.GE, Cmp.GE];

function miscElement(u: Uint32Array, ctx: FpContext, kind: M, op: number, unsigned: boolean, sz: number, dw: number, nw: number): void {
  const lo = u[nw]!;
  const hi = sz === 1 ? u[nw + 1]! : 0;
  switch (kind) {
    case M.RoundInt: {
      const rounding = op < 0 ? currentRounding(ctx) : (op as Rounding);
      if (sz === 0) u[dw] = roundInt32(lo, rounding, op === -2, ctx);
      else roundInt64(hi, lo, rounding, op === -2, ctx);
      break;
    }
    case M.ToInt:
      toFixed(sz + 2, hi, lo, 0, unsigned, sz === 0 ? 32 : 64, op, ctx);
      if (sz === 0) u[dw] = ctx.lo;
      break;
    case M.FromInt:
      fromFixed(sz + 2, hi, lo, sz === 0 ? 32 : 64, 0, unsigned, currentRounding(ctx), ctx);
      if (sz === 0) u[dw] = ctx.lo;
      break;
    case M.CmpZero: {
      // LT and LE compare zero against the element.
      const swap = op === 2 || op === 4;
      const c = ZERO_CMP[op]!;
      let r: boolean;
      if (sz === 0) r = swap ? compareOp32(c, 0, lo, ctx) : compareOp32(c, lo, 0, ctx);
      else r = swap ? compareOp64(c, 0, 0, hi, lo, ctx) : compareOp64(c, hi, lo, 0, 0, ctx);
      ctx.lo = r ? 0xffffffff : 0;
      ctx.hi = ctx.lo;
      if (sz === 0) u[dw] = ctx.lo;
      break;
    }
    case M.Unary:
      if (sz === 0) u[dw] = unary32(op, lo, ctx);
      else unary64(op, hi, lo, ctx);
      break;
    case M.URecpe:
      u[dw] = unsignedRecipEstimate(lo);
      break;
    default:
      u[dw] = unsignedRSqrtEstimate(lo);
  }
  if (sz === 1) {
    u[dw] = ctx.lo;
    u[dw + 1] = ctx.hi;
  }
}

function misc(scalar: boolean): Handler {
  return (s, insn) => {
    const entry = miscEntryOf(insn, scalar);
    if (entry === undefined) return s.undefinedInstruction(insn);
    const fp = s.checkFp();
    if (fp !== NEXT) return fp;
    const sz = (insn >>> 22) & 1;
    const rn = (insn >>> 5) & 31;
    const rd = insn & 31;
    const bytes = scalar ? 4 << sz : (insn & (1 << 30)) !== 0 ? 16 : 8;
    const count = bytes >>> (2 + sz);
    const unsigned = (insn & (1 << 29)) !== 0;
    const u = s.vu32;
    const ctx = beginFp(s);
    for (let e = 0; e < count; e++) miscElement(u, ctx, entry[0], entry[1], unsigned, sz, wi(VT0, e, sz), wi(rn, e, sz));
    commit(s, rd, bytes);
    endFp(s, ctx);
    return NEXT;
  };
}

function narrowWiden(scalar: boolean): Handler {
  return (s, insn) => {
    if (!narrowWidenValid(insn, scalar)) return s.undefinedInstruction(insn);
    const fp = s.checkFp();
    if (fp !== NEXT) return fp;
    const u = s.vu32;
    const sz = (insn >>> 22) & 1;
    const q = (insn >>> 30) & 1;
    const rn = (insn >>> 5) & 31;
    const rd = insn & 31;
    const odd = (insn & (1 << 29)) !== 0;
    const ctx = beginFp(s);
    if ((insn & (1 << 12)) !== 0) {
      // FCVTL: widen the lower (Q 0) or upper (Q 1) half of Vn: 4 halves -> singles, 2 singles -> doubles.
      const count = sz === 0 ? 4 : 2;
      for (let e = 0; e < count; e++) {
        if (sz === 0) {
          const w = u[4 * rn + 2 * q + (e >>> 1)]!;
          convertPrecision(1, 2, 0, (e & 1) === 0 ? w & 0xffff : w >>> 16, currentRounding(ctx), ctx);
          u[T + e] = ctx.lo;
        } else {
          convertPrecision(2, 3, 0, u[4 * rn + 2 * q + e]!, currentRounding(ctx), ctx);
          u[T + 2 * e] = ctx.lo;
          u[T + 2 * e + 1] = ctx.hi;
        }
      }
      commit(s, rd, 16);
    } else {
      // FCVTN/FCVTXN: narrow Vn's elements into the lower (Q 0, upper half zeroed) or upper (Q 1) half of Vd.
      const rounding = odd ? Rounding.Odd : currentRounding(ctx);
      const count = sz === 0 ? 4 : 2;
      // The narrowed elements go to VT0's low 64 bits first: Vd may be Vn.
      for (let e = 0; e < count; e++) {
        if (sz === 0) {
          convertPrecision(2, 1, 0, u[4 * rn + e]!, rounding, ctx);
          const w = T + (e >>> 1);
          u[w] = (e & 1) === 0 ? ctx.lo : (u[w]! | (ctx.lo << 16)) >>> 0;
        } else {
          convertPrecision(3, 2, u[4 * rn + 2 * e + 1]!, u[4 * rn + 2 * e]!, rounding, ctx);
          u[T + e] = ctx.lo;
        }
      }
      if (scalar) {
        commit(s, rd, 4);
      } else if (q === 0) {
        commit(s, rd, 8);
      } else {
        u[4 * rd + 2] = u[T]!;
        u[4 * rd + 3] = u[T + 1]!;
      }
    }
    endFp(s, ctx);
    return NEXT;
  };
}

// ------------------------------------------------------------------ by element

function byElement(scalar: boolean, fused: boolean): Handler {
  return (s, insn) => {
    const index = elementIndex(insn);
    const sz = (insn >>> 22) & 1;
    const q = (insn >>> 30) & 1;
    if (index < 0 || (!scalar && sz === 1 && q === 0)) return s.undefinedInstruction(insn);
    const fp = s.checkFp();
    if (fp !== NEXT) return fp;
    const rm = (insn >>> 16) & 31; // M:Rm
    const rn = (insn >>> 5) & 31;
    const rd = insn & 31;
    const bytes = scalar ? 4 << sz : q === 1 ? 16 : 8;
    const count = bytes >>> (2 + sz);
    const u = s.vu32;
    // The element is read once into the scratch register VT1, before Vd may be overwritten.
    const mw = 4 * (VT0 + 1);
    const src = wi(rm, index, sz);
    u[mw] = u[src]!;
    u[mw + 1] = sz === 1 ? u[src + 1]! : 0;
    const ctx = beginFp(s);
    const subtract = (insn & (1 << 14)) !== 0;
    const mulx = (insn & (1 << 29)) !== 0;
    for (let e = 0; e < count; e++) {
      const dw = wi(VT0, e, sz);
      if (fused) mulAddAt(u, ctx, subtract, sz, dw, wi(rd, e, sz), wi(rn, e, sz), mw);
      else binaryAt(u, ctx, mulx ? Bin.MulX : Bin.Mul, sz, dw, wi(rn, e, sz), mw);
    }
    commit(s, rd, bytes);
    endFp(s, ctx);
    return NEXT;
  };
}

// ------------------------------------------------------------------ across lanes, scalar pairwise



/** FMAXNMV/FMINNMV/FMAXV/FMINV (4S only): op(op(e0, e1), op(e2, e3)). */
function across(s: CoreState, insn: number): number {
  const q = (insn >>> 30) & 1;
  const sz = (insn >>> 22) & 1;
  const opc = (insn >>> 12) & 3;
  if (q === 0 || sz === 1 || (opc !== 0 && opc !== 3)) return s.undefinedInstruction(insn);
  const fp = s.checkFp();
  if (fp !== NEXT) return fp;
  const min = (insn & (1 << 23)) !== 0;
  const op = opc === 0 ? (min ? Bin.MinNum : Bin.MaxNum) : min ? Bin.Min : Bin.Max;
  const u = s.vu32;
  const rn = (insn >>> 5) & 31;
  const ctx = beginFp(s);
  const lo = binary32(op, u[4 * rn]!, u[4 * rn + 1]!, ctx);
  const hi = binary32(op, u[4 * rn + 2]!, u[4 * rn + 3]!, ctx);
  u[T] = binary32(op, lo, hi, ctx);
  commit(s, insn & 31, 4);
  endFp(s, ctx);
  return NEXT;
}

function scalarPair(s: CoreState, insn: number): number {
  const op = pairOp(insn);
  if (op === -1) return s.undefinedInstruction(insn);
  const fp = s.checkFp();
  if (fp !== NEXT) return fp;
  const sz = (insn >>> 22) & 1;
  const rn = (insn >>> 5) & 31;
  const u = s.vu32;
  const ctx = beginFp(s);
  binaryAt(u, ctx, op, sz, T, wi(rn, 0, sz), wi(rn, 1, sz));
  commit(s, insn & 31, 4 << sz);
  endFp(s, ctx);
  return NEXT;
}

// ------------------------------------------------------------------ fixed point, FMOV immediate

/** SCVTF/UCVTF (opcode 11100) and FCVTZS/FCVTZU (11111) with #fbits; `double` for immh 1xxx. */
function fixedPoint(scalar: boolean, double: boolean): Handler {
  return (s, insn) => {
    const op = (insn >>> 11) & 3;
    const q = (insn >>> 30) & 1;
    if ((op !== 0 && op !== 3) || (!scalar && double && q === 0)) return s.undefinedInstruction(insn);
    const fp = s.checkFp();
    if (fp !== NEXT) return fp;
    const sz = double ? 1 : 0;
    const immhb = (insn >>> 16) & 0x7f;
    const fbits = (double ? 128 : 64) - immhb;
    const unsigned = (insn & (1 << 29)) !== 0;
    const rn = (insn >>> 5) & 31;
    const rd = insn & 31;
    const bytes = scalar ? 4 << sz : q === 1 ? 16 : 8;
    const count = bytes >>> (2 + sz);
    const M = double ? 64 : 32;
    const u = s.vu32;
    const ctx = beginFp(s);
    for (let e = 0; e < count; e++) {
      const nw = wi(rn, e, sz);
      const dw = wi(VT0, e, sz);
      const hi = double ? u[nw + 1]! : 0;
      if (op === 0) fromFixed(sz + 2, hi, u[nw]!, M, fbits, unsigned, currentRounding(ctx), ctx);
      else toFixed(sz + 2, hi, u[nw]!, fbits, unsigned, M, Rounding.Zero, ctx);
      u[dw] = ctx.lo;
      if (double) u[dw + 1] = ctx.hi;
    }
    commit(s, rd, bytes);
    endFp(s, ctx);
    return NEXT;
  };
}

function fmovVectorImm(s: CoreState, insn: number): number {
  const q = (insn >>> 30) & 1;
  const double = (insn & (1 << 29)) !== 0;
  if (double && q === 0) return s.undefinedInstruction(insn);
  const fp = s.checkFp();
  if (fp !== NEXT) return fp;
  const imm8 = (((insn >>> 16) & 7) << 5) | ((insn >>> 5) & 31);
  const u = s.vu32;
  const w = 4 * (insn & 31);
  if (double) {
    const hi = expandFpImm(imm8, true);
    u[w] = 0;
    u[w + 1] = hi;
    u[w + 2] = 0;
    u[w + 3] = hi;
  } else {
    const v = expandFpImm(imm8, false);
    u[w] = v;
    u[w + 1] = v;
    u[w + 2] = q === 1 ? v : 0;
    u[w + 3] = q === 1 ? v : 0;
  }
  return NEXT;
}

export const FP_SIMD_HANDLERS = {
  SIMD_FP3: threeSame(false),
  SIMD_FP3_s: threeSame(true),
  SIMD_FP2M_z: misc(false),
  SIMD_FP2M: misc(false),
  SIMD_FP2M_n: narrowWiden(false),
  SIMD_FP2M_zs: misc(true),
  SIMD_FP2M_s: misc(true),
  SIMD_FP2M_ns: narrowWiden(true),
  SIMD_FPE_MLA: byElement(false, true),
  SIMD_FPE_MUL: byElement(false, false),
  SIMD_FPE_MLA_s: byElement(true, true),
  SIMD_FPE_MUL_s: byElement(true, false),
  SIMD_FPACROSS: across,
  SIMD_FPPAIR_s: scalarPair,
  SIMD_FPFIX_32: fixedPoint(false, false),
  SIMD_FPFIX_64: fixedPoint(false, true),
  SIMD_FPFIX_32s: fixedPoint(true, false),
  SIMD_FPFIX_64s: fixedPoint(true, true),
  SIMD_FMOV_vi: fmovVectorImm,
} satisfies Record<string, Handler>;
