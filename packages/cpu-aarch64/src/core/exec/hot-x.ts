/**
 * Specialised executors for 64-bit integer shapes (see hot.ts): the arithmetic of multi-word
 * loops such as the kernel's MPI (RSA) code, which dominates a Linux boot. Each works on the
 * register file's 32-bit halves without BigInt and is exactly the generic handler's behaviour
 * restricted to the shape `hotExecutorFor` chooses it for.
 */
import { extendRegister, shift64 } from "../alu.js";
import { BITMASKS, bitmaskIndex } from "../bitmasks.js";
import { CONDITION_TABLE } from "../flags.js";
import { NEXT, T0 } from "../layout.js";
import type { CoreState } from "../state.js";
import { spOr } from "./registers.js";

const TWO_32 = 4294967296;

/**
 * The shifted-register operand Rm (type LSL/LSR/ASR, amount 0..63) into slot T0; the common
 * unshifted case is a copy.
 */
function operandX(u32: Uint32Array, s: CoreState, insn: number): void {
  const m = (insn >>> 16) & 31;
  const amount = (insn >>> 10) & 63;
  if (amount === 0) {
    u32[2 * T0] = u32[2 * m]!;
    u32[2 * T0 + 1] = u32[2 * m + 1]!;
  } else {
    shift64(s, T0, u32[2 * m]!, u32[2 * m + 1]!, (insn >>> 22) & 3, amount);
  }
}

/**
 * X[d] (halves at 2d, 2d+1 of `i32`) = X[n] + X[m] + carryIn, in int32 arithmetic: the low
 * half's carry comes from an unsigned compare. In double arithmetic on the unsigned halves (as
 * alu.ts's add64 does for the generic handlers, whose operands come as unsigned halves from
 * anywhere), V8 compiled the sums as int32 until a large one came, a "lost precision"
 * deoptimisation of the run loop that inlines these executors (twice a Linux boot).
 */
function addRegisterHalves(i32: Int32Array, d: number, n: number, m: number, carryIn: number): void {
  const aLo = i32[2 * n]!;
  const rlo = (aLo + i32[2 * m]! + carryIn) | 0;
  const carry = (carryIn === 0 ? rlo >>> 0 < aLo >>> 0 : rlo >>> 0 <= aLo >>> 0) ? 1 : 0;
  i32[2 * d + 1] = (i32[2 * n + 1]! + i32[2 * m + 1]! + carry) | 0;
  i32[2 * d] = rlo;
}

/** ADD Xd, Xn, Xm{, LSL/LSR/ASR #amount}. */
export function addX(s: CoreState, insn: number): number {
  const d = insn & 31;
  if (d !== 31) {
    operandX(s.u32, s, insn);
    addRegisterHalves(s.i32, d, (insn >>> 5) & 31, T0, 0);
  }
  return NEXT;
}

/** SUB Xd, Xn, Xm{, LSL/LSR/ASR #amount}. */
export function subX(s: CoreState, insn: number): number {
  const d = insn & 31;
  if (d !== 31) {
    operandX(s.u32, s, insn);
    // Int32 halves and an unsigned compare for the borrow, as addRegisterHalves.
    const i32 = s.i32;
    const n = (insn >>> 5) & 31;
    const aLo = i32[2 * n]!;
    const bLo = i32[2 * T0]!;
    i32[2 * d + 1] = (i32[2 * n + 1]! - i32[2 * T0 + 1]! - (aLo >>> 0 < bLo >>> 0 ? 1 : 0)) | 0;
    i32[2 * d] = (aLo - bLo) | 0;
  }
  return NEXT;
}

