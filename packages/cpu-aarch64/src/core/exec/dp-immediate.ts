/** Data processing (immediate): ADR/ADRP, ADD/SUB(S), logical, move wide, bitfield, EXTR. */
import { addWithFlags32, add64 } from "../alu.js";
import { BITFIELD_VALID, BITMASKS, LOGICAL_IMM_VALID, bitmaskIndex } from "../bitmasks.js";
import { NEXT, T0 } from "../layout.js";
import type { CoreState } from "../state.js";
import type { Handler } from "./handler.js";
import { spOr, setW } from "./registers.js";

const TWO_32 = 4294967296;

/** SignExtend(immhi:immlo) of ADR/ADRP. */
function adrOffset(insn: number): number {
  return (((insn << 8) >> 13) << 2) | ((insn >>> 29) & 3);
}

function adr(s: CoreState, insn: number): number {
  const imm = adrOffset(insn);
  s.setXNumber(insn & 31, s.pc + imm);
  return NEXT;
}

function adrp(s: CoreState, insn: number): number {
  const imm = adrOffset(insn);
  const inPage = s.pc % 4096; // negative for a PC in the top half
  s.setXNumber(insn & 31, s.pc - (inPage < 0 ? inPage + 4096 : inPage) + imm * 4096);
  return NEXT;
}

function immediate12(insn: number): number {
  const imm12 = (insn >>> 10) & 0xfff;
  return (insn & (1 << 22)) !== 0 ? imm12 * 4096 : imm12;
}

/** Generic executor of the addImm pattern (also called directly by the run loop, see hot.ts). */
export function addImm(s: CoreState, insn: number): number {
  const d = spOr(insn & 31);
  const n = spOr((insn >>> 5) & 31);
  const u32 = s.u32;
  const sum = u32[2 * n]! + immediate12(insn);
  if (insn < 0) {
    const hi = u32[2 * n + 1]! + (sum >= TWO_32 ? 1 : 0);
    u32[2 * d] = sum;
    u32[2 * d + 1] = hi;
  } else {
    u32[2 * d] = sum;
    u32[2 * d + 1] = 0;
  }
  return NEXT;
}

/** SUB Xd|SP, Xn|SP, #imm{, LSL #12} and the W form (also called directly by the run loop). */
export function subImm(s: CoreState, insn: number): number {
  const d = spOr(insn & 31);
  const n = spOr((insn >>> 5) & 31);
  const u32 = s.u32;
  const diff = u32[2 * n]! - immediate12(insn);
  if (insn < 0) {
    const hi = u32[2 * n + 1]! - (diff < 0 ? 1 : 0);
    u32[2 * d] = diff >>> 0;
    u32[2 * d + 1] = hi >>> 0;
  } else {
    u32[2 * d] = diff >>> 0;
    u32[2 * d + 1] = 0;
  }
  return NEXT;
}

/** Generic executor of the ADDS_i pattern (also called directly by the run loop, see hot.ts). */
export function addsImm(s: CoreState, insn: number): number {
  const d = insn & 31;
  const n = spOr((insn >>> 5) & 31);
  const u32 = s.u32;
  if (insn < 0) add64(s, d, u32[2 * n]!, u32[2 * n + 1]!, immediate12(insn), 0, 0, true);
  else setW(s, d, addWithFlags32(s, u32[2 * n]!, immediate12(insn), 0));
  return NEXT;
}

/** Generic executor of the subsImm pattern (also called directly by the run loop, see hot.ts). */
export function subsImm(s: CoreState, insn: number): number {
  const d = insn & 31;
  const n = spOr((insn >>> 5) & 31);
  const u32 = s.u32;
  const notImm = ~immediate12(insn) >>> 0;
  if (insn < 0) add64(s, d, u32[2 * n]!, u32[2 * n + 1]!, notImm, 0xffffffff, 1, true);
  else setW(s, d, addWithFlags32(s, u32[2 * n]!, notImm, 1));
  return NEXT;
}

