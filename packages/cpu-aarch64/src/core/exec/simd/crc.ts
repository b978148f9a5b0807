/**
 * CRC32B/H/W/X and CRC32CB/H/W/X: the bit-reflected CRC update of the Arm ARM (no initial or final
 * inversion), polynomial 0x04C11DB7 (ISO-HDLC) or 0x1EDC6F41 (Castagnoli), reflected. One
 * byte-at-a-time lookup table per polynomial, built once per CrcTables.
 */
import { NEXT } from "../../layout.js";
import type { CoreState } from "../../state.js";
import type { Handler } from "../handler.js";

function reflectedTable(poly: number): Uint32Array {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (poly & -(c & 1));
    table[i] = c;
  }
  return table;
}

/** Updates `acc` with the `bytes` low bytes of lo:hi. */
function update(table: Uint32Array, acc: number, lo: number, hi: number, bytes: number): number {
  let c = acc;
  for (let k = 0; k < bytes; k++) {
    const byte = (k < 4 ? lo >>> (8 * k) : hi >>> (8 * (k - 4))) & 0xff;
    c = (c >>> 8) ^ table[(c ^ byte) & 0xff]!;
  }
  return c >>> 0;
}

function crc32(table: Uint32Array): Handler {
  return (s: CoreState, insn: number): number => {
    const sz = (insn >>> 10) & 3;
    if ((insn < 0) !== (sz === 3)) return s.undefinedInstruction(insn); // X only with sf = 1
    const n = (insn >>> 5) & 31;
    const m = (insn >>> 16) & 31;
    const d = insn & 31;
    const u32 = s.u32;
    const acc = n === 31 ? 0 : u32[2 * n]!;
    const lo = m === 31 ? 0 : u32[2 * m]!;
    const hi = m === 31 ? 0 : u32[2 * m + 1]!;
    if (d !== 31) {
      u32[2 * d] = update(table, acc, lo, hi, 1 << sz);
      u32[2 * d + 1] = 0;
    }
    return NEXT;
  };
}

/** Handler of the CRC32 pattern (C bit selects the polynomial). */
export function crcHandlers(): Record<"CRC32", Handler> {
  const iso = crc32(reflectedTable(0xedb88320));
  const castagnoli = crc32(reflectedTable(0x82f63b78));
  return { CRC32: (s, insn) => ((insn & (1 << 12)) === 0 ? iso(s, insn) : castagnoli(s, insn)) };
}
