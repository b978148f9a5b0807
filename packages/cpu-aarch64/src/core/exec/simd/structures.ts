/**
 * AdvSIMD structure loads and stores: LD1–LD4/ST1–ST4 (multiple structures), the single-lane
 * forms, LD1R–LD4R (load and replicate), each with optional post-index by an immediate (the
 * transfer size, encoded as Rm = 31) or by a register. Register lists wrap from V31 to V0.
 * Base write-back happens only after every access succeeded; a fault stops with the accesses made
 * so far done (as QEMU does: the registers being loaded are UNKNOWN after a fault anyway).
 */
import { NEXT, T1 } from "../../layout.js";
import type { CoreState } from "../../state.js";
import type { Handler } from "../handler.js";
import { addressPlus, baseSlot } from "../load-store.js";
import { clearAbove, loadToV, storeFromV } from "../vregs.js";

const TWO_32 = 4294967296;

/** Multiple structures by opcode: registers * 8 + elements per structure (selem); 0 = UNDEFINED. */
const MULTIPLE: readonly number[] = [
  /* 0000 LD4 */ 8 + 4, 0, /* 0010 LD1 x4 */ 32 + 1, 0,
  /* 0100 LD3 */ 8 + 3, 0, /* 0110 LD1 x3 */ 24 + 1, /* 0111 LD1 */ 8 + 1,
  /* 1000 LD2 */ 8 + 2, 0, /* 1010 LD1 x2 */ 16 + 1, 0,
  0, 0, 0, 0,
];

/** Writes Rn + (the immediate `bytes`, or X[Rm] when Rm is not 31) back to Rn. */
function postIndex(s: CoreState, insn: number, bytes: number): void {
  const base = baseSlot(insn);
  const m = (insn >>> 16) & 31;
  const u32 = s.u32;
  if (m === 31) {
    addressPlus(s, base, bytes);
    u32[2 * base] = u32[2 * T1]!;
    u32[2 * base + 1] = u32[2 * T1 + 1]!;
    return;
  }
  const lo = u32[2 * base]! + u32[2 * m]!;
  const hi = u32[2 * base + 1]! + u32[2 * m + 1]! + (lo >= TWO_32 ? 1 : 0);
  u32[2 * base] = lo;
  u32[2 * base + 1] = hi;
}

/** LD1–LD4/ST1–ST4 (multiple structures), `post` with post-index. */
function multiple(post: boolean): Handler {
  return (s, insn) => {
    const shape = MULTIPLE[(insn >>> 12) & 15]!;
    const size = (insn >>> 10) & 3;
    const q = (insn >>> 30) & 1;
    const selem = shape & 7;
    if (shape === 0 || (size === 3 && q === 0 && selem > 1)) return s.undefinedInstruction(insn);
    const fp = s.checkFp();
    if (fp !== NEXT) return fp;
    const regs = shape >>> 3;
    const load = (insn & (1 << 22)) !== 0;
    const t = insn & 31;
    const base = baseSlot(insn);
    let lo = s.u32[2 * base]!;
    let hi = s.u32[2 * base + 1]!;
    const regBytes = q === 1 ? 16 : 8;
    if (selem === 1) {
      // LD1/ST1: each register is a contiguous block, whatever the element size (little-endian).
      for (let r = 0; r < regs; r++) {
        const v = (t + r) & 31;
        if (load) {
          if (!loadToV(s, lo, hi, regBytes, 16 * v)) return s.dataAbort();
          if (q === 0) clearAbove(s, v, 8);
        } else if (!storeFromV(s, lo, hi, regBytes, 16 * v)) {
          return s.dataAbort();
        }
        lo += regBytes;
        if (lo >= TWO_32) {
          lo -= TWO_32;
          hi = (hi + 1) >>> 0;
        }
      }
    } else {
      const esize = 1 << size;
      const elements = regBytes >>> size;
      for (let e = 0; e < elements; e++) {
        for (let k = 0; k < selem; k++) {
          const vByte = 16 * ((t + k) & 31) + e * esize;
          if (load ? !loadToV(s, lo, hi, esize, vByte) : !storeFromV(s, lo, hi, esize, vByte)) return s.dataAbort();
          lo += esize;
          if (lo >= TWO_32) {
            lo -= TWO_32;
            hi = (hi + 1) >>> 0;
          }
        }
      }
      if (load && q === 0) for (let k = 0; k < selem; k++) clearAbove(s, (t + k) & 31, 8);
    }
    if (post) postIndex(s, insn, regs * selem * regBytes);
    return NEXT;
  };
}