/** Logical immediate: op 0 AND, 1 ORR, 2 EOR, 3 ANDS. AND/ORR/EOR may write SP. */
function logicalImm(op: number): Handler {
  return (s, insn) => {
    const index = bitmaskIndex(insn);
    if (LOGICAL_IMM_VALID[index] === 0 || (insn >= 0 && (insn & (1 << 22)) !== 0)) return s.undefinedInstruction(insn);
    const n = (insn >>> 5) & 31;
    const rd = insn & 31;
    const d = op === 3 ? rd : spOr(rd);
    const u32 = s.u32;
    const mLo = BITMASKS[4 * index]!;
    const mHi = insn < 0 ? BITMASKS[4 * index + 1]! : 0;
    const aLo = u32[2 * n]!;
    const aHi = insn < 0 ? u32[2 * n + 1]! : 0;
    let lo: number;
    let hi: number;
    switch (op) {
      case 1:
        lo = aLo | mLo;
        hi = aHi | mHi;
        break;
      case 2:
        lo = aLo ^ mLo;
        hi = aHi ^ mHi;
        break;
      default:
        lo = aLo & mLo;
        hi = aHi & mHi;
    }
    if (op === 3) {
      const top = insn < 0 ? hi : lo;
      s.nzcv = ((top >>> 31) << 3) | ((lo | hi) === 0 ? 4 : 0);
    }
    if (d !== 31) {
      u32[2 * d] = lo;
      u32[2 * d + 1] = hi;
    }
    return NEXT;
  };
}

/** Move wide: op 0 MOVN, 2 MOVZ, 3 MOVK. */
function moveWide(op: number): Handler {
  return (s, insn) => {
    const hw = (insn >>> 21) & 3;
    if (insn >= 0 && hw >= 2) return s.undefinedInstruction(insn);
    const d = insn & 31;
    if (d === 31) return NEXT;
    const imm = (insn >>> 5) & 0xffff;
    const shift = (hw & 1) * 16;
    const slot = 2 * d + (hw >> 1);
    const u32 = s.u32;
    if (op === 3) {
      u32[slot] = (u32[slot]! & ~(0xffff << shift)) | (imm << shift);
      if (insn >= 0) u32[2 * d + 1] = 0;
      return NEXT;
    }
    u32[2 * d] = 0;
    u32[2 * d + 1] = 0;
    u32[slot] = imm << shift;
    if (op === 0) {
      u32[2 * d] = ~u32[2 * d]!;
      u32[2 * d + 1] = insn < 0 ? ~u32[2 * d + 1]! : 0;
    }
    return NEXT;
  };
}

/**
 * Bitfield moves, op 0 SBFM, 1 BFM, 2 UBFM, following the Arm ARM's formulation:
 * bot = ROR(src, immr) & wmask (merged into dst for BFM); top = dst (BFM), copies of src<imms>
 * (SBFM) or 0 (UBFM); result = (top & ~tmask) | (bot & tmask).
 */
