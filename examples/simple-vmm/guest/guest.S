// A bare-metal AArch64 guest for examples/simple-vmm, in the arm64 Linux Image format so that
// linux_setup_images accepts it. It prints over the PL011, reads the VMM's emulated register
// block, calls PSCI over HVC and SMC, takes an external abort on unmapped memory, receives a
// virtual IRQ through the vGIC (distributor emulated by the VMM, CPU interface the GICV page),
// then asks for SYSTEM_RESET on its first boot and SYSTEM_OFF on its second.
    .equ UART,        0x09000000      // PL011 (passed through): DR at +0, FR at +0x18
    .equ GICD,        0x08000000      // vGIC distributor (emulated by libvmm)
    .equ GICC,        0x08010000      // GICV page mapped at the guest's GICC
    .equ VMMDEV,      0x20000000      // the VMM's emulated registers
    .equ UNMAPPED,    0x50000000      // nothing here
    .equ IRQ_DOORBELL, 48             // SPI 16: the VMM injects it when the doorbell is written

// Waits until the IRQ handler sets x24, the way Linux idles: IRQs masked around the check and the
// WFI (a pending IRQ still ends a WFI), then taken once unmasked. A check made with IRQs unmasked
// loses the wake-up when the IRQ is taken between the check and the WFI: the handler returns to
// the WFI, which then waits for an interrupt that has already come.
    .macro wait_for_irq
8:  msr     daifset, #2
    cbnz    x24, 9f
    wfi
    msr     daifclr, #2
    b       8b
9:  msr     daifclr, #2
    .endm

    .text
    .global _start
_start:                               // arm64 Image header (Documentation/arch/arm64/booting.rst)
    b       entry                     // code0
    .word   0                         // code1
    .quad   0                         // text_offset
    .quad   image_end - _start        // image_size
    .quad   0xa                       // flags: little-endian, 4K pages, anywhere in RAM
    .quad   0, 0, 0                   // res2-res4
    .word   0x644d5241                // magic "ARM\x64"
    .word   0                         // res5

