// ADR/ADRP, ADD/SUB(S) immediate (incl. LSL #12 and SP forms), shifted register, extended
// register (every extend kind, shifts 0-4), ADC/SBC(S), NEG(S)/NGC(S), CMP/CMN, and NZCV after
// every flag-setting form with the edge operands 0, 1, -1, INT_MIN, INT_MAX (32 and 64 bit).
        .include "harness.inc"

// Operands for 32-bit forms carry junk in the upper half: a W result must not depend on it.
        .set    HI_JUNK, 0x5a5a5a5a00000000

// Every pair of 64-bit edge operands through a three-register form, NZCV preset to `nzcv`.
        .macro  PAIRS64 op, nzcv
        .irp    a, 0, 1, -1, 0x8000000000000000, 0x7fffffffffffffff
        .irp    b, 0, 1, -1, 0x8000000000000000, 0x7fffffffffffffff
        MOV64   x1, \a
        MOV64   x2, \b
        MOV64   x3, \nzcv
        msr     nzcv, x3
        \op     x0, x1, x2
        CHECK   "\op x \a, \b (nzcv in \nzcv)", 0
        .endr
        .endr
        .endm

        .macro  PAIRS32 op, nzcv
        .irp    a, 0, 1, 0xffffffff, 0x80000000, 0x7fffffff
        .irp    b, 0, 1, 0xffffffff, 0x80000000, 0x7fffffff
        MOV64   x1, HI_JUNK | \a
        MOV64   x2, HI_JUNK | \b
        MOV64   x3, \nzcv
        msr     nzcv, x3
        \op     w0, w1, w2
        CHECK   "\op w \a, \b (nzcv in \nzcv)", 0
        .endr
        .endr
        .endm

// Two-operand aliases (CMP, CMN, TST, NEGS, NGCS...) over the edge operands.
// Extended-register flag-setting forms over the edge operands (SXTX/UXTX and SXTW of a W).
        .macro  PAIRS64X op, ext
        .irp    a, 0, 1, -1, 0x8000000000000000, 0x7fffffffffffffff
        .irp    b, 0, 1, -1, 0x8000000000000000, 0x7fffffffffffffff
        MOV64   x1, \a
        MOV64   x2, \b
        MOV64   x3, 0xf0000000
        msr     nzcv, x3
        \op     x0, x1, x2, \ext
        mov     x4, x0
        mrs     x5, nzcv
        \op     x0, x1, w2, sxtw
        DUMPM   "\op x \a, \b \ext (x4, its nzcv x5); w2 sxtw (x0)", 0x31
        .endr
        .endr
        .endm

        .macro  CMP64 op, nzcv
        .irp    a, 0, 1, -1, 0x8000000000000000, 0x7fffffffffffffff
        .irp    b, 0, 1, -1, 0x8000000000000000, 0x7fffffffffffffff
        MOV64   x1, \a
        MOV64   x2, \b
        MOV64   x3, \nzcv
        msr     nzcv, x3
        \op     x1, x2
        CHECK   "\op x \a, \b (nzcv in \nzcv)", 1
        .endr
        .endr
        .endm

        .macro  CMP32 op, nzcv
        .irp    a, 0, 1, 0xffffffff, 0x80000000, 0x7fffffff
        .irp    b, 0, 1, 0xffffffff, 0x80000000, 0x7fffffff
        MOV64   x1, HI_JUNK | \a
        MOV64   x2, HI_JUNK | \b
        MOV64   x3, \nzcv
        msr     nzcv, x3
        \op     w1, w2
        CHECK   "\op w \a, \b (nzcv in \nzcv)", 1
        .endr
        .endr
        .endm

// Immediate forms: every edge operand against a few immediates, plain and LSL #12.
        .macro  IMM64 op
        .irp    a, 0, 1, -1, 0x8000000000000000, 0x7fffffffffffffff, 0xfff000
        .irp    imm, 0, 1, 0xfff
        MOV64   x1, \a
        MOV64   x3, 0xf0000000
        msr     nzcv, x3
        \op     x0, x1, #\imm
        mov     x4, x0
        mrs     x5, nzcv
        \op     x0, x1, #\imm, lsl #12
        DUMPM   "\op x \a, #\imm (plain in x4, its nzcv in x5; lsl #12 in x0)", 0x31
        .endr
        .endr
        .endm

        .macro  IMM32 op
        .irp    a, 0, 1, 0xffffffff, 0x80000000, 0x7fffffff, 0xfff000
        .irp    imm, 0, 1, 0xfff
        MOV64   x1, HI_JUNK | \a
        MOV64   x3, 0xf0000000
        msr     nzcv, x3
        \op     w0, w1, #\imm
        mov     x4, x0
        mrs     x5, nzcv
        \op     w0, w1, #\imm, lsl #12
        DUMPM   "\op w \a, #\imm (plain in x4, its nzcv in x5; lsl #12 in x0)", 0x31
        .endr
        .endr
        .endm

// Shifted-register forms: LSL/LSR/ASR with amounts across the range.
        .macro  SHIFTED op
        MOV64   x1, 0x0123456789abcdef
        MOV64   x2, 0xfedcba9876543210
        .irp    sh, lsl, lsr, asr
        .irp    amt, 0, 1, 4, 31, 32, 63
        MOV64   x3, 0xf0000000
        msr     nzcv, x3
        \op     x0, x1, x2, \sh #\amt
        CHECK   "\op x, \sh #\amt", 0
        .endr
        .irp    amt, 0, 1, 4, 16, 31
        MOV64   x3, 0xf0000000
        msr     nzcv, x3
        \op     w0, w1, w2, \sh #\amt
        CHECK   "\op w, \sh #\amt", 0
        .endr
        .endr
        .endm

