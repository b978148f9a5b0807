// Writes fp.S: instruction words of the floating-point encodings (a64-fp-table.ts) swept over
// their fields, allocated and unallocated values alike (objdump prints the latter as
// `.inst … ; undefined`). Deterministic: node make-fp-corpus.mjs && ./regenerate.sh
import { writeFileSync } from "node:fs";

let seed = 12345;
function rnd(n) {
  seed = (seed * 1103515245 + 12345) >>> 0;
  return (seed >>> 8) % n;
}
const words = [];
const regs = () => (rnd(32) << 16) | (rnd(32) << 10) | (rnd(32) << 5) | rnd(32);
/**
 * Encodings of later architecture versions that objdump decodes but Cortex-A53 (ARMv8.0) does not
 * have, so they are left out: half-precision arithmetic (FP16, ftype 11 except FCVT from half),
 * BFCVT, FRINT32/64 and FJCVTZS.
 */
function isLaterArch(w) {
  const ftype = (w >>> 22) & 3;
  const fpSpace = (w & 0x5f000000) === 0x1e000000 || (w & 0x5f000000) === 0x1f000000;
  // AdvSIMD half-precision forms (ARMv8.2): three same with bits 23:21 = x10 and opcode 00xxx,
  // two-register misc with bits 21:17 = 11100; fixed point with immh 001x.
  if ((w & 0x9f200400) === 0x0e000400 && ((w >>> 14) & 3) === 0 && (w & 0x00c00000) !== 0) return false;
  // FMLAL/FMLSL(2) (ARMv8.2 FHM): three same, sz 0, U 0 opcode 11101 or U 1 opcode 11001.
  const u = (w >>> 29) & 1;
  const a = (w >>> 23) & 1;
  if ((w & 0x9f200400) === 0x0e200400 && ((w >>> 11) & 31) === (u ? 0x19 : 0x1d)) return true;
  // FRINT32/64 (ARMv8.5) and BFCVTN (BF16): two-register misc opcodes 1111x (a 0) and 10110 (U 0, a 1).
  const misc = (w & 0x9f3e0c00) === 0x0e200800;
  const mop = (w >>> 12) & 31;
  if (misc && ((a === 0 && (mop & 0x1e) === 0x1e) || (u === 0 && a === 1 && mop === 0x16))) return true;
  // FCMLA by element (ARMv8.3): U 1, opcode 0xx1.
  if ((w & 0x9f000400) === 0x0f000000 && u === 1 && ((w >>> 12) & 9) === 1) return true;
  if (!fpSpace) return false;
  const is1src = (w & 0x5f207c00) === 0x1e204000;
  const opcode = (w >>> 15) & 0x3f;
  if (ftype === 3 && !(is1src && (opcode & 0x3c) === 4)) return true;
  if (is1src && (opcode >= 16 || (ftype === 1 && opcode === 6))) return true;
  if ((w & 0xfffffc00) === 0x1e7e0000) return true; // fjcvtzs
  return false;
}
const emit = (w) => {
  if (!isLaterArch(w >>> 0)) words.push(w >>> 0);
};

