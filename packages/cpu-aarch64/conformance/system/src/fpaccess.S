// FP/AdvSIMD access control: CPACR_EL1.FPEN = 00 traps SIMD&FP loads, AdvSIMD instructions and
// MRS/MSR FPCR/FPSR at EL1 (EC 0x07, ESR 0x1fe00000: IL, CV=1, COND=0xE; ELR = the instruction);
// FPEN = 01 enables EL1 only (the same accesses from EL0 trap to +0x400); FPEN = 11 enables both.
// V registers, FPCR and FPSR keep their values across exceptions and EL changes.
        .include "guest.inc"
        .arch   armv8-a+crypto

        .text
        .global main
main:
        stp     x29, x30, [sp, #-16]!
        ADDR    x1, fpdata

        PRINT   "== EL1 with CPACR_EL1.FPEN=00\n"
        SHOWREG "CPACR_EL1=", cpacr_el1
        ldr     q0, [x1]
        dup     v1.2d, x1
        mrs     x0, fpcr
        msr     fpsr, xzr
        ld1     {v2.16b}, [x1]
        aese    v0.16b, v1.16b

        PRINT   "== EL1 with FPEN=01\n"
        mov     x0, #(1 << 20)
        msr     cpacr_el1, x0
        isb
        ADDR    x1, fpdata
        ldr     q0, [x1]
        mov     x2, v0.d[0]
        PRINTX  "v0.d[0] loaded at EL1=", x2
        mov     x0, #(3 << 22)          // RMode = towards zero
        msr     fpcr, x0
        mov     x0, #0x9f               // every cumulative flag
        msr     fpsr, x0
        MOV64   x3, 0x1122334455667788
        dup     v3.2d, x3
        ADDR    x0, el0_fp
        mov     x1, #7
        ADDR    x2, stack_el0_top
        bl      run_el0
        PRINTX  "run_el0 returned x0=", x0
        mov     x2, v3.d[1]
        PRINTX  "v3.d[1] after EL0 trapped=", x2
        mrs     x2, fpcr
        PRINTX  "FPCR=", x2
        mrs     x2, fpsr
        PRINTX  "FPSR=", x2

        PRINT   "== EL0 with FPEN=11\n"
        mov     x0, #(3 << 20)
        msr     cpacr_el1, x0
        isb
        ADDR    x0, el0_fp
        mov     x1, #9
        ADDR    x2, stack_el0_top
        bl      run_el0
        PRINTX  "run_el0 returned x0=", x0
        mov     x2, v3.d[1]
        PRINTX  "v3.d[1] written at EL0=", x2
        mov     x2, v4.d[0]
        PRINTX  "v4.d[0] written at EL0=", x2
        mrs     x2, fpcr
        PRINTX  "FPCR written at EL0=", x2
        mrs     x2, fpsr
        PRINTX  "FPSR written at EL0=", x2
        mov     x0, xzr
        msr     cpacr_el1, x0
        isb
        PRINT   "== EL1 with FPEN=00 again\n"
        mov     x2, v3.d[0]
        PRINT   "(the UMOV above trapped)\n"

        ADDR    x0, exc_count
        ldr     x19, [x0]
        PRINTX  "exceptions reported: ", x19
        ldp     x29, x30, [sp], #16
        ret

// At EL0 with x0 = argument: uses V3/V4, FPCR and FPSR, returns a value built from them.
el0_fp:
        mov     x5, x0
        dup     v3.4s, w5
        ADDR    x1, fpdata
        ldr     q4, [x1, #16]
        mrs     x6, fpcr
        mov     x7, #(1 << 22)          // RMode = towards +inf
        msr     fpcr, x7
        msr     fpsr, xzr
        mov     x0, v4.d[1]
        add     x0, x0, x5
        add     x0, x0, x6
        svc     #0xffff

        .data
        .balign 16
fpdata:
        .quad   0x0706050403020100, 0x0f0e0d0c0b0a0908
        .quad   0xdeadbeefcafef00d, 0x0000000100000002