entry:
    ldr     x1, =stack_top
    mov     sp, x1
    adr     x1, vectors
    msr     vbar_el1, x1
    isb
    ldr     x19, =UART
    ldr     x20, =GICD
    ldr     x21, =GICC
    ldr     x22, =VMMDEV
    mov     x24, #0                   // set by the IRQ handler

    ldr     w23, [x22]                // VMMDEV+0: boot count (a trapped load the VMM emulates)
    adr     x0, s_hello
    bl      puts
    mov     x0, x23
    bl      putdec
    ldr     w0, [x22, #8]             // VMMDEV+8: the VMM's ID register
    mov     w25, w0
    adr     x0, s_id
    bl      puts
    mov     x0, x25
    bl      puthex
    bl      newline

    movz    x0, #0x8400, lsl #16      // PSCI_VERSION over HVC
    hvc     #0
    mov     x25, x0
    adr     x0, s_hvc
    bl      puts
    mov     x0, x25
    bl      puthex
    bl      newline

    movz    x0, #0x8400, lsl #16      // PSCI_VERSION over SMC
    smc     #0
    mov     x25, x0
    adr     x0, s_smc
    bl      puts
    mov     x0, x25
    bl      puthex
    bl      newline

    movz    x0, #0x8400, lsl #16      // PSCI_FEATURES(CPU_ON, SMC64)
    movk    x0, #0x000a
    movz    x1, #0xc400, lsl #16
    movk    x1, #0x0003
    smc     #0
    mov     x25, x0
    adr     x0, s_features
    bl      puts
    mov     x0, x25
    bl      puthex
    bl      newline

    ldr     x1, =UNMAPPED             // an external abort, taken at VBAR_EL1 + 0x200
    ldr     w2, [x1]

    // vGIC: distributor on, SPI 48 enabled with priority 0xa0 (a byte store), CPU interface on.
    mov     w1, #1
    str     w1, [x20, #0x000]         // GICD_CTLR
    mov     w1, #0xa0
    strb    w1, [x20, #(0x400 + IRQ_DOORBELL)]  // GICD_IPRIORITYR, byte access
    mov     w1, #(1 << (IRQ_DOORBELL - 32))
    str     w1, [x20, #0x104]         // GICD_ISENABLER1
    ldr     w1, [x20, #0x104]
    mov     x25, x1
    adr     x0, s_enabled
    bl      puts
    mov     x0, x25
    bl      puthex
    bl      newline
    mov     w1, #0xff
    str     w1, [x21, #0x004]         // GICC_PMR
    mov     w1, #1
    str     w1, [x21, #0x000]         // GICC_CTLR
    msr     daifclr, #2               // unmask IRQs

    str     w1, [x22, #4]             // VMMDEV+4: doorbell, the VMM injects IRQ 48
    wait_for_irq
    // Virtual timer: PPI 27 enabled, CNTV_TVAL = 1000 ticks, then WFI until the VPPI arrives.
    mov     x24, #0
    mov     w1, #(1 << 27)
    str     w1, [x20, #0x100]         // GICD_ISENABLER0
    mov     x1, #1000
    msr     cntv_tval_el0, x1
    mov     x1, #1                    // ENABLE, IMASK clear
    msr     cntv_ctl_el0, x1
    isb
    wait_for_irq
    // PL011 IRQ 33 passed through (when VMMDEV+12 says so): TX interrupt unmasked at the UART,
    // the VMM's notified() injects it, the handler masks it at the UART and EOIs.
    ldr     w1, [x22, #12]
    cbz     w1, 7f
    mov     x24, #0
    mov     w1, #(1 << 1)
    str     w1, [x20, #0x104]         // GICD_ISENABLER1: IRQ 33
    mov     w1, #(1 << 5)
    str     w1, [x19, #0x38]          // UARTIMSC: TXIM
    wait_for_irq
7:
    cbnz    x23, 3f
    adr     x0, s_reset
    bl      puts
    movz    x0, #0x8400, lsl #16      // PSCI_SYSTEM_RESET over SMC
    movk    x0, #0x0009
    smc     #0
    b       .
3:  adr     x0, s_off
    bl      puts
    movz    x0, #0x8400, lsl #16      // PSCI_SYSTEM_OFF over HVC
    movk    x0, #0x0008
    hvc     #0
    b       .

// ---- exception handlers ----
sync_handler:                          // print ESR_EL1 and FAR_EL1, skip the instruction
    stp     x0, x1, [sp, #-16]!
    stp     x25, x30, [sp, #-16]!
    adr     x0, s_abort
    bl      puts
    mrs     x0, esr_el1
    bl      puthex
    adr     x0, s_far
    bl      puts
    mrs     x0, far_el1
    bl      puthex
    bl      newline
    mrs     x0, elr_el1
    add     x0, x0, #4
    msr     elr_el1, x0
    ldp     x25, x30, [sp], #16
    ldp     x0, x1, [sp], #16
    eret

irq_handler:
    stp     x0, x1, [sp, #-16]!
    stp     x25, x30, [sp, #-16]!
    ldr     w25, [x21, #0x00c]        // GICC_IAR
    adr     x0, s_irq
    bl      puts
    mov     x0, x25
    bl      puthex
    bl      newline
    cmp     w25, #27                  // the virtual timer: stop it before the EOI
    b.ne    1f
    msr     cntv_ctl_el0, xzr
1:  cmp     w25, #33                  // the PL011: mask its TX interrupt before the EOI
    b.ne    1f
    str     wzr, [x19, #0x38]
1:  str     w25, [x21, #0x010]        // GICC_EOIR: the VMM gets a maintenance fault
    mov     x24, #1
    ldp     x25, x30, [sp], #16
    ldp     x0, x1, [sp], #16
    eret

// ---- PL011 output ----
putc:                                  // w0: a character
    ldr     w9, [x19, #0x18]          // UARTFR
    tbnz    w9, #5, putc              // TXFF
    strb    w0, [x19]
    ret
puts:                                  // x0: NUL-terminated string
    mov     x10, x30
    mov     x11, x0
1:  ldrb    w0, [x11], #1
    cbz     w0, 2f
    bl      putc
    b       1b
2:  mov     x30, x10
    ret
newline:
    mov     x10, x30
    mov     w0, #'\n'
    bl      putc
    mov     x30, x10
    ret
puthex:                                // x0: printed as 0x and 8 hex digits (low 32 bits)
    mov     x12, x30
    mov     x13, x0
    mov     w0, #'0'
    bl      putc
    mov     w0, #'x'
    bl      putc
    mov     x14, #28
1:  lsr     x0, x13, x14
    and     x0, x0, #0xf
    cmp     x0, #10
    add     x15, x0, #'0'
    add     x0, x0, #('a' - 10)
    csel    x0, x15, x0, lt
    bl      putc
    subs    x14, x14, #4
    b.ge    1b
    mov     x30, x12
    ret
putdec:                                // x0 < 10: one digit and a newline
    mov     x12, x30
    add     x0, x0, #'0'
    bl      putc
    bl      newline
    mov     x30, x12
    ret

    .balign 0x800
vectors:
    .skip   0x200                      // current EL with SP_EL0: unused
    b       sync_handler               // +0x200 current EL with SP_ELx, synchronous
    .balign 0x80
    b       irq_handler                // +0x280 IRQ
    .balign 0x800

s_hello:    .asciz "guest: hello from EL1, boot "
s_id:       .asciz "guest: VMM ID register "
s_hvc:      .asciz "guest: PSCI_VERSION over HVC = "
s_smc:      .asciz "guest: PSCI_VERSION over SMC = "
s_features: .asciz "guest: PSCI_FEATURES(CPU_ON) = "
s_abort:    .asciz "guest: external abort, ESR_EL1 "
s_far:      .asciz " FAR_EL1 "
s_enabled:  .asciz "guest: GICD_ISENABLER1 = "
s_irq:      .asciz "guest: IRQ "
s_reset:    .asciz "guest: PSCI SYSTEM_RESET\n"
s_off:      .asciz "guest: PSCI SYSTEM_OFF\n"
    .ltorg
    .balign 16
    .skip   0x1000
stack_top:
image_end:
