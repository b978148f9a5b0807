// primes-guest: a compute-bound bare-metal AArch64 guest, for measuring the emulator's speed.
// Runs at EL1 with the MMU off, loaded at 0x40000000 (guest RAM), with the example VMM's emulated
// PL011 (as hello-guest). Counts the primes below LIMIT by trial division (tens of millions of
// instructions, almost no exits), prints the count and powers off with PSCI SYSTEM_OFF.

        .equ UART,      0x09000000
        .equ UART_FR,   0x18
        .equ FR_TXFF,   5
        .equ LIMIT,     300000
        .equ PSCI_SYSTEM_OFF, 0x84000008

        .text
        .global _start
_start:
        ldr     x19, =UART
        ldr     x0, =0x40100000         // a stack in guest RAM
        mov     sp, x0

        adr     x0, counting
        bl      puts

        ldr     x21, =LIMIT
        mov     x22, #1                 // the count: 2 is prime
        mov     x23, #3                 // candidate n (odd numbers only)
candidate:
        cmp     x23, x21
        b.hs    report
        mov     x24, #3                 // divisor d
divide:
        mul     x1, x24, x24
        cmp     x1, x23
        b.hi    prime                   // d * d > n: no divisor found
        udiv    x2, x23, x24
        msub    x3, x2, x24, x23        // n mod d
        cbz     x3, next
        add     x24, x24, #2
        b       divide
prime:
        add     x22, x22, #1
next:
        add     x23, x23, #2
        b       candidate

report:
        mov     x0, x22
        bl      putdec
        adr     x0, found
        bl      puts
        ldr     x0, =PSCI_SYSTEM_OFF
        smc     #0
halt:
        wfi
        b       halt

// putdec(x0): the number in decimal.
putdec:
        mov     x5, x30
        sub     sp, sp, #32
        add     x6, sp, #32             // digits are written backwards from the end
        strb    wzr, [x6, #-1]!
        mov     x7, #10
1:      udiv    x8, x0, x7
        msub    x9, x8, x7, x0
        add     w9, w9, #'0'
        strb    w9, [x6, #-1]!
        mov     x0, x8
        cbnz    x0, 1b
        mov     x0, x6
        bl      puts
        add     sp, sp, #32
        mov     x30, x5
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
counting: .asciz "Counting the primes below 300000 by trial division...\n"
found:    .asciz " primes found.\n"