for (let ftype = 0; ftype < 4; ftype++) {
  const t = ftype << 22;
  // 1-source, every opcode
  for (let opcode = 0; opcode < 64; opcode++) emit(0x1e204000 | t | (opcode << 15) | (rnd(32) << 5) | rnd(32));
  // 2-source, every opcode
  for (let opcode = 0; opcode < 16; opcode++) emit(0x1e200800 | t | (opcode << 12) | (regs() & 0x1f03ff));
  // 3-source
  for (let o = 0; o < 4; o++) emit(0x1f000000 | t | ((o >> 1) << 21) | ((o & 1) << 15) | (regs() & 0x1f7fff));
  // compares: every opc, with and without Rm
  for (let opc = 0; opc < 4; opc++) {
    emit(0x1e202000 | t | (rnd(32) << 16) | (rnd(32) << 5) | (opc << 3));
    emit(0x1e202000 | t | (rnd(32) << 5) | (opc << 3));
  }
  // conditional compare and select, every condition
  for (let cond = 0; cond < 16; cond++) {
    emit(0x1e200400 | t | (cond << 12) | (rnd(32) << 16) | (rnd(32) << 5) | (rnd(2) << 4) | rnd(16));
    emit(0x1e200c00 | t | (cond << 12) | (regs() & 0x1f03ff));
  }
  // FMOV immediate: a spread of imm8
  for (let imm8 = 0; imm8 < 256; imm8 += ftype === 0 ? 1 : 7) emit(0x1e201000 | t | (imm8 << 13) | rnd(32));
  // FP <-> integer: every sf, rmode, opcode
  for (let sf = 0; sf < 2; sf++)
    for (let rmode = 0; rmode < 4; rmode++)
      for (let opcode = 0; opcode < 8; opcode++) emit(0x1e200000 | (sf << 31) | t | (rmode << 19) | (opcode << 16) | (rnd(32) << 5) | rnd(32));
  // fixed point: every sf, rmode, opcode, some scales
  for (let sf = 0; sf < 2; sf++)
    for (let rmode = 0; rmode < 4; rmode++)
      for (let opcode = 0; opcode < 8; opcode++)
        for (const scale of [0, 31, 32, 48, 63]) emit(0x1e000000 | (sf << 31) | t | (rmode << 19) | (opcode << 16) | (scale << 10) | (rnd(32) << 5) | rnd(32));
}
// AdvSIMD FP: every U, a (size<1>), sz, Q and FP opcode of each class, vector and scalar.
const R = () => (rnd(32) << 5) | rnd(32);
for (let q = 0; q < 2; q++)
  for (let u = 0; u < 2; u++)
    for (let a = 0; a < 2; a++)
      for (let sz = 0; sz < 2; sz++) {
        const base = (q << 30) | (u << 29) | (a << 23) | (sz << 22);
        for (let op = 0; op < 8; op++) {
          emit(0x0e20c400 | base | (rnd(32) << 16) | (op << 11) | R()); // three same, vector
          if (q === 1) emit(0x5e20c400 | (base & ~(1 << 30)) | (rnd(32) << 16) | (op << 11) | R()); // scalar
        }
        for (let opcode = 0; opcode < 32; opcode++) {
          if (!((opcode & 0x1c) === 0x0c || (opcode & 0x1e) === 0x16 || (opcode & 0x18) === 0x18)) continue;
          emit(0x0e200800 | base | (opcode << 12) | R()); // two-register misc
          if (q === 1) emit(0x5e200800 | (base & ~(1 << 30)) | (opcode << 12) | R());
        }
        // across lanes (U 1; U 0 is the ARMv8.2 half-precision form): opcodes 01100-01111
        if (u === 1) for (let opcode = 12; opcode < 16; opcode++) emit(0x0e300800 | base | (opcode << 12) | R());
      }
for (let q = 0; q < 2; q++)
  for (let u = 0; u < 2; u++)
    for (let sz = 0; sz < 2; sz++)
      for (let l = 0; l < 2; l++)
        for (let h = 0; h < 2; h++)
          for (const opc of [1, 5, 9]) {
            const w = (q << 30) | (u << 29) | (1 << 23) | (sz << 22) | (l << 21) | (rnd(32) << 16) | (opc << 12) | (h << 11) | R();
            emit(0x0f000000 | w); // by element, vector
            if (q === 1) emit(0x5f000000 | (w & ~(1 << 30))); // scalar
          }
// scalar pairwise: every a, sz and opcode 011xx
for (let a = 0; a < 2; a++) for (let sz = 0; sz < 2; sz++) for (let op = 0; op < 4; op++) emit(0x7e30c800 | (a << 23) | (sz << 22) | (op << 12) | R());
// fixed point by immediate: every immh:immb class, both opcodes (and the unallocated ones)
for (let q = 0; q < 2; q++)
  for (let u = 0; u < 2; u++)
    for (const immhb of [0x20, 0x21, 0x3f, 0x40, 0x41, 0x5a, 0x7f])
      for (const op of [0x1c, 0x1f, 0x1d]) {
        emit(0x0f000400 | (q << 30) | (u << 29) | (immhb << 16) | (op << 11) | R());
        if (q === 1) emit(0x5f000400 | (u << 29) | (immhb << 16) | (op << 11) | R());
      }
// FMOV (vector, immediate)
for (let q = 0; q < 2; q++) for (let op = 0; op < 2; op++) for (let imm8 = 0; imm8 < 256; imm8 += 37) emit(0x0f00f400 | (q << 30) | (op << 29) | ((imm8 >> 5) << 16) | ((imm8 & 31) << 5) | rnd(32));
// register 31 everywhere it matters
emit(0x1e2703ff); // fmov s31, wzr
emit(0x9e6703ff); // fmov d31, xzr
emit(0x9eaf03ff); // fmov v31.d[1], xzr
emit(0x9eae03ff); // fmov xzr, v31.d[1]
emit(0x1e2403ff);
const text = ["// Floating-point encodings (a64-fp-table.ts), generated by make-fp-corpus.mjs.", ".text"];
for (const w of words) text.push(`    .inst 0x${w.toString(16).padStart(8, "0")}`);
writeFileSync(new URL("./fp.S", import.meta.url), `${text.join("\n")}\n`);
console.log(`${words.length} words`);
