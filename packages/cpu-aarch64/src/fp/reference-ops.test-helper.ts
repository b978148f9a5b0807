/**
 * Maps the instruction names of `vectors/fp-vectors.txt.gz` (see vectors/README.md) to the
 * soft-float routines, on bigint bit patterns. `impl` picks the general routines or the typed
 * entry points with their fast paths, so that both are checked against the same vectors.
 */
import { fpAbs, fpAdd, fpDiv, fpMul, fpMulAdd, fpNeg, fpSqrt, fpStepFused } from "./arith.js";
import { CompareOp, fpCompare, fpCompareOp, fpMaxMin, fpMaxMinNum } from "./compare.js";
import { fixedToFp, fpConvert, fpRoundInt, fpToFixed } from "./convert.js";
import { fpRecipEstimate, fpRecpX, fpRSqrtEstimate, unsignedRecipEstimate, unsignedRSqrtEstimate } from "./estimate.js";
import { F16, F32, F64, type FpFormat } from "./format.js";
import { roundingOf, Rounding, type FpContext } from "./fpcr.js";
import {
  Bin,
  binary32,
  binary64,
  Cmp,
  compare32,
  compare64,
  compareOp32,
  compareOp64,
  convertPrecision,
  fromFixed,
  mulAdd32,
  mulAdd64,
  roundInt32,
  roundInt64,
  toFixed,
  Un,
  unary32,
  unary64,
} from "./lanes.js";

export type RefOp = (ctx: FpContext, ops: bigint[]) => bigint;

const ROUNDINGS: Record<string, Rounding> = {
  n: Rounding.TieEven,
  p: Rounding.PosInf,
  m: Rounding.NegInf,
  z: Rounding.Zero,
  a: Rounding.TieAway,
};

function arg(ops: bigint[], i: number): bigint {
  const v = ops[i];
  if (v === undefined) throw new Error(`missing operand ${i}`);
  return v;
}

function mask(fmt: FpFormat, ok: boolean): bigint {
  return ok ? (1n << BigInt(fmt.N)) - 1n : 0n;
}

