/**
 * The lane engine of the AdvSIMD integer instructions. One engine per data movement shape
 * (element-wise, pairwise, across lanes, bitwise, permute, modified immediate); the arithmetic
 * comes from lane-ops.ts. The engine works on a private 64-byte work area: the operands are
 * copied in first (slots 0 = Vn, 1 = Vm, 2 = Vd), the result is built in slot 3 and copied out
 * last, so a destination that is also a source is handled like the pseudocode does (all reads
 * before the write). Nothing is allocated per instruction; bigints appear only for 64-bit lanes.
 */
import type { LaneOp, SaturationSink } from "./lane-ops.js";
import { SAT_BOUNDS_BIG } from "./lane-ops.js";

/** Slots of the work area. */
export const SLOT_N = 0;
export const SLOT_M = 1;
export const SLOT_D = 2;
const SLOT_R = 3;

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

/**
 * AdvSIMD integer execution over a V register file (32 registers of 16 bytes, V[n] at byte 16n
 * of `vregs`, little-endian lanes). `qc` is set when an operation saturates; the caller copies
 * it into FPSR.QC and clears it.
 */
export class SimdIntUnit implements SaturationSink {
  qc = false;
  private readonly v8: Uint8Array;
  private readonly v32: Uint32Array;
  private readonly w8: Uint8Array;
  private readonly w32: Uint32Array;
  private readonly w64: BigUint64Array;
  private readonly ws64: BigInt64Array;
  /** Number views of the work area by kind (0..5). */
  private readonly views: readonly NumView[];

  constructor(vregs: Uint8Array) {
    if (vregs.byteLength < 512 || vregs.byteOffset % 8 !== 0) {
      throw new Error("SimdIntUnit: the V register file must be 512 bytes at an 8-byte aligned offset");
    }
    this.v8 = vregs;
    this.v32 = new Uint32Array(vregs.buffer, vregs.byteOffset, 128);
    const work = new ArrayBuffer(64);
    this.w8 = new Uint8Array(work);
    this.w32 = new Uint32Array(work);
    this.w64 = new BigUint64Array(work);
    this.ws64 = new BigInt64Array(work);
    this.views = [
      this.w8,
      new Int8Array(work),
      new Uint16Array(work),
      new Int16Array(work),
      this.w32,
      new Int32Array(work),
    ];
  }

  /** Copies Vn, Vm and Vd into the work area (any of them may be the same register). */
  load(n: number, m: number, d: number): void {
    const v = this.v32;
    const w = this.w32;
    for (let i = 0; i < 4; i++) {
      w[i] = v[4 * n + i]!;
      w[4 + i] = v[4 * m + i]!;
      w[8 + i] = v[4 * d + i]!;
      w[12 + i] = 0;
    }
  }

  /** Copies the low `bytes` of the result into Vd (zeroing the rest), or into its upper half. */
  store(d: number, bytes: number, place: Placement): void {
    const base = 16 * d;
    if (place === PLACE_UPPER) {
      for (let i = 0; i < 8; i++) this.v8[base + 8 + i] = this.w8[48 + i]!;
      return;
    }
    for (let i = 0; i < 16; i++) this.v8[base + i] = i < bytes ? this.w8[48 + i]! : 0;
  }

