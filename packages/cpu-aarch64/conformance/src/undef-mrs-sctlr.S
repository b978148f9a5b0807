// MRS of an EL1 register at EL0 is UNDEFINED: the process ends with SIGILL (status 132) and nothing after it runs.
        .include "harness.inc"
        PROGRAM_START
        MOV64   x0, 0x1111
        adrp    x1, .Ldata
        add     x1, x1, :lo12:.Ldata
        CHECK   "before mrs x0, sctlr_el1", 0
        mrs x0, sctlr_el1
        CHECK   "after: must not be printed", 0
        PROGRAM_EXIT 0
        .data
        .balign 16
.Ldata: .quad   0
