/**
 * Scalar floating point: data processing with one, two and three sources, compares,
 * conditional compare and select, FMOV (register, immediate, general), and the conversions
 * between FP and integer or fixed point. Arithmetic goes through src/fp/lanes.ts.
 */
import { Rounding } from "../../../fp/fpcr.js";
import {
  Bin,
  binary32,
  binary64,
  compare32,
  compare64,
  convertPrecision,
  currentRounding,
  fromFixed,
  mulAdd32,
  mulAdd64,
  roundInt32,
  roundInt64,
  toFixed,
  Un,
  unary32,
  unary64,
} from "../../../fp/lanes.js";
import { CONDITION_TABLE } from "../../flags.js";
import { NEXT } from "../../layout.js";
import type { CoreState } from "../../state.js";
import type { Handler } from "../handler.js";
import { setW, setX } from "../registers.js";
import { beginFp, endFp, setD, setH, setS } from "./context.js";

/** Size log2 of the element of an FP `ftype`: 00 single (2), 01 double (3), 11 half (1); -1 for 10. */
function ftypeSize(ftype: number): number {
  return ftype === 0 ? 2 : ftype === 1 ? 3 : ftype === 3 ? 1 : -1;
}

/** FRINT* opcodes 8..15 (13 unallocated): the rounding, or -1 for FPCR's (FRINTX 14, FRINTI 15). */
const FRINT_ROUNDING = [Rounding.TieEven, Rounding.PosInf, Rounding.NegInf, Rounding.Zero, Rounding.TieAway, -2, -1, -1];

function dp1(s: CoreState, insn: number): number {
  const ftype = (insn >>> 22) & 3;
  const opcode = (insn >>> 15) & 0x3f;
  const isCvt = (opcode & 0x3c) === 4;
  if (ftype === 2 || (ftype === 3 && !isCvt) || opcode > 15 || opcode === 6 || opcode === 13) {
    return s.undefinedInstruction(insn);
  }
  if (isCvt) {
    const from = ftypeSize(ftype);
    const to = ftypeSize(opcode & 3);
    if (from === to) return s.undefinedInstruction(insn);
    const fp = s.checkFp();
    if (fp !== NEXT) return fp;
    return fcvt(s, insn, from, to);
  }
  const fp = s.checkFp();
  if (fp !== NEXT) return fp;
  const rn = (insn >>> 5) & 31;
  const rd = insn & 31;
  const u = s.vu32;
  const ctx = beginFp(s);
  if (ftype === 0) {
    const a = u[4 * rn]!;
    let r: number;
    switch (opcode) {
      case 0: r = a; break;
      case 1: r = unary32(Un.Abs, a, ctx); break;
      case 2: r = unary32(Un.Neg, a, ctx); break;
      case 3: r = unary32(Un.Sqrt, a, ctx); break;
      default: {
        const mode = FRINT_ROUNDING[opcode - 8]!;
        r = roundInt32(a, mode < 0 ? currentRounding(ctx) : mode, opcode === 14, ctx);
      }
    }
    setS(s, rd, r);
  } else {
    const lo = u[4 * rn]!;
    const hi = u[4 * rn + 1]!;
    switch (opcode) {
      case 0: ctx.hi = hi; ctx.lo = lo; break;
      case 1: unary64(Un.Abs, hi, lo, ctx); break;
      case 2: unary64(Un.Neg, hi, lo, ctx); break;
      case 3: unary64(Un.Sqrt, hi, lo, ctx); break;
      default: {
        const mode = FRINT_ROUNDING[opcode - 8]!;
        roundInt64(hi, lo, mode < 0 ? currentRounding(ctx) : mode, opcode === 14, ctx);
      }
    }
    setD(s, rd, ctx.hi, ctx.lo);
  }
  endFp(s, ctx);
  return NEXT;
}

