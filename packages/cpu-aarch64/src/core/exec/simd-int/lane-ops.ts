/**
 * Per-lane arithmetic of the AdvSIMD integer instructions, written once per operation family.
 *
 * Every operation takes the exact (unbounded) integer values of its inputs, already read with
 * the right width and signedness, and returns the exact result; the lane engine then wraps or
 * saturates it to the destination element. `num` runs for lanes up to 32 bits (values stay below
 * 2^53 except where noted), `big` for lanes that involve 64 bits. `e` is the bit width of the
 * source element `a` (the shift and rounding arithmetic depends on it).
 */

import { FPSR } from "../../layout.js";
import { pow2 } from "../../pow2.js";
import { FPSR_QC } from "../vregs.js";

/**
 * What the AdvSIMD integer code needs of the core: the V register views (scratch slots VT0..VT3
 * included), the 32-bit view of the register file (FPSR) and the FP access check. CoreState has
 * all of it; tests pass a stand-in.
 */
export interface VRegs {
  readonly vu8: Uint8Array;
  readonly vi8: Int8Array;
  readonly vu16: Uint16Array;
  readonly vi16: Int16Array;
  readonly vu32: Uint32Array;
  readonly vi32: Int32Array;
  readonly vu64: BigUint64Array;
  readonly vi64: BigInt64Array;
  readonly u32: Uint32Array;
  checkFp(): number;
}

/** Sets FPSR.QC (cumulative saturation). */
export function setQc(r: VRegs): void {
  r.u32[2 * FPSR] = r.u32[2 * FPSR]! | FPSR_QC;
}

export type NumLaneOp = (a: number, b: number, d: number, e: number, r: VRegs) => number;
export type BigLaneOp = (a: bigint, b: bigint, d: bigint, e: number, r: VRegs) => bigint;

export interface LaneOp {
  readonly num: NumLaneOp;
  readonly big: BigLaneOp;
  /** Non-zero: `num` is `simpleNum(simple, a, b)`, which the engine calls directly (inlined). */
  readonly simple: number;
}

/**
 * The most frequent two-operand operations (glibc's string functions live on compares and
 * min/max), in one function: the engine calls it at a single site, where V8 inlines it, instead
 * of going through the per-operation closure.
 */
export function simpleNum(id: number, a: number, b: number, e: number): number {
  switch (id) {
    case 9: return shiftNum(a, b, e, false);
    case 10: return a;
    case 1: return a + b;
    case 2: return a - b;
    case 3: return a > b ? -1 : 0;
    case 4: return a >= b ? -1 : 0;
    case 5: return a === b ? -1 : 0;
    case 6: return (a & b) !== 0 ? -1 : 0;
    case 7: return a > b ? a : b;
    default: return a < b ? a : b;
  }
}

const unsupported = (): never => {
  throw new Error("lane operation has no 64-bit form");
};

/** The shift count of a register shift: the signed bottom byte of the Vm element. */
export function shiftCountNum(b: number): number {
  return (b << 24) >> 24;
}

function shiftCountBig(b: bigint): number {
  return Number(BigInt.asIntN(8, b));
}

/**
 * a shifted left by `shift` (right when negative), exactly: the left shift keeps every bit (the
 * engine wraps or saturates), the right shift floors, and `round` adds half of the last bit
 * shifted out first (SRSHL, URSHR, RSHRN, ...). Powers of two scale a double exactly.
 */
export function shiftNum(a: number, shift: number, e: number, round: boolean): number {
  if (shift >= 0) return a * pow2(shift);
  // Shifting right by more than e + 1 gives what e + 1 gives (0, or -1 without rounding for
  // negative values), and keeps the rounding constant exact.
  const k = Math.min(-shift, e + 1);
  return Math.floor((round ? a + pow2(k - 1) : a) / pow2(k));
}

export function shiftBig(a: bigint, shift: number, round: boolean): bigint {
  if (shift >= 0) return a << BigInt(shift);
  const k = BigInt(-shift);
  return (round ? a + (1n << (k - 1n)) : a) >> k;
}

/** floor((2ab + (round ? 2^31 : 0)) / 2^32) for 32-bit a, b without leaving the exact range. */
function doublingMulHigh32(a: number, b: number, round: boolean): number {
  const ah = Math.floor(a / 65536);
  const al = a - ah * 65536;
  const x = ah * b; // 2ab + r = x * 2^17 + y
  const y = 2 * al * b + (round ? 2147483648 : 0);
  const xh = Math.floor(x / 32768);
  const xl = x - xh * 32768;
  return xh + Math.floor((xl * 131072 + y) / 4294967296);
}

