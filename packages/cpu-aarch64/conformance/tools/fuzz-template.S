// Template for tools/fuzz-encodings.mjs: sets every register (x0-x15 point into a 64 KiB buffer,
// x16-x23 hold small signed offsets, x24-x30 large constants), SP (the buffer middle; printed
// relative to it) and NZCV, runs the word patched over `probe`, then dumps the registers and a
// hash of the buffer.
        .include "harness.inc"
        PROGRAM_START
        adrp    x0, buf
        add     x0, x0, :lo12:buf
        add     x0, x0, #0x8000          // middle of a 64 KiB buffer
        adrp    x1, __sp0
        str     x0, [x1, :lo12:__sp0]    // print SP relative to the buffer middle
        mov     sp, x0
        // fill the buffer with a pattern
        sub     x2, x0, #0x8000
        MOV64   x3, 0x9e3779b97f4a7c15
        mov     x4, #0x2000
1:      str     x3, [x2], #8
        eor     x3, x3, x3, lsl #13
        eor     x3, x3, x3, lsr #7
        eor     x3, x3, x3, lsl #17
        subs    x4, x4, #1
        b.ne    1b
        .irp r, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
        add     x\r, x0, #(\r * 24)
        .endr
        .irp r, 16,17,18,19,20,21,22,23
        MOV64   x\r, ((\r - 20) * 0x68)         // small signed offsets: register-offset
        .endr                                   // addressing lands in the buffer
        .irp r, 24,25,26,27,28,29,30
        MOV64   x\r, (0x8000000000000000 | (\r * 0x0123456789abcd))
        .endr
        MOV64   x0, 0xfedcba9876543210
        msr     nzcv, x0
        adrp    x0, buf
        add     x0, x0, :lo12:buf
        add     x0, x0, #0x8000
        .globl  probe                    // the fuzzer overwrites this word in the binary
probe:  nop
        DUMP    "after"
        adrp    x1, buf
        add     x1, x1, :lo12:buf
        mov     x0, #0
        mov     x2, #0x2000
2:      ldr     x3, [x1], #8
        eor     x0, x3, x0, ror #7
        subs    x2, x2, #1
        b.ne    2b
        CHECK   "buffer hash", 0
        PROGRAM_EXIT 0
        .bss
        .balign 4096
buf:    .skip   0x10000
