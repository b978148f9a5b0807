/**
 * The lane entry points' fast paths (JS doubles) against the general bigint routines, which the
 * Cortex-A53 vectors check, on many seeded random operands in every rounding mode: any
 * difference in result bits or flags is a fast-path bug.
 */
import { describe, expect, it } from "vitest";
import { fpAdd, fpDiv, fpMul, fpMulAdd, fpSqrt } from "./arith.js";
import { fpCompare } from "./compare.js";
import { fixedToFp, fpConvert, fpRoundInt, fpToFixed } from "./convert.js";
import { F32, F64 } from "./format.js";
import { FpContext, Rounding } from "./fpcr.js";
import { Bin, binary32, binary64, compare32, compare64, convertPrecision, fromFixed, mulAdd32, mulAdd64, roundInt32, roundInt64, toFixed, Un, unary32, unary64 } from "./lanes.js";

const COUNT = Number(process.env.SEL4TS_FP_FAST_COUNT ?? "4000");

function makeRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** Random doubles as bigint bits: exponents around 1 and across the range, short and long mantissas. */
function randomF64(rnd: () => number, nearExp?: number): bigint {
  const sign = BigInt(rnd() & 1);
  const pick = rnd() % 8;
  let exp: number;
  if (nearExp !== undefined && pick < 4) exp = Math.max(1, Math.min(2046, nearExp + (rnd() % 120) - 60));
  else if (pick < 5) exp = 1023 + (rnd() % 128) - 64;
  else if (pick === 5) exp = rnd() % 2048;
  else exp = 1023 + (rnd() % 1800) - 900;
  let frac = (BigInt(rnd()) << 20n) ^ BigInt(rnd());
  if (rnd() % 3 === 0) frac &= ~((1n << BigInt(rnd() % 52)) - 1n);
  return (sign << 63n) | (BigInt(exp) << 52n) | (frac & ((1n << 52n) - 1n));
}

function randomF32(rnd: () => number, nearExp?: number): number {
  const sign = rnd() & 1;
  const pick = rnd() % 8;
  let exp: number;
  if (nearExp !== undefined && pick < 4) exp = Math.max(1, Math.min(254, nearExp + (rnd() % 60) - 30));
  else if (pick < 5) exp = 127 + (rnd() % 64) - 32;
  else exp = rnd() % 256;
  let frac = rnd() & 0x7fffff;
  if (rnd() % 3 === 0) frac &= ~((1 << (rnd() % 23)) - 1);
  return ((sign << 31) | (exp << 23) | frac) >>> 0;
}

const hi = (v: bigint): number => Number(v >> 32n);
const lo = (v: bigint): number => Number(v & 0xffffffffn);
const bits = (c: FpContext): bigint => (BigInt(c.hi) << 32n) | BigInt(c.lo);
const FPCRS = [0, 0, 0, 1 << 22, 2 << 22, 3 << 22, 1 << 24, 1 << 25];

/** Runs `count` random cases of `fast` and `general` under random FPCRs; returns the differences. */
function crossCheck(seed: number, run: (rnd: () => number, fast: FpContext, general: FpContext) => [bigint, bigint, string]): string[] {
  const rnd = makeRandom(seed);
  const diffs: string[] = [];
  for (let i = 0; i < COUNT && diffs.length < 5; i++) {
    const fpcr = FPCRS[rnd() % FPCRS.length]!;
    const fast = new FpContext(fpcr);
    const general = new FpContext(fpcr);
    const [a, b, what] = run(rnd, fast, general);
    if (a !== b || fast.fpsr !== general.fpsr) {
      diffs.push(`${what} fpcr=${fpcr.toString(16)}: fast ${a.toString(16)}/${fast.fpsr} general ${b.toString(16)}/${general.fpsr}`);
    }
  }
  return diffs;
}

