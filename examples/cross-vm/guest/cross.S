// cross-vm guest: a bare-metal AArch64 guest for the cross-VM connection example.
// Booted as an arm64 Image (header below) at 0x40000000, EL1, MMU off. x0 at entry:
// bits 0-31 the number of round trips, bit 32 "quiet" (no per-round output, for the bench).
//   1. enumerates PCI bus 0 through the CAM configuration window at 0xde000000, prints each
//      function, sizes the BARs of the cross-VM connectors (1af4:a111) by writing all ones,
//      reads their IRQ line and name, and turns on memory decoding
//   2. routes that IRQ in the GIC (distributor + CPU interface)
//   3. writes to an address of the PCI memory window no BAR decodes: the VMM answers with a
//      synchronous External abort, which the vector at VBAR_EL1 + 0x200 reports and steps over
//   4. for each round: writes a message into connection 0's dataport (BAR1), emits an event
//      (any store to BAR0 + 0x0), sleeps in WFI until the connection IRQ arrives, EOIs, reads
//      the event count (BAR0 + 0x4 of connection 1), acknowledges it by writing 0 there and
//      prints the reply the component left in connection 1's dataport
//   5. powers off with PSCI SYSTEM_OFF
// Registers that trap to the VMM are accessed with plain LDR/STR forms (no writeback), so the
// data abort syndrome describes them.

        .equ UART,            0x09000000
        .equ UART_FR,         0x18
        .equ FR_TXFF,         5
        .equ GICD,            0x08000000
        .equ GICC,            0x08010000
        .equ PCI_CFG,         0xde000000
        .equ NO_BAR_HERE,     0xdf800000
        .equ CROSSVM_ID,      0xa1111af4
        .equ PSCI_SYSTEM_OFF, 0x84000008

        .section .text.head, "ax"
        .global _head
_head:                                  // arm64 Image header (Linux booting.rst)
        b       _start                  // code0
        .word   0                       // code1
        .quad   0                       // text_offset
        .quad   _end - _head            // image_size
        .quad   0                       // flags: little endian
        .quad   0, 0, 0                 // res2-res4
        .ascii  "ARM\x64"               // magic
        .word   0                       // res5

        .text
_start:
        and     x28, x0, #0xffffffff    // rounds
        lsr     x27, x0, #32            // quiet
        ldr     x19, =UART
        ldr     x20, =PCI_CFG
        ldr     x16, =GICC
        mov     x26, #0                 // output to the UART
        ldr     x0, =0x40100000         // a stack in guest RAM
        mov     sp, x0
        adr     x0, vectors
        msr     vbar_el1, x0
        isb

// 1. Enumerate bus 0.
        adr     x0, msg_scan
        bl      puts
        mov     x9, #0                  // device number
        mov     x10, #0                 // connectors found
