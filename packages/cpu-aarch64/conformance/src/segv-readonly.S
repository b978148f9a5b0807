// A store into the program's own (read-only, executable) text ends it with SIGSEGV (status 139),
// after a load from the same place succeeded.
        .include "harness.inc"
        PROGRAM_START
        adr     x1, .Ltarget
        ldr     w0, [x1]
        CHECK2  "loaded an instruction word from text", 0, 1
        str     w0, [x1]
.Ltarget:
        PROGRAM_EXIT 0
