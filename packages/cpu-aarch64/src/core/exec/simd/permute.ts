/**
 * AdvSIMD copies and permutes: DUP (element, general, scalar), INS (element, general), UMOV,
 * SMOV, EXT, UZP1/2, TRN1/2, ZIP1/2, TBL/TBX. Results that read a register they overwrite are
 * built in the scratch register VT0 first. A 64-bit (Q = 0) result clears bits 127..64.
 */
import { NEXT, VT0 } from "../../layout.js";
import type { CoreState } from "../../state.js";
import type { Handler } from "../handler.js";
import { clearAbove, copyV } from "../vregs.js";

/** Element size log2 of an imm5 (its lowest set bit), or -1 for imm5 = x0000 (UNDEFINED). */
function imm5Size(insn: number): number {
  const imm5 = (insn >>> 16) & 31;
  if ((imm5 & 15) === 0) return -1;
  return 31 - Math.clz32(imm5 & -imm5);
}

/** Element index encoded by imm5 above its size bit. */
function imm5Index(insn: number, size: number): number {
  return ((insn >>> 16) & 31) >>> (size + 1);
}

/** Fills `bytes` bytes of V[d] with the `esize`-byte pattern at vu8[src] (which may be in V[d]). */
function fillFrom(s: CoreState, d: number, src: number, esize: number, bytes: number): void {
  const v = s.vu8;
  v.copyWithin(16 * VT0, src, src + esize);
  for (let off = 0; off < bytes; off += esize) v.copyWithin(16 * d + off, 16 * VT0, 16 * VT0 + esize);
  if (bytes === 8) clearAbove(s, d, 8);
}

/** Writes the low `esize` bytes of general register n (31 = zero) at vu8[at]. */
function putGeneral(s: CoreState, n: number, at: number, esize: number): void {
  const lo = n === 31 ? 0 : s.u32[2 * n]!;
  const hi = n === 31 ? 0 : s.u32[2 * n + 1]!;
  const v = s.vu8;
  for (let k = 0; k < esize; k++) v[at + k] = (k < 4 ? lo >>> (8 * k) : hi >>> (8 * (k - 4))) & 0xff;
}

function dupElement(s: CoreState, insn: number): number {
  const size = imm5Size(insn);
  const q = (insn >>> 30) & 1;
  if (size < 0 || (size === 3 && q === 0)) return s.undefinedInstruction(insn);
  const fp = s.checkFp();
  if (fp !== NEXT) return fp;
  const n = (insn >>> 5) & 31;
  fillFrom(s, insn & 31, 16 * n + (imm5Index(insn, size) << size), 1 << size, q === 1 ? 16 : 8);
  return NEXT;
}

function dupScalar(s: CoreState, insn: number): number {
  const size = imm5Size(insn);
  if (size < 0) return s.undefinedInstruction(insn);
  const fp = s.checkFp();
  if (fp !== NEXT) return fp;
  const n = (insn >>> 5) & 31;
  const d = insn & 31;
  const esize = 1 << size;
  const v = s.vu8;
  const src = 16 * n + (imm5Index(insn, size) << size);
  v.copyWithin(16 * VT0, src, src + esize);
  v.copyWithin(16 * d, 16 * VT0, 16 * VT0 + esize);
  clearAbove(s, d, esize);
  return NEXT;
}

function dupGeneral(s: CoreState, insn: number): number {
  const size = imm5Size(insn);
  const q = (insn >>> 30) & 1;
  if (size < 0 || (size === 3 && q === 0)) return s.undefinedInstruction(insn);
  const fp = s.checkFp();
  if (fp !== NEXT) return fp;
  putGeneral(s, (insn >>> 5) & 31, 16 * VT0, 1 << size);
  fillFrom(s, insn & 31, 16 * VT0, 1 << size, q === 1 ? 16 : 8);
  return NEXT;
}

function insGeneral(s: CoreState, insn: number): number {
  const size = imm5Size(insn);
  if (size < 0) return s.undefinedInstruction(insn);
  const fp = s.checkFp();
  if (fp !== NEXT) return fp;
  putGeneral(s, (insn >>> 5) & 31, 16 * (insn & 31) + (imm5Index(insn, size) << size), 1 << size);
  return NEXT;
}

function insElement(s: CoreState, insn: number): number {
  const size = imm5Size(insn);
  if (size < 0) return s.undefinedInstruction(insn);
  const fp = s.checkFp();
  if (fp !== NEXT) return fp;
  const src = 16 * ((insn >>> 5) & 31) + ((((insn >>> 11) & 15) >>> size) << size);
  s.vu8.copyWithin(16 * (insn & 31) + (imm5Index(insn, size) << size), src, src + (1 << size));
  return NEXT;
}

