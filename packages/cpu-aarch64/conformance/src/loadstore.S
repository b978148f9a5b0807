// Loads and stores in every addressing mode: scaled and unscaled immediate, pre/post-index
// (negative too), register offset with LSL/UXTW/SXTW/SXTX and scaling, PC-relative literal;
// every size and sign (LDRSB/LDRSH to W and X, LDRSW); LDP/STP/LDPSW/LDNP/STNP with writeback;
// LDTR/STTR; LDAR/STLR; unaligned accesses, including ones that straddle a page boundary;
// SP as the base; XZR as data. Base registers hold link-time addresses, the same everywhere.
        .include "harness.inc"

        .set    HI_JUNK, 0x5a5a5a5a00000000

// Load the 4 quads at `addr` into x0-x3 and dump them with `label`.
        .macro  SHOW4 label, addr
        adrp    x9, \addr
        add     x9, x9, :lo12:\addr
        ldp     x0, x1, [x9]
        ldp     x2, x3, [x9, #16]
        DUMPM   "\label", 0xf
        .endm

// Clear the 32 bytes at `addr`.
        .macro  CLEAR4 addr
        adrp    x9, \addr
        add     x9, x9, :lo12:\addr
        stp     xzr, xzr, [x9]
        stp     xzr, xzr, [x9, #16]
        .endm

        PROGRAM_START
        adrp    x20, pattern
        add     x20, x20, :lo12:pattern     // x20: 512 bytes of pattern
        add     x22, x20, #256              // x22: its middle

// ---- Immediate offsets, every size and sign, at several offsets.
        .irp    off, 0, 8, 120, 248
        ldrb    w0, [x20, #\off]
        ldrsb   w1, [x20, #(\off + 1)]
        ldrsb   x2, [x20, #(\off + 1)]
        ldrh    w3, [x20, #(\off + 2)]
        ldrsh   w4, [x20, #(\off + 2)]
        ldrsh   x5, [x20, #(\off + 2)]
        ldr     w6, [x20, #(\off + 4)]
        ldrsw   x7, [x20, #(\off + 4)]
        ldr     x8, [x20, #\off]
        DUMPM   "ldrb/ldrsb w,x/ldrh/ldrsh w,x/ldr w/ldrsw/ldr x scaled at \off", 0x1ff
        .endr
        .irp    off, -256, -255, -129, -1, 0, 1, 127, 255
        ldurb   w0, [x22, #\off]
        ldursb  w1, [x22, #\off]
        ldursb  x2, [x22, #\off]
        ldurh   w3, [x22, #(\off / 2)]
        ldursh  w4, [x22, #(\off / 2)]
        ldursh  x5, [x22, #(\off / 2)]
        ldur    w6, [x22, #(\off / 2)]
        ldursw  x7, [x22, #(\off / 2)]
        ldur    x8, [x22, #(\off / 2)]
        DUMPM   "ldur* unscaled at middle\off (b) and middle\off/2 (h, w, x)", 0x1ff
        .endr

// ---- Pre/post-index loads: x21 walks, and its offset from x20 is dumped.
        mov     x21, x22
        ldr     x0, [x21, #8]!
        sub     x10, x21, x20
        ldr     x1, [x21], #-24
        sub     x11, x21, x20
        ldrb    w2, [x21, #-3]!
        sub     x12, x21, x20
        ldrsh   x3, [x21], #5
        sub     x13, x21, x20
        ldrsw   x4, [x21, #255]!
        sub     x14, x21, x20
        ldrsb   w5, [x21], #-256
        sub     x15, x21, x20
        ldrh    w6, [x21, #-1]!
        sub     x16, x21, x20
        ldr     w7, [x21], #1
        sub     x17, x21, x20
        mov     x21, #0
        DUMPM   "pre/post-index loads (values x0-x7, base offsets x10-x17)", 0x3fcff

// ---- Register offsets with every extend and scaling.
        MOV64   x1, 40
        MOV64   x2, HI_JUNK | 5          // UXTW/SXTW ignore the upper half
        MOV64   x3, HI_JUNK | 0xfffffff0 // -16 as SXTW
        MOV64   x4, -24
        ldr     x10, [x20, x1]
        ldr     x11, [x20, x1, lsl #3]
        ldr     x12, [x20, w2, uxtw]
        ldr     x13, [x20, w2, uxtw #3]
        ldr     x14, [x22, w3, sxtw]
        ldr     x15, [x22, w3, sxtw #3]
        ldr     x16, [x22, x4, sxtx]
        ldr     x17, [x22, x4, sxtx #3]
        DUMPM   "ldr x register offsets: lsl #0/#3, uxtw #0/#3, sxtw #0/#3, sxtx #0/#3", 0x3fc00
        ldr     w10, [x20, x1, lsl #2]
        ldrsw   x11, [x22, w3, sxtw #2]
        ldrh    w12, [x20, x1, lsl #1]
        ldrsh   x13, [x22, w3, sxtw #1]
        ldrsh   w14, [x22, x4, sxtx #1]
        ldrb    w15, [x20, x1, lsl #0]
        ldrsb   x16, [x22, w3, sxtw]
        ldrsb   w17, [x20, w2, uxtw]
        DUMPM   "w/h/b register offsets with their scalings", 0x3fc00

// ---- PC-relative literal loads and PRFM.
        ldr     x10, .Llit64
        ldr     w11, .Llit64
        ldrsw   x12, .Llit_neg
        ldr     x13, =0x0123456789abcdef    // from the literal pool
        prfm    pldl1keep, .Llit64
        prfm    pldl1keep, [x20]
        prfm    pstl2strm, [x20, #64]
        prfum   plil3keep, [x22, #-3]
        prfm    pldl1keep, [x20, x1]
        DUMPM   "literal loads (and PRFM, which must not fault or change registers)", 0x3c00

// ---- Stores of every size through every mode, read back as quads.
        CLEAR4  scratch
        adrp    x21, scratch
        add     x21, x21, :lo12:scratch
        MOV64   x0, 0x8877665544332211
        strb    w0, [x21]
        strh    w0, [x21, #2]
        str     w0, [x21, #4]
        str     x0, [x21, #8]
        sturb   w0, [x21, #17]
        sturh   w0, [x21, #19]
        stur    w0, [x21, #21]
        stur    x0, [x21, #25]
        SHOW4   "str sizes scaled (0-15) and stur unaligned (17-32)", scratch
        CLEAR4  scratch
        mov     x23, #3
        MOV64   x24, HI_JUNK | 0xfffffffe  // -2 as SXTW
        strb    w0, [x21, x23]
        strh    w0, [x21, x23, lsl #1]
        str     w0, [x21, w23, uxtw #2]
        add     x25, x21, #24
        str     x0, [x25, w24, sxtw #3]
        str     xzr, [x21, #12]
        strb    wzr, [x21, #7]
        SHOW4   "str register offsets and zero registers", scratch
        CLEAR4  scratch
        add     x25, x21, #16
        str     x0, [x25, #-16]!
        sub     x10, x25, x21
        strb    w0, [x25], #9
        sub     x11, x25, x21
        strh    w0, [x25, #-2]!
        sub     x12, x25, x21
        str     w0, [x25], #-3
        sub     x13, x25, x21
        str     x0, [x25, #16]!
        sub     x14, x25, x21
        DUMPM   "pre/post-index store base offsets", 0x7c00
        SHOW4   "pre/post-index stores", scratch

// ---- Pairs, with offsets and writeback.
        mov     x21, x22
        ldp     x0, x1, [x21, #-16]
        ldp     w2, w3, [x21, #4]
        ldpsw   x4, x5, [x21, #-8]
        ldnp    x6, x7, [x21, #32]
        ldnp    w8, w9, [x21, #-4]
        ldp     x10, x11, [x21, #-64]!
        sub     x16, x21, x20
        ldp     w12, w13, [x21], #24
        sub     x17, x21, x20
        ldpsw   x14, x15, [x21, #-4]!
        sub     x18, x21, x20
        ldpsw   x23, x24, [x21], #-256
        sub     x19, x21, x20
        mov     x21, #0
        DUMPM   "ldp/ldpsw/ldnp with offsets and writeback (bases x16-x19)", 0x18fffff
        CLEAR4  scratch
        adrp    x21, scratch
        add     x21, x21, :lo12:scratch
        MOV64   x0, 0x0102030405060708
        MOV64   x1, 0xf1f2f3f4f5f6f7f8
        stp     w0, w1, [x21]
        stnp    w1, w0, [x21, #8]
        add     x25, x21, #32
        stp     x0, x1, [x25, #-16]!
        sub     x10, x25, x21
        stp     w1, w0, [x25], #-12
        sub     x11, x25, x21
        stnp    x1, xzr, [x25, #-8]
        DUMPM   "stp base offsets", 0xc00
        SHOW4   "stp/stnp 32 and 64 bit with writeback", scratch

// ---- Unprivileged and acquire/release forms (at EL0 they access like normal loads/stores).
        ldtr    x0, [x20, #8]
        ldtr    w1, [x22, #-5]
        ldtrb   w2, [x20, #255]
        ldtrh   w3, [x22, #1]
        ldtrsb  w4, [x20, #129]
        ldtrsb  x5, [x20, #129]
        ldtrsh  w6, [x22, #-127]
        ldtrsh  x7, [x22, #-127]
        ldtrsw  x8, [x20, #132]
        ldar    x9, [x20]
        ldar    w10, [x22]
        ldarb   w11, [x20]
        ldarh   w12, [x22]
        DUMPM   "ldtr family and ldar family", 0x1fff
        CLEAR4  scratch
        adrp    x21, scratch
        add     x21, x21, :lo12:scratch
        MOV64   x0, 0xa1a2a3a4a5a6a7a8
        sttr    x0, [x21, #1]
        sttr    w0, [x21, #9]
        sttrb   w0, [x21, #14]
        sttrh   w0, [x21, #-1 + 16]
        add     x25, x21, #24
        stlr    w0, [x25]
        add     x25, x21, #28
        stlrh   w0, [x25]
        add     x25, x21, #31
        stlrb   w0, [x25]
        SHOW4   "sttr family (unaligned) and stlr w/h/b", scratch
        CLEAR4  scratch
        MOV64   x0, 0xa1a2a3a4a5a6a7a8
        stlr    x0, [x21]
        SHOW4   "stlr x", scratch

// ---- Unaligned accesses straddling a page boundary.
        adrp    x21, page_edge
        add     x21, x21, :lo12:page_edge
        .irp    off, -7, -5, -3, -1
        ldr     x0, [x21, #\off]
        ldr     w1, [x21, #\off]
        ldrh    w2, [x21, #\off]
        sub     x26, x21, #(8 - (\off))
        ldp     x3, x4, [x26]
        ldrsw   x5, [x21, #\off]
        DUMPM   "unaligned loads straddling a page boundary at edge\off", 0x3f
        .endr
        MOV64   x0, 0x1122334455667788
        str     x0, [x21, #-3]
        sub     x26, x21, #6
        stp     w0, w0, [x26]
        ldr     x1, [x21, #-8]
        ldr     x2, [x21]
        str     xzr, [x21, #-1]
        ldr     x3, [x21, #-8]
        ldr     x4, [x21]
        DUMPM   "unaligned stores straddling a page boundary", 0x1e

// ---- SP as the base register (stack contents are printed, never stack addresses).
        MOV64   x0, 0xdeadbeefcafef00d
        MOV64   x1, 0x0123456789abcdef
        stp     x0, x1, [sp, #-32]!
        str     w0, [sp, #20]
        ldr     x2, [sp, #16]
        ldrsh   x3, [sp, #6]
        DUMPM   "sp-based stores", 0xf | DUMP_SP | DUMP_STACK
        ldp     x4, x5, [sp], #32
        ldr     xzr, [x20]                  // load into XZR is discarded
        mov     x6, x20
        ldr     xzr, [x6], #8               // ... but the writeback still happens
        ldrb    wzr, [x6, #-3]!
        sub     x6, x6, x20
        DUMPM   "sp-based post-index load; x6 = base offset after loads into XZR", 0x7f | DUMP_SP
        PROGRAM_EXIT 0

        .balign 8
.Llit64:
        .quad   0xfedcba9880706050
.Llit_neg:
        .word   0x80000001
        .ltorg

        .data
        .balign 16
pattern:                                    // byte i = (i * 37 + 0x80) & 0xff
        .set    i, 0
        .rept   512
        .byte   (i * 37 + 0x80) & 0xff
        .set    i, i + 1
        .endr
scratch:
        .skip   64
        .balign 4096
        .skip   4096 - 64
        .set    i, 0
        .rept   128
        .byte   (i * 29 + 0x11) & 0xff
        .set    i, i + 1
        .endr
        .set    page_edge, . - 64           // 64 bytes before and after the edge
