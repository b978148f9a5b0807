// echo-guest: an interactive bare-metal AArch64 guest for the example VMM.
// Runs at EL1 with the MMU off, loaded at 0x40000000 (guest RAM). The VMM passes the board's
// PL011 through (the guest reads and writes it directly, no exits) and forwards its receive
// interrupt (SPI 1, INTID 33) as a virtual IRQ through the vGIC.
//   1. prints a greeting
//   2. enables the GIC distributor (INTID 33) and CPU interface, and the PL011 receive interrupt
//   3. waits in WFI (trapped: the VMM keeps the vCPU blocked until it injects an IRQ), takes the
//      IRQ (IAR), echoes every received byte (Enter as CR LF, Backspace/DEL as BS SP BS), then
//      EOIs, so that the line is low again by the time the VMM acknowledges it
//   4. on Ctrl-D (0x04) says goodbye and powers off with PSCI SYSTEM_OFF

        .equ UART,      0x09000000
        .equ UART_FR,   0x18
        .equ UART_IMSC, 0x38
        .equ FR_RXFE,   4
        .equ FR_TXFF,   5
        .equ INT_RX,    (1 << 4)
        .equ GICD,      0x08000000
        .equ GICC,      0x08010000
        .equ UART_IRQ,  33
        .equ SPURIOUS,  1023
        .equ CTRL_D,    0x04
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

        // GIC: distributor on, INTID 33 enabled; CPU interface on, every priority unmasked.
        ldr     x1, =GICD
        mov     w2, #1
        str     w2, [x1]                // GICD_CTLR
        mov     w2, #(1 << (UART_IRQ - 32))
        str     w2, [x1, #0x104]        // GICD_ISENABLER1
        mov     w2, #0xf0
        str     w2, [x20, #0x4]         // GICC_PMR
        mov     w2, #1
        str     w2, [x20]               // GICC_CTLR
        mov     w2, #INT_RX
        str     w2, [x19, #UART_IMSC]   // the UART interrupts when a byte arrives

wait:
        wfi                             // PSTATE.I is set: the IRQ wakes WFI but is not taken
        ldr     w22, [x20, #0xc]        // GICC_IAR
        and     w1, w22, #0x3ff
        cmp     w1, #SPURIOUS
        b.eq    wait
drain:
        ldr     w1, [x19, #UART_FR]
        tbnz    w1, #FR_RXFE, done
        ldr     w0, [x19]               // DR: the received byte
        and     w0, w0, #0xff
        cmp     w0, #CTRL_D
        b.eq    off
        bl      echo
        b       drain
done:
        str     w22, [x20, #0x10]       // GICC_EOIR
        b       wait

off:
        str     w22, [x20, #0x10]       // GICC_EOIR
        adr     x0, bye
        bl      puts
        ldr     x0, =PSCI_SYSTEM_OFF
        smc     #0
halt:
        wfi
        b       halt

// echo(w0): CR becomes CR LF, DEL and BS erase the previous character, the rest is sent as is.
echo:
        mov     x4, x30
        cmp     w0, #'\r'
        b.ne    1f
        bl      putc
        mov     w0, #'\n'
        bl      putc
        b       3f
1:      cmp     w0, #0x7f
        b.eq    2f
        cmp     w0, #0x08
        b.eq    2f
        bl      putc
        b       3f
2:      adr     x0, erase
        bl      puts
3:      mov     x30, x4
        ret

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
greeting: .asciz "Hello from the echo guest! Type and it echoes; Ctrl-D powers off.\r\n"
erase:    .asciz "\b \b"
bye:      .asciz "\r\nBye.\r\n"
