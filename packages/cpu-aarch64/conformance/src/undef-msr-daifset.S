// MSR DAIFSet at EL0 (SCTLR_EL1.UMA is 0 under Linux) is UNDEFINED: the process ends with SIGILL (status 132) and nothing after it runs.
        .include "harness.inc"
        PROGRAM_START
        MOV64   x0, 0x1111
        adrp    x1, .Ldata
        add     x1, x1, :lo12:.Ldata
        CHECK   "before msr daifset, #2", 0
        msr daifset, #2
        CHECK   "after: must not be printed", 0
        PROGRAM_EXIT 0
        .data
        .balign 16
.Ldata: .quad   0
