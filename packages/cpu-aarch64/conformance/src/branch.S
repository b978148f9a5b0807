// B, BL, B.cond under all 16 conditions x all 16 NZCV values, CBZ/CBNZ (W and X), TBZ/TBNZ on
// bits 0/31/32/63, BR/BLR/RET (including RET to a register other than X30). Every outcome is
// recorded as a bit in a register, so a wrong direction shows up as a wrong bit.
        .include "harness.inc"

// x0 gets bit i set when condition i is taken under NZCV = flags.
        .macro  BCOND flags
        MOV64   x22, (\flags << 28)
        msr     nzcv, x22
        mov     x0, #0
        .set    bit, 0
        .irp    cond, eq, ne, cs, cc, mi, pl, vs, vc, hi, ls, ge, lt, gt, le, al, nv
        b.\cond 7771f
        b       7772f
7771:   orr     x0, x0, #(1 << bit)
7772:
        .set    bit, bit + 1
        .endr
        CHECK   "b.cond taken mask (eq=bit0 ... nv=bit15), nzcv=\flags", 0
        .endm

// x0 gets bit i set when test i branches; the tested value is in x20.
        .macro  CBTB value
        MOV64   x20, \value
        mov     x0, #0
        .set    bit, 0
        .irp    insn, "cbz x20,", "cbnz x20,", "cbz w20,", "cbnz w20,", "tbz x20, #0,", "tbnz x20, #0,", "tbz w20, #31,", "tbnz w20, #31,", "tbz x20, #32,", "tbnz x20, #32,", "tbz x20, #63,", "tbnz x20, #63,", "tbz x20, #5,", "tbnz x20, #47,"
        \insn   7773f
        b       7774f
7773:   orr     x0, x0, #(1 << bit)
7774:
        .set    bit, bit + 1
        .endr
        CHECK   "cbz/cbnz x/w, tbz/tbnz bits 0,31,32,63,5,47 taken mask of \value", 0
        .endm

        PROGRAM_START
        .irp    flags, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
        BCOND   \flags
        .endr
        .irp    value, 0, 1, 0x80000000, 0x100000000, 0x8000000000000000, 0xffffffffffffffff, 0x00008000ffffffde, 0x7fffffff00000000
        CBTB    \value
        .endr

        // Plain B in both directions, and a chain of BLs that records the order of visits.
        mov     x0, #0
        b       .Lb_fwd
.Lb_back:
        add     x0, x0, #2
        b       .Lb_done
.Lb_fwd:
        add     x0, x0, #1
        lsl     x0, x0, #4
        b       .Lb_back
.Lb_done:
        bl      .Lleaf                  // x30 = link address, fixed at link time
        mov     x1, x30
        adr     x2, .Lleaf
        blr     x2
        mov     x3, x30
        adr     x4, .Lafter_br
        br      x4
        mov     x0, #0xbad              // skipped
.Lafter_br:
        adr     x5, .Lafter_ret
        ret     x5
        mov     x0, #0xbad              // skipped
.Lafter_ret:
        mov     x6, #0
        adr     x7, .Lcount
        blr     x7                      // .Lcount returns with RET (X30)
        blr     x7
        blr     x7
        adr     x30, .Lleaf             // BLR X30 branches to the old X30, then links
        blr     x30
        mov     x8, x30
        DUMPM   "b/bl/blr/br/ret, blr x30 link in x8", 0x17f
        // Branches over 24 KiB in both directions (large immediates; TBZ reaches 32 KiB).
        mov     x0, #0
        b       .Lfar
.Lfar_back1:
        add     x0, x0, #0x10
        cmp     x0, #0x11
        b.eq    .Lfar2
.Lfar_back2:
        add     x0, x0, #0x100
        cbnz    x0, .Lfar3
.Lfar_back3:
        add     x0, x0, #0x1000
        tbz     x0, #40, .Lfar4
.Lfar_back4:
        CHECK   "far b, b.cond, cbnz, tbz", 0
        PROGRAM_EXIT 0

.Lleaf:
        add     x0, x0, #0x100
        ret
.Lcount:
        add     x6, x6, #1
        ret

        .skip   0x6000
.Lfar:
        add     x0, x0, #1
        b       .Lfar_back1
.Lfar2:
        add     x0, x0, #2
        cbz     xzr, .Lfar_back2
.Lfar3:
        add     x0, x0, #3
        b.al    .Lfar_back3
.Lfar4:
        add     x0, x0, #4
        tbnz    x0, #1, .Lfar_back4
        PROGRAM_EXIT 1
