// Synchronous exceptions taken to EL1 from EL1 (vector +0x200) and from EL0 (+0x400), with the
// MMU off: SVC with several imm16 values, BRK, UDF, NZCV and DAIF in SPSR, ELR for
// "preferred return = next instruction" (SVC) vs "= this instruction" (BRK, UDF, traps), PC
// alignment faults, EL1-only instructions and registers at EL0 (UNDEFINED, EC 0), the traps that
// SCTLR_EL1 and CNTKCTL_EL1 control (EC 0x01 WFI, EC 0x18 MRS/MSR/SYS) and lifting them.
        .include "guest.inc"

        .text
        .global main
main:
        stp     x29, x30, [sp, #-16]!

        PRINT   "== EL1 SVC imm16 0, 0x1234, 0xffff\n"
        svc     #0
        svc     #0x1234
        svc     #0xffff
        PRINT   "== EL1 SVC with NZCV=0110 in SPSR\n"
        mov     x0, #0x60000000
        msr     nzcv, x0
        svc     #1
        msr     nzcv, xzr
        PRINT   "== EL1 BRK #0, BRK #0x800\n"
        brk     #0
        brk     #0x800
        PRINT   "== EL1 UDF #0, UDF #0xbeef\n"
        udf     #0
        udf     #0xbeef
        PRINT   "== EL1 branch to a misaligned PC (BLR to label+2)\n"
        ADDR    x1, misaligned_target
        add     x1, x1, #2
        blr     x1
        PRINT   "== EL1 registers survive an exception\n"
        MOV64   x19, 0x0123456789abcdef
        mov     x20, x19
        svc     #2
        cmp     x19, x20
        PRINTIF "x19 preserved: ", eq

        PRINT   "== EL0 with SCTLR_EL1 and CNTKCTL_EL1 trapping everything\n"
        msr     cntkctl_el1, xzr
        isb
        ADDR    x0, el0_trapped
        mov     x1, #41
        ADDR    x2, stack_el0_top
        bl      run_el0
        PRINTX  "run_el0 returned x0=", x0

        PRINT   "== EL0 with SCTLR_EL1.UCT=1 and CNTKCTL_EL1.EL0VCTEN=EL0PCTEN=1\n"
        MOV64   x0, SCTLR_BASE | (1 << 15)
        msr     sctlr_el1, x0
        mov     x0, #3
        msr     cntkctl_el1, x0
        isb
        ADDR    x0, el0_allowed
        mov     x1, #0
        ADDR    x2, stack_el0_top
        bl      run_el0
        MOV64   x1, 0xffffffffcfffffff  // IDC and DIC may differ between models
        and     x0, x0, x1
        PRINTX  "CTR_EL0 read at EL0 (IDC/DIC masked): ", x0
        MOV64   x0, SCTLR_BASE
        msr     sctlr_el1, x0
        msr     cntkctl_el1, xzr
        isb

        ADDR    x0, exc_count
        ldr     x19, [x0]
        PRINTX  "exceptions reported: ", x19
        ldp     x29, x30, [sp], #16
        ret

        .balign 8
misaligned_target:
        nop
        nop

// Runs at EL0 with x0 = 41; returns 42 in x0.
el0_trapped:
        PRINT   "-- EL0 SVC imm16 0, 0x42, 0xfffe\n"
        svc     #0
        svc     #0x42
        svc     #0xfffe
        PRINT   "-- EL0 SVC with NZCV=1001\n"
        mov     x9, #0x90000000
        msr     nzcv, x9
        svc     #3
        msr     nzcv, xzr
        PRINT   "-- EL0 BRK #7, UDF #0\n"
        brk     #7
        udf     #0
        PRINT   "-- EL0 misaligned PC\n"
        ADDR    x1, misaligned_target
        add     x1, x1, #1
        blr     x1
        PRINT   "-- EL0 HVC, SMC, ERET, MRS SCTLR_EL1, MSR VBAR_EL1, IC IALLU (UNDEFINED)\n"
        hvc     #0
        smc     #0
        eret
        mrs     x1, sctlr_el1
        msr     vbar_el1, xzr
        ic      iallu
        // WFE is left out: QEMU 7.2 never traps it (see README).
        PRINT   "-- EL0 WFI with SCTLR_EL1.nTWI=0 (EC 0x01)\n"
        wfi
        // MSR DAIFSet is left out: QEMU 7.2 swaps op1 and op2 in its syndrome (see README).
        PRINT   "-- EL0 MRS DAIF with SCTLR_EL1.UMA=0 (EC 0x18)\n"
        mrs     x3, daif
        PRINT   "-- EL0 MRS CTR_EL0 (UCT=0), DC ZVA (DZE=0), DC CIVAC, IC IVAU (UCI=0) (EC 0x18)\n"
        mrs     x4, ctr_el0
        ADDR    x5, stack_el0_top
        sub     x5, x5, #256
        dc      zva, x5
        dc      civac, x5
        ic      ivau, x5
        PRINT   "-- EL0 MRS CNTVCT_EL0, CNTPCT_EL0, MRS/MSR CNTV_CTL_EL0 with CNTKCTL_EL1=0 (EC 0x18)\n"
        mrs     x6, cntvct_el0
        mrs     x7, cntpct_el0
        mrs     x8, cntv_ctl_el0
        msr     cntv_ctl_el0, xzr
        PRINT   "-- EL0 MRS CNTFRQ_EL0 with CNTKCTL_EL1=0 (EC 0x18)\n"
        mrs     x9, cntfrq_el0
        mov     x0, #42
        svc     #0xffff

// Runs at EL0 with CTR_EL0 and the counters readable; returns CTR_EL0 in x0.
el0_allowed:
        PRINT   "-- EL0 MRS CNTFRQ_EL0, CNTVCT_EL0 twice, CNTPCT_EL0 twice\n"
        mrs     x19, cntfrq_el0
        PRINTX  "CNTFRQ_EL0=", x19
        mrs     x19, cntvct_el0
        isb
        mrs     x20, cntvct_el0
        cmp     x20, x19
        PRINTIF "CNTVCT_EL0 monotonic: ", hs
        mrs     x19, cntpct_el0
        isb
        mrs     x20, cntpct_el0
        cmp     x20, x19
        PRINTIF "CNTPCT_EL0 monotonic: ", hs
        mrs     x0, ctr_el0
        svc     #0xffff
