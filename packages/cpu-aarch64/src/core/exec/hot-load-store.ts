/**
 * Specialised executors for loads and stores (see hot.ts): LDR/STR Xt with a scaled unsigned
 * offset or an LSL-shifted register offset, the accesses of array loops, which compute the
 * address in locals and make the one access the generic handler makes, with the same fault
 * behaviour (a faulting access changes no register); and STP/LDP, the generic pair access with
 * its kind a constant.
 */
import { NEXT, T0 } from "../layout.js";
import type { CoreState } from "../state.js";
import { baseSlot, pairAccess } from "./load-store.js";

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

/** LDR Xt, [Xn|SP{, #imm12 * 8}]. */
export function ldrXImmediate(s: CoreState, insn: number): number {
  const u32 = s.u32;
  const n = baseSlot(insn);
  const lo = u32[2 * n]! + ((insn >>> 7) & 0x7ff8);
  const hi = (u32[2 * n + 1]! + (lo >= TWO_32 ? 1 : 0)) >>> 0;
  const value = s.read64(lo >>> 0, hi);
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
  const n = baseSlot(insn);
  const lo = u32[2 * n]! + ((insn >>> 7) & 0x7ff8);
  const hi = (u32[2 * n + 1]! + (lo >= TWO_32 ? 1 : 0)) >>> 0;
  const t = insn & 31;
  return s.write64(lo >>> 0, hi, u32[2 * t]!, u32[2 * t + 1]!) ? NEXT : s.dataAbort();
}

/** STP (32- and 64-bit, every addressing mode). */
export function stp(s: CoreState, insn: number): number {
  return pairAccess(s, insn, 0);
}

/** LDP (32- and 64-bit, every addressing mode). */
export function ldp(s: CoreState, insn: number): number {
  return pairAccess(s, insn, 1);
}
