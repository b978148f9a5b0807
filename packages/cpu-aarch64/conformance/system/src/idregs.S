// ID registers of the Cortex-A53 as QEMU's virt machine presents it (no EL2/EL3), with the fields
// on which QEMU and our CPU model are allowed to differ masked out (see README, "ID registers"),
// and a sample of the unallocated ID-space encodings, which read as zero.
        .include "guest.inc"

        .text
        .global main
main:
        stp     x29, x30, [sp, #-16]!

        PRINT   "== identification\n"
        SHOWREG "MIDR_EL1=", midr_el1
        SHOWREG "MPIDR_EL1=", mpidr_el1
        SHOWREG "REVIDR_EL1=", revidr_el1
        SHOWREG "AIDR_EL1=", aidr_el1

        PRINT   "== AArch64 feature registers (masked)\n"
        // EL0[3:0], EL1[7:4]: 1 or 2 (AArch64, with or without AArch32); everything else exact.
        SHOWREG "ID_AA64PFR0_EL1 & ~0xff=", id_aa64pfr0_el1, 0xffffffffffffff00
        mrs     x19, id_aa64pfr0_el1
        ubfx    x20, x19, #0, #4
        cmp     x20, #0
        PRINTIF "ID_AA64PFR0_EL1.EL0 has AArch64: ", ne
        ubfx    x20, x19, #4, #4
        cmp     x20, #0
        PRINTIF "ID_AA64PFR0_EL1.EL1 has AArch64: ", ne
        SHOWREG "ID_AA64PFR1_EL1=", id_aa64pfr1_el1
        // DebugVer[3:0], TraceVer[7:4] only: PMUVer, BRPs, WRPs, CTX_CMPs differ.
        SHOWREG "ID_AA64DFR0_EL1 & 0xff=", id_aa64dfr0_el1, 0xff
        SHOWREG "ID_AA64DFR1_EL1=", id_aa64dfr1_el1
        SHOWREG "ID_AA64AFR0_EL1=", id_aa64afr0_el1
        SHOWREG "ID_AA64AFR1_EL1=", id_aa64afr1_el1
        // Without AES[7:4], SHA1[11:8], SHA2[15:12], CRC32[19:16].
        SHOWREG "ID_AA64ISAR0_EL1 & ~0xffff0=", id_aa64isar0_el1, 0xfffffffffff0000f
        SHOWREG "ID_AA64ISAR1_EL1=", id_aa64isar1_el1
        // Without BigEnd[11:8], SNSMem[15:12], TGran64[27:24].
        SHOWREG "ID_AA64MMFR0_EL1 & ~0xf00ff00=", id_aa64mmfr0_el1, 0xfffffffff0ff00ff
        SHOWREG "ID_AA64MMFR1_EL1=", id_aa64mmfr1_el1
        SHOWREG "ID_AA64MMFR2_EL1=", id_aa64mmfr2_el1

        PRINT   "== cache and DC ZVA geometry\n"
        SHOWREG "CTR_EL0 (IDC/DIC masked)=", ctr_el0, 0xffffffffcfffffff
        SHOWREG "DCZID_EL0=", dczid_el0
        SHOWREG "CLIDR_EL1=", clidr_el1

        PRINT   "== unallocated ID encodings (op0=3, op1=0, CRn=0, CRm=4..7)\n"
        SHOWREG "S3_0_C0_C4_2=", s3_0_c0_c4_2
        SHOWREG "S3_0_C0_C4_3=", s3_0_c0_c4_3
        SHOWREG "S3_0_C0_C4_6=", s3_0_c0_c4_6
        SHOWREG "S3_0_C0_C4_7=", s3_0_c0_c4_7
        SHOWREG "S3_0_C0_C5_2=", s3_0_c0_c5_2
        SHOWREG "S3_0_C0_C5_3=", s3_0_c0_c5_3
        SHOWREG "S3_0_C0_C5_6=", s3_0_c0_c5_6
        SHOWREG "S3_0_C0_C5_7=", s3_0_c0_c5_7
        SHOWREG "S3_0_C0_C6_2 (ISAR2)=", s3_0_c0_c6_2
        SHOWREG "S3_0_C0_C6_3=", s3_0_c0_c6_3
        SHOWREG "S3_0_C0_C6_7=", s3_0_c0_c6_7
        SHOWREG "S3_0_C0_C7_3=", s3_0_c0_c7_3
        SHOWREG "S3_0_C0_C7_5=", s3_0_c0_c7_5
        SHOWREG "S3_0_C0_C7_7=", s3_0_c0_c7_7

        PRINT   "== ID registers at EL0 (UNDEFINED without the kernel's emulation)\n"
        ADDR    x0, el0_read_midr
        mov     x1, #0
        ADDR    x2, stack_el0_top
        bl      run_el0
        ldp     x29, x30, [sp], #16
        ret

el0_read_midr:
        mrs     x1, midr_el1
        mrs     x1, id_aa64pfr0_el1
        SHOWREG "DCZID_EL0 at EL0 with SCTLR_EL1.DZE=0 (DZP set)=", dczid_el0
        svc     #0xffff
