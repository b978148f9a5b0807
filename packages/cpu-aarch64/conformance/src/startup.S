// The process entry state the Linux ABI fixes: argc, argv[0], an empty environment (the tests and
// regenerate.sh both run with none), a 16-byte aligned SP, and the auxiliary vector entries whose
// values do not depend on the loader (page size, entry point, program headers, no interpreter,
// AT_RANDOM pointing at 16 readable bytes). Prints argv[0] with write(2).
        .include "harness.inc"

        .set    AT_NULL, 0
        .set    AT_PHDR, 3
        .set    AT_PHENT, 4
        .set    AT_PHNUM, 5
        .set    AT_PAGESZ, 6
        .set    AT_BASE, 7
        .set    AT_FLAGS, 8
        .set    AT_ENTRY, 9
        .set    AT_RANDOM, 25

        PROGRAM_START
        adrp    x20, __sp0
        ldr     x20, [x20, :lo12:__sp0]     // SP at entry (never printed)
        ldr     x0, [x20]                   // argc
        and     x1, x20, #15                // SP alignment
        add     x21, x20, #8                // argv
        add     x22, x21, x0, lsl #3
        ldr     x2, [x22], #8               // argv[argc] must be NULL
        mov     x3, #0                      // number of environment strings
1:      ldr     x9, [x22], #8
        cbz     x9, 2f
        add     x3, x3, #1
        b       1b
2:      MOV64   x4, -1                      // AT_PAGESZ
        MOV64   x5, -1                      // AT_ENTRY
        MOV64   x6, -1                      // AT_PHDR
        MOV64   x7, -1                      // AT_PHENT
        MOV64   x8, -1                      // AT_PHNUM
        MOV64   x10, -1                     // AT_BASE
        MOV64   x11, -1                     // AT_FLAGS
        mov     x12, #0                     // AT_RANDOM present and readable
3:      ldp     x13, x14, [x22], #16
        cmp     x13, #AT_NULL
        b.eq    5f
        cmp     x13, #AT_PAGESZ
        csel    x4, x14, x4, eq
        cmp     x13, #AT_ENTRY
        csel    x5, x14, x5, eq
        cmp     x13, #AT_PHDR
        csel    x6, x14, x6, eq
        cmp     x13, #AT_PHENT
        csel    x7, x14, x7, eq
        cmp     x13, #AT_PHNUM
        csel    x8, x14, x8, eq
        cmp     x13, #AT_BASE
        csel    x10, x14, x10, eq
        cmp     x13, #AT_FLAGS
        csel    x11, x14, x11, eq
        cmp     x13, #AT_RANDOM
        b.ne    3b
        ldp     x15, x16, [x14]             // must not fault
        mov     x12, #1
        b       3b
5:      adr     x13, _start
        cmp     x5, x13
        cset    x13, eq                     // AT_ENTRY is _start
        mov     x14, #0
        mov     x15, #0
        mov     x16, #0
        mov     x9, #0
        ldr     x21, [x21]                  // argv[0]
        mov     x22, #0
        mov     x20, #0
        DUMPM   "argc x0, sp%16 x1, argv[argc] x2, envc x3, pagesz x4, entry x5, phdr x6, phent x7, phnum x8, base x10, flags x11, random x12, entry==_start x13", 0x3dff
        // argv[0] and a newline
        mov     x22, #0
6:      ldrb    w9, [x21, x22]
        cbz     w9, 7f
        add     x22, x22, #1
        b       6b
7:      WRITE_STDOUT x21, x22
        adr     x1, .Lnewline
        mov     x2, #1
        WRITE_STDOUT x1, x2
        mov     x21, #0
        PROGRAM_EXIT 0
.Lnewline:
        .ascii  "\n"
        .balign 4
