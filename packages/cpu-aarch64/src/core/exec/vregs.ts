/**
 * SIMD&FP register-file access shared by the FP, AdvSIMD and SIMD load/store handlers.
 *
 * V[n] is bytes 16n..16n+15 of the CoreState views (`vu8`, `vu16`, `vu32`, `vu64`, signed and
 * float variants; see state.ts): lane i of element size E bytes is index n * (16 / E) + i. Every
 * write of a scalar or 64-bit vector result clears the rest of the register (`clearAbove`), as
 * the architecture does. FPCR and FPSR are 32-bit words in register-file slots FPCR/FPSR.
 *
 * A handler checks, in this order: UNDEFINED field values (`s.undefinedInstruction(insn)`), then
 * `const fp = s.checkFp(); if (fp !== NEXT) return fp;` (CPACR_EL1.FPEN / CPTR_EL2.TFP), then
 * executes.
 */
import { FPCR, FPSR } from "../layout.js";
import type { CoreState } from "../state.js";

/** FPSR cumulative flags. */
export const FPSR_IOC = 1 << 0;
export const FPSR_DZC = 1 << 1;
export const FPSR_OFC = 1 << 2;
export const FPSR_UFC = 1 << 3;
export const FPSR_IXC = 1 << 4;
export const FPSR_IDC = 1 << 7;
/** Cumulative saturation (AdvSIMD saturating instructions). */
export const FPSR_QC = 1 << 27;

/** FPCR controls. */
export const FPCR_AHP = 1 << 26;
export const FPCR_DN = 1 << 25;
export const FPCR_FZ = 1 << 24;
/** RMode is FPCR bits 23..22: 0 nearest-even, 1 towards +inf, 2 towards -inf, 3 towards zero. */
export const FPCR_RMODE_SHIFT = 22;

/** The FPCR value. */
export function fpcr(s: CoreState): number {
  return s.u32[2 * FPCR]!;
}

/** ORs cumulative flags (FPSR_* bits) into FPSR. */
export function raiseFpsr(s: CoreState, flags: number): void {
  s.u32[2 * FPSR] = s.u32[2 * FPSR]! | flags;
}

/** Zeroes bytes `fromByte`..15 of V[n] (after writing a result narrower than 128 bits). */
export function clearAbove(s: CoreState, n: number, fromByte: number): void {
  s.vu8.fill(0, 16 * n + fromByte, 16 * n + 16);
}

/** Copies V[src] to V[dst] (all 128 bits). */
export function copyV(s: CoreState, dst: number, src: number): void {
  if (dst !== src) s.vu8.copyWithin(16 * dst, 16 * src, 16 * src + 16);
}

/**
 * Reads `bytes` (1, 2, 4, 8 or 16) at the address (lo, hi) into V register bytes starting at
 * `vByte` (an absolute index into `vu8`, element aligned). Nothing is written on a fault (the
 * fault is recorded in `s.fault*`): returns false.
 */
export function loadToV(s: CoreState, lo: number, hi: number, bytes: number, vByte: number): boolean {
  switch (bytes) {
    case 1: {
      const v = s.read8(lo, hi);
      if (s.fault) return false;
      s.vu8[vByte] = v;
      return true;
    }
    case 2: {
      const v = s.read16(lo, hi);
      if (s.fault) return false;
      s.vu16[vByte >>> 1] = v;
      return true;
    }
    case 4: {
      const v = s.read32(lo, hi);
      if (s.fault) return false;
      s.vu32[vByte >>> 2] = v;
      return true;
    }
    case 8: {
      const v = s.read64(lo, hi);
      if (s.fault) return false;
      s.vu32[vByte >>> 2] = v;
      s.vu32[(vByte >>> 2) + 1] = s.hiWord;
      return true;
    }
    default: {
      const a = s.read64(lo, hi);
      const aHi = s.hiWord;
      if (s.fault) return false;
      const lo2 = (lo + 8) >>> 0;
      const b = s.read64(lo2, lo2 < 8 ? (hi + 1) >>> 0 : hi);
      if (s.fault) return false;
      const w = vByte >>> 2;
      s.vu32[w] = a;
      s.vu32[w + 1] = aHi;
      s.vu32[w + 2] = b;
      s.vu32[w + 3] = s.hiWord;
      return true;
    }
  }
}

/**
 * Writes `bytes` (1, 2, 4, 8 or 16) of V register bytes from `vByte` to the address (lo, hi).
 * Returns false on a fault (a 16-byte store crossing a page is probed first: a fault writes nothing).
 */
export function storeFromV(s: CoreState, lo: number, hi: number, bytes: number, vByte: number): boolean {
  switch (bytes) {
    case 1:
      return s.write8(lo, hi, s.vu8[vByte]!);
    case 2:
      return s.write16(lo, hi, s.vu16[vByte >>> 1]!);
    case 4:
      return s.write32(lo, hi, s.vu32[vByte >>> 2]!);
    case 8:
      return s.write64(lo, hi, s.vu32[vByte >>> 2]!, s.vu32[(vByte >>> 2) + 1]!);
    default: {
      if ((lo & 0xfff) > 0xff0 && !s.probeWrite(lo, hi, 16)) return false;
      const w = vByte >>> 2;
      const lo2 = (lo + 8) >>> 0;
      return (
        s.write64(lo, hi, s.vu32[w]!, s.vu32[w + 1]!) &&
        s.write64(lo2, lo2 < 8 ? (hi + 1) >>> 0 : hi, s.vu32[w + 2]!, s.vu32[w + 3]!)
      );
    }
  }
}
