// System instructions reachable from EL0: barriers, hints, PRFM, MRS/MSR NZCV (all 16 values and
// RES0 bits), TPIDR_EL0, TPIDRRO_EL0, CTR_EL0, DCZID_EL0, CNTFRQ_EL0/CNTVCT_EL0, cache
// maintenance by VA and DC ZVA. Values that legitimately differ between implementations (cache
// geometry, timer frequency and count) are reduced to invariants; the program exits with 42.
        .include "harness.inc"

        PROGRAM_START
// ---- Barriers and hints are no-ops for registers and flags.
        MOV64   x0, 0xa0000000
        msr     nzcv, x0
        dmb     ish
        dmb     ishld
        dmb     oshst
        dmb     sy
        dsb     sy
        dsb     ishst
        isb
        nop
        yield
        sevl
        hint    #0x3f                   // unallocated hint: executes as NOP
        hint    #0x7f
        DUMP    "after barriers and hints"

// ---- NZCV: every value written and read back; RES0 bits are ignored.
        mov     x1, #0
        .irp    v, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
        MOV64   x0, (\v << 28) | 0x0fffffff | 0xffffffff00000000
        msr     nzcv, x0
        mrs     x2, nzcv
        eor     x1, x2, x1, ror #4
        .endr
        CHECK   "nzcv round trip hash", 1

// ---- Thread pointer registers.
        mrs     x0, tpidr_el0           // 0 at process start
        MOV64   x1, 0xfedcba9876543210
        msr     tpidr_el0, x1
        mrs     x2, tpidr_el0
        msr     tpidr_el0, xzr
        mrs     x3, tpidr_el0
        mrs     x4, tpidrro_el0
        DUMPM   "tpidr_el0 initial/written/cleared (x0, x2, x3), tpidrro_el0 (x4)", 0x1d

// ---- CTR_EL0 invariants: bit 31 RES1, line sizes of at least 16 bytes and at most 2 KiB.
        mrs     x9, ctr_el0
        ubfx    x0, x9, #31, #1
        ubfx    x10, x9, #16, #4        // DminLine: log2(words)
        ubfx    x11, x9, #0, #4         // IminLine
        cmp     x10, #2
        ccmp    x10, #9, #2, hs
        cset    x1, ls
        cmp     x11, #2
        ccmp    x11, #9, #2, hs
        cset    x2, ls
        // Clean/invalidate every line of a buffer with the reported line sizes.
        mov     x12, #4
        lsl     x12, x12, x10           // D line bytes
        mov     x13, #4
        lsl     x13, x13, x11           // I line bytes
        adrp    x14, zbuf
        add     x14, x14, :lo12:zbuf
        add     x15, x14, #2048
        mov     x16, x14
1:      dc      cvau, x16
        dc      civac, x16
        dc      cvac, x16
        add     x16, x16, x12
        cmp     x16, x15
        b.lo    1b
        dsb     ish
        adr     x16, _start
        add     x15, x16, #256
2:      ic      ivau, x16
        add     x16, x16, x13
        cmp     x16, x15
        b.lo    2b
        dsb     ish
        isb
        mov     x3, #1                  // reached: no cache maintenance faulted
        mov     x9, #0
        mov     x10, #0
        mov     x11, #0
        mov     x12, #0
        mov     x13, #0
        mov     x14, #0
        mov     x15, #0
        mov     x16, #0
        DUMPM   "ctr_el0: bit31 (x0), dminline ok (x1), iminline ok (x2), cache maintenance ok (x3)", 0xf

// ---- DC ZVA: zeroes exactly one aligned block of the size DCZID_EL0 reports.
        mrs     x9, dczid_el0
        ubfx    x0, x9, #4, #1          // DZP: 0 = DC ZVA permitted
        ubfx    x10, x9, #0, #4
        mov     x11, #4
        lsl     x11, x11, x10           // block size in bytes
        cmp     x10, #2
        ccmp    x10, #9, #2, hs
        cset    x1, ls                  // block size between 16 bytes and 2 KiB
        adrp    x12, zbuf
        add     x12, x12, :lo12:zbuf
        mov     x13, #0
        MOV64   x14, -1
3:      str     x14, [x12, x13]         // fill 4 KiB with ones
        add     x13, x13, #8
        cmp     x13, #4096
        b.lo    3b
        add     x15, x12, #2048 + 72    // an address inside some block, not at its start
        dc      zva, x15
        // Count zero bytes, and find the first one.
        mov     x13, #0
        mov     x16, #0                 // zero count
        mov     x17, #-1                // first zero offset
4:      ldrb    w18, [x12, x13]
        cbnz    w18, 5f
        add     x16, x16, #1
        cmn     x17, #1
        csel    x17, x13, x17, eq
5:      add     x13, x13, #1
        cmp     x13, #4096
        b.lo    4b
        cmp     x16, x11
        cset    x2, eq                  // exactly one block zeroed
        sub     x19, x11, #1
        tst     x17, x19
        cset    x3, eq                  // it starts on a block boundary
        add     x17, x12, x17
        cmp     x15, x17
        add     x19, x17, x11
        ccmp    x15, x19, #0, hs
        cset    x4, lo                  // and contains the address given
        // The bytes around the zeroed block, which do not depend on its size: the quads just
        // before and after it are still ones, its first and last quads are zero.
        ldur    x5, [x17, #-8]
        ldr     x6, [x17]
        sub     x19, x19, #8
        ldr     x7, [x19]
        ldr     x8, [x19, #8]
        mov     x9, #0
        mov     x10, #0
        mov     x11, #0
        mov     x12, #0
        mov     x13, #0
        mov     x14, #0
        mov     x15, #0
        mov     x16, #0
        mov     x17, #0
        mov     x18, #0
        mov     x19, #0
        DUMP    "dc zva: dzp (x0), block size sane (x1), one block zeroed (x2), aligned (x3), contains address (x4), quads before/first/last/after (x5-x8)"

// ---- Generic timer: the frequency is nonzero and the virtual count never goes backwards.
        mrs     x9, cntfrq_el0
        cmp     x9, #0
        cset    x0, ne
        mrs     x10, cntvct_el0
        isb
        mov     x12, #100
6:      subs    x12, x12, #1
        b.ne    6b
        isb
        mrs     x11, cntvct_el0
        cmp     x11, x10
        cset    x1, hs
        mov     x9, #0
        mov     x10, #0
        mov     x11, #0
        DUMPM   "cntfrq nonzero (x0), cntvct monotonic (x1)", 0x3

// ---- Linux ignores the SVC immediate.
        adr     x1, .Lsvc_text
        mov     x2, #(.Lsvc_text_end - .Lsvc_text)
        mov     x0, #1
        mov     x8, #64
        svc     #0x1234
        CHECK   "write with svc #0x1234 returned", 0

        PROGRAM_EXIT 42
.Lsvc_text:
        .ascii  "written by svc #0x1234\n"
.Lsvc_text_end:
        .balign 4

        .bss
        .balign 4096
zbuf:   .skip   4096
