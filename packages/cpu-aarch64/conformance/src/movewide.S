// MOVZ/MOVN/MOVK with every hw shift (0/16/32/48 for X, 0/16 for W), edge immediates, and MOVK
// keeping the other halfwords (and clearing the upper word in the W form).
        .include "harness.inc"

        PROGRAM_START
        .irp    imm, 0, 1, 0x8000, 0xffff, 0x1234
        movz    x0, #\imm
        movz    x1, #\imm, lsl #16
        movz    x2, #\imm, lsl #32
        movz    x3, #\imm, lsl #48
        movn    x4, #\imm
        movn    x5, #\imm, lsl #16
        movn    x6, #\imm, lsl #32
        movn    x7, #\imm, lsl #48
        MOV64   x8, 0xfedcba9876543210
        movk    x8, #\imm
        MOV64   x9, 0xfedcba9876543210
        movk    x9, #\imm, lsl #16
        MOV64   x10, 0xfedcba9876543210
        movk    x10, #\imm, lsl #32
        MOV64   x11, 0xfedcba9876543210
        movk    x11, #\imm, lsl #48
        MOV64   x12, 0xfedcba9876543210
        movz    w12, #\imm
        MOV64   x13, 0xfedcba9876543210
        movz    w13, #\imm, lsl #16
        MOV64   x14, 0xfedcba9876543210
        movn    w14, #\imm
        MOV64   x15, 0xfedcba9876543210
        movn    w15, #\imm, lsl #16
        MOV64   x16, 0xfedcba9876543210
        movk    w16, #\imm
        MOV64   x17, 0xfedcba9876543210
        movk    w17, #\imm, lsl #16
        DUMPM   "movz/movn/movk #\imm, every hw (x0-x11 X forms, x12-x17 W forms)", 0x3ffff
        .endr
        mov     x0, #-1                 // MOV aliases of MOVN / MOVZ / ORR
        mov     w1, #-1
        mov     x2, #0x10000
        mov     x3, #-0x10001
        mov     w4, #0x7fff0000
        mov     x5, #0xffff000000000000
        DUMPM   "mov aliases", 0x3f
        PROGRAM_EXIT 0
