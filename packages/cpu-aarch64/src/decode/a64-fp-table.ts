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
`;
