// A load from an unmapped address (page 0) ends the process with SIGSEGV (status 139).
        .include "harness.inc"
        PROGRAM_START
        mov     x1, #0x10
        CHECK   "before load from 0x10", 1
        ldr     x0, [x1]
        PROGRAM_EXIT 0