/** UMOV (`signed` false) and SMOV: element to a W (Q = 0) or X (Q = 1) register. */
function moveToGeneral(signed: boolean): Handler {
  return (s, insn) => {
    const size = imm5Size(insn);
    const q = (insn >>> 30) & 1;
    const ok = signed ? size >= 0 && size < 2 + q : q === 1 ? size === 3 : size >= 0 && size < 3;
    if (!ok) return s.undefinedInstruction(insn);
    const fp = s.checkFp();
    if (fp !== NEXT) return fp;
    const d = insn & 31;
    if (d === 31) return NEXT;
    const n = (insn >>> 5) & 31;
    const index = imm5Index(insn, size);
    const u32 = s.u32;
    let lo: number;
    let hi = 0;
    switch (size) {
      case 0:
        lo = signed ? s.vi8[16 * n + index]! : s.vu8[16 * n + index]!;
        break;
      case 1:
        lo = signed ? s.vi16[8 * n + index]! : s.vu16[8 * n + index]!;
        break;
      case 2:
        lo = s.vu32[4 * n + index]!;
        break;
      default:
        lo = s.vu32[4 * n + 2 * index]!;
        hi = s.vu32[4 * n + 2 * index + 1]!;
    }
    if (signed && q === 1) hi = (lo | 0) >> 31;
    u32[2 * d] = lo;
    u32[2 * d + 1] = hi;
    return NEXT;
  };
}

function ext(s: CoreState, insn: number): number {
  const q = (insn >>> 30) & 1;
  const pos = (insn >>> 11) & 15;
  if (q === 0 && pos >= 8) return s.undefinedInstruction(insn);
  const fp = s.checkFp();
  if (fp !== NEXT) return fp;
  const bytes = q === 1 ? 16 : 8;
  const n = (insn >>> 5) & 31;
  const m = (insn >>> 16) & 31;
  const v = s.vu8;
  const out = 16 * VT0;
  for (let i = 0; i < bytes; i++) {
    const k = pos + i;
    v[out + i] = k < bytes ? v[16 * n + k]! : v[16 * m + k - bytes]!;
  }
  const d = insn & 31;
  copyV(s, d, VT0);
  if (q === 0) clearAbove(s, d, 8);
  return NEXT;
}

/** UZP1/2, TRN1/2, ZIP1/2 (opc 001, 010, 011, 101, 110, 111). */
function permute(s: CoreState, insn: number): number {
  const q = (insn >>> 30) & 1;
  const size = (insn >>> 22) & 3;
  const opc = (insn >>> 12) & 7;
  if ((opc & 3) === 0 || (size === 3 && q === 0)) return s.undefinedInstruction(insn);
  const fp = s.checkFp();
  if (fp !== NEXT) return fp;
  const esize = 1 << size;
  const elements = (q === 1 ? 16 : 8) >>> size;
  const n = 16 * ((insn >>> 5) & 31);
  const m = 16 * ((insn >>> 16) & 31);
  const part = opc >>> 2;
  const out = 16 * VT0;
  const v = s.vu8;
  const put = (e: number, from: number): void => {
    v.copyWithin(out + e * esize, from, from + esize);
  };
  const half = elements >>> 1;
  for (let e = 0; e < elements; e++) {
    switch (opc & 3) {
      case 1: {
        // UZP: even (part 0) or odd (part 1) elements of n:m.
        const k = 2 * e + part;
        put(e, k < elements ? n + k * esize : m + (k - elements) * esize);
        break;
      }
      case 2: {
        // TRN: element pairs from n (even result) and m (odd result).
        const k = (e & ~1) + part;
        put(e, ((e & 1) === 0 ? n : m) + k * esize);
        break;
      }
      default: {
        // ZIP: interleave the low (part 0) or high (part 1) halves.
        const k = part * half + (e >>> 1);
        put(e, ((e & 1) === 0 ? n : m) + k * esize);
      }
    }
  }
  const d = insn & 31;
  copyV(s, d, VT0);
  if (q === 0) clearAbove(s, d, 8);
  return NEXT;
}

/** TBL (op 0: out-of-range indices give 0) and TBX (op 1: they keep the destination byte). */
function table(s: CoreState, insn: number): number {
  const fp = s.checkFp();
  if (fp !== NEXT) return fp;
  const q = (insn >>> 30) & 1;
  const regs = ((insn >>> 13) & 3) + 1;
  const tbx = (insn & (1 << 12)) !== 0;
  const n = (insn >>> 5) & 31;
  const m = 16 * ((insn >>> 16) & 31);
  const d = insn & 31;
  const bytes = q === 1 ? 16 : 8;
  const v = s.vu8;
  const out = 16 * VT0;
  for (let i = 0; i < bytes; i++) {
    const index = v[m + i]!;
    if (index < 16 * regs) v[out + i] = v[16 * ((n + (index >>> 4)) & 31) + (index & 15)]!;
    else v[out + i] = tbx ? v[16 * d + i]! : 0;
  }
  copyV(s, d, VT0);
  if (q === 0) clearAbove(s, d, 8);
  return NEXT;
}

/** Handlers of the AdvSIMD copies and permutes by pattern name. */
export const PERMUTE_HANDLERS = {
  DUP_elem: dupElement,
  DUP_gen: dupGeneral,
  INS_gen: insGeneral,
  SMOV: moveToGeneral(true),
  UMOV: moveToGeneral(false),
  INS_elem: insElement,
  DUP_scalar: dupScalar,
  EXT: ext,
  VPERM: permute,
  TBL: table,
} satisfies Record<string, Handler>;
