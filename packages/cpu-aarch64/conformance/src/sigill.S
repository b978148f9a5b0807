// An undefined instruction ends the process with SIGILL (status 132 from the shell's view);
// the output before it must be complete.
        .include "harness.inc"
        PROGRAM_START
        MOV64   x5, 0x5555
        DUMP    "before udf"
        udf     #0
        PROGRAM_EXIT 0
