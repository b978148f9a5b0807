/**
 * The A64 base integer encoding table, written as data in the spirit of QEMU's decodetree.
 *
 * Each pattern line is `NAME  <tokens>` read from bit 31 down to bit 0, laid out like the
 * Arm ARM encoding diagrams. A token is either literal bits (`0`, `1`, or `-` for a bit the
 * CPU ignores) or a field `name:len` (unsigned) / `name:sLEN` (sign-extended). The tokens of a
 * line cover exactly 32 bits.
 *
 * Patterns must not overlap, except inside a `{ … }` group, whose members are tried in order
 * (a later member may be a catch-all for an earlier one). Encodings no pattern matches are
 * UNDEFINED. FP/AdvSIMD and SVE encodings are deliberately absent (UNDEFINED for now).
 *
 * `src/decode/generate.ts` turns this table into `decoder.generated.ts`; a test checks that
 * the committed output is up to date.
 */
export const A64_TABLE = String.raw`
# ---------------------------------------------------------------- reserved
UDF          0000000000000000 imm16:16

# ---------------------------------------------------------------- data processing, immediate
ADR          0 immlo:2 10000 immhi:s19 rd:5
ADRP         1 immlo:2 10000 immhi:s19 rd:5
ADD_i        sf:1 0 0 100010 sh:1 imm12:12 rn:5 rd:5
ADDS_i       sf:1 0 1 100010 sh:1 imm12:12 rn:5 rd:5
SUB_i        sf:1 1 0 100010 sh:1 imm12:12 rn:5 rd:5
SUBS_i       sf:1 1 1 100010 sh:1 imm12:12 rn:5 rd:5
AND_i        sf:1 00 100100 n:1 immr:6 imms:6 rn:5 rd:5
ORR_i        sf:1 01 100100 n:1 immr:6 imms:6 rn:5 rd:5
EOR_i        sf:1 10 100100 n:1 immr:6 imms:6 rn:5 rd:5
ANDS_i       sf:1 11 100100 n:1 immr:6 imms:6 rn:5 rd:5
MOVN         sf:1 00 100101 hw:2 imm16:16 rd:5
MOVZ         sf:1 10 100101 hw:2 imm16:16 rd:5
MOVK         sf:1 11 100101 hw:2 imm16:16 rd:5
SBFM         sf:1 00 100110 n:1 immr:6 imms:6 rn:5 rd:5
BFM          sf:1 01 100110 n:1 immr:6 imms:6 rn:5 rd:5
UBFM         sf:1 10 100110 n:1 immr:6 imms:6 rn:5 rd:5
EXTR         sf:1 00 100111 n:1 0 rm:5 imms:6 rn:5 rd:5

# ---------------------------------------------------------------- branches, exceptions, system
B            0 00101 imm26:s26
BL           1 00101 imm26:s26
CBZ          sf:1 011010 0 imm19:s19 rt:5
CBNZ         sf:1 011010 1 imm19:s19 rt:5
TBZ          b5:1 011011 0 b40:5 imm14:s14 rt:5
TBNZ         b5:1 011011 1 b40:5 imm14:s14 rt:5
B_cond       0101010 0 imm19:s19 0 cond:4
SVC          11010100 000 imm16:16 000 01
HVC          11010100 000 imm16:16 000 10
SMC          11010100 000 imm16:16 000 11
BRK          11010100 001 imm16:16 000 00
HLT          11010100 010 imm16:16 000 00
BR           1101011 0000 11111 000000 rn:5 00000
BLR          1101011 0001 11111 000000 rn:5 00000
RET          1101011 0010 11111 000000 rn:5 00000
ERET         1101011 0100 11111 000000 11111 00000
{
  WFE        1101010100 0 00 011 0010 0000 010 11111
  WFI        1101010100 0 00 011 0010 0000 011 11111
  HINT       1101010100 0 00 011 0010 crm:4 op2:3 11111
}
CLREX        1101010100 0 00 011 0011 crm:4 010 11111
DSB          1101010100 0 00 011 0011 crm:4 100 11111
DMB          1101010100 0 00 011 0011 crm:4 101 11111
ISB          1101010100 0 00 011 0011 crm:4 110 11111
SB           1101010100 0 00 011 0011 0000 111 11111
MSR_i        1101010100 0 00 op1:3 0100 crm:4 op2:3 11111
SYS          1101010100 0 01 op1:3 crn:4 crm:4 op2:3 rt:5
SYSL         1101010100 1 01 op1:3 crn:4 crm:4 op2:3 rt:5
MSR_r        1101010100 0 1 o0:1 op1:3 crn:4 crm:4 op2:3 rt:5
MRS          1101010100 1 1 o0:1 op1:3 crn:4 crm:4 op2:3 rt:5

# ---------------------------------------------------------------- loads and stores
# Exclusive, acquire/release (Rs/Rt2 bits the CPU ignores are '-')
STXR         size:2 001000 0 0 0 rs:5 0 ----- rn:5 rt:5
STLXR        size:2 001000 0 0 0 rs:5 1 ----- rn:5 rt:5
LDXR         size:2 001000 0 1 0 ----- 0 ----- rn:5 rt:5
LDAXR        size:2 001000 0 1 0 ----- 1 ----- rn:5 rt:5
STXP         1 sz:1 001000 0 0 1 rs:5 0 rt2:5 rn:5 rt:5
STLXP        1 sz:1 001000 0 0 1 rs:5 1 rt2:5 rn:5 rt:5
LDXP         1 sz:1 001000 0 1 1 ----- 0 rt2:5 rn:5 rt:5
LDAXP        1 sz:1 001000 0 1 1 ----- 1 rt2:5 rn:5 rt:5
STLR         size:2 001000 1 0 0 ----- 1 ----- rn:5 rt:5
LDAR         size:2 001000 1 1 0 ----- 1 ----- rn:5 rt:5

# Literal
LDR_lit      0 sf:1 011 0 00 imm19:s19 rt:5
LDRSW_lit    10 011 0 00 imm19:s19 rt:5
PRFM_lit     11 011 0 00 imm19:s19 rt:5

# Pairs: am = 01 post-index, 10 signed offset, 11 pre-index; 00 is the non-temporal form
{
  STNP       sf:1 0 101 0 000 0 imm7:s7 rt2:5 rn:5 rt:5
  STP        sf:1 0 101 0 0 am:2 0 imm7:s7 rt2:5 rn:5 rt:5
}
{
  LDNP       sf:1 0 101 0 000 1 imm7:s7 rt2:5 rn:5 rt:5
  LDP        sf:1 0 101 0 0 am:2 1 imm7:s7 rt2:5 rn:5 rt:5
}
LDPSW        01 101 0 0 am:2 1 imm7:s7 rt2:5 rn:5 rt:5

# Single register: opc 00 store, 01 load, 10 load signed to 64 bits, 11 load signed to 32 bits
LDST_u       size:2 111 0 01 opc:2 imm12:12 rn:5 rt:5
LDST_unscaled size:2 111 0 00 opc:2 0 imm9:s9 00 rn:5 rt:5
LDST_post    size:2 111 0 00 opc:2 0 imm9:s9 01 rn:5 rt:5
LDST_unpriv  size:2 111 0 00 opc:2 0 imm9:s9 10 rn:5 rt:5
LDST_pre     size:2 111 0 00 opc:2 0 imm9:s9 11 rn:5 rt:5
LDST_reg     size:2 111 0 00 opc:2 1 rm:5 option:3 s:1 10 rn:5 rt:5

# ---------------------------------------------------------------- data processing, register
AND_r        sf:1 00 01010 shift:2 0 rm:5 imm6:6 rn:5 rd:5
BIC_r        sf:1 00 01010 shift:2 1 rm:5 imm6:6 rn:5 rd:5
ORR_r        sf:1 01 01010 shift:2 0 rm:5 imm6:6 rn:5 rd:5
ORN_r        sf:1 01 01010 shift:2 1 rm:5 imm6:6 rn:5 rd:5
EOR_r        sf:1 10 01010 shift:2 0 rm:5 imm6:6 rn:5 rd:5
EON_r        sf:1 10 01010 shift:2 1 rm:5 imm6:6 rn:5 rd:5
ANDS_r       sf:1 11 01010 shift:2 0 rm:5 imm6:6 rn:5 rd:5
BICS_r       sf:1 11 01010 shift:2 1 rm:5 imm6:6 rn:5 rd:5
ADD_r        sf:1 0 0 01011 shift:2 0 rm:5 imm6:6 rn:5 rd:5
ADDS_r       sf:1 0 1 01011 shift:2 0 rm:5 imm6:6 rn:5 rd:5
SUB_r        sf:1 1 0 01011 shift:2 0 rm:5 imm6:6 rn:5 rd:5
SUBS_r       sf:1 1 1 01011 shift:2 0 rm:5 imm6:6 rn:5 rd:5
ADD_x        sf:1 0 0 01011 00 1 rm:5 option:3 imm3:3 rn:5 rd:5
ADDS_x       sf:1 0 1 01011 00 1 rm:5 option:3 imm3:3 rn:5 rd:5
SUB_x        sf:1 1 0 01011 00 1 rm:5 option:3 imm3:3 rn:5 rd:5
SUBS_x       sf:1 1 1 01011 00 1 rm:5 option:3 imm3:3 rn:5 rd:5
ADC          sf:1 0 0 11010000 rm:5 000000 rn:5 rd:5
ADCS         sf:1 0 1 11010000 rm:5 000000 rn:5 rd:5
SBC          sf:1 1 0 11010000 rm:5 000000 rn:5 rd:5
SBCS         sf:1 1 1 11010000 rm:5 000000 rn:5 rd:5
CCMN_r       sf:1 0 1 11010010 rm:5 cond:4 0 0 rn:5 0 nzcv:4
CCMP_r       sf:1 1 1 11010010 rm:5 cond:4 0 0 rn:5 0 nzcv:4
CCMN_i       sf:1 0 1 11010010 imm5:5 cond:4 1 0 rn:5 0 nzcv:4
CCMP_i       sf:1 1 1 11010010 imm5:5 cond:4 1 0 rn:5 0 nzcv:4
CSEL         sf:1 0 0 11010100 rm:5 cond:4 00 rn:5 rd:5
CSINC        sf:1 0 0 11010100 rm:5 cond:4 01 rn:5 rd:5
CSINV        sf:1 1 0 11010100 rm:5 cond:4 00 rn:5 rd:5
CSNEG        sf:1 1 0 11010100 rm:5 cond:4 01 rn:5 rd:5
MADD         sf:1 00 11011 000 rm:5 0 ra:5 rn:5 rd:5
MSUB         sf:1 00 11011 000 rm:5 1 ra:5 rn:5 rd:5
SMADDL       1 00 11011 001 rm:5 0 ra:5 rn:5 rd:5
SMSUBL       1 00 11011 001 rm:5 1 ra:5 rn:5 rd:5
SMULH        1 00 11011 010 rm:5 0 ----- rn:5 rd:5
UMADDL       1 00 11011 101 rm:5 0 ra:5 rn:5 rd:5
UMSUBL       1 00 11011 101 rm:5 1 ra:5 rn:5 rd:5
UMULH        1 00 11011 110 rm:5 0 ----- rn:5 rd:5
UDIV         sf:1 0 0 11010110 rm:5 000010 rn:5 rd:5
SDIV         sf:1 0 0 11010110 rm:5 000011 rn:5 rd:5
LSLV         sf:1 0 0 11010110 rm:5 001000 rn:5 rd:5
LSRV         sf:1 0 0 11010110 rm:5 001001 rn:5 rd:5
ASRV         sf:1 0 0 11010110 rm:5 001010 rn:5 rd:5
RORV         sf:1 0 0 11010110 rm:5 001011 rn:5 rd:5
RBIT         sf:1 1 0 11010110 00000 000000 rn:5 rd:5
REV16        sf:1 1 0 11010110 00000 000001 rn:5 rd:5
REV32        1 1 0 11010110 00000 000010 rn:5 rd:5
REV_w        0 1 0 11010110 00000 000010 rn:5 rd:5
REV_x        1 1 0 11010110 00000 000011 rn:5 rd:5
CLZ          sf:1 1 0 11010110 00000 000100 rn:5 rd:5
CLS          sf:1 1 0 11010110 00000 000101 rn:5 rd:5
`;
