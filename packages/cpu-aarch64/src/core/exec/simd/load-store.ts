/**
 * SIMD&FP loads and stores of whole registers: LDR/STR (B, H, S, D, Q) in every addressing mode,
 * LDR (literal), LDP/STP/LDNP/STNP. A load writes the low bytes of V[t] and zeroes the rest. A
 * faulting access changes no register; base write-back happens last. These never report ISV = 1
 * in a data-abort syndrome (access-shape.ts knows only the general-register forms).
 */
import { extendRegister } from "../../alu.js";
import { NEXT, T0, T1, VT0, VT1 } from "../../layout.js";
import type { CoreState } from "../../state.js";
import type { Handler } from "../handler.js";
import { addressPlus, baseSlot } from "../load-store.js";
import { clearAbove, loadToV, storeFromV } from "../vregs.js";

const TWO_32 = 4294967296;

/** Access size log2 of a single-register form (size:opc<1>): 0..4, or -1 when unallocated. */
function singleSizeLog2(insn: number): number {
  const size = insn >>> 30;
  if ((insn & (1 << 23)) === 0) return size;
  return size === 0 ? 4 : -1;
}

/** The single-register access at the address in slot T1: load (opc<0> = 1) or store of 2^log2 bytes. */
function accessSingle(s: CoreState, insn: number, log2: number): number {
  const u32 = s.u32;
  const lo = u32[2 * T1]!;
  const hi = u32[2 * T1 + 1]!;
  const t = insn & 31;
  const bytes = 1 << log2;
  if ((insn & (1 << 22)) !== 0) {
    if (!loadToV(s, lo, hi, bytes, 16 * t)) return s.dataAbort();
    clearAbove(s, t, bytes);
    return NEXT;
  }
  return storeFromV(s, lo, hi, bytes, 16 * t) ? NEXT : s.dataAbort();
}

function unsignedOffset(s: CoreState, insn: number): number {
  const log2 = singleSizeLog2(insn);
  if (log2 < 0) return s.undefinedInstruction(insn);
  const fp = s.checkFp();
  if (fp !== NEXT) return fp;
  addressPlus(s, baseSlot(insn), ((insn >>> 10) & 0xfff) << log2);
  return accessSingle(s, insn, log2);
}

function unscaled(s: CoreState, insn: number): number {
  const log2 = singleSizeLog2(insn);
  if (log2 < 0) return s.undefinedInstruction(insn);
  const fp = s.checkFp();
  if (fp !== NEXT) return fp;
  addressPlus(s, baseSlot(insn), (insn << 11) >> 23);
  return accessSingle(s, insn, log2);
}

/** Pre-index (`pre`) or post-index access with base write-back. */
function indexed(pre: boolean): Handler {
  return (s, insn) => {
    const log2 = singleSizeLog2(insn);
    if (log2 < 0) return s.undefinedInstruction(insn);
    const fp = s.checkFp();
  if (fp !== NEXT) return fp;
    const base = baseSlot(insn);
    const offset = (insn << 11) >> 23;
    addressPlus(s, base, pre ? offset : 0);
    const result = accessSingle(s, insn, log2);
    if (result !== NEXT) return result;
    addressPlus(s, base, offset);
    const u32 = s.u32;
    u32[2 * base] = u32[2 * T1]!;
    u32[2 * base + 1] = u32[2 * T1 + 1]!;
    return NEXT;
  };
}

/** Register offset: Rm extended by option (UXTW, LSL, SXTW, SXTX), scaled by the size when S is set. */
function registerOffset(s: CoreState, insn: number): number {
  const log2 = singleSizeLog2(insn);
  const option = (insn >>> 13) & 7;
  if (log2 < 0 || (option & 2) === 0) return s.undefinedInstruction(insn);
  const fp = s.checkFp();
  if (fp !== NEXT) return fp;
  extendRegister(s, T0, (insn >>> 16) & 31, option, (insn & (1 << 12)) !== 0 ? log2 : 0);
  const u32 = s.u32;
  const base = baseSlot(insn);
  const lo = u32[2 * base]! + u32[2 * T0]!;
  u32[2 * T1] = lo;
  u32[2 * T1 + 1] = u32[2 * base + 1]! + u32[2 * T0 + 1]! + (lo >= TWO_32 ? 1 : 0);
  return accessSingle(s, insn, log2);
}

/** LDR St/Dt/Qt, label (opc 00, 01, 10). */
function literal(s: CoreState, insn: number): number {
  const opc = insn >>> 30;
  if (opc === 3) return s.undefinedInstruction(insn);
  const fp = s.checkFp();
  if (fp !== NEXT) return fp;
  s.setXNumber(T1, s.pc + ((insn << 8) >> 13) * 4);
  const t = insn & 31;
  const bytes = 4 << opc;
  if (!loadToV(s, s.u32[2 * T1]!, s.u32[2 * T1 + 1]!, bytes, 16 * t)) return s.dataAbort();
  clearAbove(s, t, bytes);
  return NEXT;
}

/**
 * LDP/STP/LDNP/STNP of S, D or Q registers (opc 00, 01, 10). Addressing from bits 24..23: 00
 * non-temporal (offset), 01 post-index, 10 offset, 11 pre-index.
 */
function pair(s: CoreState, insn: number): number {
  const opc = insn >>> 30;
  if (opc === 3) return s.undefinedInstruction(insn);
  const load = (insn & (1 << 22)) !== 0;
  const t = insn & 31;
  const t2 = (insn >>> 10) & 31;
  const fp = s.checkFp();
  if (fp !== NEXT) return fp;
  const mode = (insn >>> 23) & 3;
  const bytes = 4 << opc;
  const offset = ((insn << 10) >> 25) * bytes;
  const base = baseSlot(insn);
  const u32 = s.u32;
  addressPlus(s, base, mode === 1 ? 0 : offset);
  const lo = u32[2 * T1]!;
  const hi = u32[2 * T1 + 1]!;
  const lo2 = (lo + bytes) >>> 0;
  const hi2 = (hi + (lo + bytes >= TWO_32 ? 1 : 0)) >>> 0;
  if (load) {
    // Both elements are read (into scratch) before either register changes.
    if (!loadToV(s, lo, hi, bytes, 16 * VT0) || !loadToV(s, lo2, hi2, bytes, 16 * VT1)) return s.dataAbort();
    const v = s.vu8;
    v.copyWithin(16 * t, 16 * VT0, 16 * VT0 + bytes);
    clearAbove(s, t, bytes);
    v.copyWithin(16 * t2, 16 * VT1, 16 * VT1 + bytes);
    clearAbove(s, t2, bytes);
  } else {
    if (!s.probeWrite(lo, hi, 2 * bytes)) return s.dataAbort();
    storeFromV(s, lo, hi, bytes, 16 * t);
    storeFromV(s, lo2, hi2, bytes, 16 * t2);
  }
  if (mode === 1 || mode === 3) {
    addressPlus(s, base, offset);
    u32[2 * base] = u32[2 * T1]!;
    u32[2 * base + 1] = u32[2 * T1 + 1]!;
  }
  return NEXT;
}

/** Handlers of the whole-register SIMD&FP loads and stores by pattern name. */
export const SIMD_LOAD_STORE_HANDLERS = {
  VLDST_u: unsignedOffset,
  VLDST_unscaled: unscaled,
  VLDST_post: indexed(false),
  VLDST_pre: indexed(true),
  VLDST_reg: registerOffset,
  VLDR_lit: literal,
  VLDSTP: pair,
} satisfies Record<string, Handler>;
