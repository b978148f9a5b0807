/**
 * The Arm ARM's DecodeBitMasks(N, imms, immr) for every 13-bit (N:immr:imms) value, computed
 * once: logical immediates and the bitfield instructions then cost one table load. Index with
 * `bitmaskIndex(insn)`; entry k holds wmask (lo, hi) at 4k, 4k+1 and tmask (lo, hi) at 4k+2, 4k+3.
 */
export const BITMASKS: Int32Array = new Int32Array(8192 * 4);
/** 1 where N:immr:imms is a valid logical immediate (DecodeBitMasks with immediate = TRUE). */
export const LOGICAL_IMM_VALID: Uint8Array = new Uint8Array(8192);
/** 1 where N:immr:imms is a valid bitfield operand (immediate = FALSE). */
export const BITFIELD_VALID: Uint8Array = new Uint8Array(8192);

/** Bits 22..10 (N:immr:imms) of a logical-immediate or bitfield instruction. */
export function bitmaskIndex(insn: number): number {
  return (insn >>> 10) & 0x1fff;
}

// The tables are filled in 32-bit halves, not on bigints: this runs when the package is loaded,
// and the bigint form took 30–45 ms of every program's start-up (bitmasks.test.ts checks the
// tables against the pseudocode on bigints).

/** `count` (0..32) low bits set, as an int32 pattern. */
function ones32(count: number): number {
  return count >= 32 ? -1 : (1 << count) - 1;
}

/** An element of `esize` (2..32) bits repeated across 32 bits. */
function replicate32(element: number, esize: number): number {
  let out = 0;
  for (let at = 0; at < 32; at += esize) out |= element << at;
  return out;
}

/** Writes entry `index`'s masks for an element size of 2..32 bits (both halves alike). */
function fillNarrow(index: number, esize: number, s: number, r: number, d: number): void {
  const welem = ones32(s + 1);
  const rotated = r === 0 ? welem : ((welem >>> r) | (welem << (esize - r))) & ones32(esize);
  const wmask = replicate32(rotated, esize);
  const tmask = replicate32(ones32(d + 1), esize);
  BITMASKS[4 * index] = wmask;
  BITMASKS[4 * index + 1] = wmask;
  BITMASKS[4 * index + 2] = tmask;
  BITMASKS[4 * index + 3] = tmask;
}

/** Writes entry `index`'s masks for a 64-bit element: `s + 1` ones rotated right by `r`, and `d + 1` ones. */
function fillWide(index: number, s: number, r: number, d: number): void {
  const low = ones32(Math.min(s + 1, 32));
  const high = ones32(Math.max(s + 1 - 32, 0));
  // Rotating right by 32 or more swaps the halves first (plain locals: this runs unoptimised,
  // where a destructuring swap costs an array and an iterator).
  const lo = r >= 32 ? high : low;
  const hi = r >= 32 ? low : high;
  const k = r & 31;
  BITMASKS[4 * index] = k === 0 ? lo : (lo >>> k) | (hi << (32 - k));
  BITMASKS[4 * index + 1] = k === 0 ? hi : (hi >>> k) | (lo << (32 - k));
  BITMASKS[4 * index + 2] = ones32(Math.min(d + 1, 32));
  BITMASKS[4 * index + 3] = ones32(Math.max(d + 1 - 32, 0));
}

function fill(): void {
  for (let index = 0; index < 8192; index++) {
    const n = index >>> 12;
    const immr = (index >>> 6) & 0x3f;
    const imms = index & 0x3f;
    const combined = (n << 6) | (~imms & 0x3f);
    if (combined === 0) continue;
    const len = 31 - Math.clz32(combined);
    if (len < 1) continue;
    const levels = (1 << len) - 1;
    const esize = 1 << len;
    const s = imms & levels;
    const r = immr & levels;
    const d = (s - r) & levels;
    if (esize === 64) fillWide(index, s, r, d);
    else fillNarrow(index, esize, s, r, d);
    BITFIELD_VALID[index] = 1;
    if (s !== levels) LOGICAL_IMM_VALID[index] = 1;
  }
}
fill();