function fcvt(s: CoreState, insn: number, from: number, to: number): number {
  const rn = (insn >>> 5) & 31;
  const rd = insn & 31;
  const u = s.vu32;
  const ctx = beginFp(s);
  const lo = from === 1 ? u[4 * rn]! & 0xffff : u[4 * rn]!;
  const hi = from === 3 ? u[4 * rn + 1]! : 0;
  convertPrecision(from, to, hi, lo, currentRounding(ctx), ctx);
  if (to === 3) setD(s, rd, ctx.hi, ctx.lo);
  else if (to === 2) setS(s, rd, ctx.lo);
  else setH(s, rd, ctx.lo);
  endFp(s, ctx);
  return NEXT;
}

const DP2_OPS = [Bin.Mul, Bin.Div, Bin.Add, Bin.Sub, Bin.Max, Bin.Min, Bin.MaxNum, Bin.MinNum, Bin.NMul];

function dp2(s: CoreState, insn: number): number {
  const ftype = (insn >>> 22) & 3;
  const opcode = (insn >>> 12) & 15;
  if (ftype > 1 || opcode > 8) return s.undefinedInstruction(insn);
  const fp = s.checkFp();
  if (fp !== NEXT) return fp;
  const op = DP2_OPS[opcode]!;
  const rm = (insn >>> 16) & 31;
  const rn = (insn >>> 5) & 31;
  const rd = insn & 31;
  const u = s.vu32;
  const ctx = beginFp(s);
  if (ftype === 0) {
    setS(s, rd, binary32(op, u[4 * rn]!, u[4 * rm]!, ctx));
  } else {
    binary64(op, u[4 * rn + 1]!, u[4 * rn]!, u[4 * rm + 1]!, u[4 * rm]!, ctx);
    setD(s, rd, ctx.hi, ctx.lo);
  }
  endFp(s, ctx);
  return NEXT;
}

/** FMADD, FMSUB (o0), FNMADD (o1), FNMSUB (o1, o0): negations on the bit patterns, one rounding. */
function dp3(s: CoreState, insn: number): number {
  const ftype = (insn >>> 22) & 3;
  if (ftype > 1) return s.undefinedInstruction(insn);
  const fp = s.checkFp();
  if (fp !== NEXT) return fp;
  const o1 = (insn >>> 21) & 1;
  const o0 = (insn >>> 15) & 1;
  const rm = (insn >>> 16) & 31;
  const ra = (insn >>> 10) & 31;
  const rn = (insn >>> 5) & 31;
  const rd = insn & 31;
  const negN = (o1 ^ o0) !== 0;
  const u = s.vu32;
  const ctx = beginFp(s);
  if (ftype === 0) {
    const a = o1 !== 0 ? (u[4 * ra]! ^ 0x80000000) >>> 0 : u[4 * ra]!;
    const n = negN ? (u[4 * rn]! ^ 0x80000000) >>> 0 : u[4 * rn]!;
    setS(s, rd, mulAdd32(a, n, u[4 * rm]!, ctx));
  } else {
    const ahi = o1 !== 0 ? (u[4 * ra + 1]! ^ 0x80000000) >>> 0 : u[4 * ra + 1]!;
    const nhi = negN ? (u[4 * rn + 1]! ^ 0x80000000) >>> 0 : u[4 * rn + 1]!;
    mulAdd64(ahi, u[4 * ra]!, nhi, u[4 * rn]!, u[4 * rm + 1]!, u[4 * rm]!, ctx);
    setD(s, rd, ctx.hi, ctx.lo);
  }
  endFp(s, ctx);
  return NEXT;
}

/** FCMP/FCMPE Vn, Vm or #0.0 into NZCV. */
function compareInto(s: CoreState, ftype: number, rn: number, rm: number, zero: boolean, signal: boolean): void {
  const u = s.vu32;
  const ctx = beginFp(s);
  if (ftype === 0) {
    s.nzcv = compare32(u[4 * rn]!, zero ? 0 : u[4 * rm]!, signal, ctx);
  } else {
    s.nzcv = compare64(u[4 * rn + 1]!, u[4 * rn]!, zero ? 0 : u[4 * rm + 1]!, zero ? 0 : u[4 * rm]!, signal, ctx);
  }
  endFp(s, ctx);
}