/** The general (bigint) routines. */
export function generalOp(name: string): RefOp | undefined {
  const [mn = "", suffix = ""] = name.split(".");
  const fmtOf = (c: string): FpFormat => (c === "h" ? F16 : c === "s" ? F32 : F64);
  const f = fmtOf(suffix[0] ?? "");
  const a = arg;
  switch (mn) {
    case "fadd": return (c, o) => fpAdd(f, a(o, 0), a(o, 1), c);
    case "fsub": return (c, o) => fpAdd(f, a(o, 0), a(o, 1), c, true);
    case "fmul": return (c, o) => fpMul(f, a(o, 0), a(o, 1), c);
    case "fnmul": return (c, o) => fpNeg(f, fpMul(f, a(o, 0), a(o, 1), c));
    case "fmulx": return (c, o) => fpMul(f, a(o, 0), a(o, 1), c, true);
    case "fdiv": return (c, o) => fpDiv(f, a(o, 0), a(o, 1), c);
    case "fmax": return (c, o) => fpMaxMin(f, a(o, 0), a(o, 1), true, c);
    case "fmin": return (c, o) => fpMaxMin(f, a(o, 0), a(o, 1), false, c);
    case "fmaxnm": return (c, o) => fpMaxMinNum(f, a(o, 0), a(o, 1), true, c);
    case "fminnm": return (c, o) => fpMaxMinNum(f, a(o, 0), a(o, 1), false, c);
    case "frecps": return (c, o) => fpStepFused(f, a(o, 0), a(o, 1), c, false);
    case "frsqrts": return (c, o) => fpStepFused(f, a(o, 0), a(o, 1), c, true);
    case "fabd": return (c, o) => fpAbs(f, fpAdd(f, a(o, 0), a(o, 1), c, true));
    case "fcmeq": return (c, o) => mask(f, fpCompareOp(f, a(o, 0), a(o, 1), CompareOp.EQ, c));
    case "fcmge": return (c, o) => mask(f, fpCompareOp(f, a(o, 0), a(o, 1), CompareOp.GE, c));
    case "fcmgt": return (c, o) => mask(f, fpCompareOp(f, a(o, 0), a(o, 1), CompareOp.GT, c));
    case "facge": return (c, o) => mask(f, fpCompareOp(f, fpAbs(f, a(o, 0)), fpAbs(f, a(o, 1)), CompareOp.GE, c));
    case "facgt": return (c, o) => mask(f, fpCompareOp(f, fpAbs(f, a(o, 0)), fpAbs(f, a(o, 1)), CompareOp.GT, c));
    case "fcmp": return (c, o) => BigInt(fpCompare(f, a(o, 0), a(o, 1), false, c));
    case "fcmpe": return (c, o) => BigInt(fpCompare(f, a(o, 0), a(o, 1), true, c));
    case "fcmpz": return (c, o) => BigInt(fpCompare(f, a(o, 0), 0n, false, c));
    case "fcmpez": return (c, o) => BigInt(fpCompare(f, a(o, 0), 0n, true, c));
    case "fcmeqz": return (c, o) => mask(f, fpCompareOp(f, a(o, 0), 0n, CompareOp.EQ, c));
    case "fcmgez": return (c, o) => mask(f, fpCompareOp(f, a(o, 0), 0n, CompareOp.GE, c));
    case "fcmgtz": return (c, o) => mask(f, fpCompareOp(f, a(o, 0), 0n, CompareOp.GT, c));
    case "fcmlez": return (c, o) => mask(f, fpCompareOp(f, 0n, a(o, 0), CompareOp.GE, c));
    case "fcmltz": return (c, o) => mask(f, fpCompareOp(f, 0n, a(o, 0), CompareOp.GT, c));
    case "fmadd": return (c, o) => fpMulAdd(f, a(o, 2), a(o, 0), a(o, 1), c);
    case "fmsub": return (c, o) => fpMulAdd(f, a(o, 2), fpNeg(f, a(o, 0)), a(o, 1), c);
    case "fnmadd": return (c, o) => fpMulAdd(f, fpNeg(f, a(o, 2)), fpNeg(f, a(o, 0)), a(o, 1), c);
    case "fnmsub": return (c, o) => fpMulAdd(f, fpNeg(f, a(o, 2)), a(o, 0), a(o, 1), c);
    case "fsqrt": return (c, o) => fpSqrt(f, a(o, 0), c);
    case "fabs": return (_c, o) => fpAbs(f, a(o, 0));
    case "fneg": return (_c, o) => fpNeg(f, a(o, 0));
    case "frintn": case "frintp": case "frintm": case "frintz": case "frinta": {
      const r = ROUNDINGS[mn[5] ?? ""] ?? Rounding.TieEven;
      return (c, o) => fpRoundInt(f, a(o, 0), r, false, c);
    }
    case "frintx": return (c, o) => fpRoundInt(f, a(o, 0), roundingOf(c.fpcr), true, c);
    case "frinti": return (c, o) => fpRoundInt(f, a(o, 0), roundingOf(c.fpcr), false, c);
    case "frecpe": return (c, o) => fpRecipEstimate(f, a(o, 0), c);
    case "frsqrte": return (c, o) => fpRSqrtEstimate(f, a(o, 0), c);
    case "frecpx": return (c, o) => fpRecpX(f, a(o, 0), c);
    case "urecpe": return (_c, o) => BigInt(unsignedRecipEstimate(Number(a(o, 0))));
    case "ursqrte": return (_c, o) => BigInt(unsignedRSqrtEstimate(Number(a(o, 0))));
    case "fcvt": {
      const to = fmtOf(suffix[0] ?? "");
      const from = fmtOf(suffix[1] ?? "");
      return (c, o) => fpConvert(from, to, a(o, 0), c, roundingOf(c.fpcr));
    }
    case "fcvtxn": return (c, o) => fpConvert(F64, F32, a(o, 0), c, Rounding.Odd);
    case "scvtf": case "ucvtf": {
      // suffix: <to><w|x>[fbits]
      const M = suffix[1] === "w" ? 32 : 64;
      const fbits = Number(suffix.slice(2) || "0");
      return (c, o) => fixedToFp(f, a(o, 0), M, fbits, mn === "ucvtf", roundingOf(c.fpcr), c);
    }
    default:
      if (/^fcvt[npmza][su]$/.test(mn)) {
        // suffix: <w|x><from>[fbits]
        const M = suffix[0] === "w" ? 32 : 64;
        const from = fmtOf(suffix[1] ?? "");
        const fbits = Number(suffix.slice(2) || "0");
        const r = ROUNDINGS[mn[4] ?? ""] ?? Rounding.Zero;
        return (c, o) => fpToFixed(from, a(o, 0), fbits, mn[5] === "u", M, r, c);
      }
      return undefined;
  }
}

