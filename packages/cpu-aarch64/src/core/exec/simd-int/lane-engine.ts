/**
 * The lane engine of the AdvSIMD integer instructions. One engine per data movement shape
 * (element-wise, pairwise, across lanes, bitwise, permute, modified immediate); the arithmetic
 * comes from lane-ops.ts. The engine works in the scratch V slots VT0..VT3: the operands are
 * copied in first (VT0 = Vn, VT1 = Vm, VT2 = Vd), the result is built in VT3 and copied out
 * last, so a destination that is also a source is handled like the pseudocode does (all reads
 * before the write). Nothing is allocated per instruction; bigints appear only for 64-bit lanes.
 */
import { VT0 } from "../../layout.js";
import type { LaneOp, VRegs } from "./lane-ops.js";
import { SAT_BOUNDS_BIG, setQc, simpleNum } from "./lane-ops.js";

/** Slots of the work area (V register numbers). */
const SLOT_N = VT0;
const SLOT_M = VT0 + 1;
const SLOT_D = VT0 + 2;
const SLOT_R = VT0 + 3;

/** How a result lane is narrowed to its element: wrap, or saturate as signed / unsigned. */
export const WRAP = 0;
export const SAT_SIGNED = 1;
export const SAT_UNSIGNED = 2;
export type SatMode = typeof WRAP | typeof SAT_SIGNED | typeof SAT_UNSIGNED;

/** Where operand b comes from: Vm's lanes, one element of Vm, or a constant (immediate). */
export const B_LANES = 0;
export const B_ELEMENT = 1;
export const B_CONST = 2;
export type BMode = typeof B_LANES | typeof B_ELEMENT | typeof B_CONST;

/** Lane "kind": size index (0 = 8 bits ... 3 = 64 bits) * 2 + 1 when read as signed. */
export function kind(size: number, signed: boolean): number {
  return size * 2 + (signed ? 1 : 0);
}

/** How the result reaches Vd: all `bytes` (the rest zeroed), or into the upper half (the "2" narrowing forms). */
export const PLACE_LOW = 0;
export const PLACE_UPPER = 1;
export type Placement = typeof PLACE_LOW | typeof PLACE_UPPER;

const NUM_SMIN = [-(2 ** 7), -(2 ** 15), -(2 ** 31)];
const NUM_SMAX = [2 ** 7 - 1, 2 ** 15 - 1, 2 ** 31 - 1];
const NUM_UMAX = [2 ** 8 - 1, 2 ** 16 - 1, 2 ** 32 - 1];
const BIG_UMAX = [0xffn, 0xffffn, 0xffffffffn, 0xffffffffffffffffn];

type NumView = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array;

/** The number view of a lane kind (0..5). */
function view(r: VRegs, k: number): NumView {
  switch (k) {
    case 0: return r.vu8;
    case 1: return r.vi8;
    case 2: return r.vu16;
    case 3: return r.vi16;
    case 4: return r.vu32;
    default: return r.vi32;
  }
}

/**
 * Lane `index` of kind k. Each case loads from one typed-array type, so every load site stays
 * monomorphic (a load through `view(r, k)` sees six array types and goes megamorphic).
 */
function readLane(r: VRegs, k: number, index: number): number {
  switch (k) {
    case 0: return r.vu8[index]!;
    case 1: return r.vi8[index]!;
    case 2: return r.vu16[index]!;
    case 3: return r.vi16[index]!;
    case 4: return r.vu32[index]!;
    default: return r.vi32[index]!;
  }
}

/** Stores x (wrapped) into lane `index` of element size `size` (0..2). */
function writeLane(r: VRegs, size: number, index: number, x: number): void {
  switch (size) {
    case 0: r.vu8[index] = x; break;
    case 1: r.vu16[index] = x; break;
    default: r.vu32[index] = x;
  }
}

function readBig(r: VRegs, k: number, index: number): bigint {
  if (k === 7) return r.vi64[index]!;
  if (k === 6) return r.vu64[index]!;
  return BigInt(view(r, k)[index]!);
}

