// EL0 reads of the identification registers (Linux's HWCAP_CPUID emulation as qemu-aarch64
// implements it): MIDR/MPIDR/REVIDR and every register of CRm 4-7; then an ID register outside
// what is emulated (MVFR0_EL1, CRm 3) ends the program with SIGILL.
        .include "harness.inc"
        PROGRAM_START
        mrs     x0, midr_el1
        mrs     x1, mpidr_el1
        mrs     x2, revidr_el1
        DUMPM   "MIDR MPIDR REVIDR", 0x7
        mrs     x0, S3_0_C0_C4_0
        mrs     x1, S3_0_C0_C4_1
        mrs     x2, S3_0_C0_C4_2
        mrs     x3, S3_0_C0_C4_3
        mrs     x4, S3_0_C0_C4_4
        mrs     x5, S3_0_C0_C4_5
        mrs     x6, S3_0_C0_C4_6
        mrs     x7, S3_0_C0_C4_7
        DUMPM   "ID space CRm=4, op2 0-7", 0xff
        mrs     x0, S3_0_C0_C5_0
        mrs     x1, S3_0_C0_C5_1
        mrs     x2, S3_0_C0_C5_2
        mrs     x3, S3_0_C0_C5_3
        mrs     x4, S3_0_C0_C5_4
        mrs     x5, S3_0_C0_C5_5
        mrs     x6, S3_0_C0_C5_6
        mrs     x7, S3_0_C0_C5_7
        DUMPM   "ID space CRm=5, op2 0-7", 0xff
        mrs     x0, S3_0_C0_C6_0
        mrs     x1, S3_0_C0_C6_1
        mrs     x2, S3_0_C0_C6_2
        mrs     x3, S3_0_C0_C6_3
        mrs     x4, S3_0_C0_C6_4
        mrs     x5, S3_0_C0_C6_5
        mrs     x6, S3_0_C0_C6_6
        mrs     x7, S3_0_C0_C6_7
        DUMPM   "ID space CRm=6, op2 0-7", 0xff
        mrs     x0, S3_0_C0_C7_0
        mrs     x1, S3_0_C0_C7_1
        mrs     x2, S3_0_C0_C7_2
        mrs     x3, S3_0_C0_C7_3
        mrs     x4, S3_0_C0_C7_4
        mrs     x5, S3_0_C0_C7_5
        mrs     x6, S3_0_C0_C7_6
        mrs     x7, S3_0_C0_C7_7
        DUMPM   "ID space CRm=7, op2 0-7", 0xff
        mrs     x0, S3_0_C0_C3_0
        DUMPM   "not reached", 0x1
        PROGRAM_EXIT 0