/** SQDMULH / SQRDMULH before saturation: the high half of 2ab (+ rounding). */
function doublingMulHigh(round: boolean): LaneOp {
  return {
    num: (a, b, _d, e) =>
      e === 32 ? doublingMulHigh32(a, b, round) : Math.floor((2 * a * b + (round ? pow2(e - 1) : 0)) / pow2(e)),
    big: unsupported,
    simple: 0,
  };
}

const SAT_MIN_BIG = [-(1n << 7n), -(1n << 15n), -(1n << 31n), -(1n << 63n)] as const;
const SAT_MAX_BIG = [(1n << 7n) - 1n, (1n << 15n) - 1n, (1n << 31n) - 1n, (1n << 63n) - 1n] as const;

/** Signed saturation of the doubled product to 2e bits (only INT_MIN * INT_MIN saturates). */
function doubledProductNum(a: number, b: number, e: number, r: VRegs): number {
  const p = 2 * a * b;
  const max = pow2(2 * e - 1) - 1;
  if (p > max) {
    setQc(r);
    return max;
  }
  return p;
}

function doubledProductBig(a: bigint, b: bigint, sizeIndex: number, r: VRegs): bigint {
  const p = 2n * a * b;
  const max = SAT_MAX_BIG[sizeIndex]!;
  if (p > max) {
    setQc(r);
    return max;
  }
  return p;
}

/** SQDMULL / SQDMLAL / SQDMLSL: accumulate (sign = 0, 1, -1) the saturated doubled product. */
function doublingLong(sign: 0 | 1 | -1): LaneOp {
  return {
    num: (a, b, d, e, r) => {
      const p = doubledProductNum(a, b, e, r);
      return sign === 0 ? p : d + sign * p;
    },
    big: (a, b, d, _e, r) => {
      const p = doubledProductBig(a, b, 3, r);
      return sign === 0 ? p : sign === 1 ? d + p : d - p;
    },
    simple: 0,
  };
}

function carrylessMul8(a: number, b: number): number {
  let r = 0;
  for (let i = 0; i < 8; i++) if ((b >> i) & 1) r ^= a << i;
  return r;
}

function popcount8(x: number): number {
  x = x - ((x >> 1) & 0x55);
  x = (x & 0x33) + ((x >> 2) & 0x33);
  return (x + (x >> 4)) & 0x0f;
}

function reverseBits8(x: number): number {
  x = ((x & 0xf0) >> 4) | ((x & 0x0f) << 4);
  x = ((x & 0xcc) >> 2) | ((x & 0x33) << 2);
  return ((x & 0xaa) >> 1) | ((x & 0x55) << 1);
}

/** Leading zeros of a non-negative e-bit value (e <= 32). */
function clzNum(x: number, e: number): number {
  return Math.clz32(x) - (32 - e);
}

const op = (num: NumLaneOp, big: BigLaneOp = unsupported): LaneOp => ({ num, big, simple: 0 });
const simple = (id: number, big: BigLaneOp = unsupported): LaneOp => ({ num: (a, b, _d, e) => simpleNum(id, a, b, e), big, simple: id });

