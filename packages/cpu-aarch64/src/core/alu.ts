/**
 * Integer helpers shared by the handlers. 64-bit values travel as unsigned 32-bit halves; a
 * helper that produces a 64-bit value writes it into a register-file slot (often a scratch slot)
 * so that nothing is allocated.
 */
import type { CoreState } from "./state.js";

const TWO_32 = 4294967296;

/** Sets NZCV from a 32-bit addition a + b + carry (a, b unsigned) and returns the result. */
export function addWithFlags32(s: CoreState, a: number, b: number, carry: number): number {
  const r = a + b + carry;
  const res = r >>> 0;
  s.nzcv = ((res >>> 31) << 3) | (res === 0 ? 4 : 0) | (r >= TWO_32 ? 2 : 0) | ((~(a ^ b) & (a ^ res)) >>> 31);
  return res;
}

/**
 * 64-bit a + b + carry on halves; sets NZCV when `setFlags`, writes the result to slot `d`
 * unless d is 31 (XZR).
 */
export function add64(
  s: CoreState,
  d: number,
  aLo: number,
  aHi: number,
  bLo: number,
  bHi: number,
  carry: number,
  setFlags: boolean,
): void {
  const lo = aLo + bLo + carry;
  const rlo = lo >>> 0;
  const hi = aHi + bHi + (lo >= TWO_32 ? 1 : 0);
  const rhi = hi >>> 0;
  if (setFlags) {
    s.nzcv = ((rhi >>> 31) << 3) | ((rlo | rhi) === 0 ? 4 : 0) | (hi >= TWO_32 ? 2 : 0) | ((~(aHi ^ bHi) & (aHi ^ rhi)) >>> 31);
  }
  if (d !== 31) {
    s.u32[2 * d] = rlo;
    s.u32[2 * d + 1] = rhi;
  }
}

/** Shift types of shifted-register operands and variable shifts. */
export const LSL = 0;
export const LSR = 1;
export const ASR = 2;
export const ROR = 3;

/** A 32-bit value shifted by `amount` (0..31); returns an unsigned result. */
export function shift32(value: number, type: number, amount: number): number {
  if (amount === 0) return value >>> 0;
  switch (type) {
    case LSL:
      return (value << amount) >>> 0;
    case LSR:
      return value >>> amount;
    case ASR:
      return (value >> amount) >>> 0;
    default:
      return ((value >>> amount) | (value << (32 - amount))) >>> 0;
  }
}

/** Writes (lo, hi) shifted by `amount` (0..63) into slot `d`. */
export function shift64(s: CoreState, d: number, lo: number, hi: number, type: number, amount: number): void {
  let rlo: number;
  let rhi: number;
  if (amount === 0) {
    rlo = lo;
    rhi = hi;
  } else if (amount < 32) {
    switch (type) {
      case LSL:
        rhi = (hi << amount) | (lo >>> (32 - amount));
        rlo = lo << amount;
        break;
      case LSR:
        rlo = (lo >>> amount) | (hi << (32 - amount));
        rhi = hi >>> amount;
        break;
      case ASR:
        rlo = (lo >>> amount) | (hi << (32 - amount));
        rhi = hi >> amount;
        break;
      default:
        rlo = (lo >>> amount) | (hi << (32 - amount));
        rhi = (hi >>> amount) | (lo << (32 - amount));
    }
  } else {
    const k = amount - 32;
    switch (type) {
      case LSL:
        rhi = lo << k;
        rlo = 0;
        break;
      case LSR:
        rlo = hi >>> k;
        rhi = 0;
        break;
      case ASR:
        rlo = hi >> k;
        rhi = hi >> 31;
        break;
      default:
        // Rotating by 32 + k swaps the halves, then rotates by k.
        rlo = k === 0 ? hi : (hi >>> k) | (lo << (32 - k));
        rhi = k === 0 ? lo : (lo >>> k) | (hi << (32 - k));
    }
  }
  s.u32[2 * d] = rlo;
  s.u32[2 * d + 1] = rhi;
}

/**
 * Writes the extended-register operand (option: UXTB..SXTX) of register `m`, shifted left by
 * `amount` (0..4), into slot `d`.
 */
export function extendRegister(s: CoreState, d: number, m: number, option: number, amount: number): void {
  const u32 = s.u32;
  const src = u32[2 * m]!;
  let lo: number;
  let hi: number;
  switch (option) {
    case 0:
      lo = src & 0xff;
      hi = 0;
      break;
    case 1:
      lo = src & 0xffff;
      hi = 0;
      break;
    case 2:
      lo = src;
      hi = 0;
      break;
    case 4:
      lo = (src << 24) >> 24;
      hi = lo >> 31;
      break;
    case 5:
      lo = (src << 16) >> 16;
      hi = lo >> 31;
      break;
    case 6:
      lo = src | 0;
      hi = lo >> 31;
      break;
    default:
      lo = src;
      hi = u32[2 * m + 1]!;
  }
  if (amount !== 0) {
    hi = (hi << amount) | (lo >>> (32 - amount));
    lo = lo << amount;
  }
  u32[2 * d] = lo;
  u32[2 * d + 1] = hi;
}

/** Reverses the bits of a 32-bit value (unsigned result). */
export function reverseBits32(v: number): number {
  v = ((v >>> 1) & 0x55555555) | ((v & 0x55555555) << 1);
  v = ((v >>> 2) & 0x33333333) | ((v & 0x33333333) << 2);
  v = ((v >>> 4) & 0x0f0f0f0f) | ((v & 0x0f0f0f0f) << 4);
  v = ((v >>> 8) & 0x00ff00ff) | ((v & 0x00ff00ff) << 8);
  return ((v >>> 16) | (v << 16)) >>> 0;
}

/** Reverses the bytes of a 32-bit value (unsigned result). */
export function reverseBytes32(v: number): number {
  return (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;
}

/** Swaps the bytes within each 16-bit half of a 32-bit value (unsigned result). */
export function reverseBytes16x2(v: number): number {
  return (((v & 0x00ff00ff) << 8) | ((v >>> 8) & 0x00ff00ff)) >>> 0;
}
