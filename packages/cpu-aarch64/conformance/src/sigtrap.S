// BRK ends the process with SIGTRAP (status 133) when nothing handles it.
        .include "harness.inc"
        PROGRAM_START
        MOV64   x5, 0x7777
        CHECK   "before brk", 5
        brk     #0x1234
        PROGRAM_EXIT 0
