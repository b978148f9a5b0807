// Logical immediate (bitmask immediates of every element size 2..64 with several run lengths
// and rotations, 32 and 64 bit) and logical shifted register (AND/ORR/EOR/BIC/ORN/EON/ANDS/BICS
// with LSL/LSR/ASR/ROR), MOV/MVN/TST aliases, and NZCV after ANDS/BICS with edge operands.
        .include "harness.inc"

        .set    HI_JUNK, 0x5a5a5a5a00000000

// Bitmask immediates as (element size, run of ones, rotation), expanded to 64 bits:
// e2 (1,0) (1,1); e4 (1,0) (2,1) (3,3) (1,2); e8 (1,0) (3,1) (7,7) (4,4) (5,3);
// e16 (1,0) (8,3) (15,15) (12,8) (3,14); e32 (1,0) (16,1) (31,31) (20,12) (7,30);
// e64 (1,0) (32,1) (63,63) (63,0) (40,20) (1,63) (16,48).
        .macro  BITMASK64
        .irp    imm, 0x5555555555555555, 0xaaaaaaaaaaaaaaaa, 0x1111111111111111, 0x9999999999999999, 0xeeeeeeeeeeeeeeee, 0x4444444444444444, 0x0101010101010101, 0x8383838383838383, 0xfefefefefefefefe, 0xf0f0f0f0f0f0f0f0, 0xe3e3e3e3e3e3e3e3, 0x0001000100010001, 0xe01fe01fe01fe01f, 0xfffefffefffefffe, 0xff0fff0fff0fff0f, 0x001c001c001c001c, 0x0000000100000001, 0x80007fff80007fff, 0xfffffffefffffffe, 0xfff000fffff000ff, 0x000001fc000001fc, 0x1, 0x800000007fffffff, 0xfffffffffffffffe, 0x7fffffffffffffff, 0xfffff000000fffff, 0x2, 0xffff0000
        .irp    src, 0x0123456789abcdef, 0xfedcba9876543210
        MOV64   x10, \src
        MOV64   x11, 0xf0000000
        msr     nzcv, x11
        and     x0, x10, #\imm
        orr     x1, x10, #\imm
        eor     x2, x10, #\imm
        orr     x4, xzr, #\imm
        ands    x3, x10, #\imm
        DUMPM   "x and/orr/eor/ands/mov #\imm of \src", 0x1f
        .endr
        .endr
        .endm

// The same patterns truncated to 32 bits (element sizes 2..32).
        .macro  BITMASK32
        .irp    imm, 0x55555555, 0xaaaaaaaa, 0x11111111, 0x99999999, 0xeeeeeeee, 0x44444444, 0x01010101, 0x83838383, 0xfefefefe, 0xf0f0f0f0, 0xe3e3e3e3, 0x00010001, 0xe01fe01f, 0xfffefffe, 0xff0fff0f, 0x001c001c, 0x1, 0x80007fff, 0xfffffffe, 0xfff000ff, 0x000001fc
        MOV64   x10, HI_JUNK | 0x89abcdef
        MOV64   x11, 0xf0000000
        msr     nzcv, x11
        and     w0, w10, #\imm
        orr     w1, w10, #\imm
        eor     w2, w10, #\imm
        orr     w4, wzr, #\imm
        ands    w3, w10, #\imm
        DUMPM   "w and/orr/eor/ands/mov #\imm", 0x1f
        .endr
        .endm