/** Copies Vn, Vm and Vd into the work area (any of them may be the same register) and clears the result. */
export function loadOperands(r: VRegs, n: number, m: number, d: number): void {
  const v = r.vu32;
  for (let i = 0; i < 4; i++) {
    v[4 * SLOT_N + i] = v[4 * n + i]!;
    v[4 * SLOT_M + i] = v[4 * m + i]!;
    v[4 * SLOT_D + i] = v[4 * d + i]!;
    v[4 * SLOT_R + i] = 0;
  }
}

/** Copies the low `bytes` of the result into Vd (zeroing the rest), or its low half into Vd's upper half. */
export function storeResult(r: VRegs, d: number, bytes: number, place: Placement): void {
  const v = r.vu8;
  const from = 16 * SLOT_R;
  const base = 16 * d;
  if (place === PLACE_UPPER) {
    for (let i = 0; i < 8; i++) v[base + 8 + i] = v[from + i]!;
    return;
  }
  if (bytes >= 8) {
    const w = r.vu32;
    w[4 * d] = w[4 * SLOT_R]!;
    w[4 * d + 1] = w[4 * SLOT_R + 1]!;
    w[4 * d + 2] = bytes === 16 ? w[4 * SLOT_R + 2]! : 0;
    w[4 * d + 3] = bytes === 16 ? w[4 * SLOT_R + 3]! : 0;
    return;
  }
  for (let i = 0; i < 16; i++) v[base + i] = i < bytes ? v[from + i]! : 0;
}

/**
 * Element-wise: result lane i = op(a_i, b_i, d_i) for i < count, where a_i is lane nOff + i of
 * Vn (kind nKind), b_i lane mOff + i of Vm, element mOff of Vm, or `bConst`, and d_i lane i of
 * Vd (kind dKind). The exact result is wrapped or saturated to `outSize` (FPSR.QC on
 * saturation). `e` is the bit width operations use for shifts and rounding (the width of a).
 */
export function lanes(
  r: VRegs,
  op: LaneOp,
  e: number,
  count: number,
  nKind: number,
  nOff: number,
  mKind: number,
  bMode: BMode,
  mOff: number,
  bConst: number,
  dKind: number,
  outSize: number,
  sat: SatMode,
): void {
  if (nKind >= 6 || mKind >= 6 || dKind >= 6 || outSize === 3) {
    lanesBig(r, op, e, count, nKind, nOff, mKind, bMode, mOff, bConst, dKind, outSize, sat);
    return;
  }
  const nBase = SLOT_N * (16 >> (nKind >> 1)) + nOff;
  const mBase = SLOT_M * (16 >> (mKind >> 1)) + mOff;
  const dBase = SLOT_D * (16 >> (dKind >> 1));
  const oBase = SLOT_R * (16 >> outSize);
  const fn = op.num;
  const simple = op.simple;
  let saturated = false;
  for (let i = 0; i < count; i++) {
    const b = bMode === B_LANES ? readLane(r, mKind, mBase + i) : bMode === B_ELEMENT ? readLane(r, mKind, mBase) : bConst;
    const a = readLane(r, nKind, nBase + i);
    let x = simple !== 0 ? simpleNum(simple, a, b, e) : fn(a, b, readLane(r, dKind, dBase + i), e, r);
    if (sat === SAT_SIGNED) {
      if (x > NUM_SMAX[outSize]!) {
        x = NUM_SMAX[outSize]!;
        saturated = true;
      } else if (x < NUM_SMIN[outSize]!) {
        x = NUM_SMIN[outSize]!;
        saturated = true;
      }
    } else if (sat === SAT_UNSIGNED) {
      if (x > NUM_UMAX[outSize]!) {
        x = NUM_UMAX[outSize]!;
        saturated = true;
      } else if (x < 0) {
        x = 0;
        saturated = true;
      }
    }
    writeLane(r, outSize, oBase + i, x);
  }
  if (saturated) setQc(r);
}