// Extended-register forms: every extend kind with shifts 0-4, two source patterns.
        .macro  EXTENDED op
        .irp    src, 0x8899aabbccddeeff, 0x0123456789ab7f71
        MOV64   x1, 0x1000000000000000
        MOV64   x2, \src
        .irp    ext, uxtb, uxth, uxtw, sxtb, sxth, sxtw
        .irp    amt, 0, 1, 2, 3, 4
        MOV64   x3, 0xf0000000
        msr     nzcv, x3
        \op     x0, x1, w2, \ext #\amt
        mov     x4, x0
        mrs     x5, nzcv
        \op     w0, w1, w2, \ext #\amt
        DUMPM   "\op \ext #\amt of \src (x form in x4, its nzcv in x5; w form in x0)", 0x31
        .endr
        .endr
        .irp    ext, uxtx, sxtx
        .irp    amt, 0, 1, 2, 3, 4
        MOV64   x3, 0xf0000000
        msr     nzcv, x3
        \op     x0, x1, x2, \ext #\amt
        CHECK   "\op \ext #\amt of \src", 0
        .endr
        .endr
        .endr
        .endm

        PROGRAM_START

// ---- ADR / ADRP: link-time addresses are the same under every loader.
        adr     x0, .Lfwd
        adr     x1, .Lback
        adrp    x2, .Lfar_data
        adr     x3, .
        adrp    x4, .
        adrp    x5, _start
        adr     x6, .Lfar_data
        DUMP    "adr/adrp"
.Lback: nop
        b       .Lfwd
        .skip   4096 * 3
.Lfwd:  adr     x7, .Lback
        adrp    x8, .Lback
        sub     x9, x7, x8
        DUMP    "adr backward across pages"

// ---- ADD/SUB immediate, with and without LSL #12, and the SP forms.
        IMM64   add
        IMM64   sub
        IMM64   adds
        IMM64   subs
        IMM32   add
        IMM32   sub
        IMM32   adds
        IMM32   subs
        mov     x10, sp
        add     x0, sp, #0x10
        sub     x0, x0, x10
        sub     x1, sp, #0x7, lsl #12
        sub     x1, x10, x1
        sub     sp, sp, #0x20
        mov     x2, sp
        sub     x2, x10, x2
        add     sp, sp, #0x20
        mov     x3, sp
        sub     x3, x3, x10
        adds    x4, sp, #0              // CMN/ADDS with SP source: result is an address
        sub     x4, x4, x10
        cmp     sp, x10
        cset    x5, eq
        add     w6, wsp, #4             // 32-bit add from WSP: low bits only
        sub     w6, w6, w10
        mov     x10, #0
        DUMPM   "sp forms", 0x7f | DUMP_SP

// ---- Shifted register.
        SHIFTED add
        SHIFTED sub
        SHIFTED adds
        SHIFTED subs
        MOV64   x2, 0x8000000000000001
        neg     x0, x2
        neg     x1, x2, lsl #1
        neg     w3, w2, asr #1
        negs    x4, x2, lsr #63
        DUMPM   "neg shifted", 0x1f

// ---- Extended register.
        EXTENDED add
        EXTENDED sub
        EXTENDED adds
        EXTENDED subs
        mov     x10, sp
        MOV64   x2, 0xfffffffffffffff0   // -16 as sxtw
        add     x0, sp, w2, sxtw
        sub     x0, x10, x0
        add     x1, sp, w2, uxtw #0
        sub     x1, x1, x10
        add     x3, sp, x2, lsl #0        // LSL alias of UXTX with SP
        sub     x3, x10, x3
        mov     x10, #0
        DUMPM   "extended with sp", 0xf

// ---- Flags after every flag-setting form.
        PAIRS64 adds, 0xf0000000
        PAIRS64 subs, 0xf0000000
        PAIRS32 adds, 0xf0000000
        PAIRS32 subs, 0xf0000000
        PAIRS64 adcs, 0xd0000000
        PAIRS64 adcs, 0x20000000
        PAIRS64 sbcs, 0xd0000000
        PAIRS64 sbcs, 0x20000000
        PAIRS32 adcs, 0xd0000000
        PAIRS32 adcs, 0x20000000
        PAIRS32 sbcs, 0xd0000000
        PAIRS32 sbcs, 0x20000000
        PAIRS64 adc, 0x20000000
        PAIRS64 sbc, 0xd0000000
        PAIRS32 adc, 0x20000000
        PAIRS32 sbc, 0x20000000
        PAIRS64X adds, uxtx
        PAIRS64X subs, sxtx
        CMP64   cmp, 0x00000000
        CMP64   cmn, 0x00000000
        CMP32   cmp, 0xf0000000
        CMP32   cmn, 0xf0000000
        CMP64   negs, 0x00000000
        CMP32   negs, 0x00000000
        CMP64   ngcs, 0x20000000
        CMP64   ngcs, 0x00000000
        CMP32   ngcs, 0x20000000
        CMP32   ngc, 0x00000000

        PROGRAM_EXIT 0

        .data
        .balign 4096
        .skip   4096 * 5
.Lfar_data:
        .quad   0
