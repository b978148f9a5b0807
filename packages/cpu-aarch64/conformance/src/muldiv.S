// MADD/MSUB/MUL/MNEG, the widening SMADDL/UMADDL/SMSUBL/UMSUBL/SMULL/UMULL/SMNEGL/UMNEGL, the
// high halves SMULH/UMULH, and SDIV/UDIV including division by zero and INT_MIN / -1.
        .include "harness.inc"

        .set    HI_JUNK, 0x5a5a5a5a00000000

        PROGRAM_START
        MOV64   x23, 0x1111111111111111  // accumulator
        .irp    a, 0, 1, -1, 0x8000000000000000, 0x7fffffffffffffff, 0x00000000ffffffff, 0x0123456789abcdef
        .irp    b, 0, 1, -1, 0x8000000000000000, 0x7fffffffffffffff, 0x00000000ffffffff, 0xfedcba9876543210
        MOV64   x20, \a
        MOV64   x21, \b
        MOV64   x22, 0xf0000000
        msr     nzcv, x22               // none of these may change NZCV
        madd    x0, x20, x21, x23
        msub    x1, x20, x21, x23
        mul     x2, x20, x21
        mneg    x3, x20, x21
        madd    w4, w20, w21, w23
        msub    w5, w20, w21, w23
        mul     w6, w20, w21
        mneg    w7, w20, w21
        smaddl  x8, w20, w21, x23
        umaddl  x9, w20, w21, x23
        smsubl  x10, w20, w21, x23
        umsubl  x11, w20, w21, x23
        smull   x12, w20, w21
        umull   x13, w20, w21
        smnegl  x14, w20, w21
        umnegl  x15, w20, w21
        smulh   x16, x20, x21
        umulh   x17, x20, x21
        sdiv    x18, x20, x21
        udiv    x19, x20, x21
        sdiv    w24, w20, w21
        udiv    w25, w20, w21
        DUMPM   "mul/div family \a, \b (x0-x3 X, x4-x7 W, x8-x15 long, x16-x17 high, x18-x19/x24-x25 div)", 0x3ffffff
        .endr
        .endr
        // 32-bit INT_MIN / -1 and the division edge cases with junk in the upper halves.
        .irp    a, 0x80000000, 0x7fffffff, 0xffffffff, 7, 0xfffffff9
        .irp    b, 0xffffffff, 0, 2, 0xfffffffe, 0x80000000
        MOV64   x20, HI_JUNK | \a
        MOV64   x21, HI_JUNK | \b
        sdiv    w0, w20, w21
        udiv    w1, w20, w21
        DUMPM   "w sdiv/udiv \a, \b", 0x3
        .endr
        .endr
        PROGRAM_EXIT 0