function lanesBig(
  r: VRegs,
  op: LaneOp,
  e: number,
  count: number,
  nKind: number,
  nOff: number,
  mKind: number,
  bMode: BMode,
  mOff: number,
  bConst: number,
  dKind: number,
  outSize: number,
  sat: SatMode,
): void {
  const nBase = SLOT_N * (16 >> (nKind >> 1)) + nOff;
  const mBase = SLOT_M * (16 >> (mKind >> 1)) + mOff;
  const dBase = SLOT_D * (16 >> (dKind >> 1));
  const oBase = SLOT_R * (16 >> outSize);
  const constant = BigInt(bConst);
  const bits = 8 << outSize;
  for (let i = 0; i < count; i++) {
    const b = bMode === B_LANES ? readBig(r, mKind, mBase + i) : bMode === B_ELEMENT ? readBig(r, mKind, mBase) : constant;
    let x = op.big(readBig(r, nKind, nBase + i), b, readBig(r, dKind, dBase + i), e, r);
    if (sat === SAT_SIGNED) {
      const max = SAT_BOUNDS_BIG.max[outSize]!;
      const min = SAT_BOUNDS_BIG.min[outSize]!;
      if (x > max) {
        x = max;
        setQc(r);
      } else if (x < min) {
        x = min;
        setQc(r);
      }
    } else if (sat === SAT_UNSIGNED) {
      const max = BIG_UMAX[outSize]!;
      if (x > max) {
        x = max;
        setQc(r);
      } else if (x < 0n) {
        x = 0n;
        setQc(r);
      }
    }
    if (outSize === 3) r.vu64[oBase + i] = BigInt.asUintN(64, x);
    else view(r, outSize * 2)[oBase + i] = Number(BigInt.asUintN(bits, x));
  }
}

/**
 * Pairwise: the source x is Vn's low `half` bytes followed by Vm's (ADDP, SMAXP, ...: withM), or
 * Vn alone (SADDLP, ADDP scalar); result lane i = op(x_2i, x_2i+1, d_i), where d is Vd read with
 * dKind (SADALP), wrapped to outSize.
 */
export function pairwise(
  r: VRegs,
  op: LaneOp,
  e: number,
  count: number,
  xKind: number,
  half: number,
  withM: boolean,
  dKind: number,
  outSize: number,
): void {
  const v = r.vu8;
  // Vm's low `half` bytes right after Vn's (a no-op move for 16).
  if (withM) for (let i = 0; i < half; i++) v[16 * SLOT_N + half + i] = v[16 * SLOT_M + i]!;
  const xBase = SLOT_N * (16 >> (xKind >> 1));
  const dBase = SLOT_D * (16 >> (dKind >> 1));
  const oBase = SLOT_R * (16 >> outSize);
  if (xKind >= 6 || outSize === 3) {
    for (let i = 0; i < count; i++) {
      const x = op.big(readBig(r, xKind, xBase + 2 * i), readBig(r, xKind, xBase + 2 * i + 1), readBig(r, dKind, dBase + i), e, r);
      r.vu64[oBase + i] = BigInt.asUintN(64, x);
    }
    return;
  }
  const xv = view(r, xKind);
  const dv = view(r, dKind);
  const ov = view(r, outSize * 2);
  for (let i = 0; i < count; i++) ov[oBase + i] = op.num(xv[xBase + 2 * i]!, xv[xBase + 2 * i + 1]!, dv[dBase + i]!, e, r);
}

/** Across lanes: folds Vn's `count` lanes with op (ADDV, SMAXV, SADDLV, ...) into result lane 0 of outSize. */
export function across(r: VRegs, op: LaneOp, e: number, count: number, xKind: number, outSize: number): void {
  const xv = view(r, xKind);
  const xBase = SLOT_N * (16 >> (xKind >> 1));
  let acc = xv[xBase]!;
  for (let i = 1; i < count; i++) acc = op.num(acc, xv[xBase + i]!, 0, e, r);
  if (outSize === 3) r.vu64[SLOT_R * 2] = BigInt.asUintN(64, BigInt(acc));
  else view(r, outSize * 2)[SLOT_R * (16 >> outSize)] = acc;
}

