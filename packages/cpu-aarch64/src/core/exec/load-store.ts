/**
 * Loads and stores: single registers in every addressing mode, literals, pairs, exclusives and
 * acquire/release. A faulting access changes no register (base write-back happens last).
 */
import { extendRegister } from "../alu.js";
import { NEXT, SP, T0, T1 } from "../layout.js";
import type { CoreState } from "../state.js";
import type { Handler } from "./handler.js";

const TWO_32 = 4294967296;

/** Register slot of the base register Rn (31 is SP). The effective address of an access is
 * passed between helpers in scratch slot T1. */
export function baseSlot(insn: number): number {
  const n = (insn >>> 5) & 31;
  return n === 31 ? SP : n;
}

/** Stores base + offset (offset a signed number, |offset| < 2^31) as halves in slot T1. */
export function addressPlus(s: CoreState, base: number, offset: number): void {
  const u32 = s.u32;
  const sum = u32[2 * base]! + offset;
  const hi = u32[2 * base + 1]! + (sum >= TWO_32 ? 1 : sum < 0 ? -1 : 0);
  u32[2 * T1] = sum;
  u32[2 * T1 + 1] = hi;
}

/** Adds `offset` to base register `base` (the write-back of the indexed forms; uses slot T1). */
export function writeBack(s: CoreState, base: number, offset: number): void {
  const u32 = s.u32;
  addressPlus(s, base, offset);
  u32[2 * base] = u32[2 * T1]!;
  u32[2 * base + 1] = u32[2 * T1 + 1]!;
}

/**
 * One single-register access of kind (size << 2) | opc at the address in slot T1. Returns NEXT,
 * or STOP after a data abort or an UNDEFINED kind. `prefetchOk` allows PRFM (size 3, opc 2).
 */
function accessSingle(s: CoreState, insn: number, prefetchOk: boolean): number {
  const u32 = s.u32;
  const lo = u32[2 * T1]!;
  const hi = u32[2 * T1 + 1]!;
  const t = insn & 31;
  let value: number;
  switch (((insn >>> 28) & 12) | ((insn >>> 22) & 3)) {
    case 0: // STRB
      return s.write8(lo, hi, u32[2 * t]! & 0xff) ? NEXT : s.dataAbort();
    case 4: // STRH
      return s.write16(lo, hi, u32[2 * t]! & 0xffff) ? NEXT : s.dataAbort();
    case 8: // STR (32-bit)
      return s.write32(lo, hi, u32[2 * t]!) ? NEXT : s.dataAbort();
    case 12: // STR (64-bit)
      return s.write64(lo, hi, u32[2 * t]!, u32[2 * t + 1]!) ? NEXT : s.dataAbort();
    case 1: // LDRB
      value = s.read8(lo, hi);
      break;
    case 5: // LDRH
      value = s.read16(lo, hi);
      break;
    case 9: // LDR (32-bit)
      value = s.read32(lo, hi);
      break;
    case 13: {
      // LDR (64-bit)
      value = s.read64(lo, hi);
      if (s.fault) return s.dataAbort();
      if (t !== 31) {
        u32[2 * t] = value;
        u32[2 * t + 1] = s.hiWord;
      }
      return NEXT;
    }
    case 2: // LDRSB (64-bit)
    case 3: // LDRSB (32-bit)
      value = (s.read8(lo, hi) << 24) >> 24;
      break;
    case 6: // LDRSH (64-bit)
    case 7: // LDRSH (32-bit)
      value = (s.read16(lo, hi) << 16) >> 16;
      break;
    case 10: // LDRSW
      value = s.read32(lo, hi) | 0;
      break;
    case 14: // PRFM
      return prefetchOk ? NEXT : s.undefinedInstruction(insn);
    default:
      return s.undefinedInstruction(insn);
  }
  if (s.fault) return s.dataAbort();
  if (t !== 31) {
    u32[2 * t] = value;
    // Sign-extending loads to X (opc 10) fill the top half with the sign.
    u32[2 * t + 1] = ((insn >>> 22) & 3) === 2 ? value >> 31 : 0;
  }
  return NEXT;
}

/** Rejects kinds that exist only for the offset forms before any write-back. */
function writebackKindAllowed(insn: number): boolean {
  const kind = ((insn >>> 28) & 12) | ((insn >>> 22) & 3);
  return kind !== 14 && kind !== 11 && kind !== 15;
}

