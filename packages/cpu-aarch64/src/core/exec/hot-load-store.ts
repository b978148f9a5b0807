/**
 * Specialised executors for loads and stores (see hot.ts): LDR/STR Xt with a scaled unsigned
 * offset or an LSL-shifted register offset, the accesses of array loops, and LDR/STR Wt and
 * LDRB/STRB with an unsigned offset, the field accesses of kernel structures, which compute the
 * address in locals and make the one access the generic handler makes, with the same fault
 * behaviour (a faulting access changes no register); and STP/LDP, which move a 64-bit pair inside
 * one page the data TLB holds with one lookup and leave every other case to the generic pair
 * access.
 */
import { NEXT, T0, T1 } from "../layout.js";
import type { CoreState } from "../state.js";
import { addressPlus, baseSlot, pairAccess, writeBack } from "./load-store.js";

const TWO_32 = 4294967296;

/**
 * The address [Xn|SP, Xm{, LSL #3}] into scratch slot T0 (as hot-x.ts's operandX leaves its
 * operand): small enough for V8 to inline into both executors.
 */
function registerOffsetAddress(u32: Uint32Array, insn: number): void {
  const m = (insn >>> 16) & 31;
  const n = baseSlot(insn);
  const shift = (insn & (1 << 12)) !== 0 ? 3 : 0;
  const mLo = u32[2 * m]!;
  const offHi = shift === 0 ? u32[2 * m + 1]! : ((u32[2 * m + 1]! << 3) | (mLo >>> 29)) >>> 0;
  const lo = u32[2 * n]! + ((mLo << shift) >>> 0);
  u32[2 * T0] = lo;
  u32[2 * T0 + 1] = u32[2 * n + 1]! + offHi + (lo >= TWO_32 ? 1 : 0);
}

/** LDR Xt, [Xn|SP, Xm{, LSL #3}]. */
export function ldrXRegister(s: CoreState, insn: number): number {
  const u32 = s.u32;
  registerOffsetAddress(u32, insn);
  const value = s.read64(u32[2 * T0]!, u32[2 * T0 + 1]!);
  if (s.fault) return s.dataAbort();
  const t = insn & 31;
  if (t !== 31) {
    u32[2 * t] = value;
    u32[2 * t + 1] = s.hiWord;
  }
  return NEXT;
}

/** STR Xt, [Xn|SP, Xm{, LSL #3}]. */
export function strXRegister(s: CoreState, insn: number): number {
  const u32 = s.u32;
  registerOffsetAddress(u32, insn);
  const t = insn & 31;
  return s.write64(u32[2 * T0]!, u32[2 * T0 + 1]!, u32[2 * t]!, u32[2 * t + 1]!) ? NEXT : s.dataAbort();
}

/** Low word of the address [Xn|SP, #offset] of an unsigned-offset access, not yet wrapped. */
function unsignedOffsetLo(u32: Uint32Array, insn: number, offset: number): number {
  return u32[2 * baseSlot(insn)]! + offset;
}

/** High word of that address, given its unwrapped low word `lo`. */
function unsignedOffsetHi(u32: Uint32Array, insn: number, lo: number): number {
  return (u32[2 * baseSlot(insn) + 1]! + (lo >= TWO_32 ? 1 : 0)) >>> 0;
}

/** LDR Xt, [Xn|SP{, #imm12 * 8}]. */
export function ldrXImmediate(s: CoreState, insn: number): number {
  const u32 = s.u32;
  const lo = unsignedOffsetLo(u32, insn, (insn >>> 7) & 0x7ff8);
  const value = s.read64(lo >>> 0, unsignedOffsetHi(u32, insn, lo));
  if (s.fault) return s.dataAbort();
  const t = insn & 31;
  if (t !== 31) {
    u32[2 * t] = value;
    u32[2 * t + 1] = s.hiWord;
  }
  return NEXT;
}

/** STR Xt, [Xn|SP{, #imm12 * 8}]. */
export function strXImmediate(s: CoreState, insn: number): number {
  const u32 = s.u32;
  const lo = unsignedOffsetLo(u32, insn, (insn >>> 7) & 0x7ff8);
  const t = insn & 31;
  return s.write64(lo >>> 0, unsignedOffsetHi(u32, insn, lo), u32[2 * t]!, u32[2 * t + 1]!) ? NEXT : s.dataAbort();
}

/** Wt (zero-extended) from a load that gave `value`, or the data abort if it faulted. */
function loadedW(s: CoreState, insn: number, value: number): number {
  if (s.fault) return s.dataAbort();
  const t = insn & 31;
  if (t !== 31) {
    s.u32[2 * t] = value;
    s.u32[2 * t + 1] = 0;
  }
  return NEXT;
}

