// Self-modifying and generated code: code written into an anonymous RWX mapping and run, then
// rewritten (with the DC CVAU / IC IVAU / ISB sequence the architecture requires) and run again;
// code that rewrites an instruction just ahead of itself in the same page; a page made
// read+execute with mprotect still runs, and a store to it then ends the process with SIGSEGV
// (status 139). The mapping's address is chosen by the kernel, so it is never printed.
        .include "harness.inc"

        .set    SYS_MMAP, 222
        .set    SYS_MPROTECT, 226
        .set    PROT_RWX, 7
        .set    PROT_RX, 5
        .set    MAP_PRIVATE_ANON, 0x22

// Make [x19, x19 + 4096) coherent for instruction fetch after writing it (line by line).
        .macro  SYNC_ICACHE
        mov     x9, #0
7775:   add     x10, x19, x9
        dc      cvau, x10
        add     x9, x9, #16             // the smallest line size CTR_EL0 can report
        cmp     x9, #4096
        b.lo    7775b
        dsb     ish
        mov     x9, #0
7776:   add     x10, x19, x9
        ic      ivau, x10
        add     x9, x9, #16             // the smallest line size CTR_EL0 can report
        cmp     x9, #4096
        b.lo    7776b
        dsb     ish
        isb
        mov     x9, #0
        mov     x10, #0
        .endm

// Copy the words between two labels of .text to x19 + offset.
        .macro  COPY_CODE from, to, offset
        adr     x9, \from
        adr     x10, \to
        add     x11, x19, #\offset
7777:   ldr     w12, [x9], #4
        str     w12, [x11], #4
        cmp     x9, x10
        b.lo    7777b
        mov     x9, #0
        mov     x10, #0
        mov     x11, #0
        mov     x12, #0
        .endm

        PROGRAM_START
        mov     x0, #0
        mov     x1, #4096
        mov     x2, #PROT_RWX
        mov     x3, #MAP_PRIVATE_ANON
        mov     x4, #-1
        mov     x5, #0
        mov     x8, #SYS_MMAP
        svc     #0
        mov     x19, x0                 // the page (never printed)
        cmn     x0, #4096
        cset    x20, lo                 // 1: mmap succeeded
        mov     x0, #0
        mov     x1, #0
        mov     x2, #0
        mov     x3, #0
        mov     x4, #0
        mov     x8, #0

        // 1. Generated code runs.
        COPY_CODE .Lret_const, .Lret_const_end, 0
        SYNC_ICACHE
        blr     x19
        mov     x21, x0

        // 2. Rewritten code runs the new instruction: movz x0, #1 -> movz x0, #2.
        ldr     w9, .Lmovz_x0_2
        str     w9, [x19]
        SYNC_ICACHE
        blr     x19
        mov     x22, x0

        // 3. A loop whose immediate changes between runs.
        COPY_CODE .Lsum_loop, .Lsum_loop_end, 256
        SYNC_ICACHE
        add     x13, x19, #256
        blr     x13
        mov     x23, x0
        ldr     w9, .Ladd_x0_x0_100
        str     w9, [x19, #(256 + (.Lsum_add - .Lsum_loop))]
        SYNC_ICACHE
        blr     x13
        mov     x24, x0

        // 4. Code that patches the instruction just ahead of itself.
        COPY_CODE .Lpatch_ahead, .Lpatch_ahead_end, 512
        SYNC_ICACHE
        ldr     w1, .Lmovz_x0_7
        add     x13, x19, #512
        blr     x13
        mov     x25, x0
        mov     x13, #0
        mov     x1, #0
        DUMPM   "mmap ok (x20), generated code x21, rewritten x22, loop before/after patch x23/x24, patch-ahead x25", 0x3f00000

        // 5. Read+execute only: still runs, then a store to it is a SIGSEGV.
        mov     x0, x19
        mov     x1, #4096
        mov     x2, #PROT_RX
        mov     x8, #SYS_MPROTECT
        svc     #0
        mov     x26, x0                 // 0: mprotect succeeded
        mov     x8, #0
        blr     x19
        mov     x27, x0
        mov     x0, #0
        DUMPM   "mprotect result x26, code still runs x27", 0xc000000
        str     wzr, [x19]
        PROGRAM_EXIT 0

// Templates, copied into the mapping (position independent).
.Lret_const:
        movz    x0, #1
        ret
.Lret_const_end:
.Lsum_loop:
        mov     x0, #0
        mov     x9, #5
1:
.Lsum_add:
        add     x0, x0, #3
        subs    x9, x9, #1
        b.ne    1b
        mov     x9, #0
        ret
.Lsum_loop_end:
.Lpatch_ahead:
        adr     x9, 2f
        str     w1, [x9]
        dc      cvau, x9
        dsb     ish
        ic      ivau, x9
        dsb     ish
        isb
2:      movz    x0, #5                  // replaced by movz x0, #7 before it runs
        mov     x9, #0
        ret
.Lpatch_ahead_end:

// Instruction words used as data.
.Lmovz_x0_2:
        movz    x0, #2
.Lmovz_x0_7:
        movz    x0, #7
.Ladd_x0_x0_100:
        add     x0, x0, #100