function ldstUnsignedOffset(s: CoreState, insn: number): number {
  const scale = insn >>> 30;
  addressPlus(s, baseSlot(insn), ((insn >>> 10) & 0xfff) << scale);
  return accessSingle(s, insn, true);
}

function ldstUnscaled(s: CoreState, insn: number): number {
  addressPlus(s, baseSlot(insn), (insn << 11) >> 23);
  return accessSingle(s, insn, true);
}

function ldstUnprivileged(s: CoreState, insn: number): number {
  if (!writebackKindAllowed(insn)) return s.undefinedInstruction(insn);
  addressPlus(s, baseSlot(insn), (insn << 11) >> 23);
  if (s.system === null || s.system.el === 0 || s.translator === null) return accessSingle(s, insn, false);
  // LDTR/STTR at EL1: EL0 permissions, so it looks up and fills the TLBs of EL0's rights, never
  // EL1's.
  s.useUnprivilegedTlbs(true);
  s.unprivileged = true;
  const result = accessSingle(s, insn, false);
  s.unprivileged = false;
  s.useUnprivilegedTlbs(false);
  return result;
}

/** Pre-index (`pre`) or post-index single-register access with base write-back. */
function ldstIndexed(pre: boolean): Handler {
  return (s, insn) => {
    if (!writebackKindAllowed(insn)) return s.undefinedInstruction(insn);
    const base = baseSlot(insn);
    const offset = (insn << 11) >> 23;
    addressPlus(s, base, pre ? offset : 0);
    const result = accessSingle(s, insn, false);
    if (result !== NEXT) return result;
    writeBack(s, base, offset);
    return NEXT;
  };
}

/** Register offset: Rm extended by option (UXTW, LSL, SXTW, SXTX) and scaled when S is set. */
function ldstRegister(s: CoreState, insn: number): number {
  const option = (insn >>> 13) & 7;
  if ((option & 2) === 0) return s.undefinedInstruction(insn);
  const amount = (insn & (1 << 12)) !== 0 ? insn >>> 30 : 0;
  extendRegister(s, T0, (insn >>> 16) & 31, option, amount);
  const u32 = s.u32;
  const base = baseSlot(insn);
  const lo = u32[2 * base]! + u32[2 * T0]!;
  u32[2 * T1] = lo;
  u32[2 * T1 + 1] = u32[2 * base + 1]! + u32[2 * T0 + 1]! + (lo >= TWO_32 ? 1 : 0);
  return accessSingle(s, insn, true);
}

/** Literal loads: op 0 LDR (W or X by bit 30), 1 LDRSW, 2 PRFM. */
function loadLiteral(op: number): Handler {
  return (s, insn) => {
    if (op === 2) return NEXT;
    s.setXNumber(T1, s.pc + ((insn << 8) >> 13) * 4);
    const u32 = s.u32;
    const lo = u32[2 * T1]!;
    const hi = u32[2 * T1 + 1]!;
    const t = insn & 31;
    if (op === 0 && (insn & (1 << 30)) !== 0) {
      const value = s.read64(lo, hi);
      if (s.fault) return s.dataAbort();
      if (t !== 31) {
        u32[2 * t] = value;
        u32[2 * t + 1] = s.hiWord;
      }
      return NEXT;
    }
    const value = s.read32(lo, hi);
    if (s.fault) return s.dataAbort();
    if (t !== 31) {
      u32[2 * t] = value;
      u32[2 * t + 1] = op === 1 ? (value | 0) >> 31 : 0;
    }
    return NEXT;
  };
}

/**
 * LDP/STP/LDNP/STNP/LDPSW. `kind` 0 store, 1 load, 2 load signed words. Addressing from bits
 * 24..23: 00 no-allocate (offset), 01 post-index, 10 offset, 11 pre-index. A plain function: the
 * specialised STP/LDP executors (hot-load-store.ts) fall back to it for all but TLB hits.
 */