/** SUBS Xd, Xn, Xm{, LSL/LSR/ASR #amount} (CMP Xn, Xm when Rd is XZR). */
export function subsX(s: CoreState, insn: number): number {
  operandX(s.u32, s, insn);
  // Int32 halves and unsigned compares for the borrows, as addRegisterHalves.
  const i32 = s.i32;
  const n = (insn >>> 5) & 31;
  const aLo = i32[2 * n]!;
  const bLo = i32[2 * T0]!;
  const aHi = i32[2 * n + 1]!;
  const bHi = i32[2 * T0 + 1]!;
  const borrow = aLo >>> 0 < bLo >>> 0 ? 1 : 0;
  const rlo = (aLo - bLo) | 0;
  const rhi = (aHi - bHi - borrow) | 0;
  // C: no borrow (Xn >= operand, unsigned); V: operands of different signs and the result's sign differs from Xn's.
  const noBorrow = aHi >>> 0 > bHi >>> 0 || (aHi === bHi && borrow === 0);
  s.nzcv = ((rhi >>> 31) << 3) | ((rlo | rhi) === 0 ? 4 : 0) | (noBorrow ? 2 : 0) | (((aHi ^ bHi) & (aHi ^ rhi)) >>> 31);
  const d = insn & 31;
  if (d !== 31) {
    i32[2 * d] = rlo;
    i32[2 * d + 1] = rhi;
  }
  return NEXT;
}

/** ADDS Xd, Xn, Xm{, LSL/LSR/ASR #amount} (CMN Xn, Xm when Rd is XZR). */
export function addsX(s: CoreState, insn: number): number {
  operandX(s.u32, s, insn);
  // Int32 halves and unsigned compares for the carries, as addRegisterHalves.
  const i32 = s.i32;
  const n = (insn >>> 5) & 31;
  const aLo = i32[2 * n]!;
  const aHi = i32[2 * n + 1]!;
  const bHi = i32[2 * T0 + 1]!;
  const rlo = (aLo + i32[2 * T0]!) | 0;
  const carry = rlo >>> 0 < aLo >>> 0 ? 1 : 0;
  const rhi = (aHi + bHi + carry) | 0;
  // C: a carry out of bit 63 (the result's high half below Xn's, or equal to it with a carry in).
  const carryOut = rhi >>> 0 < aHi >>> 0 || (rhi === aHi && carry === 1);
  s.nzcv = ((rhi >>> 31) << 3) | ((rlo | rhi) === 0 ? 4 : 0) | (carryOut ? 2 : 0) | ((~(aHi ^ bHi) & (aHi ^ rhi)) >>> 31);
  const d = insn & 31;
  if (d !== 31) {
    i32[2 * d] = rlo;
    i32[2 * d + 1] = rhi;
  }
  return NEXT;
}

/** ADD Xd|SP, Xn|SP, Rm, extend #amount (amount 0..4). */
export function addXExtended(s: CoreState, insn: number): number {
  extendRegister(s, T0, (insn >>> 16) & 31, (insn >>> 13) & 7, (insn >>> 10) & 7);
  addRegisterHalves(s.i32, spOr(insn & 31), spOr((insn >>> 5) & 31), T0, 0);
  return NEXT;
}

/** ADC Xd, Xn, Xm: Xn + Xm + C. */
export function adcX(s: CoreState, insn: number): number {
  const d = insn & 31;
  if (d !== 31) {
    addRegisterHalves(s.i32, d, (insn >>> 5) & 31, (insn >>> 16) & 31, (s.nzcv >>> 1) & 1);
  }
  return NEXT;
}

/** ORR Xd, Xn, Xm (unshifted; MOV Xd, Xm when Xn is XZR). */
export function orrX(s: CoreState, insn: number): number {
  const d = insn & 31;
  if (d !== 31) {
    const u32 = s.u32;
    const n = (insn >>> 5) & 31;
    const m = (insn >>> 16) & 31;
    u32[2 * d] = u32[2 * n]! | u32[2 * m]!;
    u32[2 * d + 1] = u32[2 * n + 1]! | u32[2 * m + 1]!;
  }
  return NEXT;
}

/**
 * MADD Xd, Xn, Xm, Xa (MUL when Xa is XZR): the low 64 bits of Xn * Xm come from 16-bit pieces
 * of the low halves (every partial product exact in a double) and Math.imul for the cross terms.
 */
