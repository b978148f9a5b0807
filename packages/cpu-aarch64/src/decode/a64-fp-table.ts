/**
 * A64 encodings of scalar floating point (arithmetic, compares, conditional select, FMOV,
 * conversions between FP and integer/fixed point) and of the AdvSIMD floating-point operations,
 * vector and scalar. Same syntax as `a64-table.ts`; `tables.ts` joins every table into one
 * decoder and the overlap check runs across all of them.
 */
export const A64_FP_TABLE = String.raw`
# ---------------------------------------------------------------- scalar floating point
# ftype: 00 single, 01 double, 11 half (only FCVT from half in ARMv8.0), 10 unallocated except the
# FMOV Xd <-> Vn.D[1] forms; handlers reject the unallocated values.
FP_1SRC      000 11110 ftype:2 1 opcode:6 10000 rn:5 rd:5
FP_CMP       000 11110 ftype:2 1 rm:5 00 1000 rn:5 opc:2 000
FP_IMM       000 11110 ftype:2 1 imm8:8 100 00000 rd:5
FP_CCMP      000 11110 ftype:2 1 rm:5 cond:4 01 rn:5 op:1 nzcv:4
FP_2SRC      000 11110 ftype:2 1 rm:5 opcode:4 10 rn:5 rd:5
FP_CSEL      000 11110 ftype:2 1 rm:5 cond:4 11 rn:5 rd:5
FP_3SRC      000 11111 ftype:2 o1:1 rm:5 o0:1 ra:5 rn:5 rd:5
FP_FIXED     sf:1 00 11110 ftype:2 0 rmode:2 opcode:3 scale:6 rn:5 rd:5
FP_INT       sf:1 00 11110 ftype:2 1 rmode:2 opcode:3 000000 rn:5 rd:5

# ---------------------------------------------------------------- AdvSIMD floating point
# Three same, FP opcodes 11xxx (vector and scalar); a = size<1>, sz = size<0>.
SIMD_FP3       0 q:1 u:1 01110 a:1 sz:1 1 rm:5 11 op:3 1 rn:5 rd:5
SIMD_FP3_s     01 u:1 11110 a:1 sz:1 1 rm:5 11 op:3 1 rn:5 rd:5
# Two-register misc, FP opcodes 011xx (compares with zero, FABS/FNEG), 1011x (FCVTN/FCVTL/FCVTXN), 11xxx.
SIMD_FP2M_z    0 q:1 u:1 01110 a:1 sz:1 10000 011 op:2 10 rn:5 rd:5
SIMD_FP2M_n    0 q:1 u:1 01110 a:1 sz:1 10000 1011 op:1 10 rn:5 rd:5
SIMD_FP2M      0 q:1 u:1 01110 a:1 sz:1 10000 11 op:3 10 rn:5 rd:5
SIMD_FP2M_zs   01 u:1 11110 a:1 sz:1 10000 011 op:2 10 rn:5 rd:5
SIMD_FP2M_ns   01 u:1 11110 a:1 sz:1 10000 1011 op:1 10 rn:5 rd:5
SIMD_FP2M_s    01 u:1 11110 a:1 sz:1 10000 11 op:3 10 rn:5 rd:5
# By element (size 1x): FMLA/FMLS (U 0, opcode 0001/0101), FMUL/FMULX (opcode 1001).
SIMD_FPE_MLA   0 q:1 0 01111 1 sz:1 l:1 rm:5 0 s:1 01 h:1 0 rn:5 rd:5
SIMD_FPE_MUL   0 q:1 u:1 01111 1 sz:1 l:1 rm:5 1001 h:1 0 rn:5 rd:5
SIMD_FPE_MLA_s 01 0 11111 1 sz:1 l:1 rm:5 0 s:1 01 h:1 0 rn:5 rd:5
SIMD_FPE_MUL_s 01 u:1 11111 1 sz:1 l:1 rm:5 1001 h:1 0 rn:5 rd:5
# Across lanes (FMAXNMV/FMINNMV opcode 01100, FMAXV/FMINV 01111) and scalar pairwise (01100, 01101, 01111).
SIMD_FPACROSS  0 q:1 1 01110 a:1 sz:1 11000 011 op:2 10 rn:5 rd:5
SIMD_FPPAIR_s  01 1 11110 a:1 sz:1 11000 011 op:2 10 rn:5 rd:5
# Fixed-point conversions by immediate: SCVTF/UCVTF (opcode 11100), FCVTZS/FCVTZU (11111);
# immh 01xx single, 1xxx double (001x, half precision, is ARMv8.2).
SIMD_FPFIX_32  0 q:1 u:1 011110 01 immb:5 111 op:2 1 rn:5 rd:5
SIMD_FPFIX_64  0 q:1 u:1 011110 1 immb:6 111 op:2 1 rn:5 rd:5
SIMD_FPFIX_32s 01 u:1 111110 01 immb:5 111 op:2 1 rn:5 rd:5
SIMD_FPFIX_64s 01 u:1 111110 1 immb:6 111 op:2 1 rn:5 rd:5
# FMOV (vector, immediate): modified immediate with cmode 1111, o2 0.
SIMD_FMOV_vi   0 q:1 op:1 0111100000 abc:3 1111 0 1 defgh:5 rd:5
`;
