// hello-guest: a bare-metal AArch64 guest for the libsel4vm example VMM.
// Runs at EL1 with the MMU off, loaded at 0x40000000 (guest RAM).
//   1. prints a greeting through the PL011 UART (DR at +0x00, FR at +0x18; the VMM emulates both)
//   2. enables the GIC distributor and CPU interface, then three times: programs the virtual
//      timer (CNTV), waits in WFI until PPI 27 is pending, acknowledges it (IAR/EOIR), prints a dot
//   3. asks PSCI for its version with an SMC and prints it
//   4. powers off with PSCI SYSTEM_OFF

        .equ UART,      0x09000000
        .equ UART_FR,   0x18
        .equ FR_TXFF,   5
        .equ GICD,      0x08000000
        .equ GICC,      0x08010000
        .equ VTIMER,    27
        .equ TICKS,     3
        .equ PSCI_VERSION,    0x84000000
        .equ PSCI_SYSTEM_OFF, 0x84000008

        .text
        .global _start
_start:
        ldr     x19, =UART
        ldr     x20, =GICC
        ldr     x0, =0x40100000         // a stack in guest RAM
        mov     sp, x0

        adr     x0, greeting
        bl      puts

        // GIC: distributor on, PPI 27 enabled; CPU interface on, every priority unmasked.
        ldr     x1, =GICD
        mov     w2, #1
        str     w2, [x1]                // GICD_CTLR
        mov     w2, #(1 << VTIMER)
        str     w2, [x1, #0x100]        // GICD_ISENABLER0
        mov     w2, #0xf0
        str     w2, [x20, #0x4]         // GICC_PMR
        mov     w2, #1
        str     w2, [x20]               // GICC_CTLR

        mov     x21, #TICKS
tick:
        mrs     x1, cntfrq_el0
        lsr     x1, x1, #8              // about 4 ms
        mrs     x2, cntvct_el0
        add     x2, x2, x1
        msr     cntv_cval_el0, x2
        mov     x1, #1                  // ENABLE, not masked
        msr     cntv_ctl_el0, x1
        isb
wait:
        wfi                             // wakes when an interrupt is pending, even with PSTATE.I set
        ldr     w22, [x20, #0xc]        // GICC_IAR
        and     w1, w22, #0x3ff
        cmp     w1, #VTIMER
        b.ne    wait                    // spurious (1023): keep waiting
        msr     cntv_ctl_el0, xzr       // timer off before the EOI, so it does not fire again
        str     w22, [x20, #0x10]       // GICC_EOIR
        mov     w0, #'.'
        bl      putc
        subs    x21, x21, #1
        b.ne    tick
        mov     w0, #'\n'
        bl      putc

        ldr     x0, =PSCI_VERSION
        smc     #0
        mov     x23, x0
        adr     x0, psci
        bl      puts
        lsr     x0, x23, #16
        add     w0, w0, #'0'
        bl      putc
        mov     w0, #'.'
        bl      putc
        and     x0, x23, #0xffff
        add     w0, w0, #'0'
        bl      putc
        mov     w0, #'\n'
        bl      putc

        adr     x0, bye
        bl      puts
        ldr     x0, =PSCI_SYSTEM_OFF
        smc     #0
halt:
        wfi
        b       halt

// putc(w0): waits while the transmit FIFO is full, then writes DR.
putc:
        ldr     w1, [x19, #UART_FR]
        tbnz    w1, #FR_TXFF, putc
        str     w0, [x19]
        ret

// puts(x0): a NUL-terminated string.
puts:
        mov     x3, x30
        mov     x2, x0
1:      ldrb    w0, [x2], #1
        cbz     w0, 2f
        bl      putc
        b       1b
2:      mov     x30, x3
        ret

        .section .rodata
greeting: .asciz "Hello from a guest of libsel4vm!\n"
psci:     .asciz "PSCI version "
bye:      .asciz "Powering off.\n"
