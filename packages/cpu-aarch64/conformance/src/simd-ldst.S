// SIMD&FP whole-register loads and stores: LDR/STR B/H/S/D/Q with unsigned offset, pre/post
// index, unscaled (LDUR/STUR), register offset (LSL, UXTW, SXTW, SXTX, scaled or not), literal;
// LDP/STP/LDNP/STNP of S/D/Q in every index mode; zeroing of the bytes above the element;
// accesses across a page boundary. Base registers hold link-time addresses.
        .include "harness.inc"
        .include "simd.inc"

        PROGRAM_START
        adrp    x1, src
        add     x1, x1, :lo12:src
        adrp    x2, dst
        add     x2, x2, :lo12:dst

        // ---- single registers, unsigned offset
        VMOV128 0, 0xffffffffffffffff, 0xffffffffffffffff
        VMOV128 1, 0xffffffffffffffff, 0xffffffffffffffff
        VMOV128 2, 0xffffffffffffffff, 0xffffffffffffffff
        VMOV128 3, 0xffffffffffffffff, 0xffffffffffffffff
        VMOV128 4, 0xffffffffffffffff, 0xffffffffffffffff
        ldr     b0, [x1]
        ldr     h1, [x1, #2]
        ldr     s2, [x1, #4]
        ldr     d3, [x1, #8]
        ldr     q4, [x1, #16]
        VDUMPM  "ldr b/h/s/d/q unsigned offset", 0x1f
        ldr     b5, [x1, #4095]
        ldr     h6, [x1, #8190]
        ldr     s7, [x1, #16380]
        ldr     d8, [x1, #32760]
        ldr     q9, [x1, #65520]
        VDUMPM  "ldr largest offsets", 0x3e0
        str     b4, [x2]
        str     h4, [x2, #2]
        str     s4, [x2, #4]
        str     d4, [x2, #8]
        str     q3, [x2, #16]
        ldp     x10, x11, [x2]
        ldp     x12, x13, [x2, #16]
        DUMPM   "str b/h/s/d/q unsigned offset", 0x3c00

        // ---- unscaled
        ldur    q10, [x1, #1]
        ldur    d11, [x1, #-1 + 8]
        ldur    s12, [x1, #3]
        ldur    h13, [x1, #255]
        ldur    b14, [x1, #17]
        VDUMPM  "ldur", 0x7c00
        mov     x3, x2
        add     x3, x3, #64
        stur    q10, [x3, #-7]
        stur    d11, [x3, #9]
        stur    s12, [x3, #-256]
        stur    h13, [x3, #21]
        stur    b14, [x3, #30]
        ldp     x10, x11, [x3, #-8]
        ldp     x12, x13, [x3, #8]
        ldp     x14, x15, [x3, #24]
        ldr     x16, [x3, #-256]
        DUMPM   "stur", 0x1fc00

        // ---- pre/post index
        mov     x3, x1
        ldr     q15, [x3, #32]!
        ldr     d16, [x3], #-8
        ldr     s17, [x3, #-4]!
        ldr     h18, [x3], #255
        ldr     b19, [x3, #-256]!
        VDUMPM  "ldr pre/post index", 0xf8000
        sub     x3, x3, x1
        CHECK   "base after writebacks", 3
        mov     x3, x2
        str     q15, [x3, #96]!
        str     d16, [x3], #16
        str     s17, [x3, #4]!
        str     h18, [x3], #-3
        str     b19, [x3, #1]!
        sub     x4, x3, x2
        ldp     x10, x11, [x2, #96]
        ldp     x12, x13, [x2, #112]
        ldr     x14, [x2, #120]
        DUMPM   "str pre/post index", 0x7c10

        // ---- register offset
        mov     x5, #3
        mov     x6, #-2
        mov     w7, #-1
        ldr     q20, [x1, x5, lsl #4]
        ldr     d21, [x1, x5]
        ldr     s22, [x1, w5, uxtw #2]
        ldr     h23, [x1, w5, sxtw]
        ldr     b24, [x1, x5, sxtx #0]
        add     x8, x1, #64
        ldr     q25, [x8, x6, sxtx #4]
        ldr     d26, [x8, w7, sxtw #3]
        ldr     s27, [x8, w6, sxtw]
        ldr     h28, [x8, x6, lsl #1]
        ldr     b29, [x8, x6]
        VDUMPM  "ldr register offset", 0x3ff00000
        str     q20, [x2, x5, lsl #4]
        str     d21, [x2, w5, uxtw #3]
        str     s22, [x2, x5]
        str     h23, [x2, w5, sxtw #1]
        str     b24, [x2, w5, uxtw]
        ldp     x10, x11, [x2]
        ldp     x12, x13, [x2, #16]
        ldp     x14, x15, [x2, #48]
        DUMPM   "str register offset", 0xfc00

        // ---- literal
        ldr     s0, lit
        ldr     d1, lit
        ldr     q2, lit
        VDUMPM  "ldr literal", 0x7

        // ---- pairs
        ldp     s3, s4, [x1]
        ldp     d5, d6, [x1, #-8 + 16]
        ldp     q7, q8, [x1, #32]
        ldnp    q9, q10, [x1, #1008]
        ldnp    d11, d12, [x1, #-0]
        ldnp    s13, s14, [x1, #252]
        VDUMPM  "ldp/ldnp offset", 0x7ff8
        mov     x3, x1
        ldp     q15, q16, [x3, #64]!
        ldp     d17, d18, [x3], #-16
        ldp     s19, s20, [x3, #-8]!
        ldp     q21, q22, [x3], #-1024
        sub     x3, x3, x1
        VDUMPM  "ldp pre/post index", 0x7f8000
        CHECK   "ldp base", 3
        mov     x3, x2
        stp     q15, q16, [x3, #32]!
        stp     d17, d18, [x3], #-16
        stp     s19, s20, [x3, #8]!
        stnp    q21, q22, [x2, #128]
        stnp    d3, d4, [x2, #160]
        stnp    s5, s6, [x2, #176]
        sub     x3, x3, x2
        ldp     x10, x11, [x2, #24]
        ldp     x12, x13, [x2, #40]
        ldp     x14, x15, [x2, #56]
        ldp     x16, x17, [x2, #128]
        ldp     x18, x19, [x2, #144]
        ldp     x20, x21, [x2, #160]
        ldr     x22, [x2, #176]
        DUMPM   "stp/stnp", 0x7ffc08

        // ---- across a page boundary (src is page aligned, 64 KiB + 16)
        add     x9, x1, #4096
        ldr     q0, [x9, #-7]
        sub     x10, x9, #24
        ldp     q1, q2, [x10]
        ldur    d3, [x9, #-3]
        VDUMPM  "loads across a page", 0xf
        add     x9, x2, #4096
        stp     q0, q1, [x9, #-16]
        stur    q2, [x9, #-9]
        ldp     x10, x11, [x9, #-16]
        ldp     x12, x13, [x9]
        DUMPM   "stores across a page", 0x3c00
        VDUMP   "final"
        PROGRAM_EXIT 0

        .balign 16
lit:    .quad   0x0123456789abcdef, 0xfedcba9876543210

        .data
        .balign 4096
src:
        .irp    i, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
        .quad   0x0706050403020100 + 0x1010101010101010 * \i, 0x8f8e8d8c8b8a8988 - 0x0101010101010101 * \i
        .endr
        .fill   65536 - 512, 1, 0x5a
        .quad   0x1122334455667788, 0x99aabbccddeeff00
        .bss
        .balign 4096
dst:    .skip   8192