export function pairAccess(s: CoreState, insn: number, kind: number): number {
  const mode = (insn >>> 23) & 3;
  if (kind === 2 && mode === 0) return s.undefinedInstruction(insn);
  const wide = insn < 0;
  const size = wide ? 8 : 4;
  const offset = ((insn << 10) >> 25) * size;
  const base = baseSlot(insn);
  const t = insn & 31;
  const t2 = (insn >>> 10) & 31;
  const u32 = s.u32;
  addressPlus(s, base, mode === 1 ? 0 : offset);
  const lo = u32[2 * T1]!;
  const hi = u32[2 * T1 + 1]!;
  const lo2 = (lo + size) >>> 0;
  const hi2 = (hi + (lo + size >= TWO_32 ? 1 : 0)) >>> 0;
  if (kind === 0) {
    if (!s.probeWrite(lo, hi, 2 * size)) return s.dataAbort();
    if (wide) {
      s.write64(lo, hi, u32[2 * t]!, u32[2 * t + 1]!);
      s.write64(lo2, hi2, u32[2 * t2]!, u32[2 * t2 + 1]!);
    } else {
      s.write32(lo, hi, u32[2 * t]!);
      s.write32(lo2, hi2, u32[2 * t2]!);
    }
  } else if (wide) {
    const a = s.read64(lo, hi);
    const aHi = s.hiWord;
    if (s.fault) return s.dataAbort(); // FAR names the first access that faults
    const b = s.read64(lo2, hi2);
    if (s.fault) return s.dataAbort();
    if (t !== 31) {
      u32[2 * t] = a;
      u32[2 * t + 1] = aHi;
    }
    if (t2 !== 31) {
      u32[2 * t2] = b;
      u32[2 * t2 + 1] = s.hiWord;
    }
  } else {
    const a = s.read32(lo, hi);
    if (s.fault) return s.dataAbort();
    const b = s.read32(lo2, hi2);
    if (s.fault) return s.dataAbort();
    const signed = kind === 2;
    if (t !== 31) {
      u32[2 * t] = a;
      u32[2 * t + 1] = signed ? (a | 0) >> 31 : 0;
    }
    if (t2 !== 31) {
      u32[2 * t2] = b;
      u32[2 * t2 + 1] = signed ? (b | 0) >> 31 : 0;
    }
  }
  if (mode === 1 || mode === 3) writeBack(s, base, offset);
  return NEXT;
}

function pair(kind: number): Handler {
  return (s, insn) => pairAccess(s, insn, kind);
}

/** Reads `size` bytes (1, 2, 4 or 8) at (lo, hi) into slot d, zero-extended; false on a fault. */
function loadInto(s: CoreState, d: number, lo: number, hi: number, size: number): boolean {
  let value: number;
  let valueHi = 0;
  switch (size) {
    case 1:
      value = s.read8(lo, hi);
      break;
    case 2:
      value = s.read16(lo, hi);
      break;
    case 4:
      value = s.read32(lo, hi);
      break;
    default:
      value = s.read64(lo, hi);
      valueHi = s.hiWord;
  }
  if (s.fault) return false;
  if (d !== 31) {
    s.u32[2 * d] = value;
    s.u32[2 * d + 1] = valueHi;
  }
  return true;
}

/** Writes the low `size` bytes of slot r to (lo, hi); false on a fault. */
function storeFrom(s: CoreState, r: number, lo: number, hi: number, size: number): boolean {
  const u32 = s.u32;
  switch (size) {
    case 1:
      return s.write8(lo, hi, u32[2 * r]! & 0xff);
    case 2:
      return s.write16(lo, hi, u32[2 * r]! & 0xffff);
    case 4:
      return s.write32(lo, hi, u32[2 * r]!);
    default:
      return s.write64(lo, hi, u32[2 * r]!, u32[2 * r + 1]!);
  }
}

/** Base address of an exclusive/ordered access; records an alignment fault when misaligned. */
function alignedBase(s: CoreState, insn: number, align: number, isWrite: boolean): boolean {
  const base = baseSlot(insn);
  const lo = s.u32[2 * base]!;
  const hi = s.u32[2 * base + 1]!;
  s.u32[2 * T1] = lo;
  s.u32[2 * T1 + 1] = hi;
  if ((lo & (align - 1)) !== 0) {
    s.alignmentFault(lo, hi, isWrite);
    return false;
  }
  return true;
}

/** LDXR/LDAXR (exclusive) and LDAR (ordered). */
function loadOrdered(exclusive: boolean): Handler {
  return (s, insn) => {
    const size = 1 << (insn >>> 30);
    if (!alignedBase(s, insn, size, false)) return s.dataAbort();
    const lo = s.u32[2 * T1]!;
    const hi = s.u32[2 * T1 + 1]!;
    if (!loadInto(s, insn & 31, lo, hi, size)) return s.dataAbort();
    if (exclusive) s.armExclusive(lo, hi, size);
    return NEXT;
  };
}