// Every shifted-register logical op under every shift type and several amounts.
        .macro  SHIFTED
        MOV64   x10, 0x0123456789abcdef
        MOV64   x11, 0xf00f5aa5c33c8001
        .irp    sh, lsl, lsr, asr, ror
        .irp    amt, 0, 1, 7, 31, 32, 63
        MOV64   x12, 0xf0000000
        msr     nzcv, x12
        and     x0, x10, x11, \sh #\amt
        orr     x1, x10, x11, \sh #\amt
        eor     x2, x10, x11, \sh #\amt
        bic     x3, x10, x11, \sh #\amt
        orn     x4, x10, x11, \sh #\amt
        eon     x5, x10, x11, \sh #\amt
        ands    x6, x10, x11, \sh #\amt
        mrs     x8, nzcv
        bics    x7, x10, x11, \sh #\amt
        DUMPM   "x and/orr/eor/bic/orn/eon/ands(nzcv x8)/bics, \sh #\amt", 0x1ff
        .endr
        .irp    amt, 0, 1, 7, 16, 31
        MOV64   x12, 0xf0000000
        msr     nzcv, x12
        and     w0, w10, w11, \sh #\amt
        orr     w1, w10, w11, \sh #\amt
        eor     w2, w10, w11, \sh #\amt
        bic     w3, w10, w11, \sh #\amt
        orn     w4, w10, w11, \sh #\amt
        eon     w5, w10, w11, \sh #\amt
        ands    w6, w10, w11, \sh #\amt
        mrs     x8, nzcv
        bics    w7, w10, w11, \sh #\amt
        DUMPM   "w and/orr/eor/bic/orn/eon/ands(nzcv x8)/bics, \sh #\amt", 0x1ff
        .endr
        .endr
        .endm

// ANDS/BICS/TST flags with every pair of edge operands.
        .macro  FLAGS64 op
        .irp    a, 0, 1, -1, 0x8000000000000000, 0x7fffffffffffffff
        .irp    b, 0, 1, -1, 0x8000000000000000, 0x7fffffffffffffff
        MOV64   x1, \a
        MOV64   x2, \b
        MOV64   x3, 0x30000000
        msr     nzcv, x3
        \op     x0, x1, x2
        CHECK   "\op x \a, \b", 0
        .endr
        .endr
        .endm

        .macro  FLAGS32 op
        .irp    a, 0, 1, 0xffffffff, 0x80000000, 0x7fffffff
        .irp    b, 0, 1, 0xffffffff, 0x80000000, 0x7fffffff
        MOV64   x1, HI_JUNK | \a
        MOV64   x2, HI_JUNK | \b
        MOV64   x3, 0x30000000
        msr     nzcv, x3
        \op     w0, w1, w2
        CHECK   "\op w \a, \b", 0
        .endr
        .endr
        .endm

// ANDS immediate flags: every edge operand against edge-like bitmask immediates.
        .macro  ANDSIMM
        .irp    a, 0, 1, -1, 0x8000000000000000, 0x7fffffffffffffff
        MOV64   x1, \a
        .irp    imm, 1, 0x8000000000000000, 0x7fffffffffffffff, 0xfffffffffffffffe
        MOV64   x3, 0x30000000
        msr     nzcv, x3
        ands    x0, x1, #\imm
        CHECK   "ands x \a, #\imm", 0
        .endr
        .irp    imm, 1, 0x80000000, 0x7fffffff, 0xfffffffe
        MOV64   x3, 0x30000000
        msr     nzcv, x3
        ands    w0, w1, #\imm
        CHECK   "ands w \a, #\imm", 0
        .endr
        .endr
        .endm

        PROGRAM_START
        ANDSIMM
        BITMASK64
        BITMASK32
        SHIFTED
        FLAGS64 ands
        FLAGS64 bics
        FLAGS32 ands
        FLAGS32 bics

        MOV64   x10, 0x8000000000000001
        MOV64   x11, 0x30000000
        msr     nzcv, x11
        tst     x10, #1
        mrs     x0, nzcv
        tst     x10, #0x7ffffffffffffffe
        mrs     x1, nzcv
        tst     w10, #0x80000000
        mrs     x2, nzcv
        tst     x10, x10, lsl #63
        mrs     x3, nzcv
        mvn     x4, x10
        mvn     w5, w10
        mvn     x6, x10, ror #1
        mov     x7, x10
        mov     w8, w10
        DUMPM   "tst/mvn/mov aliases", 0x1ff

        PROGRAM_EXIT 0