/** The operations, by family. Operands: a = Vn lane, b = Vm lane / element / immediate, d = Vd lane. */
export const LANE_OPS = {
  add: simple(1, (a, b) => a + b),
  sub: simple(2, (a, b) => a - b),
  halvingAdd: op((a, b) => Math.floor((a + b) / 2)),
  roundingHalvingAdd: op((a, b) => Math.floor((a + b + 1) / 2)),
  halvingSub: op((a, b) => Math.floor((a - b) / 2)),
  compareGt: simple(3, (a, b) => (a > b ? -1n : 0n)),
  compareGe: simple(4, (a, b) => (a >= b ? -1n : 0n)),
  compareEq: simple(5, (a, b) => (a === b ? -1n : 0n)),
  compareLe: op((a, b) => (a <= b ? -1 : 0), (a, b) => (a <= b ? -1n : 0n)),
  compareLt: op((a, b) => (a < b ? -1 : 0), (a, b) => (a < b ? -1n : 0n)),
  test: simple(6, (a, b) => ((a & b) !== 0n ? -1n : 0n)),
  max: simple(7),
  min: simple(8),
  absDiff: op((a, b) => Math.abs(a - b), (a, b) => (a > b ? a - b : b - a)),
  absDiffAcc: op((a, b, d) => d + Math.abs(a - b), (a, b, d) => d + (a > b ? a - b : b - a)),
  /** Same-width multiply: only the low e bits survive, which Math.imul computes exactly. */
  mul: op((a, b) => Math.imul(a, b)),
  mulAcc: op((a, b, d) => d + Math.imul(a, b)),
  mulSub: op((a, b, d) => d - Math.imul(a, b)),
  /** Widening multiply: exact up to 16 x 16 bits as numbers, 32 x 32 as bigints. */
  mulLong: op((a, b) => a * b, (a, b) => a * b),
  mulLongAcc: op((a, b, d) => d + a * b, (a, b, d) => d + a * b),
  mulLongSub: op((a, b, d) => d - a * b, (a, b, d) => d - a * b),
  polyMul: op((a, b) => carrylessMul8(a, b)),
  doublingMulHigh: doublingMulHigh(false),
  roundingDoublingMulHigh: doublingMulHigh(true),
  doublingMulLong: doublingLong(0),
  doublingMulLongAcc: doublingLong(1),
  doublingMulLongSub: doublingLong(-1),
  /** ADDHN / SUBHN and their rounding forms: the high half of the wide sum. */
  addHigh: op((a, b, _d, e) => Math.floor((a + b) / pow2(e / 2)), (a, b) => (a + b) >> 32n),
  roundingAddHigh: op(
    (a, b, _d, e) => Math.floor((a + b + pow2(e / 2 - 1)) / pow2(e / 2)),
    (a, b) => (a + b + (1n << 31n)) >> 32n,
  ),
  subHigh: op((a, b, _d, e) => Math.floor((a - b) / pow2(e / 2)), (a, b) => (a - b) >> 32n),
  roundingSubHigh: op(
    (a, b, _d, e) => Math.floor((a - b + pow2(e / 2 - 1)) / pow2(e / 2)),
    (a, b) => (a - b + (1n << 31n)) >> 32n,
  ),
  /** Register shifts (SSHL, SRSHL, SQSHL, SQRSHL and the unsigned ones): b holds the count. */
  shift: op(
    (a, b, _d, e) => shiftNum(a, shiftCountNum(b), e, false),
    (a, b) => shiftBig(a, shiftCountBig(b), false),
  ),
  roundingShift: op(
    (a, b, _d, e) => shiftNum(a, shiftCountNum(b), e, true),
    (a, b) => shiftBig(a, shiftCountBig(b), true),
  ),
  /** Immediate shifts: b is the count itself (negative = right). */
  shiftImm: simple(9, (a, b) => shiftBig(a, Number(b), false)),
  roundingShiftImm: op(
    (a, b, _d, e) => shiftNum(a, b, e, true),
    (a, b) => shiftBig(a, Number(b), true),
  ),
  shiftImmAcc: op(
    (a, b, d, e) => d + shiftNum(a, b, e, false),
    (a, b, d) => d + shiftBig(a, Number(b), false),
  ),
  roundingShiftImmAcc: op(
    (a, b, d, e) => d + shiftNum(a, b, e, true),
    (a, b, d) => d + shiftBig(a, Number(b), true),
  ),
  /** SLI: a << b over the low b bits of d (a and d unsigned). */
  shiftLeftInsert: op(
    (a, b, d, e) => ((a * pow2(b)) % pow2(e)) + (d % pow2(b)),
    (a, b, d) => (a << b) + (d & ((1n << b) - 1n)),
  ),
  /** SRI: a >> -b under the top -b bits of d (a and d unsigned). */
  shiftRightInsert: op(
    (a, b, d, e) => {
      const k = -b;
      const keep = pow2(e - k);
      return d - (d % keep) + Math.floor(a / pow2(k));
    },
    (a, b, d) => {
      const k = -b;
      const keep = 1n << (64n - k);
      return d - (d % keep) + (a >> k);
    },
  ),
  /** SUQADD / USQADD: d + a with the signedness of each read by the engine. */
  accumulate: op((a, _b, d) => d + a, (a, _b, d) => d + a),
  /** SADALP / UADALP: d plus a pair. */
  addAccumulate: op((a, b, d) => d + a + b, (a, b, d) => d + a + b),
  identity: simple(10, (a) => a),
  abs: op((a) => Math.abs(a), (a) => (a < 0n ? -a : a)),
  neg: op((a) => -a, (a) => -a),
  countLeadingZeros: op((a, _b, _d, e) => clzNum(a, e)),
  /** CLS: leading bits equal to the sign bit, not counting the sign bit (a signed). */
  countLeadingSign: op((a, _b, _d, e) => clzNum(a < 0 ? -a - 1 : a, e) - 1),
  popcount: op((a) => popcount8(a)),
  reverseBits: op((a) => reverseBits8(a)),
} satisfies Record<string, LaneOp>;

export type LaneOpName = keyof typeof LANE_OPS;

/** Signed and unsigned saturation bounds by element size index (0 = 8 bits ... 3 = 64 bits). */
export const SAT_BOUNDS_BIG = { min: SAT_MIN_BIG, max: SAT_MAX_BIG };
