// An exclusive load from a misaligned address takes an alignment fault whatever SCTLR says,
// which Linux delivers as SIGBUS (status 135). Plain misaligned loads before it are fine.
        .include "harness.inc"
        PROGRAM_START
        adrp    x1, cell
        add     x1, x1, :lo12:cell
        ldr     x0, [x1, #1]
        CHECK   "misaligned plain load is fine", 0
        add     x1, x1, #4
        ldxr    x0, [x1]
        PROGRAM_EXIT 0

        .data
        .balign 16
cell:   .quad   0x0123456789abcdef, 0xfedcba9876543210
