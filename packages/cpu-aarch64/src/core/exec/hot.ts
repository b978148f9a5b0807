/**
 * Specialised executors for the most frequent instruction shapes of compiled C code (32-bit
 * logical and arithmetic with a shifted register, compares, conditional branches). The decoder
 * picks one of these instead of the generic pattern handler when the word has the shape (see
 * `hotExecutorFor`), and `Cpu.run` calls them directly from a switch so that the JIT can inline
 * them: the generic handlers are reached through a megamorphic call from the executor table.
 *
 * Each is exactly the generic handler's behaviour restricted to the shape it is chosen for.
 */
import { shift32 } from "../alu.js";
import { NEXT } from "../layout.js";
import type { CoreState } from "../state.js";
import { bCond } from "./branch.js";
import { addImm, subsImm } from "./dp-immediate.js";

/**
 * Executor ids of the specialised executors: fixed, right after the decode (0) and UNALLOCATED (1)
 * executors, so that adding patterns to the table never moves them (see executors.ts).
 */
export const HOT_FIRST = 2;
export const HOT_AND_W = 2;
export const HOT_ORR_W = 3;
export const HOT_EOR_W = 4;
export const HOT_BIC_W = 5;
export const HOT_ADD_W = 6;
export const HOT_SUB_W = 7;
export const HOT_B_COND = 8;
export const HOT_SUBS_IMM = 9;
export const HOT_ADD_IMM = 10;
export const HOT_SBFX_LOW_X = 11;
/** First id after the specialised executors: the pattern executors start here. */
export const HOT_END = 12;

/** Rm shifted by the shifted-register operand's type and amount (amount < 32 by choice). */
function operand32(u32: Uint32Array, insn: number): number {
  return shift32(u32[2 * ((insn >>> 16) & 31)]!, (insn >>> 22) & 3, (insn >>> 10) & 31);
}

/** AND Wd, Wn, Wm{, shift #amount}. */
export function andW(s: CoreState, insn: number): number {
  const d = insn & 31;
  if (d !== 31) {
    const u32 = s.u32;
    u32[2 * d] = u32[2 * ((insn >>> 5) & 31)]! & operand32(u32, insn);
    u32[2 * d + 1] = 0;
  }
  return NEXT;
}

/** ORR Wd, Wn, Wm{, shift #amount} (MOV Wd, Wm when Wn is WZR). */
export function orrW(s: CoreState, insn: number): number {
  const d = insn & 31;
  if (d !== 31) {
    const u32 = s.u32;
    u32[2 * d] = u32[2 * ((insn >>> 5) & 31)]! | operand32(u32, insn);
    u32[2 * d + 1] = 0;
  }
  return NEXT;
}

/** EOR Wd, Wn, Wm{, shift #amount}. */
export function eorW(s: CoreState, insn: number): number {
  const d = insn & 31;
  if (d !== 31) {
    const u32 = s.u32;
    u32[2 * d] = u32[2 * ((insn >>> 5) & 31)]! ^ operand32(u32, insn);
    u32[2 * d + 1] = 0;
  }
  return NEXT;
}

/** BIC Wd, Wn, Wm{, shift #amount}. */
export function bicW(s: CoreState, insn: number): number {
  const d = insn & 31;
  if (d !== 31) {
    const u32 = s.u32;
    u32[2 * d] = u32[2 * ((insn >>> 5) & 31)]! & ~operand32(u32, insn);
    u32[2 * d + 1] = 0;
  }
  return NEXT;
}

/** ADD Wd, Wn, Wm{, LSL/LSR/ASR #amount}. */
export function addW(s: CoreState, insn: number): number {
  const d = insn & 31;
  if (d !== 31) {
    const u32 = s.u32;
    u32[2 * d] = u32[2 * ((insn >>> 5) & 31)]! + operand32(u32, insn);
    u32[2 * d + 1] = 0;
  }
  return NEXT;
}

/** SUB Wd, Wn, Wm{, LSL/LSR/ASR #amount}. */
export function subW(s: CoreState, insn: number): number {
  const d = insn & 31;
  if (d !== 31) {
    const u32 = s.u32;
    u32[2 * d] = u32[2 * ((insn >>> 5) & 31)]! - operand32(u32, insn);
    u32[2 * d + 1] = 0;
  }
  return NEXT;
}

/** SBFM Xd, Xn, #0, #imms with imms < 32 (SXTB, SXTH, SXTW, SBFX Xd, Xn, #0, #width). */
export function sbfxLowX(s: CoreState, insn: number): number {
  const d = insn & 31;
  if (d !== 31) {
    const u32 = s.u32;
    const left = 31 - ((insn >>> 10) & 31);
    const lo = (u32[2 * ((insn >>> 5) & 31)]! << left) >> left;
    u32[2 * d] = lo;
    u32[2 * d + 1] = lo >> 31;
  }
  return NEXT;
}

/** The specialised executors, indexed by id - HOT_FIRST. */
export const HOT_EXECUTORS = [andW, orrW, eorW, bicW, addW, subW, bCond, subsImm, addImm, sbfxLowX] as const;

/**
 * The specialised executor id for `insn`, which decodes to pattern `name`, or 0 when it has no
 * specialised shape.
 */
export function hotExecutorFor(name: string, insn: number): number {
  switch (name) {
    case "B_cond":
      return HOT_B_COND;
    case "SUBS_i":
      return HOT_SUBS_IMM;
    case "ADD_i":
      return HOT_ADD_IMM;
    case "SBFM":
      // sf = 1, N = 1, immr = 0, imms < 32.
      return (insn & 0x807f8000) >>> 0 === 0x80400000 ? HOT_SBFX_LOW_X : 0;
  }
  // 32-bit (sf = 0) shifted-register forms with an amount below 32 (imm6 bit 5 clear).
  const w32ShiftOk = insn >= 0 && (insn & (1 << 15)) === 0;
  if (!w32ShiftOk) return 0;
  switch (name) {
    case "AND_r":
      return HOT_AND_W;
    case "ORR_r":
      return HOT_ORR_W;
    case "EOR_r":
      return HOT_EOR_W;
    case "BIC_r":
      return HOT_BIC_W;
    case "ADD_r":
      return ((insn >>> 22) & 3) === 3 ? 0 : HOT_ADD_W;
    case "SUB_r":
      return ((insn >>> 22) & 3) === 3 ? 0 : HOT_SUB_W;
    default:
      return 0;
  }
}
