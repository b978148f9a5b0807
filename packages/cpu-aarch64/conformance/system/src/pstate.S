// PSTATE at EL1: CurrentEL, SPSel and the two stack pointers (an exception taken on SP_EL0 uses
// the "current EL with SP0" vector +0x000; MRS SP_EL0 while SP_EL0 is selected is UNDEFINED),
// DAIF set/clear/write and its copy in SPSR, ELR/SPSR round trips, ERET to EL1h and EL1t with
// NZCV restored, and illegal exception returns (PSTATE.IL then EC 0x0E on the next instruction).
        .include "guest.inc"

        .text
        .global main
main:
        stp     x29, x30, [sp, #-16]!

        PRINT   "== CurrentEL, SPSel\n"
        SHOWREG "CurrentEL=", currentel
        SHOWREG "SPSel=", spsel

        PRINT   "== SP_EL0 write/read at EL1 (SPSel=1)\n"
        MOV64   x0, 0x0000000040001230
        msr     sp_el0, x0
        SHOWREG "SP_EL0=", sp_el0

        PRINT   "== SPSel=0: SP is SP_EL0\n"
        mov     x21, sp                 // SP_EL1
        ADDR    x22, stack_el0_top
        msr     sp_el0, x22
        msr     spsel, #0
        SHOWREG "SPSel=", spsel
        mov     x23, sp
        cmp     x23, x22
        PRINTIF "SP == SP_EL0: ", eq
        PRINT   "-- SVC on SP_EL0 (vector +0x000, SPSR.M=EL1t)\n"
        svc     #0x10
        PRINT   "-- MRS SP_EL0 with SPSel=0 (UNDEFINED)\n"
        mrs     x0, sp_el0
        PRINT   "-- push/pop on SP_EL0\n"
        MOV64   x0, 0x1122334455667788
        str     x0, [sp, #-16]!
        mov     x23, sp
        ldr     x24, [sp], #16
        sub     x23, x22, x23
        PRINTX  "SP_EL0 moved by ", x23
        PRINTX  "popped ", x24
        mov     x0, #1
        msr     spsel, x0               // register form
        mov     x23, sp
        cmp     x23, x21
        PRINTIF "SPSel=1: SP == SP_EL1 again: ", eq
        SHOWREG "SP_EL0 after the push/pop=", sp_el0
        mrs     x0, sp_el0
        cmp     x0, x22
        PRINTIF "SP_EL0 back at its top: ", eq

        PRINT   "== DAIF\n"
        SHOWREG "DAIF at entry=", daif
        msr     daifclr, #0xf
        SHOWREG "after DAIFClr #0xf: ", daif
        msr     daifset, #5
        SHOWREG "after DAIFSet #5 (A, F): ", daif
        mov     x0, #0x280
        msr     daif, x0
        SHOWREG "after MSR DAIF 0x280 (D, I): ", daif
        PRINT   "-- SVC with DAIF=D,I: SPSR keeps it, the handler runs masked\n"
        svc     #0x11
        SHOWREG "DAIF after ERET: ", daif
        msr     daifset, #0xf
        SHOWREG "after DAIFSet #0xf: ", daif

        PRINT   "== ELR_EL1 / SPSR_EL1 round trips\n"
        MOV64   x0, 0xfedcba9876543210
        msr     elr_el1, x0
        SHOWREG "ELR_EL1=", elr_el1
        MOV64   x0, 0xf00003c5
        msr     spsr_el1, x0
        SHOWREG "SPSR_EL1=", spsr_el1

        PRINT   "== ERET to EL1h with NZCV=0110, DAIF=I\n"
        ADDR    x0, 1f
        msr     elr_el1, x0
        MOV64   x0, 0x60000085
        msr     spsr_el1, x0
        eret
1:      SHOWREG "NZCV=", nzcv
        SHOWREG "DAIF=", daif
        SHOWREG "SPSel=", spsel
        msr     nzcv, xzr
        msr     daifset, #0xf

        PRINT   "== ERET to EL1t\n"
        msr     sp_el0, x22
        ADDR    x0, 2f
        msr     elr_el1, x0
        mov     x0, #0x3c4
        msr     spsr_el1, x0
        eret
2:      SHOWREG "SPSel=", spsel
        mov     x23, sp
        cmp     x23, x22
        PRINTIF "SP == SP_EL0: ", eq
        msr     spsel, #1

        PRINT   "== illegal ERET to EL2h (not implemented): IL set, EC 0x0E at the target\n"
        mov     x1, #0x3c9
        bl      illegal_eret
        PRINT   "== illegal ERET with M=0b0001 (reserved), NZCV=0110 and DAIF=A,I,F from SPSR\n"
        MOV64   x1, 0x600001c1
        bl      illegal_eret
        PRINT   "== illegal ERET with M=0b0110 (reserved) from SPSel=0\n"
        msr     sp_el0, x22
        msr     spsel, #0
        mov     x1, #0x3c6
        bl      illegal_eret
        SHOWREG "SPSel after the illegal return=", spsel
        msr     spsel, #1
        SHOWREG "CurrentEL at the end=", currentel

        ldp     x29, x30, [sp], #16
        ret

// ERET with SPSR_EL1 = x1 to the next instruction. The return is illegal, so the CPU stays at EL1
// with PSTATE.IL set and the instruction at the target takes EC 0x0E; the handler clears IL and
// resumes there. NZCV and DAIF are whatever the SPSR held: print them, then reset them.
illegal_eret:
        mov     x24, x30
        ADDR    x0, 1f
        msr     elr_el1, x0
        msr     spsr_el1, x1
        eret
1:      mrs     x19, nzcv
        mrs     x20, daif
        msr     nzcv, xzr
        msr     daifset, #0xf
        PRINTX  "NZCV after it=", x19
        PRINTX  "DAIF after it=", x20
        SHOWREG "CurrentEL after it=", currentel
        ret     x24