const LANE_BINARY: Record<string, Bin> = {
  fadd: Bin.Add, fsub: Bin.Sub, fmul: Bin.Mul, fdiv: Bin.Div, fmax: Bin.Max, fmin: Bin.Min,
  fmaxnm: Bin.MaxNum, fminnm: Bin.MinNum, fmulx: Bin.MulX, fnmul: Bin.NMul, frecps: Bin.RecipStep,
  frsqrts: Bin.RSqrtStep, fabd: Bin.Abd,
};

/** The lane entry points of lanes.ts (with their fast paths), where one exists for the name. */
export function laneOp(name: string): RefOp | undefined {
  const [mn = "", suffix = ""] = name.split(".");
  const bin = LANE_BINARY[mn];
  const hi = (v: bigint): number => Number(v >> 32n);
  const lo = (v: bigint): number => Number(v & 0xffffffffn);
  const out = (c: FpContext): bigint => (BigInt(c.hi) << 32n) | BigInt(c.lo);
  if (bin !== undefined) {
    if (suffix === "s") return (c, o) => BigInt(binary32(bin, Number(arg(o, 0)), Number(arg(o, 1)), c));
    return (c, o) => {
      binary64(bin, hi(arg(o, 0)), lo(arg(o, 0)), hi(arg(o, 1)), lo(arg(o, 1)), c);
      return out(c);
    };
  }
  const unaryOp: Record<string, Un> = { fsqrt: Un.Sqrt, fabs: Un.Abs, fneg: Un.Neg, frecpe: Un.RecipEst, frsqrte: Un.RSqrtEst, frecpx: Un.RecpX };
  const un = unaryOp[mn];
  if (un !== undefined) {
    if (suffix === "s") return (c, o) => BigInt(unary32(un, Number(arg(o, 0)), c));
    return (c, o) => {
      unary64(un, hi(arg(o, 0)), lo(arg(o, 0)), c);
      return out(c);
    };
  }
  const fused: Record<string, [boolean, boolean]> = { fmadd: [false, false], fmsub: [false, true], fnmadd: [true, true], fnmsub: [true, false] };
  const fm = fused[mn];
  if (fm !== undefined) {
    const [negA, negN] = fm;
    if (suffix === "s") {
      return (c, o) => {
        const a = Number(arg(o, 2)) ^ (negA ? 0x80000000 : 0);
        const n = Number(arg(o, 0)) ^ (negN ? 0x80000000 : 0);
        return BigInt(mulAdd32(a >>> 0, n >>> 0, Number(arg(o, 1)), c));
      };
    }
    return (c, o) => {
      const a = arg(o, 2) ^ (negA ? 1n << 63n : 0n);
      const n = arg(o, 0) ^ (negN ? 1n << 63n : 0n);
      mulAdd64(hi(a), lo(a), hi(n), lo(n), hi(arg(o, 1)), lo(arg(o, 1)), c);
      return out(c);
    };
  }
  const cmp: Record<string, [Cmp, boolean]> = {
    fcmeq: [Cmp.EQ, false], fcmge: [Cmp.GE, false], fcmgt: [Cmp.GT, false], facge: [Cmp.AbsGE, false], facgt: [Cmp.AbsGT, false],
    fcmeqz: [Cmp.EQ, false], fcmgez: [Cmp.GE, false], fcmgtz: [Cmp.GT, false], fcmlez: [Cmp.GE, true], fcmltz: [Cmp.GT, true],
  };
  const cm = cmp[mn];
  if (cm !== undefined) {
    const [op, swap] = cm;
    const zero = mn.endsWith("z");
    const pick = (o: bigint[]): [bigint, bigint] => {
      const a = arg(o, 0);
      const b = zero ? 0n : arg(o, 1);
      return swap ? [b, a] : [a, b];
    };
    if (suffix === "s") return (c, o) => { const [a, b] = pick(o); return compareOp32(op, Number(a), Number(b), c) ? 0xffffffffn : 0n; };
    return (c, o) => { const [a, b] = pick(o); return compareOp64(op, hi(a), lo(a), hi(b), lo(b), c) ? (1n << 64n) - 1n : 0n; };
  }
  if (mn === "fcmp" || mn === "fcmpe" || mn === "fcmpz" || mn === "fcmpez") {
    const signal = mn.startsWith("fcmpe");
    const zero = mn.endsWith("z");
    if (suffix === "s") return (c, o) => BigInt(compare32(Number(arg(o, 0)), zero ? 0 : Number(arg(o, 1)), signal, c));
    return (c, o) => {
      const b = zero ? 0n : arg(o, 1);
      return BigInt(compare64(hi(arg(o, 0)), lo(arg(o, 0)), hi(b), lo(b), signal, c));
    };
  }
  if (/^frint[npmzaxi]$/.test(mn)) {
    const r = ROUNDINGS[mn[5] ?? ""];
    const exact = mn === "frintx";
    const rounding = (c: FpContext): Rounding => r ?? roundingOf(c.fpcr);
    if (suffix === "s") return (c, o) => BigInt(roundInt32(Number(arg(o, 0)), rounding(c), exact, c));
    return (c, o) => {
      roundInt64(hi(arg(o, 0)), lo(arg(o, 0)), rounding(c), exact, c);
      return out(c);
    };
  }
  const size = (ch: string | undefined): number => (ch === "h" ? 1 : ch === "s" ? 2 : 3);
  if (mn === "fcvt" || mn === "fcvtxn") {
    const to = size(suffix[0]);
    const from = size(suffix[1]);
    return (c, o) => {
      convertPrecision(from, to, hi(arg(o, 0)), lo(arg(o, 0)), mn === "fcvtxn" ? Rounding.Odd : roundingOf(c.fpcr), c);
      return out(c);
    };
  }
  if (mn === "scvtf" || mn === "ucvtf") {
    const M = suffix[1] === "w" ? 32 : 64;
    const fbits = Number(suffix.slice(2) || "0");
    return (c, o) => {
      fromFixed(size(suffix[0]), hi(arg(o, 0)), lo(arg(o, 0)), M, fbits, mn === "ucvtf", roundingOf(c.fpcr), c);
      return out(c);
    };
  }
  if (/^fcvt[npmza][su]$/.test(mn)) {
    const M = suffix[0] === "w" ? 32 : 64;
    const fbits = Number(suffix.slice(2) || "0");
    const r = ROUNDINGS[mn[4] ?? ""] ?? Rounding.Zero;
    return (c, o) => {
      toFixed(size(suffix[1]), hi(arg(o, 0)), lo(arg(o, 0)), fbits, mn[5] === "u", M, r, c);
      return out(c);
    };
  }
  return undefined;
}
