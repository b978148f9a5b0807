// DC IVAC (EL1 only) at EL0 is UNDEFINED: the process ends with SIGILL (status 132) and nothing after it runs.
        .include "harness.inc"
        PROGRAM_START
        MOV64   x0, 0x1111
        adrp    x1, .Ldata
        add     x1, x1, :lo12:.Ldata
        CHECK   "before dc ivac, x1", 0
        dc ivac, x1
        CHECK   "after: must not be printed", 0
        PROGRAM_EXIT 0
        .data
        .balign 16
.Ldata: .quad   0
