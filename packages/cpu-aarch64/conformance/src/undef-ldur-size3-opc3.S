// LDUR-class encoding with size=11, opc=11 is UNDEFINED: the process ends with SIGILL (status 132) and nothing after it runs.
        .include "harness.inc"
        PROGRAM_START
        MOV64   x0, 0x1111
        adrp    x1, .Ldata
        add     x1, x1, :lo12:.Ldata
        CHECK   "before .inst 0xf8c00020", 0
        .inst 0xf8c00020
        CHECK   "after: must not be printed", 0
        PROGRAM_EXIT 0
        .data
        .balign 16
.Ldata: .quad   0