function fcmp(s: CoreState, insn: number): number {
  const ftype = (insn >>> 22) & 3;
  if (ftype > 1) return s.undefinedInstruction(insn);
  const fp = s.checkFp();
  if (fp !== NEXT) return fp;
  compareInto(s, ftype, (insn >>> 5) & 31, (insn >>> 16) & 31, (insn & 8) !== 0, (insn & 16) !== 0);
  return NEXT;
}

function fccmp(s: CoreState, insn: number): number {
  const ftype = (insn >>> 22) & 3;
  if (ftype > 1) return s.undefinedInstruction(insn);
  const fp = s.checkFp();
  if (fp !== NEXT) return fp;
  const cond = (insn >>> 12) & 15;
  if (CONDITION_TABLE[(cond << 4) | s.nzcv] === 1) {
    compareInto(s, ftype, (insn >>> 5) & 31, (insn >>> 16) & 31, false, (insn & 16) !== 0);
  } else {
    s.nzcv = insn & 15;
  }
  return NEXT;
}

function fcsel(s: CoreState, insn: number): number {
  const ftype = (insn >>> 22) & 3;
  if (ftype > 1) return s.undefinedInstruction(insn);
  const fp = s.checkFp();
  if (fp !== NEXT) return fp;
  const cond = (insn >>> 12) & 15;
  const src = CONDITION_TABLE[(cond << 4) | s.nzcv] === 1 ? (insn >>> 5) & 31 : (insn >>> 16) & 31;
  const u = s.vu32;
  if (ftype === 0) setS(s, insn & 31, u[4 * src]!);
  else setD(s, insn & 31, u[4 * src + 1]!, u[4 * src]!);
  return NEXT;
}

/** `VFPExpandImm` for single (hi word unused) and double (the hi word; the lo word is zero). */
export function expandFpImm(imm8: number, double: boolean): number {
  const sign = imm8 >>> 7;
  const b6 = (imm8 >>> 6) & 1;
  const low = imm8 & 0x3f; // imm8<5:0> = exponent<1:0> : fraction<3:0>
  if (double) return ((sign << 31) | ((b6 ^ 1) << 30) | ((b6 ? 0xff : 0) << 22) | (low << 16)) >>> 0;
  return ((sign << 31) | ((b6 ^ 1) << 30) | ((b6 ? 0x1f : 0) << 25) | (low << 19)) >>> 0;
}

function fmovImm(s: CoreState, insn: number): number {
  const ftype = (insn >>> 22) & 3;
  if (ftype > 1) return s.undefinedInstruction(insn);
  const fp = s.checkFp();
  if (fp !== NEXT) return fp;
  const imm8 = (insn >>> 13) & 0xff;
  if (ftype === 0) setS(s, insn & 31, expandFpImm(imm8, false));
  else setD(s, insn & 31, expandFpImm(imm8, true), 0);
  return NEXT;
}

/** Rounding of FCVT<r><S|U> by rmode (N, P, M, Z). */
const RMODE_ROUNDING = [Rounding.TieEven, Rounding.PosInf, Rounding.NegInf, Rounding.Zero];