/** REV16/REV32/REV64: lane i of the result is lane i ^ flip of Vn (lanes of `size`). */
export function permute(r: VRegs, size: number, count: number, flip: number): void {
  const v = view(r, size * 2);
  const nBase = SLOT_N * (16 >> size);
  const oBase = SLOT_R * (16 >> size);
  for (let i = 0; i < count; i++) v[oBase + i] = v[nBase + (i ^ flip)]!;
}

export type BitwiseOp = "and" | "bic" | "orr" | "orn" | "eor" | "bsl" | "bit" | "bif" | "not";

/** AND/BIC/ORR/ORN/EOR/BSL/BIT/BIF/NOT on the 32-bit words of Vn, Vm and Vd. */
export function bitwise(r: VRegs, operation: BitwiseOp, words: number): void {
  const w = r.vu32;
  for (let i = 0; i < words; i++) {
    const n = w[4 * SLOT_N + i]!;
    const m = w[4 * SLOT_M + i]!;
    const d = w[4 * SLOT_D + i]!;
    let x: number;
    switch (operation) {
      case "and": x = n & m; break;
      case "bic": x = n & ~m; break;
      case "orr": x = n | m; break;
      case "orn": x = n | ~m; break;
      case "eor": x = n ^ m; break;
      case "bsl": x = m ^ ((m ^ n) & d); break;
      case "bit": x = d ^ ((d ^ n) & m); break;
      case "bif": x = d ^ ((d ^ n) & ~m); break;
      case "not": x = ~n; break;
    }
    w[4 * SLOT_R + i] = x;
  }
}

/** MOVI/MVNI/ORR/BIC (vector, immediate) with the 64-bit pattern lo:hi, Vd loaded as slot D. */
export function immediate(r: VRegs, operation: "movi" | "mvni" | "orr" | "bic", lo: number, hi: number): void {
  const w = r.vu32;
  for (let i = 0; i < 4; i++) {
    const imm = (i & 1) === 0 ? lo : hi;
    const d = w[4 * SLOT_D + i]!;
    w[4 * SLOT_R + i] = operation === "movi" ? imm : operation === "mvni" ? ~imm : operation === "orr" ? d | imm : d & ~imm;
  }
}

/** PMULL/PMULL2 with 64-bit lanes: the 128-bit carry-less product of lane `half` of Vn and Vm. */
export function polyMul64(r: VRegs, half: number): void {
  const w = r.vu32;
  const aLo = w[4 * SLOT_N + 2 * half]!;
  const aHi = w[4 * SLOT_N + 2 * half + 1]!;
  const bLo = w[4 * SLOT_M + 2 * half]!;
  const bHi = w[4 * SLOT_M + 2 * half + 1]!;
  // r = a * b over GF(2)[x], as four 32-bit words, one shifted copy of a per set bit of b.
  let r0 = 0, r1 = 0, r2 = 0, r3 = 0;
  for (let i = 0; i < 64; i++) {
    const bit = i < 32 ? (bLo >>> i) & 1 : (bHi >>> (i - 32)) & 1;
    if (bit === 0) continue;
    const s = i & 31;
    const lo = s === 0 ? aLo : aLo << s;
    const mid = s === 0 ? aHi : (aHi << s) | (aLo >>> (32 - s));
    const top = s === 0 ? 0 : aHi >>> (32 - s);
    if (i < 32) {
      r0 ^= lo;
      r1 ^= mid;
      r2 ^= top;
    } else {
      r1 ^= lo;
      r2 ^= mid;
      r3 ^= top;
    }
  }
  w[4 * SLOT_R] = r0;
  w[4 * SLOT_R + 1] = r1;
  w[4 * SLOT_R + 2] = r2;
  w[4 * SLOT_R + 3] = r3;
}
