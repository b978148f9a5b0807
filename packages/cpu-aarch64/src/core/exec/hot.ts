/**
 * Specialised executors for the most frequent instruction shapes of compiled C code (32-bit
 * logical and arithmetic with a shifted register, compares, MOVZ, the branches, and the 64-bit
 * arithmetic of hot-x.ts and the loads and stores of hot-load-store.ts). The decoder
 * picks one of these instead of the generic pattern handler when the word has the shape (see
 * `hotExecutorFor`), and `Cpu.run` calls them directly from a switch so that the JIT can inline
 * them: the generic handlers are reached through a megamorphic call from the executor table.
 *
 * Each is exactly the generic handler's behaviour restricted to the shape it is chosen for.
 */
import { addWithFlags32, shift32 } from "../alu.js";
import { NEXT } from "../layout.js";
import type { CoreState } from "../state.js";
import { b, bCond, bl, br, cbnz, cbz, tbnz, tbz } from "./branch.js";
import { addImm, addsImm, subImm, subsImm } from "./dp-immediate.js";
import { adcX, addX, addXExtended, addsX, andImmX, cselX, csincX, lslImmX, lsrImmX, maddX, orrX, subX, subsX } from "./hot-x.js";
import {
  ldp, ldrWImmediate, ldrXImmediate, ldrXRegister, ldrbImmediate, stp, strWImmediate, strXImmediate, strXRegister, strbImmediate,
} from "./hot-load-store.js";
import { LOGICAL_IMM_VALID, bitmaskIndex } from "../bitmasks.js";

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
export const HOT_ADD_X = 12;
export const HOT_SUB_X = 13;
export const HOT_SUBS_X = 14;
export const HOT_ORR_X = 15;
export const HOT_MADD_X = 16;
export const HOT_LSR_IMM_X = 17;
export const HOT_LSL_IMM_X = 18;
export const HOT_AND_IMM_X = 19;
export const HOT_CSEL_X = 20;
export const HOT_CSINC_X = 21;
export const HOT_ADDS_IMM = 22;
export const HOT_NOP = 23;
export const HOT_LDR_X_REG = 24;
export const HOT_STR_X_REG = 25;
export const HOT_LDR_X_IMM = 26;
export const HOT_STR_X_IMM = 27;
export const HOT_ADDS_X = 28;
export const HOT_ADD_X_EXT = 29;
export const HOT_ADC_X = 30;
export const HOT_STP = 31;
export const HOT_LDP = 32;
export const HOT_MOVZ = 33;
export const HOT_B = 34;
export const HOT_BL = 35;
export const HOT_RET = 36;
export const HOT_CBZ = 37;
export const HOT_CBNZ = 38;
export const HOT_TBZ = 39;
export const HOT_TBNZ = 40;
export const HOT_LDR_W_IMM = 41;
export const HOT_STR_W_IMM = 42;
export const HOT_LDRB_IMM = 43;
export const HOT_STRB_IMM = 44;
export const HOT_SUBS_W = 45;
export const HOT_SUB_IMM = 46;
/** First id after the specialised executors: the pattern executors start here. */
export const HOT_END = 47;

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

/** SUBS Wd, Wn, Wm{, LSL/LSR/ASR #amount} (CMP Wn, Wm when Rd is WZR). */
export function subsW(s: CoreState, insn: number): number {
  const u32 = s.u32;
  const result = addWithFlags32(s, u32[2 * ((insn >>> 5) & 31)]!, ~operand32(u32, insn) >>> 0, 1);
  const d = insn & 31;
  if (d !== 31) {
    u32[2 * d] = result;
    u32[2 * d + 1] = 0;
  }
  return NEXT;
}

/** MOVZ Xd/Wd, #imm16{, LSL #shift}, chosen only where it is defined (a W form shifts by 0 or 16). */
export function movz(s: CoreState, insn: number): number {
  const d = insn & 31;
  if (d !== 31) {
    const hw = (insn >>> 21) & 3;
    const part = ((insn >>> 5) & 0xffff) << ((hw & 1) * 16);
    const u32 = s.u32;
    u32[2 * d] = hw < 2 ? part : 0;
    u32[2 * d + 1] = hw < 2 ? 0 : part;
  }
  return NEXT;
}

/** A hint that is a NOP (every one but SEV and SEVL): NOP, PACIASP, AUTIASP, BTI, YIELD, … */
export function nop(): number {
  return NEXT;
}

/** The specialised executors, indexed by id - HOT_FIRST. */
export const HOT_EXECUTORS = [
  andW, orrW, eorW, bicW, addW, subW, bCond, subsImm, addImm, sbfxLowX,
  addX, subX, subsX, orrX, maddX, lsrImmX, lslImmX, andImmX, cselX, csincX, addsImm, nop,
  ldrXRegister, strXRegister, ldrXImmediate, strXImmediate, addsX, addXExtended, adcX,
  stp, ldp, movz, b, bl, br, cbz, cbnz, tbz, tbnz,
  ldrWImmediate, strWImmediate, ldrbImmediate, strbImmediate, subsW, subImm,
] as const;