scan:
        lsl     x11, x9, #11
        add     x11, x11, x20           // configuration space of 00:dev.0
        ldr     w12, [x11]              // vendor ID | device ID << 16
        mvn     w13, w12
        cbz     w13, next               // all ones: no function there
        adr     x0, msg_fn
        bl      puts
        mov     x0, x9
        mov     x1, #2
        bl      puthex
        adr     x0, msg_fn2
        bl      puts
        and     x0, x12, #0xffff
        mov     x1, #4
        bl      puthex
        mov     w0, #':'
        bl      putc
        lsr     x0, x12, #16
        mov     x1, #4
        bl      puthex
        adr     x0, msg_class
        bl      puts
        ldr     w13, [x11, #8]          // class code, subclass, prog-if, revision
        lsr     x0, x13, #16
        mov     x1, #4
        bl      puthex
        mov     w0, #'\n'
        bl      putc
        ldr     w13, =CROSSVM_ID
        cmp     w12, w13
        b.ne    next
        add     x0, x11, #0x10
        bl      size_bar                // x0 address, x1 size of BAR0
        mov     x14, x0
        mov     x0, #0
        bl      print_bar
        add     x0, x11, #0x14
        bl      size_bar
        mov     x15, x0
        mov     x0, #1
        bl      print_bar
        ldrb    w25, [x11, #0x3c]       // interrupt line
        ldrh    w13, [x11, #0x4]
        orr     w13, w13, #2            // command: memory space enable
        strh    w13, [x11, #0x4]
        adr     x0, msg_irq
        bl      puts
        mov     x0, x25
        bl      putdec
        adr     x0, msg_name
        bl      puts
        add     x0, x14, #8             // the connection's name in its event registers
        bl      puts
        adr     x0, msg_quote
        bl      puts
        cbnz    x10, 1f
        mov     x21, x14                // connection 0: events and dataport towards the component
        mov     x22, x15
        b       2f
1:      mov     x23, x14                // connection 1: events and dataport from the component
        mov     x24, x15
2:      add     x10, x10, #1
next:
        add     x9, x9, #1
        cmp     x9, #32
        b.lo    scan
        cmp     x10, #2
        b.hs    gic
        adr     x0, msg_missing
        bl      puts
        b       power_off

// 2. Route the connection IRQ: distributor on, enable it, target CPU 0; CPU interface on.
gic:
        ldr     x1, =GICD
        mov     w2, #1
        str     w2, [x1]                // GICD_CTLR
        lsr     x3, x25, #5
        add     x4, x1, #0x100          // GICD_ISENABLERn
        and     w6, w25, #31
        mov     w5, #1
        lsl     w5, w5, w6
        str     w5, [x4, x3, lsl #2]
        add     x4, x1, #0x800          // GICD_ITARGETSRn
        mov     w5, #1
        strb    w5, [x4, x25]
        mov     w2, #0xf0
        str     w2, [x16, #0x4]         // GICC_PMR
        mov     w2, #1
        str     w2, [x16]               // GICC_CTLR

// 3. A store no BAR decodes: the vector reports the bus error and resumes after it.
        adr     x0, msg_probe
        bl      puts
        ldr     x1, =NO_BAR_HERE
        mov     w2, #0x55
        str     w2, [x1]
        adr     x0, msg_survived
        bl      puts

// 4. Round trips.
        mov     x17, #1
round:
        mov     x26, x22                // print into dataport 0
        adr     x0, msg_ping
        bl      puts
        mov     x0, x17
        bl      putdec
        mov     w0, #0
        bl      putc
        mov     x26, #0
        str     wzr, [x21]              // EMIT: the component is signalled
wait:
        wfi                             // wakes when an interrupt is pending, even with PSTATE.I set
        ldr     w9, [x16, #0xc]         // GICC_IAR
        and     w10, w9, #0x3ff
        cmp     w10, w25
        b.ne    wait
        str     w9, [x16, #0x10]        // GICC_EOIR (before the trapping acknowledge below, see README)
        ldr     w11, [x23, #4]          // events consumed (plain memory: no exit)
        str     wzr, [x23, #4]          // acknowledge: the VMM stores 0
        cbnz    x27, 3f
        adr     x0, msg_irq_in
        bl      puts
        mov     x0, x10
        bl      putdec
        adr     x0, msg_events
        bl      puts
        mov     x0, x11
        bl      putdec
        adr     x0, msg_reply
        bl      puts
        mov     x0, x24
        bl      puts
        adr     x0, msg_quote
        bl      puts
3:      add     x17, x17, #1
        cmp     x17, x28
        b.ls    round

        adr     x0, msg_done
        bl      puts
        sub     x0, x17, #1
        bl      putdec
        adr     x0, msg_done2
        bl      puts

// 5. Power off.
power_off:
        ldr     x0, =PSCI_SYSTEM_OFF
        smc     #0
halt:
        wfi
        b       halt

// size_bar(x0 = configuration address of a 32-bit memory BAR): x0 = its address, x1 = its size.
size_bar:
        ldr     w2, [x0]
        mov     w3, #-1
        str     w3, [x0]
        ldr     w3, [x0]
        str     w2, [x0]
        and     w1, w3, #0xfffffff0
        neg     w1, w1
        and     w0, w2, #0xfffffff0
        ret

// print_bar(x0 = BAR number, x14/x15 = BAR0/BAR1 address, x1 = size): "    BARn <addr> size <size>".
print_bar:
        stp     x29, x30, [sp, #-32]!
        str     x1, [sp, #16]
        mov     x29, x0
        adr     x0, msg_bar
        bl      puts
        add     w0, w29, #'0'
        bl      putc
        mov     w0, #' '
        bl      putc
        cmp     x29, #0
        csel    x0, x14, x15, eq
        mov     x1, #8
        bl      puthex
        adr     x0, msg_size
        bl      puts
        ldr     x0, [sp, #16]
        mov     x1, #8
        bl      puthex
        mov     w0, #'\n'
        bl      putc
        ldp     x29, x30, [sp], #32
        ret

// putc(w0): into the buffer at x26 if set, else to the UART (wait while its FIFO is full).
putc:
        cbz     x26, 1f
        strb    w0, [x26], #1
        ret
1:      ldr     w1, [x19, #UART_FR]
        tbnz    w1, #FR_TXFF, 1b
        str     w0, [x19]
        ret

// puts(x0): a NUL-terminated string.
puts:
        stp     x29, x30, [sp, #-16]!
        mov     x7, x0
1:      ldrb    w0, [x7], #1
        cbz     w0, 2f
        bl      putc
        b       1b
2:      ldp     x29, x30, [sp], #16
        ret

// puthex(x0 value, x1 digits).
puthex:
        stp     x29, x30, [sp, #-16]!
        mov     x5, x0
        mov     x6, x1
1:      sub     x6, x6, #1
        lsl     x4, x6, #2
        lsr     x0, x5, x4
        and     x0, x0, #0xf
        cmp     x0, #10
        b.lo    2f
        add     x0, x0, #('a' - '0' - 10)
2:      add     x0, x0, #'0'
        bl      putc
        cbnz    x6, 1b
        ldp     x29, x30, [sp], #16
        ret

// putdec(x0): unsigned decimal.
putdec:
        stp     x29, x30, [sp, #-48]!
        add     x2, sp, #40
        strb    wzr, [x2]
        mov     x3, #10
1:      udiv    x5, x0, x3
        msub    x6, x5, x3, x0
        add     w6, w6, #'0'
        strb    w6, [x2, #-1]!
        mov     x0, x5
        cbnz    x0, 1b
        mov     x0, x2
        bl      puts
        ldp     x29, x30, [sp], #48
        ret

// Exception vectors: only a synchronous exception from EL1 with SP_EL1 is expected (the bus
// error); it is reported and the faulting instruction skipped. Anything else stops the guest.
        .balign 2048
vectors:
        .rept   4                       // current EL with SP_EL0
        b       unexpected
        .balign 128
        .endr
        b       bus_error               // current EL with SP_EL1: synchronous
        .balign 128
        .rept   11                      // the rest
        b       unexpected
        .balign 128
        .endr
bus_error:
        stp     x29, x30, [sp, #-16]!
        adr     x0, msg_bus
        bl      puts
        mrs     x0, esr_el1
        mov     x1, #8
        bl      puthex
        adr     x0, msg_far
        bl      puts
        mrs     x0, far_el1
        mov     x1, #8
        bl      puthex
        mov     w0, #'\n'
        bl      putc
        mrs     x0, elr_el1
        add     x0, x0, #4
        msr     elr_el1, x0
        ldp     x29, x30, [sp], #16
        eret
unexpected:
        adr     x0, msg_unexpected
        bl      puts
        b       power_off

        .section .rodata
msg_scan:       .asciz "guest: scanning PCI bus 0 (CAM at 0xde000000)\n"
msg_fn:         .asciz "  00:"
msg_fn2:        .asciz ".0 "
msg_class:      .asciz " class "
msg_bar:        .asciz "    BAR"
msg_size:       .asciz " size "
msg_irq:        .asciz "    IRQ "
msg_name:       .asciz ", name \""
msg_quote:      .asciz "\"\n"
msg_missing:    .asciz "guest: expected two cross-VM connectors\n"
msg_probe:      .asciz "guest: storing to 0xdf800000, where no BAR is\n"
msg_bus:        .asciz "guest: bus error, ESR_EL1 0x"
msg_far:        .asciz " FAR_EL1 0x"
msg_survived:   .asciz "guest: continuing after the bus error\n"
msg_ping:       .asciz "hello component, this is round "
msg_irq_in:     .asciz "guest: IRQ "
msg_events:     .asciz ", events "
msg_reply:      .asciz ", reply \""
msg_done:       .asciz "guest: "
msg_done2:      .asciz " round trips done, powering off\n"
msg_unexpected: .asciz "guest: unexpected exception\n"