export function maddX(s: CoreState, insn: number): number {
  const d = insn & 31;
  if (d !== 31) {
    const u32 = s.u32;
    const n = (insn >>> 5) & 31;
    const m = (insn >>> 16) & 31;
    const a = (insn >>> 10) & 31;
    const nLo = u32[2 * n]!;
    const mLo = u32[2 * m]!;
    const n0 = nLo & 0xffff;
    const n1 = nLo >>> 16;
    const m0 = mLo & 0xffff;
    const m1 = mLo >>> 16;
    const t = n0 * m0;
    const mid1 = n1 * m0 + (t >>> 16); // < 2^32
    const mid2 = n0 * m1 + (mid1 & 0xffff); // < 2^32
    const pLo = ((mid2 << 16) | (t & 0xffff)) >>> 0;
    const pHi = n1 * m1 + (mid1 >>> 16) + (mid2 >>> 16) + Math.imul(nLo, u32[2 * m + 1]!) + Math.imul(u32[2 * n + 1]!, mLo);
    const lo = u32[2 * a]! + pLo;
    const hi = u32[2 * a + 1]! + pHi + (lo >= TWO_32 ? 1 : 0);
    u32[2 * d] = lo;
    u32[2 * d + 1] = hi;
  }
  return NEXT;
}

/** UBFM Xd, Xn, #shift, #63: LSR Xd, Xn, #shift. */
export function lsrImmX(s: CoreState, insn: number): number {
  const d = insn & 31;
  if (d !== 31) {
    const u32 = s.u32;
    const n = (insn >>> 5) & 31;
    const shift = (insn >>> 16) & 63;
    const lo = u32[2 * n]!;
    const hi = u32[2 * n + 1]!;
    if (shift === 0) {
      u32[2 * d] = lo;
      u32[2 * d + 1] = hi;
    } else if (shift < 32) {
      u32[2 * d] = (lo >>> shift) | (hi << (32 - shift));
      u32[2 * d + 1] = hi >>> shift;
    } else {
      u32[2 * d] = hi >>> (shift - 32);
      u32[2 * d + 1] = 0;
    }
  }
  return NEXT;
}

/** UBFM Xd, Xn, #(64 - shift), #(63 - shift) with shift 1..63: LSL Xd, Xn, #shift. */
export function lslImmX(s: CoreState, insn: number): number {
  const d = insn & 31;
  if (d !== 31) {
    const u32 = s.u32;
    const n = (insn >>> 5) & 31;
    const shift = 63 - ((insn >>> 10) & 63);
    const lo = u32[2 * n]!;
    const hi = u32[2 * n + 1]!;
    if (shift < 32) {
      u32[2 * d + 1] = (hi << shift) | (lo >>> (32 - shift));
      u32[2 * d] = lo << shift;
    } else {
      u32[2 * d + 1] = lo << (shift - 32);
      u32[2 * d] = 0;
    }
  }
  return NEXT;
}

/** AND Xd|SP, Xn, #bitmask (a valid 64-bit logical immediate). */
export function andImmX(s: CoreState, insn: number): number {
  const u32 = s.u32;
  const index = bitmaskIndex(insn);
  const n = (insn >>> 5) & 31;
  const d = spOr(insn & 31);
  u32[2 * d] = u32[2 * n]! & BITMASKS[4 * index]!;
  u32[2 * d + 1] = u32[2 * n + 1]! & BITMASKS[4 * index + 1]!;
  return NEXT;
}

/** CSEL Xd, Xn, Xm, cond. */
export function cselX(s: CoreState, insn: number): number {
  const d = insn & 31;
  if (d !== 31) {
    const u32 = s.u32;
    const r = CONDITION_TABLE[(((insn >>> 12) & 15) << 4) | s.nzcv] === 1 ? (insn >>> 5) & 31 : (insn >>> 16) & 31;
    u32[2 * d] = u32[2 * r]!;
    u32[2 * d + 1] = u32[2 * r + 1]!;
  }
  return NEXT;
}

/** CSINC Xd, Xn, Xm, cond (CINC, CSET). */
export function csincX(s: CoreState, insn: number): number {
  const d = insn & 31;
  if (d !== 31) {
    const u32 = s.u32;
    if (CONDITION_TABLE[(((insn >>> 12) & 15) << 4) | s.nzcv] === 1) {
      const n = (insn >>> 5) & 31;
      u32[2 * d] = u32[2 * n]!;
      u32[2 * d + 1] = u32[2 * n + 1]!;
    } else {
      const m = (insn >>> 16) & 31;
      const lo = u32[2 * m]! + 1;
      const hi = u32[2 * m + 1]! + (lo >= TWO_32 ? 1 : 0);
      u32[2 * d] = lo;
      u32[2 * d + 1] = hi;
    }
  }
  return NEXT;
}
