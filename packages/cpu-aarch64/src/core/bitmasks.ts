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

function replicate(elem: bigint, esize: number): bigint {
  let out = 0n;
  for (let pos = 0; pos < 64; pos += esize) out |= elem << BigInt(pos);
  return out;
}

function ones(count: number): bigint {
  return (1n << BigInt(count)) - 1n;
}

function rotateRight(value: bigint, amount: number, esize: number): bigint {
  if (amount === 0) return value;
  const width = BigInt(esize);
  const r = BigInt(amount);
  return ((value >> r) | (value << (width - r))) & ones(esize);
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
    const wmask = replicate(rotateRight(ones(s + 1), r, esize), esize);
    const tmask = replicate(ones(d + 1), esize);
    BITMASKS[4 * index] = Number(wmask & 0xffffffffn) | 0;
    BITMASKS[4 * index + 1] = Number(wmask >> 32n) | 0;
    BITMASKS[4 * index + 2] = Number(tmask & 0xffffffffn) | 0;
    BITMASKS[4 * index + 3] = Number(tmask >> 32n) | 0;
    BITFIELD_VALID[index] = 1;
    if (s !== levels) LOGICAL_IMM_VALID[index] = 1;
  }
}
fill();
