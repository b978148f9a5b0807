import { describe, expect, it } from "vitest";
import { BITFIELD_VALID, BITMASKS, LOGICAL_IMM_VALID, bitmaskIndex } from "./bitmasks.js";

/**
 * DecodeBitMasks(N, imms, immr, immediate) as the Arm ARM writes it (shared/functions/integer),
 * on bigints: the reference the tables are checked against. Returns null where the pseudocode is
 * UNDEFINED (len < 1, or an all-ones element for a logical immediate).
 */
function decodeBitMasks(n: number, imms: number, immr: number, immediate: boolean): { wmask: bigint; tmask: bigint } | null {
  const combined = (n << 6) | (~imms & 0x3f);
  if (combined === 0) return null;
  const len = 31 - Math.clz32(combined); // HighestSetBit
  if (len < 1) return null;
  const levels = (1 << len) - 1;
  if (immediate && (imms & levels) === levels) return null;
  const s = imms & levels;
  const r = immr & levels;
  const diff = (s - r) & levels;
  const esize = 1 << len;
  const ones = (count: number): bigint => (1n << BigInt(count)) - 1n;
  const elementMask = ones(esize);
  const welem = ones(s + 1);
  const telem = ones(diff + 1);
  const rotated = r === 0 ? welem : ((welem >> BigInt(r)) | (welem << BigInt(esize - r))) & elementMask;
  const replicate = (element: bigint): bigint => {
    let out = 0n;
    for (let at = 0; at < 64; at += esize) out |= element << BigInt(at);
    return out;
  };
  return { wmask: replicate(rotated), tmask: replicate(telem) };
}

const halves = (value: bigint): [number, number] => [Number(value & 0xffffffffn) | 0, Number(value >> 32n) | 0];

describe("DecodeBitMasks tables", () => {
  it("hold the Arm ARM's wmask and tmask for all 8,192 N:immr:imms values", () => {
    for (let index = 0; index < 8192; index++) {
      const n = index >>> 12;
      const immr = (index >>> 6) & 0x3f;
      const imms = index & 0x3f;
      const bitfield = decodeBitMasks(n, imms, immr, false);
      const logical = decodeBitMasks(n, imms, immr, true);
      expect(BITFIELD_VALID[index], `bitfield validity of ${index}`).toBe(bitfield === null ? 0 : 1);
      expect(LOGICAL_IMM_VALID[index], `logical-immediate validity of ${index}`).toBe(logical === null ? 0 : 1);
      if (bitfield === null) continue;
      const got = [...BITMASKS.subarray(4 * index, 4 * index + 4)];
      expect(got, `masks of N=${n} immr=${immr} imms=${imms}`).toEqual([...halves(bitfield.wmask), ...halves(bitfield.tmask)]);
    }
  });

  it("index an instruction by its bits 22..10", () => {
    // AND X0, X1, #0xff: N=1, immr=0, imms=7.
    const insn = 0x92401c20;
    expect(bitmaskIndex(insn)).toBe((1 << 12) | (0 << 6) | 7);
    expect([...BITMASKS.subarray(4 * bitmaskIndex(insn), 4 * bitmaskIndex(insn) + 2)]).toEqual([0xff, 0]);
  });
});
