// Branching into a writable, non-executable data page ends the process with SIGSEGV (status
// 139), even though the data there is a valid instruction.
        .include "harness.inc"
        PROGRAM_START
        adrp    x1, data_code
        add     x1, x1, :lo12:data_code
        ldr     w0, [x1]
        CHECK   "instruction word in data", 0
        blr     x1
        PROGRAM_EXIT 0

        .data
        .balign 4
data_code:
        ret
