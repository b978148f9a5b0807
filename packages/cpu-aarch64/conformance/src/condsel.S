// CSEL/CSINC/CSINV/CSNEG and the CSET/CSETM/CINC/CINV/CNEG aliases under all 16 conditions with
// NZCV set by MSR to each of its 16 values; CCMP/CCMN immediate and register, 32 and 64 bit.
        .include "harness.inc"

        .macro  CONDSEL flags
        .irp    cond, eq, ne, cs, cc, mi, pl, vs, vc, hi, ls, ge, lt, gt, le, al, nv
        MOV64   x22, (\flags << 28)
        msr     nzcv, x22
        csel    x0, x20, x21, \cond
        csinc   x1, x20, x21, \cond
        csinv   x2, x20, x21, \cond
        csneg   x3, x20, x21, \cond
        csneg   w4, w20, w21, \cond
        csinc   w5, w21, w20, \cond
        .ifnc   \cond, al
        .ifnc   \cond, nv
        cset    x6, \cond
        csetm   w7, \cond
        cinc    x8, x20, \cond
        cinv    w9, w20, \cond
        cneg    x10, x21, \cond
        .endif
        .endif
        DUMPM   "csel/csinc/csinv/csneg x, csneg/csinc w, cset/csetm/cinc/cinv/cneg, \cond, nzcv=\flags", 0x7ff
        .endr
        .endm

        .macro  CONDCMP flags
        .irp    cond, eq, ne, cs, cc, mi, pl, vs, vc, hi, ls, ge, lt, gt, le, al, nv
        MOV64   x22, (\flags << 28)
        msr     nzcv, x22
        ccmp    x20, x21, #0xa, \cond
        mrs     x0, nzcv
        msr     nzcv, x22
        ccmp    x20, #5, #0x5, \cond
        mrs     x1, nzcv
        msr     nzcv, x22
        ccmn    x20, x21, #0x3, \cond
        mrs     x2, nzcv
        msr     nzcv, x22
        ccmn    w20, #31, #0xc, \cond
        mrs     x3, nzcv
        msr     nzcv, x22
        ccmp    w21, w20, #0x0, \cond
        mrs     x4, nzcv
        msr     nzcv, x22
        ccmn    x21, #0, #0xf, \cond
        mrs     x5, nzcv
        DUMPM   "ccmp reg/imm, ccmn reg/imm x, ccmn imm w, ccmp reg w, ccmn #0, \cond, nzcv=\flags", 0x3f
        .endr
        .endm

        PROGRAM_START
        MOV64   x20, 0x0000000000001111
        MOV64   x21, 0x8000000000000005
        .irp    flags, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
        CONDSEL \flags
        .endr
        // Compare operands that give each interesting subtraction outcome.
        MOV64   x20, 5
        MOV64   x21, -5
        .irp    flags, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
        CONDCMP \flags
        .endr
        MOV64   x20, 0x8000000000000000
        MOV64   x21, 0x7fffffffffffffff
        .irp    flags, 0, 6, 9, 15
        CONDCMP \flags
        .endr
        PROGRAM_EXIT 0