  /**
   * Element-wise: result lane i = op(a_i, b_i, d_i) for i < count, where a_i is lane nOff + i of
   * Vn (kind nKind), b_i lane mOff + i of Vm, element mOff of Vm, or `bConst`, and d_i lane i of
   * Vd (kind dKind). The exact result is wrapped or saturated to `outSize`. `e` is the bit width
   * operations use for shifts and rounding (the width of a).
   */
  lanes(
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
      this.lanesBig(op, e, count, nKind, nOff, mKind, bMode, mOff, bConst, dKind, outSize, sat);
      return;
    }
    const nv = this.views[nKind]!;
    const mv = this.views[mKind]!;
    const dv = this.views[dKind]!;
    const ov = this.views[outSize * 2]!;
    const nBase = SLOT_N * (16 >> (nKind >> 1)) + nOff;
    const mBase = SLOT_M * (16 >> (mKind >> 1)) + mOff;
    const dBase = SLOT_D * (16 >> (dKind >> 1));
    const oBase = SLOT_R * (16 >> outSize);
    const fn = op.num;
    for (let i = 0; i < count; i++) {
      const b = bMode === B_LANES ? mv[mBase + i]! : bMode === B_ELEMENT ? mv[mBase]! : bConst;
      let r = fn(nv[nBase + i]!, b, dv[dBase + i]!, e, this);
      if (sat === SAT_SIGNED) {
        if (r > NUM_SMAX[outSize]!) {
          r = NUM_SMAX[outSize]!;
          this.qc = true;
        } else if (r < NUM_SMIN[outSize]!) {
          r = NUM_SMIN[outSize]!;
          this.qc = true;
        }
      } else if (sat === SAT_UNSIGNED) {
        if (r > NUM_UMAX[outSize]!) {
          r = NUM_UMAX[outSize]!;
          this.qc = true;
        } else if (r < 0) {
          r = 0;
          this.qc = true;
        }
      }
      ov[oBase + i] = r;
    }
  }

  private readBig(k: number, index: number): bigint {
    if (k === 7) return this.ws64[index]!;
    if (k === 6) return this.w64[index]!;
    return BigInt(this.views[k]![index]!);
  }

  private lanesBig(
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
    const bits = BigInt(8 << outSize);
    for (let i = 0; i < count; i++) {
      const b = bMode === B_LANES ? this.readBig(mKind, mBase + i) : bMode === B_ELEMENT ? this.readBig(mKind, mBase) : constant;
      let r = op.big(this.readBig(nKind, nBase + i), b, this.readBig(dKind, dBase + i), e, this);
      if (sat === SAT_SIGNED) {
        const max = SAT_BOUNDS_BIG.max[outSize]!;
        const min = SAT_BOUNDS_BIG.min[outSize]!;
        if (r > max) {
          r = max;
          this.qc = true;
        } else if (r < min) {
          r = min;
          this.qc = true;
        }
      } else if (sat === SAT_UNSIGNED) {
        const max = BIG_UMAX[outSize]!;
        if (r > max) {
          r = max;
          this.qc = true;
        } else if (r < 0n) {
          r = 0n;
          this.qc = true;
        }
      }
      if (outSize === 3) this.w64[oBase + i] = BigInt.asUintN(64, r);
      else this.views[outSize * 2]![oBase + i] = Number(BigInt.asUintN(Number(bits), r));
    }
  }

  /**
   * Pairwise: the source is Vn's `half` low bytes followed by Vm's (ADDP, SMAXP, ...), or Vn alone
   * (SADDLP, ADDP scalar: pass vmHalf = 0); result lane i = op(x_2i, x_2i+1, d_i), where d is Vd
   * read with dKind (for SADALP), wrapped to outSize.
   */
  pairwise(op: LaneOp, e: number, count: number, xKind: number, half: number, withM: boolean, dKind: number, outSize: number): void {
    if (withM) {
      // Move Vm's low `half` bytes right after Vn's.
      for (let i = 0; i < half; i++) this.w8[half + i] = this.w8[16 + i]!;
    }
    if (xKind >= 6 || outSize === 3) {
      const dBase = SLOT_D * (16 >> (dKind >> 1));
      for (let i = 0; i < count; i++) {
        const r = op.big(this.readBig(xKind, 2 * i), this.readBig(xKind, 2 * i + 1), this.readBig(dKind, dBase + i), e, this);
        if (outSize === 3) this.w64[6 + i] = BigInt.asUintN(64, r);
        else this.views[outSize * 2]![SLOT_R * (16 >> outSize) + i] = Number(BigInt.asUintN(32, r));
      }
      return;
    }
    const xv = this.views[xKind]!;
    const dv = this.views[dKind]!;
    const ov = this.views[outSize * 2]!;
    const dBase = SLOT_D * (16 >> (dKind >> 1));
    const oBase = SLOT_R * (16 >> outSize);
    for (let i = 0; i < count; i++) ov[oBase + i] = op.num(xv[2 * i]!, xv[2 * i + 1]!, dv[dBase + i]!, e, this);
  }

  /** Across lanes: folds Vn's `count` lanes with op (ADDV, SMAXV, SADDLV, ...) into result lane 0 of outSize. */
  across(op: LaneOp, e: number, count: number, xKind: number, outSize: number): void {
    const xv = this.views[xKind]!;
    let acc = xv[0]!;
    for (let i = 1; i < count; i++) acc = op.num(acc, xv[i]!, 0, e, this);
    if (outSize === 3) this.w64[6] = BigInt.asUintN(64, BigInt(acc));
    else this.views[outSize * 2]![SLOT_R * (16 >> outSize)] = acc;
  }

  /** REV16/REV32/REV64: lane i of the result is lane i ^ flip of Vn (lanes of `size`). */
  permute(size: number, count: number, flip: number): void {
    const v = this.views[size * 2]!;
    const oBase = SLOT_R * (16 >> size);
    for (let i = 0; i < count; i++) v[oBase + i] = v[i ^ flip]!;
  }

  /** AND/BIC/ORR/ORN/EOR/BSL/BIT/BIF/NOT on the 32-bit words of Vn, Vm and Vd. */
  bitwise(operation: BitwiseOp, words: number): void {
    const w = this.w32;
    for (let i = 0; i < words; i++) {
      const n = w[i]!;
      const m = w[4 + i]!;
      const d = w[8 + i]!;
      let r: number;
      switch (operation) {
        case "and": r = n & m; break;
        case "bic": r = n & ~m; break;
        case "orr": r = n | m; break;
        case "orn": r = n | ~m; break;
        case "eor": r = n ^ m; break;
        case "bsl": r = m ^ ((m ^ n) & d); break;
        case "bit": r = d ^ ((d ^ n) & m); break;
        case "bif": r = d ^ ((d ^ n) & ~m); break;
        case "not": r = ~n; break;
      }
      w[12 + i] = r;
    }
  }

  /** MOVI/MVNI/ORR/BIC (vector, immediate) with the 64-bit pattern lo:hi, into Vd (loaded as slot D). */
  immediate(operation: "movi" | "mvni" | "orr" | "bic", lo: number, hi: number): void {
    const w = this.w32;
    for (let i = 0; i < 4; i++) {
      const imm = (i & 1) === 0 ? lo : hi;
      const d = w[8 + i]!;
      w[12 + i] = operation === "movi" ? imm : operation === "mvni" ? ~imm : operation === "orr" ? d | imm : d & ~imm;
    }
  }

  /**
   * PMULL/PMULL2 with 64-bit lanes: the 128-bit carry-less product of lane `half` of Vn and Vm.
   */
  polyMul64(half: number): void {
    const w = this.w32;
    const aLo = w[2 * half]!;
    const aHi = w[2 * half + 1]!;
    const bLo = w[4 + 2 * half]!;
    const bHi = w[4 + 2 * half + 1]!;
    // r = a * b over GF(2)[x], as four 32-bit words, built bit by bit of b.
    let r0 = 0, r1 = 0, r2 = 0, r3 = 0;
    for (let i = 0; i < 64; i++) {
      const bit = i < 32 ? (bLo >>> i) & 1 : (bHi >>> (i - 32)) & 1;
      if (bit === 0) continue;
      // a << i as four words
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
    w[12] = r0;
    w[13] = r1;
    w[14] = r2;
    w[15] = r3;
  }
}

export type BitwiseOp = "and" | "bic" | "orr" | "orn" | "eor" | "bsl" | "bit" | "bif" | "not";