/** LDR Wt, [Xn|SP{, #imm12 * 4}]. */
export function ldrWImmediate(s: CoreState, insn: number): number {
  const u32 = s.u32;
  const lo = unsignedOffsetLo(u32, insn, (insn >>> 8) & 0x3ffc);
  return loadedW(s, insn, s.read32(lo >>> 0, unsignedOffsetHi(u32, insn, lo)));
}

/** STR Wt, [Xn|SP{, #imm12 * 4}]. */
export function strWImmediate(s: CoreState, insn: number): number {
  const u32 = s.u32;
  const lo = unsignedOffsetLo(u32, insn, (insn >>> 8) & 0x3ffc);
  return s.write32(lo >>> 0, unsignedOffsetHi(u32, insn, lo), u32[2 * (insn & 31)]!) ? NEXT : s.dataAbort();
}

/** LDRB Wt, [Xn|SP{, #imm12}]. */
export function ldrbImmediate(s: CoreState, insn: number): number {
  const u32 = s.u32;
  const lo = unsignedOffsetLo(u32, insn, (insn >>> 10) & 0xfff);
  return loadedW(s, insn, s.read8(lo >>> 0, unsignedOffsetHi(u32, insn, lo)));
}

/** STRB Wt, [Xn|SP{, #imm12}]. */
export function strbImmediate(s: CoreState, insn: number): number {
  const u32 = s.u32;
  const lo = unsignedOffsetLo(u32, insn, (insn >>> 10) & 0xfff);
  return s.write8(lo >>> 0, unsignedOffsetHi(u32, insn, lo), u32[2 * (insn & 31)]! & 0xff) ? NEXT : s.dataAbort();
}

/** Bit 23 of a pair (bits 24..23: 01 post-index, 10 offset, 11 pre-index) marks write-back. */
const PAIR_WRITEBACK = 1 << 23;

/**
 * The address of the 64-bit pair `insn` on base slot `base` into slot T1 (post-index accesses at
 * the base itself); returns the write-back offset, imm7 * 8.
 */
function pairAddressX(s: CoreState, insn: number, base: number): number {
  const offset = ((insn << 10) >> 25) * 8;
  addressPlus(s, base, ((insn >>> 23) & 3) === 1 ? 0 : offset);
  return offset;
}

/** Stores X register t (31 is XZR, whose slot reads as zero) at view[at], little-endian. */
function storeX(u32: Uint32Array, t: number, view: DataView, at: number): void {
  view.setUint32(at, u32[2 * t]!, true);
  view.setUint32(at + 4, u32[2 * t + 1]!, true);
}

/** Loads X register t from view[at]; XZR (31) is not written. */
function loadX(u32: Uint32Array, t: number, view: DataView, at: number): void {
  if (t !== 31) {
    u32[2 * t] = view.getUint32(at, true);
    u32[2 * t + 1] = view.getUint32(at + 4, true);
  }
}

/**
 * STP (32- and 64-bit, every addressing mode). A 64-bit pair whose 16 bytes lie in one page the
 * write TLB holds (plain RAM without decoded code: see MemoryPort.writeSlot) is stored here;
 * pairAccess takes the rest (32-bit, misses, page crossings, faults, MMIO, code pages).
 */
export function stp(s: CoreState, insn: number): number {
  if (insn < 0) {
    const base = baseSlot(insn);
    const offset = pairAddressX(s, insn, base);
    const u32 = s.u32;
    const lo = u32[2 * T1]!;
    const i = s.writeSlot(lo, u32[2 * T1 + 1]!, 16);
    if (i >= 0) {
      const view = s.wView[i]!;
      const at = s.wBase[i]! + (lo & 0xfff);
      storeX(u32, insn & 31, view, at);
      storeX(u32, (insn >>> 10) & 31, view, at + 8);
      if ((insn & PAIR_WRITEBACK) !== 0) writeBack(s, base, offset);
      return NEXT;
    }
  }
  return pairAccess(s, insn, 0);
}

/**
 * LDP (32- and 64-bit, every addressing mode): as STP, with the read TLB. Overlapping registers
 * (t = t2, or a written-back base among them) are left to pairAccess, whose order defines them.
 */
export function ldp(s: CoreState, insn: number): number {
  const base = baseSlot(insn);
  const t = insn & 31;
  const t2 = (insn >>> 10) & 31;
  const writeback = (insn & PAIR_WRITEBACK) !== 0;
  if (insn < 0 && t !== t2 && !(writeback && (t === base || t2 === base))) {
    const offset = pairAddressX(s, insn, base);
    const u32 = s.u32;
    const lo = u32[2 * T1]!;
    const i = s.readSlot(lo, u32[2 * T1 + 1]!, 16);
    if (i >= 0) {
      const view = s.rView[i]!;
      const at = s.rBase[i]! + (lo & 0xfff);
      loadX(u32, t, view, at);
      loadX(u32, t2, view, at + 8);
      if (writeback) writeBack(s, base, offset);
      return NEXT;
    }
  }
  return pairAccess(s, insn, 1);
}
