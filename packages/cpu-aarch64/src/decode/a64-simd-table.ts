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

# Structures (LD1-LD4/ST1-ST4). Multiple: opcode 0000 LD4, 0010 LD1 x4, 0100 LD3, 0110 LD1 x3,
# 0111 LD1 x1, 1000 LD2, 1010 LD1 x2 (others UNDEFINED). Single: opcode<2:1> is the element size
# (11: LDnR replicate, loads only), selem = opcode<0>:r + 1. Post-index: rm 31 means by the size.
VLDSTN_mult        0 q:1 0011000 l:1 000000 opcode:4 size:2 rn:5 rt:5
VLDSTN_mult_post   0 q:1 0011001 l:1 0 rm:5 opcode:4 size:2 rn:5 rt:5
VLDSTN_single      0 q:1 0011010 l:1 r:1 00000 opcode:3 s:1 size:2 rn:5 rt:5
VLDSTN_single_post 0 q:1 0011011 l:1 r:1 rm:5 opcode:3 s:1 size:2 rn:5 rt:5

# ---------------------------------------------------------------- AdvSIMD copy and permute
DUP_elem     0 q:1 0 01110000 imm5:5 0 0000 1 rn:5 rd:5
DUP_gen      0 q:1 0 01110000 imm5:5 0 0001 1 rn:5 rd:5
INS_gen      0 1 0 01110000 imm5:5 0 0011 1 rn:5 rd:5
SMOV         0 q:1 0 01110000 imm5:5 0 0101 1 rn:5 rd:5
UMOV         0 q:1 0 01110000 imm5:5 0 0111 1 rn:5 rd:5
INS_elem     0 1 1 01110000 imm5:5 0 imm4:4 1 rn:5 rd:5
DUP_scalar   01 0 11110000 imm5:5 0 0000 1 rn:5 rd:5
EXT          0 q:1 101110 00 0 rm:5 0 imm4:4 0 rn:5 rd:5
# opc 001 UZP1, 010 TRN1, 011 ZIP1, 101 UZP2, 110 TRN2, 111 ZIP2 (000, 100 UNDEFINED)
VPERM        0 q:1 001110 size:2 0 rm:5 0 opc:3 10 rn:5 rd:5
# len + 1 table registers; op 0 TBL, 1 TBX
TBL          0 q:1 001110 000 rm:5 0 len:2 op:1 00 rn:5 rd:5

# ---------------------------------------------------------------- CRC32 (general registers)
# sz 00 B, 01 H, 10 W (sf 0), 11 X (sf 1); c selects CRC32C (Castagnoli)
CRC32        sf:1 0 0 11010110 rm:5 010 c:1 sz:2 rn:5 rd:5

# ---------------------------------------------------------------- cryptographic extension
AESE         01001110 00 10100 00100 10 rn:5 rd:5
AESD         01001110 00 10100 00101 10 rn:5 rd:5
AESMC        01001110 00 10100 00110 10 rn:5 rd:5
AESIMC       01001110 00 10100 00111 10 rn:5 rd:5
SHA1C        01011110 00 0 rm:5 0 000 00 rn:5 rd:5
SHA1P        01011110 00 0 rm:5 0 001 00 rn:5 rd:5
SHA1M        01011110 00 0 rm:5 0 010 00 rn:5 rd:5
SHA1SU0      01011110 00 0 rm:5 0 011 00 rn:5 rd:5
SHA256H      01011110 00 0 rm:5 0 100 00 rn:5 rd:5
SHA256H2     01011110 00 0 rm:5 0 101 00 rn:5 rd:5
SHA256SU1    01011110 00 0 rm:5 0 110 00 rn:5 rd:5
SHA1H        01011110 00 10100 00000 10 rn:5 rd:5
SHA1SU1      01011110 00 10100 00001 10 rn:5 rd:5
SHA256SU0    01011110 00 10100 00010 10 rn:5 rd:5
`;
