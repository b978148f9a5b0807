// Exclusive and acquire/release exclusive accesses: LDXR/STXR and LDAXR/STLXR for B/H/W/X,
// LDXP/STXP and LDAXP/STLXP for W and X pairs, the status register (0 = success), a failing
// STXR after CLREX, a failing STXR after a successful one (the monitor is cleared), and an
// atomic-increment loop. Only cases the architecture defines
// are used (same address and size for the load and the store, no intervening stores).
        .include "harness.inc"

        .macro  RELOAD
        adrp    x20, cell
        add     x20, x20, :lo12:cell
        add     x21, x20, #1            // exclusives take no offset: one base per offset
        add     x22, x20, #2
        add     x23, x20, #4
        add     x24, x20, #8
        MOV64   x9, 0x8899aabbccddeeff
        str     x9, [x20]
        MOV64   x9, 0x0011223344556677
        str     x9, [x24]
        .endm

        PROGRAM_START
        RELOAD
        ldxrb   w0, [x20]
        add     w0, w0, #1
        stxrb   w10, w0, [x20]
        ldxrh   w1, [x20]
        add     w1, w1, #1
        stxrh   w11, w1, [x20]
        ldxr    w2, [x20]
        add     w2, w2, #1
        stxr    w12, w2, [x20]
        ldxr    x3, [x20]
        add     x3, x3, #1
        stxr    w13, x3, [x20]
        ldr     x4, [x20]
        DUMPM   "ldxr/stxr b,h,w,x: values x0-x3, memory x4, statuses x10-x13", 0x3c1f

        RELOAD
        ldaxrb  w0, [x21]
        stlxrb  w10, wzr, [x21]
        ldaxrh  w1, [x22]
        stlxrh  w11, w0, [x22]
        ldaxr   w2, [x23]
        stlxr   w12, w1, [x23]
        ldaxr   x3, [x24]
        stlxr   w13, x2, [x24]
        ldp     x4, x5, [x20]
        DUMPM   "ldaxr/stlxr b,h,w,x: loaded x0-x3, memory x4-x5, statuses x10-x13", 0x3c3f

        RELOAD
        ldxp    x0, x1, [x20]
        MOV64   x9, 0x1111111122222222
        stxp    w10, x9, x1, [x20]
        ldxp    w2, w3, [x24]
        stxp    w11, w3, w2, [x24]
        ldaxp   x4, x5, [x20]
        stlxp   w12, x5, x4, [x20]
        ldaxp   w6, w7, [x20]
        stlxp   w13, w7, w6, [x20]
        ldp     x14, x15, [x20]
        DUMPM   "ldxp/stxp x,w and ldaxp/stlxp x,w: loaded x0-x7, statuses x10-x13, memory x14-x15", 0xfcff

        // Failures: CLREX between load and store; a second STXR after a successful one.
        RELOAD
        ldxr    x0, [x20]
        clrex
        stxr    w10, xzr, [x20]
        ldr     x1, [x20]
        ldxr    w2, [x24]
        stxr    w11, wzr, [x24]
        stxr    w12, wzr, [x24]
        ldr     x3, [x24]
        ldxp    x4, x5, [x20]
        clrex   #15
        stxp    w13, xzr, xzr, [x20]
        ldxrb   w6, [x20]
        clrex
        stxrb   w14, wzr, [x20]
        ldr     x7, [x20]
        DUMPM   "failing store-exclusives: statuses x10 (clrex), x11/x12 (ok then no monitor), x13 (stxp after clrex), x14 (stxrb after clrex); memory x1, x3, x7", 0x7cff

        // An atomic increment loop, the way compilers write it (the retry count is not printed:
        // it is allowed to differ).
        RELOAD
        str     xzr, [x20]
        mov     x1, #1000
1:      ldaxr   x0, [x20]
        add     x0, x0, #3
        stlxr   w2, x0, [x20]
        cbnz    w2, 1b
        subs    x1, x1, #1
        b.ne    1b
        ldr     x0, [x20]
        mov     x2, #0
        CHECK   "atomic increment loop result", 0

        PROGRAM_EXIT 0

        .data
        .balign 16
cell:   .skip   16
