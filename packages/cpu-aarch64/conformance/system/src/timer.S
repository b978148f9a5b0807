// The generic timer at EL1: CNTFRQ, monotonic CNTVCT/CNTPCT, and for both the virtual (CNTV_*)
// and the physical (CNTP_*) timer: ISTATUS becoming 1 after TVAL and after CVAL expire (polled,
// interrupts stay masked), IMASK not hiding ISTATUS, CVAL in the past and far future, TVAL as
// the signed distance to CVAL, and CNTKCTL_EL1. Only deterministic facts are printed: never a
// raw counter value.
        .include "guest.inc"

        .set    CTL_ENABLE, 1
        .set    CTL_IMASK, 2
        .set    CTL_ISTATUS, 4

// The same checks for one timer: CNT<t>_CTL/CVAL/TVAL_EL0 with <t> = v or p, counter CNT<t>CT.
        .macro  TIMER_CHECKS t
        msr     cnt\t\()_ctl_el0, xzr
        PRINT   "-- TVAL=200, ENABLE: poll ISTATUS\n"
        mov     x0, #200
        msr     cnt\t\()_tval_el0, x0
        mov     x0, #CTL_ENABLE
        msr     cnt\t\()_ctl_el0, x0
        isb
1:      mrs     x19, cnt\t\()_ctl_el0
        tbz     x19, #2, 1b
        PRINTX  "CTL once ISTATUS is set=", x19
        mrs     x19, cnt\t\()_tval_el0
        sxtw    x19, w19
        cmp     x19, #0
        PRINTIF "TVAL <= 0 once expired: ", le
        mrs     x19, cnt\t\()_cval_el0
        mrs     x20, cnt\t\()ct_el0
        cmp     x20, x19
        PRINTIF "counter >= CVAL: ", hs

        PRINT   "-- ENABLE|IMASK: ISTATUS still reads 1\n"
        mov     x0, #(CTL_ENABLE | CTL_IMASK)
        msr     cnt\t\()_ctl_el0, x0
        isb
        SHOWREG "CTL=", cnt\t\()_ctl_el0

        PRINT   "-- CVAL=0 (in the past)\n"
        msr     cnt\t\()_cval_el0, xzr
        mov     x0, #CTL_ENABLE
        msr     cnt\t\()_ctl_el0, x0
        isb
        SHOWREG "CTL=", cnt\t\()_ctl_el0
        SHOWREG "CVAL=", cnt\t\()_cval_el0

        PRINT   "-- CVAL=2^64-1 (never)\n"
        mvn     x0, xzr
        msr     cnt\t\()_cval_el0, x0
        isb
        SHOWREG "CTL=", cnt\t\()_ctl_el0

        PRINT   "-- CVAL=counter+300: poll ISTATUS\n"
        mrs     x0, cnt\t\()ct_el0
        add     x0, x0, #300
        msr     cnt\t\()_cval_el0, x0
        isb
2:      mrs     x19, cnt\t\()_ctl_el0
        tbz     x19, #2, 2b
        PRINTX  "CTL once ISTATUS is set=", x19
        mrs     x20, cnt\t\()ct_el0
        mrs     x19, cnt\t\()_cval_el0
        cmp     x20, x19
        PRINTIF "counter >= CVAL: ", hs

        PRINT   "-- TVAL=0x10000000 sets CVAL to counter+0x10000000\n"
        mrs     x20, cnt\t\()ct_el0
        mov     x0, #0x10000000         // about 4 s at 62.5 MHz: QEMU's wall-clock counter cannot get there
        msr     cnt\t\()_tval_el0, x0
        isb
        mrs     x21, cnt\t\()ct_el0
        mrs     x19, cnt\t\()_cval_el0
        add     x20, x20, x0
        add     x21, x21, x0
        cmp     x19, x20
        PRINTIF "CVAL >= counter before + 0x10000000: ", hs
        cmp     x19, x21
        PRINTIF "CVAL <= counter after + 0x10000000: ", ls
        SHOWREG "CTL=", cnt\t\()_ctl_el0
        mrs     x19, cnt\t\()_tval_el0
        sxtw    x19, w19
        cmp     x19, #0
        PRINTIF "TVAL > 0: ", gt
        mov     x0, #0x10000000
        cmp     x19, x0
        PRINTIF "TVAL <= 0x10000000: ", le

        PRINT   "-- TVAL=-1 (0xffffffff, sign-extended): CVAL in the past\n"
        mov     w0, #-1
        msr     cnt\t\()_tval_el0, x0
        isb
        SHOWREG "CTL=", cnt\t\()_ctl_el0
        mrs     x19, cnt\t\()_cval_el0
        mrs     x20, cnt\t\()ct_el0
        cmp     x19, x20
        PRINTIF "CVAL < counter: ", lo

        PRINT   "-- ENABLE=0\n"
        msr     cnt\t\()_ctl_el0, xzr
        isb
        SHOWREG "CTL & ~ISTATUS=", cnt\t\()_ctl_el0, ~CTL_ISTATUS
        .endm

        .text
        .global main
main:
        stp     x29, x30, [sp, #-16]!

        PRINT   "== counters\n"
        SHOWREG "CNTFRQ_EL0=", cntfrq_el0
        mov     x21, #1                 // stays 1 while every read is >= the previous one
        mrs     x19, cntvct_el0
        mov     x22, #100
1:      isb
        mrs     x20, cntvct_el0
        cmp     x20, x19
        csel    x21, x21, xzr, hs
        mov     x19, x20
        subs    x22, x22, #1
        b.ne    1b
        cmp     x21, #1
        PRINTIF "CNTVCT_EL0 monotonic over 100 reads: ", eq
        mrs     x19, cntpct_el0
        mov     x22, #100
2:      isb
        mrs     x20, cntpct_el0
        cmp     x20, x19
        csel    x21, x21, xzr, hs
        mov     x19, x20
        subs    x22, x22, #1
        b.ne    2b
        cmp     x21, #1
        PRINTIF "CNTPCT_EL0 monotonic over 100 reads: ", eq
        mrs     x19, cntvct_el0
3:      mrs     x20, cntvct_el0
        cmp     x20, x19
        b.eq    3b
        PRINT   "CNTVCT_EL0 advances: yes\n"

        PRINT   "== virtual timer (CNTV_*)\n"
        TIMER_CHECKS v
        PRINT   "== physical timer (CNTP_*)\n"
        TIMER_CHECKS p

        PRINT   "== CNTKCTL_EL1\n"
        SHOWREG "at reset=", cntkctl_el1
        mov     x0, #3
        msr     cntkctl_el1, x0
        SHOWREG "after writing 3 (EL0VCTEN, EL0PCTEN)=", cntkctl_el1
        msr     cntkctl_el1, xzr
        SHOWREG "after writing 0=", cntkctl_el1

        ldp     x29, x30, [sp], #16
        ret
