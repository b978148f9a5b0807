// Variable shifts (LSLV/LSRV/ASRV/RORV and their LSL/LSR/ASR/ROR register aliases) with amounts
// 0, 1, 31, 32, 63, 64, 65, -1 (the amount is taken modulo the register size), and the
// bit-counting/reversal ops CLZ/CLS/RBIT/REV/REV16/REV32.
        .include "harness.inc"

        .set    HI_JUNK, 0x5a5a5a5a00000000

        PROGRAM_START
        .irp    src, 0x8123456789abcdef, 0x7edcba9876543210
        MOV64   x20, \src
        .irp    amt, 0, 1, 31, 32, 63, 64, 65, -1
        MOV64   x21, \amt
        lslv    x0, x20, x21
        lsrv    x1, x20, x21
        asrv    x2, x20, x21
        rorv    x3, x20, x21
        lsl     w4, w20, w21
        lsr     w5, w20, w21
        asr     w6, w20, w21
        ror     w7, w20, w21
        DUMPM   "x lslv/lsrv/asrv/rorv, w lsl/lsr/asr/ror by \amt of \src", 0xff
        .endr
        .endr

        .irp    src, 0, 1, -1, 0x8000000000000000, 0x7fffffffffffffff, 0x00000000ffffffff, 0x0123456789abcdef, 0xfedcba9876543210, 0x0000000000010000, 0xffff7fff00000001
        MOV64   x20, \src
        clz     x0, x20
        cls     x1, x20
        rbit    x2, x20
        rev     x3, x20
        rev16   x4, x20
        rev32   x5, x20
        clz     w6, w20
        cls     w7, w20
        rbit    w8, w20
        rev     w9, w20
        rev16   w10, w20
        DUMPM   "clz/cls/rbit/rev/rev16/rev32 x, clz/cls/rbit/rev/rev16 w of \src", 0x7ff
        .endr
        PROGRAM_EXIT 0