function storeRelease(s: CoreState, insn: number): number {
  const size = 1 << (insn >>> 30);
  if (!alignedBase(s, insn, size, true)) return s.dataAbort();
  return storeFrom(s, insn & 31, s.u32[2 * T1]!, s.u32[2 * T1 + 1]!, size) ? NEXT : s.dataAbort();
}

function setStatus(s: CoreState, rs: number, failed: boolean): void {
  if (rs !== 31) {
    s.u32[2 * rs] = failed ? 1 : 0;
    s.u32[2 * rs + 1] = 0;
  }
}

/** STXR/STLXR: store only while the monitor holds this address; Ws = 0 on success, 1 on failure. */
function storeExclusive(s: CoreState, insn: number): number {
  const size = 1 << (insn >>> 30);
  if (!alignedBase(s, insn, size, true)) return s.dataAbort();
  const lo = s.u32[2 * T1]!;
  const hi = s.u32[2 * T1 + 1]!;
  const rs = (insn >>> 16) & 31;
  if (!s.claimExclusive(lo, hi, size)) {
    setStatus(s, rs, true);
    return NEXT;
  }
  if (!storeFrom(s, insn & 31, lo, hi, size)) return s.dataAbort();
  setStatus(s, rs, false);
  return NEXT;
}

/** LDXP/LDAXP: two registers of 4 or 8 bytes, aligned to the pair's size. */
function loadExclusivePair(s: CoreState, insn: number): number {
  const size = (insn & (1 << 30)) !== 0 ? 8 : 4;
  if (!alignedBase(s, insn, 2 * size, false)) return s.dataAbort();
  const u32 = s.u32;
  const lo = u32[2 * T1]!;
  const hi = u32[2 * T1 + 1]!;
  // Load both into scratch first so that a fault leaves the registers alone.
  if (!loadInto(s, T0, lo, hi, size)) return s.dataAbort();
  const firstLo = u32[2 * T0]!;
  const firstHi = u32[2 * T0 + 1]!;
  if (!loadInto(s, T0, (lo + size) >>> 0, hi, size)) return s.dataAbort();
  const t = insn & 31;
  const t2 = (insn >>> 10) & 31;
  if (t !== 31) {
    u32[2 * t] = firstLo;
    u32[2 * t + 1] = firstHi;
  }
  if (t2 !== 31) {
    u32[2 * t2] = u32[2 * T0]!;
    u32[2 * t2 + 1] = u32[2 * T0 + 1]!;
  }
  s.armExclusive(lo, hi, 2 * size);
  return NEXT;
}

function storeExclusivePair(s: CoreState, insn: number): number {
  const size = (insn & (1 << 30)) !== 0 ? 8 : 4;
  if (!alignedBase(s, insn, 2 * size, true)) return s.dataAbort();
  const lo = s.u32[2 * T1]!;
  const hi = s.u32[2 * T1 + 1]!;
  const rs = (insn >>> 16) & 31;
  if (!s.claimExclusive(lo, hi, 2 * size)) {
    setStatus(s, rs, true);
    return NEXT;
  }
  if (!s.probeWrite(lo, hi, 2 * size)) return s.dataAbort();
  storeFrom(s, insn & 31, lo, hi, size);
  storeFrom(s, (insn >>> 10) & 31, (lo + size) >>> 0, hi, size);
  setStatus(s, rs, false);
  return NEXT;
}

/** Handlers of this group by pattern name. */
export const LOAD_STORE_HANDLERS = {
  STXR: storeExclusive,
  STLXR: storeExclusive,
  LDXR: loadOrdered(true),
  LDAXR: loadOrdered(true),
  STXP: storeExclusivePair,
  STLXP: storeExclusivePair,
  LDXP: loadExclusivePair,
  LDAXP: loadExclusivePair,
  STLR: storeRelease,
  LDAR: loadOrdered(false),
  LDR_lit: loadLiteral(0),
  LDRSW_lit: loadLiteral(1),
  PRFM_lit: loadLiteral(2),
  STNP: pair(0),
  STP: pair(0),
  LDNP: pair(1),
  LDP: pair(1),
  LDPSW: pair(2),
  LDST_u: ldstUnsignedOffset,
  LDST_unscaled: ldstUnscaled,
  LDST_post: ldstIndexed(false),
  LDST_unpriv: ldstUnprivileged,
  LDST_pre: ldstIndexed(true),
  LDST_reg: ldstRegister,
} satisfies Record<string, Handler>;
