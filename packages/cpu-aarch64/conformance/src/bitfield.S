// SBFM/BFM/UBFM directly and through every alias (SXTB/SXTH/SXTW, UXTB/UXTH, LSL/LSR/ASR
// immediate, UBFX/SBFX, BFI/BFXIL, UBFIZ/SBFIZ), EXTR and ROR immediate, 32 and 64 bit.
        .include "harness.inc"

        .set    HI_JUNK, 0x5a5a5a5a00000000

        PROGRAM_START
        .irp    src, 0x0123456789abcdef, 0xfedcba9876543210, 0x8000000000000001, 0x7fffffff7fffffff
        MOV64   x20, \src
        MOV64   x21, 0xa5a5a5a5a5a5a5a5
        sxtb    x0, w20
        sxth    x1, w20
        sxtw    x2, w20
        sxtb    w3, w20
        sxth    w4, w20
        uxtb    w5, w20
        uxth    w6, w20
        mov     x7, x21
        bfi     x7, x20, #8, #16
        mov     x8, x21
        bfxil   x8, x20, #36, #20
        mov     x9, x21
        bfi     w9, w20, #31, #1
        mov     x10, x21
        bfxil   w10, w20, #4, #28
        ubfx    x11, x20, #60, #4
        sbfx    x12, x20, #28, #8
        ubfx    w13, w20, #1, #31
        sbfx    w14, w20, #31, #1
        ubfiz   x15, x20, #12, #40
        sbfiz   x16, x20, #60, #4
        ubfiz   w17, w20, #31, #1
        sbfiz   w18, w20, #3, #7
        mov     x19, x21
        bfi     x19, xzr, #13, #17      // BFC (an ARMv8.2 alias) spelled as BFI from XZR
        DUMPM   "bitfield aliases of \src", 0xfffff
        .irp    amt, 0, 1, 31, 32, 63
        lsl     x0, x20, #\amt
        lsr     x1, x20, #\amt
        asr     x2, x20, #\amt
        ror     x3, x20, #\amt
        extr    x4, x20, x21, #\amt
        extr    x5, x21, x20, #\amt
        DUMPM   "x lsl/lsr/asr/ror/extr/extr #\amt of \src", 0x3f
        .endr
        .irp    amt, 0, 1, 16, 31
        lsl     w0, w20, #\amt
        lsr     w1, w20, #\amt
        asr     w2, w20, #\amt
        ror     w3, w20, #\amt
        extr    w4, w20, w21, #\amt
        extr    w5, w21, w20, #\amt
        DUMPM   "w lsl/lsr/asr/ror/extr/extr #\amt of \src", 0x3f
        .endr
        // Raw encodings with immr > imms (the "insert" shape) and immr <= imms (the "extract"
        // shape), including the wrap-around cases.
        .irp    r, 0, 1, 7, 32, 63
        .irp    s, 0, 6, 31, 62, 63
        mov     x0, x21
        mov     x1, x21
        bfm     x0, x20, #\r, #\s
        sbfm    x1, x20, #\r, #\s
        ubfm    x2, x20, #\r, #\s
        DUMPM   "x bfm/sbfm/ubfm #\r, #\s of \src", 0x7
        .endr
        .endr
        .irp    r, 0, 1, 7, 31
        .irp    s, 0, 6, 30, 31
        MOV64   x0, HI_JUNK | 0x1234abcd
        MOV64   x1, HI_JUNK | 0x1234abcd
        bfm     w0, w20, #\r, #\s
        sbfm    w1, w20, #\r, #\s
        ubfm    w2, w20, #\r, #\s
        DUMPM   "w bfm/sbfm/ubfm #\r, #\s of \src", 0x7
        .endr
        .endr
        .endr
        PROGRAM_EXIT 0