describe("soft-float fast paths agree with the general routines", () => {
  it("double add, subtract, multiply, divide, square root", () => {
    const ops: [Bin, (a: bigint, b: bigint, c: FpContext) => bigint][] = [
      [Bin.Add, (a, b, c) => fpAdd(F64, a, b, c)],
      [Bin.Sub, (a, b, c) => fpAdd(F64, a, b, c, true)],
      [Bin.Mul, (a, b, c) => fpMul(F64, a, b, c)],
      [Bin.Div, (a, b, c) => fpDiv(F64, a, b, c)],
    ];
    expect(
      crossCheck(1, (rnd, fast, general) => {
        const [op, ref] = ops[rnd() % ops.length]!;
        const a = randomF64(rnd);
        const b = randomF64(rnd, Number((a >> 52n) & 0x7ffn));
        binary64(op, hi(a), lo(a), hi(b), lo(b), fast);
        return [bits(fast), ref(a, b, general), `op ${op} ${a.toString(16)} ${b.toString(16)}`];
      }),
    ).toEqual([]);
    expect(
      crossCheck(2, (rnd, fast, general) => {
        const a = randomF64(rnd) & ~(1n << 63n);
        unary64(Un.Sqrt, hi(a), lo(a), fast);
        return [bits(fast), fpSqrt(F64, a, general), `sqrt ${a.toString(16)}`];
      }),
    ).toEqual([]);
  });

  it("single add, subtract, multiply, divide, square root", () => {
    const ops: [Bin, (a: bigint, b: bigint, c: FpContext) => bigint][] = [
      [Bin.Add, (a, b, c) => fpAdd(F32, a, b, c)],
      [Bin.Sub, (a, b, c) => fpAdd(F32, a, b, c, true)],
      [Bin.Mul, (a, b, c) => fpMul(F32, a, b, c)],
      [Bin.Div, (a, b, c) => fpDiv(F32, a, b, c)],
    ];
    expect(
      crossCheck(3, (rnd, fast, general) => {
        const [op, ref] = ops[rnd() % ops.length]!;
        const a = randomF32(rnd);
        const b = randomF32(rnd, (a >>> 23) & 0xff);
        return [BigInt(binary32(op, a, b, fast)), ref(BigInt(a), BigInt(b), general), `op ${op} ${a.toString(16)} ${b.toString(16)}`];
      }),
    ).toEqual([]);
    expect(
      crossCheck(4, (rnd, fast, general) => {
        const a = randomF32(rnd) & 0x7fffffff;
        return [BigInt(unary32(Un.Sqrt, a, fast)), fpSqrt(F32, BigInt(a), general), `sqrt ${a.toString(16)}`];
      }),
    ).toEqual([]);
  });

  it("fused multiply-add, double and single, with addends near the product", () => {
    expect(
      crossCheck(5, (rnd, fast, general) => {
        const n = randomF64(rnd);
        const m = randomF64(rnd);
        const pe = Number((n >> 52n) & 0x7ffn) + Number((m >> 52n) & 0x7ffn) - 1023;
        const a = randomF64(rnd, Math.max(1, Math.min(2046, pe)));
        mulAdd64(hi(a), lo(a), hi(n), lo(n), hi(m), lo(m), fast);
        return [bits(fast), fpMulAdd(F64, a, n, m, general), `fma ${a.toString(16)} ${n.toString(16)} ${m.toString(16)}`];
      }),
    ).toEqual([]);
    expect(
      crossCheck(6, (rnd, fast, general) => {
        const n = randomF32(rnd);
        const m = randomF32(rnd);
        const pe = ((n >>> 23) & 0xff) + ((m >>> 23) & 0xff) - 127;
        const a = randomF32(rnd, Math.max(1, Math.min(254, pe)));
        return [BigInt(mulAdd32(a, n, m, fast)), fpMulAdd(F32, BigInt(a), BigInt(n), BigInt(m), general), `fma ${a.toString(16)} ${n.toString(16)} ${m.toString(16)}`];
      }),
    ).toEqual([]);
  });

  it("compares, FRINT*, FCVT between single and double, FP to and from integers", () => {
    const roundings = [Rounding.TieEven, Rounding.PosInf, Rounding.NegInf, Rounding.Zero, Rounding.TieAway];
    expect(
      crossCheck(7, (rnd, fast, general) => {
        const a = randomF64(rnd);
        const b = rnd() & 1 ? a ^ BigInt(rnd() & 3) : randomF64(rnd);
        const x = randomF32(rnd);
        const y = rnd() & 1 ? (x ^ (rnd() & 3)) >>> 0 : randomF32(rnd);
        const r = BigInt(compare64(hi(a), lo(a), hi(b), lo(b), false, fast)) * 16n + BigInt(compare32(x, y, true, fast));
        const g = BigInt(fpCompare(F64, a, b, false, general)) * 16n + BigInt(fpCompare(F32, BigInt(x), BigInt(y), true, general));
        return [r, g, `cmp ${a.toString(16)} ${b.toString(16)} ${x.toString(16)} ${y.toString(16)}`];
      }),
    ).toEqual([]);
    expect(
      crossCheck(8, (rnd, fast, general) => {
        const rounding = roundings[rnd() % roundings.length]!;
        const exact = (rnd() & 1) === 1;
        if (rnd() & 1) {
          const a = randomF64(rnd);
          roundInt64(hi(a), lo(a), rounding, exact, fast);
          return [bits(fast), fpRoundInt(F64, a, rounding, exact, general), `frint64 ${rounding} ${a.toString(16)}`];
        }
        const x = randomF32(rnd);
        return [BigInt(roundInt32(x, rounding, exact, fast)), fpRoundInt(F32, BigInt(x), rounding, exact, general), `frint32 ${rounding} ${x.toString(16)}`];
      }),
    ).toEqual([]);
    expect(
      crossCheck(9, (rnd, fast, general) => {
        const rounding = roundings[rnd() % 4]!;
        if (rnd() & 1) {
          const a = randomF64(rnd);
          convertPrecision(3, 2, hi(a), lo(a), rounding, fast);
          return [bits(fast), fpConvert(F64, F32, a, general, rounding), `d->s ${a.toString(16)}`];
        }
        const x = randomF32(rnd);
        convertPrecision(2, 3, 0, x, rounding, fast);
        return [bits(fast), fpConvert(F32, F64, BigInt(x), general, rounding), `s->d ${x.toString(16)}`];
      }),
    ).toEqual([]);
    expect(
      crossCheck(10, (rnd, fast, general) => {
        const rounding = roundings[rnd() % roundings.length]!;
        const unsigned = (rnd() & 1) === 1;
        const M = rnd() & 1 ? 64 : 32;
        const fbits = rnd() % 3 === 0 ? rnd() % (M + 1) : 0;
        const a = randomF64(rnd);
        toFixed(3, hi(a), lo(a), fbits, unsigned, M, rounding, fast);
        return [bits(fast), fpToFixed(F64, a, fbits, unsigned, M, rounding, general), `tofixed ${M} ${fbits} ${unsigned} ${a.toString(16)}`];
      }),
    ).toEqual([]);
    expect(
      crossCheck(11, (rnd, fast, general) => {
        const rounding = roundings[rnd() % 4]!;
        const unsigned = (rnd() & 1) === 1;
        const M = rnd() & 1 ? 64 : 32;
        const fbits = rnd() % 3 === 0 ? rnd() % (M + 1) : 0;
        const size = rnd() & 1 ? 3 : 2;
        const v = ((BigInt(rnd()) << 32n) | BigInt(rnd())) >> BigInt(rnd() % 64);
        const w = M === 32 ? v & 0xffffffffn : v;
        fromFixed(size, hi(w), lo(w), M, fbits, unsigned, rounding, fast);
        return [bits(fast), fixedToFp(size === 3 ? F64 : F32, w, M, fbits, unsigned, rounding, general), `fromfixed ${size} ${M} ${fbits} ${w.toString(16)}`];
      }),
    ).toEqual([]);
  });
});