function bitfield(op: number): Handler {
  return (s, insn) => {
    const index = bitmaskIndex(insn);
    const wide = insn < 0;
    const nBit = (insn >>> 22) & 1;
    const immr = (insn >>> 16) & 63;
    const imms = (insn >>> 10) & 63;
    if (BITFIELD_VALID[index] === 0 || nBit !== (wide ? 1 : 0) || (!wide && (immr >= 32 || imms >= 32))) {
      return s.undefinedInstruction(insn);
    }
    const d = insn & 31;
    const n = (insn >>> 5) & 31;
    const u32 = s.u32;
    const wLo = BITMASKS[4 * index]!;
    const wHi = BITMASKS[4 * index + 1]!;
    const tLo = BITMASKS[4 * index + 2]!;
    const tHi = BITMASKS[4 * index + 3]!;
    let botLo: number;
    let botHi: number;
    let topLo: number;
    let topHi: number;
    if (wide) {
      const srcLo = u32[2 * n]!;
      const srcHi = u32[2 * n + 1]!;
      rotate64(s, srcLo, srcHi, immr);
      botLo = u32[2 * T0]! & wLo;
      botHi = u32[2 * T0 + 1]! & wHi;
      if (op === 0) {
        const bit = imms < 32 ? (srcLo >>> imms) & 1 : (srcHi >>> (imms - 32)) & 1;
        topLo = topHi = -bit;
      } else if (op === 1) {
        topLo = u32[2 * d]!;
        topHi = u32[2 * d + 1]!;
      } else {
        topLo = topHi = 0;
      }
      if (op === 1) {
        botLo |= topLo & ~wLo;
        botHi |= topHi & ~wHi;
      }
      if (d !== 31) {
        u32[2 * d] = (topLo & ~tLo) | (botLo & tLo);
        u32[2 * d + 1] = (topHi & ~tHi) | (botHi & tHi);
      }
    } else {
      const src = u32[2 * n]!;
      const rotated = immr === 0 ? src : (src >>> immr) | (src << (32 - immr));
      botLo = rotated & wLo;
      if (op === 0) topLo = -((src >>> imms) & 1);
      else if (op === 1) topLo = u32[2 * d]!;
      else topLo = 0;
      if (op === 1) botLo |= topLo & ~wLo;
      setW(s, d, (topLo & ~tLo) | (botLo & tLo));
    }
    return NEXT;
  };
}

/** Writes (lo, hi) rotated right by `amount` (0..63) into the scratch slot T0. */
function rotate64(s: CoreState, lo: number, hi: number, amount: number): void {
  let a = lo;
  let b = hi;
  if (amount >= 32) {
    a = hi;
    b = lo;
    amount -= 32;
  }
  s.u32[2 * T0] = amount === 0 ? a : (a >>> amount) | (b << (32 - amount));
  s.u32[2 * T0 + 1] = amount === 0 ? b : (b >>> amount) | (a << (32 - amount));
}

function extr(s: CoreState, insn: number): number {
  const wide = insn < 0;
  const lsb = (insn >>> 10) & 63;
  if (((insn >>> 22) & 1) !== (wide ? 1 : 0) || (!wide && lsb >= 32)) return s.undefinedInstruction(insn);
  const d = insn & 31;
  const n = (insn >>> 5) & 31;
  const m = (insn >>> 16) & 31;
  const u32 = s.u32;
  if (!wide) {
    const lo = u32[2 * m]!;
    const hi = u32[2 * n]!;
    setW(s, d, lsb === 0 ? lo : (lo >>> lsb) | (hi << (32 - lsb)));
    return NEXT;
  }
  // The 128-bit value Xn:Xm shifted right by lsb, as four words w0 (lowest) .. w3.
  const words0 = u32[2 * m]!;
  const words1 = u32[2 * m + 1]!;
  const words2 = u32[2 * n]!;
  const words3 = u32[2 * n + 1]!;
  const a = lsb >= 32 ? words1 : words0;
  const b = lsb >= 32 ? words2 : words1;
  const c = lsb >= 32 ? words3 : words2;
  const k = lsb & 31;
  if (d !== 31) {
    u32[2 * d] = k === 0 ? a : (a >>> k) | (b << (32 - k));
    u32[2 * d + 1] = k === 0 ? b : (b >>> k) | (c << (32 - k));
  }
  return NEXT;
}

/** Handlers of this group by pattern name. */
export const DP_IMMEDIATE_HANDLERS = {
  ADR: adr,
  ADRP: adrp,
  ADD_i: addImm,
  ADDS_i: addsImm,
  SUB_i: subImm,
  SUBS_i: subsImm,
  AND_i: logicalImm(0),
  ORR_i: logicalImm(1),
  EOR_i: logicalImm(2),
  ANDS_i: logicalImm(3),
  MOVN: moveWide(0),
  MOVZ: moveWide(2),
  MOVK: moveWide(3),
  SBFM: bitfield(0),
  BFM: bitfield(1),
  UBFM: bitfield(2),
  EXTR: extr,
} satisfies Record<string, Handler>;