/** Conversions between FP and general registers, and FMOV between them. */
function fpInt(s: CoreState, insn: number): number {
  const sf = insn >>> 31;
  const ftype = (insn >>> 22) & 3;
  const rmode = (insn >>> 19) & 3;
  const opcode = (insn >>> 16) & 7;
  const rn = (insn >>> 5) & 31;
  const rd = insn & 31;
  const u = s.vu32;
  if (opcode >= 6) {
    // FMOV: W<->S (sf 0, ftype 00), X<->D (sf 1, ftype 01), X<->V.D[1] (sf 1, ftype 10, rmode 01).
    let word: number;
    if (sf === 0 && ftype === 0 && rmode === 0) word = 0;
    else if (sf === 1 && ftype === 1 && rmode === 0) word = 0;
    else if (sf === 1 && ftype === 2 && rmode === 1) word = 2;
    else return s.undefinedInstruction(insn);
    const fp = s.checkFp();
    if (fp !== NEXT) return fp;
    if (opcode === 6) {
      if (sf === 0) setW(s, rd, u[4 * rn]!);
      else setX(s, rd, u[4 * rn + word]!, u[4 * rn + word + 1]!);
    } else {
      const lo = s.u32[2 * rn]!;
      const hi = s.u32[2 * rn + 1]!;
      if (sf === 0) setS(s, rd, lo);
      else if (word === 0) setD(s, rd, hi, lo);
      else {
        u[4 * rd + 2] = lo;
        u[4 * rd + 3] = hi;
      }
    }
    return NEXT;
  }
  if (ftype > 1 || ((opcode & 6) !== 0 && rmode !== 0)) return s.undefinedInstruction(insn);
  const fp = s.checkFp();
  if (fp !== NEXT) return fp;
  const size = ftype + 2;
  const M = sf === 1 ? 64 : 32;
  const ctx = beginFp(s);
  if (opcode === 2 || opcode === 3) {
    const lo = s.u32[2 * rn]!;
    const hi = sf === 1 ? s.u32[2 * rn + 1]! : 0;
    fromFixed(size, hi, lo, M, 0, opcode === 3, currentRounding(ctx), ctx);
    if (size === 2) setS(s, rd, ctx.lo);
    else setD(s, rd, ctx.hi, ctx.lo);
  } else {
    const rounding = opcode >= 4 ? Rounding.TieAway : RMODE_ROUNDING[rmode]!;
    toFixed(size, size === 3 ? u[4 * rn + 1]! : 0, u[4 * rn]!, 0, (opcode & 1) === 1, M, rounding, ctx);
    if (sf === 1) setX(s, rd, ctx.lo, ctx.hi);
    else setW(s, rd, ctx.lo);
  }
  endFp(s, ctx);
  return NEXT;
}

/** SCVTF/UCVTF/FCVTZS/FCVTZU with fbits = 64 - scale. */
function fpFixed(s: CoreState, insn: number): number {
  const sf = insn >>> 31;
  const ftype = (insn >>> 22) & 3;
  const rmode = (insn >>> 19) & 3;
  const opcode = (insn >>> 16) & 7;
  const scale = (insn >>> 10) & 63;
  const kind = (rmode << 3) | opcode;
  const valid = kind === 2 || kind === 3 || kind === 24 || kind === 25;
  if (ftype > 1 || !valid || (sf === 0 && scale < 32)) return s.undefinedInstruction(insn);
  const fp = s.checkFp();
  if (fp !== NEXT) return fp;
  const rn = (insn >>> 5) & 31;
  const rd = insn & 31;
  const fbits = 64 - scale;
  const size = ftype + 2;
  const M = sf === 1 ? 64 : 32;
  const u = s.vu32;
  const ctx = beginFp(s);
  if (rmode === 0) {
    const lo = s.u32[2 * rn]!;
    const hi = sf === 1 ? s.u32[2 * rn + 1]! : 0;
    fromFixed(size, hi, lo, M, fbits, opcode === 3, currentRounding(ctx), ctx);
    if (size === 2) setS(s, rd, ctx.lo);
    else setD(s, rd, ctx.hi, ctx.lo);
  } else {
    toFixed(size, size === 3 ? u[4 * rn + 1]! : 0, u[4 * rn]!, fbits, opcode === 1, M, Rounding.Zero, ctx);
    if (sf === 1) setX(s, rd, ctx.lo, ctx.hi);
    else setW(s, rd, ctx.lo);
  }
  endFp(s, ctx);
  return NEXT;
}

export const FP_SCALAR_HANDLERS = {
  FP_1SRC: dp1,
  FP_2SRC: dp2,
  FP_3SRC: dp3,
  FP_CMP: fcmp,
  FP_CCMP: fccmp,
  FP_CSEL: fcsel,
  FP_IMM: fmovImm,
  FP_INT: fpInt,
  FP_FIXED: fpFixed,
} satisfies Record<string, Handler>;