/** The pattern each specialised executor implements a shape of, indexed by id - HOT_FIRST. */
export const HOT_PATTERNS: readonly string[] = [
  "AND_r", "ORR_r", "EOR_r", "BIC_r", "ADD_r", "SUB_r", "B_cond", "SUBS_i", "ADD_i", "SBFM",
  "ADD_r", "SUB_r", "SUBS_r", "ORR_r", "MADD", "UBFM", "UBFM", "AND_i", "CSEL", "CSINC", "ADDS_i", "HINT",
  "LDST_reg", "LDST_reg", "LDST_u", "LDST_u", "ADDS_r", "ADD_x", "ADC",
  "STP", "LDP", "MOVZ", "B", "BL", "RET", "CBZ", "CBNZ", "TBZ", "TBNZ",
  "LDST_u", "LDST_u", "LDST_u", "LDST_u", "SUBS_r", "SUB_i",
];

const HINT_SEV = 4;
const HINT_SEVL = 5;

/** The specialised executor id of a 64-bit (sf = 1) instruction `insn` of pattern `name`, or 0. */
function hotExecutorX(name: string, insn: number): number {
  switch (name) {
    case "ADD_r":
      return ((insn >>> 22) & 3) === 3 ? 0 : HOT_ADD_X;
    case "SUB_r":
      return ((insn >>> 22) & 3) === 3 ? 0 : HOT_SUB_X;
    case "SUBS_r":
      return ((insn >>> 22) & 3) === 3 ? 0 : HOT_SUBS_X;
    case "ADDS_r":
      return ((insn >>> 22) & 3) === 3 ? 0 : HOT_ADDS_X;
    case "ADD_x":
      return ((insn >>> 10) & 7) > 4 ? 0 : HOT_ADD_X_EXT;
    case "ADC":
      return HOT_ADC_X;
    case "ORR_r":
      return ((insn >>> 10) & 63) === 0 ? HOT_ORR_X : 0;
    case "MADD":
      return HOT_MADD_X;
    case "UBFM": {
      // N = 1 (required with sf = 1); imms 63 is LSR, immr = imms + 1 is LSL.
      if ((insn & (1 << 22)) === 0) return 0;
      const immr = (insn >>> 16) & 63;
      const imms = (insn >>> 10) & 63;
      return imms === 63 ? HOT_LSR_IMM_X : immr === imms + 1 ? HOT_LSL_IMM_X : 0;
    }
    case "AND_i":
      return LOGICAL_IMM_VALID[bitmaskIndex(insn)] === 0 ? 0 : HOT_AND_IMM_X;
    case "CSEL":
      return HOT_CSEL_X;
    case "CSINC":
      return HOT_CSINC_X;
    case "LDST_reg": {
      // size 3, V 0, opc 00 (STR) or 01 (LDR), option 011 (LSL), S either.
      const shape = (insn & 0xffe0ec00) >>> 0;
      return shape === 0xf8606800 ? HOT_LDR_X_REG : shape === 0xf8206800 ? HOT_STR_X_REG : 0;
    }
    case "LDST_u": {
      const shape = (insn & 0xffc00000) >>> 0;
      return shape === 0xf9400000 ? HOT_LDR_X_IMM : shape === 0xf9000000 ? HOT_STR_X_IMM : 0;
    }
    default:
      return 0;
  }
}

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
    case "ADDS_i":
      return HOT_ADDS_IMM;
    case "STP":
      return HOT_STP;
    case "LDP":
      return HOT_LDP;
    case "HINT": {
      const op = (insn >>> 5) & 0x7f;
      return op === HINT_SEV || op === HINT_SEVL ? 0 : HOT_NOP;
    }
    case "SBFM":
      // sf = 1, N = 1, immr = 0, imms < 32.
      return (insn & 0x807f8000) >>> 0 === 0x80400000 ? HOT_SBFX_LOW_X : 0;
    case "MOVZ":
      // A W form with hw 2 or 3 is UNDEFINED: the generic handler says so.
      return insn >= 0 && ((insn >>> 21) & 3) >= 2 ? 0 : HOT_MOVZ;
    case "B":
      return HOT_B;
    case "BL":
      return HOT_BL;
    case "RET":
      return HOT_RET;
    case "CBZ":
      return HOT_CBZ;
    case "CBNZ":
      return HOT_CBNZ;
    case "TBZ":
      return HOT_TBZ;
    case "TBNZ":
      return HOT_TBNZ;
    case "SUB_i":
      return HOT_SUB_IMM;
    case "LDST_u":
      switch ((insn & 0xffc00000) >>> 0) {
        case 0xb9400000:
          return HOT_LDR_W_IMM;
        case 0xb9000000:
          return HOT_STR_W_IMM;
        case 0x39400000:
          return HOT_LDRB_IMM;
        case 0x39000000:
          return HOT_STRB_IMM;
      }
      break;
  }
  if (insn < 0) return hotExecutorX(name, insn);
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
    case "SUBS_r":
      return ((insn >>> 22) & 3) === 3 ? 0 : HOT_SUBS_W;
    default:
      return 0;
  }
}
