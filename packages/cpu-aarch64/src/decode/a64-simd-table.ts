/**
 * A64 encodings of the SIMD&FP loads and stores, the AdvSIMD copies and permutes (DUP, INS,
 * UMOV/SMOV, EXT, ZIP/UZP/TRN, TBL/TBX), CRC32 and the cryptographic extension (AES, SHA1,
 * SHA256). Same syntax as `a64-table.ts`; `tables.ts` joins every table into one decoder and the
 * overlap check runs across all of them. Scalar FP lives in `a64-fp-table.ts`, AdvSIMD integer
 * arithmetic in `a64-simd-int-table.ts`.
 */
export const A64_SIMD_TABLE = String.raw`
# ---------------------------------------------------------------- SIMD&FP loads and stores
# Single register. size:opc<1> selects B/H/S/D/Q (size 00 with opc<1> = 1 is Q; other sizes with
# opc<1> = 1 are UNDEFINED, checked by the handler). opc<0> = 1 loads.
VLDST_u        size:2 111 1 01 opc:2 imm12:12 rn:5 rt:5
VLDST_unscaled size:2 111 1 00 opc:2 0 imm9:s9 00 rn:5 rt:5
VLDST_post     size:2 111 1 00 opc:2 0 imm9:s9 01 rn:5 rt:5
VLDST_pre      size:2 111 1 00 opc:2 0 imm9:s9 11 rn:5 rt:5
VLDST_reg      size:2 111 1 00 opc:2 1 rm:5 option:3 s:1 10 rn:5 rt:5
# Literal: opc 00 S, 01 D, 10 Q (11 UNDEFINED).
VLDR_lit       opc:2 011 1 00 imm19:s19 rt:5
# Pairs: opc 00 S, 01 D, 10 Q (11 UNDEFINED); am as in the integer pairs (00 non-temporal).
VLDSTP         opc:2 101 1 0 am:2 l:1 imm7:s7 rt2:5 rn:5 rt:5
`;