/**
 * The lane a single-structure form addresses: (scale << 8) | index, or -1 when UNDEFINED.
 * Scale 0..3 is the element size log2; replicate forms report scale 4 + element size log2.
 */
function singleLane(insn: number): number {
  const opcode = (insn >>> 13) & 7;
  const size = (insn >>> 10) & 3;
  const sBit = (insn >>> 12) & 1;
  const q = (insn >>> 30) & 1;
  switch (opcode >>> 1) {
    case 0:
      return (q << 3) | (sBit << 2) | size;
    case 1:
      return (size & 1) !== 0 ? -1 : (1 << 8) | (q << 2) | (sBit << 1) | (size >>> 1);
    case 2:
      if ((size & 2) !== 0) return -1;
      if ((size & 1) === 0) return (2 << 8) | (q << 1) | sBit;
      return sBit !== 0 ? -1 : (3 << 8) | q;
    default:
      // LDnR: loads only, S = 0.
      return (insn & (1 << 22)) === 0 || sBit !== 0 ? -1 : ((4 + size) << 8);
  }
}

/** LD1–LD4/ST1–ST4 (single structure) and LD1R–LD4R, `post` with post-index. */
function single(post: boolean): Handler {
  return (s, insn) => {
    const lane = singleLane(insn);
    if (lane < 0) return s.undefinedInstruction(insn);
    const fp = s.checkFp();
    if (fp !== NEXT) return fp;
    const selem = ((((insn >>> 13) & 1) << 1) | ((insn >>> 21) & 1)) + 1;
    const load = (insn & (1 << 22)) !== 0;
    const t = insn & 31;
    const base = baseSlot(insn);
    let lo = s.u32[2 * base]!;
    let hi = s.u32[2 * base + 1]!;
    const replicate = lane >= 4 << 8;
    const scale = (lane >>> 8) & 3;
    const esize = 1 << scale;
    for (let k = 0; k < selem; k++) {
      const v = (t + k) & 31;
      const vByte = replicate ? 16 * v : 16 * v + (lane & 0xff) * esize;
      if (load ? !loadToV(s, lo, hi, esize, vByte) : !storeFromV(s, lo, hi, esize, vByte)) return s.dataAbort();
      if (replicate) replicateLane0(s, v, esize, (insn & (1 << 30)) !== 0);
      lo += esize;
      if (lo >= TWO_32) {
        lo -= TWO_32;
        hi = (hi + 1) >>> 0;
      }
    }
    if (post) postIndex(s, insn, selem * esize);
    return NEXT;
  };
}

/** Copies element 0 (esize bytes) of V[v] to every element of its 64- or 128-bit vector. */
function replicateLane0(s: CoreState, v: number, esize: number, full: boolean): void {
  const bytes = full ? 16 : 8;
  const at = 16 * v;
  for (let off = esize; off < bytes; off += esize) s.vu8.copyWithin(at + off, at, at + esize);
  if (!full) clearAbove(s, v, 8);
}

/** Handlers of the structure loads and stores by pattern name. */
export const STRUCTURE_HANDLERS = {
  VLDSTN_mult: multiple(false),
  VLDSTN_mult_post: multiple(true),
  VLDSTN_single: single(false),
  VLDSTN_single_post: single(true),
} satisfies Record<string, Handler>;

