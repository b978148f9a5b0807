// A bare-metal AArch64 guest that drives a GICv3 the way an OS does: distributor (GICD_CTLR with
// affinity routing), its redistributor (GICR_WAKER, TYPER, the SGI frame) and the CPU interface
// through ICC_* system registers. It sends itself SGI 3 with ICC_SGI1R_EL1, takes the virtual
// timer PPI 27, acknowledges both with ICC_IAR1_EL1 and ends them with ICC_EOIR1_EL1, prints what
// it saw over the PL011 and powers off with PSCI SYSTEM_OFF over HVC. Position-independent, in
// the arm64 Image format, so it runs unchanged under
//   qemu-system-aarch64 -M virt,gic-version=3 -cpu cortex-a53 -nographic -kernel guest.bin
// (EL1 on QEMU's GICv3) and as a libvmm guest with gic_version 3 (EL1 on the ICH_* virtual interface).
    .equ UART,        0x09000000      // PL011: DR at +0, FR at +0x18
    .equ GICD,        0x08000000
    .equ GICR,        0x080a0000      // redistributor of CPU 0: RD_base, SGI_base at +0x10000
    .equ SGI_BASE,    0x10000
    .equ SGI_NUM,     3
    .equ VTIMER_PPI,  27

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
    adr     x1, stack_top
    mov     sp, x1
    adr     x1, vectors
    msr     vbar_el1, x1
    isb
    ldr     x19, =UART
    ldr     x20, =GICD
    ldr     x21, =GICR
    mov     x24, #0                   // IRQs taken, counted by the handler

    adr     x0, s_start
    bl      puts

    mrs     x0, id_aa64pfr0_el1       // GIC [27:24] = 1: the system register interface
    ubfx    x0, x0, #24, #4
    adr     x1, s_pfr0
    bl      putfield

    mrs     x0, icc_sre_el1           // enable the system register interface
    orr     x0, x0, #1
    msr     icc_sre_el1, x0
    isb
    mrs     x0, icc_sre_el1
    and     x0, x0, #1
    adr     x1, s_sre
    bl      putfield

    // Distributor: off, wait for RWP, then affinity routing and group 1 on.
    str     wzr, [x20]
    bl      wait_rwp
    mov     w0, #0x12                 // ARE | EnableGrp1
    str     w0, [x20]
    bl      wait_rwp
    ldr     w0, [x20]
    mov     w1, #0x13
    and     w0, w0, w1
    adr     x1, s_ctlr
    bl      putfield
    add     x9, x20, #0xf000
    ldr     w0, [x9, #0xfe8]          // GICD_PIDR2.ArchRev
    ubfx    w0, w0, #4, #4
    adr     x1, s_dist_rev
    bl      putfield

    // Redistributor: wake it up, check it is the last one and a GICv3.
    ldr     w0, [x21, #0x14]          // GICR_WAKER: clear ProcessorSleep
    bic     w0, w0, #2
    str     w0, [x21, #0x14]
1:  ldr     w0, [x21, #0x14]          // wait for ChildrenAsleep = 0
    tbnz    w0, #2, 1b
    ldr     x0, [x21, #0x8]           // GICR_TYPER (64-bit): Last [4]
    ubfx    x0, x0, #4, #1
    adr     x1, s_last
    bl      putfield
    add     x9, x21, #0xf000
    ldr     w0, [x9, #0xfe8]          // GICR_PIDR2.ArchRev
    ubfx    w0, w0, #4, #4
    adr     x1, s_redist_rev
    bl      putfield

    // SGI frame: everything group 1, SGI 3 and PPI 27 at priority 0x80 and enabled.
    add     x22, x21, #SGI_BASE
    mov     w0, #-1
    str     w0, [x22, #0x80]          // GICR_IGROUPR0
    mov     w0, #0x80
    strb    w0, [x22, #0x400 + SGI_NUM]
    strb    w0, [x22, #0x400 + VTIMER_PPI]
    ldr     w0, =(1 << SGI_NUM) | (1 << VTIMER_PPI)
    str     w0, [x22, #0x100]         // GICR_ISENABLER0
    ldr     w0, [x22, #0x100]
    and     w0, w0, #(1 << VTIMER_PPI)
    lsr     w0, w0, #VTIMER_PPI
    adr     x1, s_ppi_enabled
    bl      putfield

    // CPU interface: priority mask, binary point, EOImode 0, group 1 on; then unmask IRQs.
    mov     x0, #0xf0
    msr     icc_pmr_el1, x0
    msr     icc_bpr1_el1, xzr
    msr     icc_ctlr_el1, xzr
    mov     x0, #1
    msr     icc_igrpen1_el1, x0
    isb
    mrs     x0, icc_pmr_el1
    adr     x1, s_pmr
    bl      puthexfield
    mrs     x0, icc_rpr_el1           // idle: 0xff
    adr     x1, s_rpr
    bl      puthexfield
    msr     daifclr, #2

    // SGI 3 to this CPU: INTID [27:24], TargetList [15:0] = Aff0 0.
    ldr     x0, =(SGI_NUM << 24) | 1
    msr     icc_sgi1r_el1, x0
    isb
    mov     x25, #1
    bl      wait_irqs

    // The virtual timer, 2000 ticks ahead.
    mov     x0, #2000
    msr     cntv_tval_el0, x0
    mov     x0, #1
    msr     cntv_ctl_el0, x0
    isb
    mov     x25, #2
    bl      wait_irqs

    mrs     x0, icc_hppir1_el1        // nothing pending: 1023
    adr     x1, s_hppir
    bl      putfield
    mrs     x0, icc_rpr_el1
    adr     x1, s_rpr
    bl      puthexfield
    adr     x0, s_done
    bl      puts
    movz    x0, #0x8400, lsl #16      // PSCI SYSTEM_OFF over HVC
    movk    x0, #8
    hvc     #0
    b       .

// Waits (bounded) until the IRQ handler has counted x25 IRQs.
wait_irqs:
    ldr     x2, =5000000
1:  cmp     x24, x25
    b.ge    2f
    subs    x2, x2, #1
    b.ne    1b
    adr     x0, s_timeout
    b       fail
2:  ret

// Waits for GICD_CTLR.RWP [31] to clear.
wait_rwp:
    ldr     w0, [x20]
    tbnz    w0, #31, wait_rwp
    ret

irq:
    stp     x0, x1, [sp, #-16]!
    stp     x2, x30, [sp, #-16]!
    mrs     x2, icc_iar1_el1
    cmp     x2, #VTIMER_PPI
    b.ne    1f
    mov     x0, #2                    // timer: mask its output (IMASK) before the EOI
    msr     cntv_ctl_el0, x0
    isb
1:  adr     x0, s_irq
    bl      puts
    mov     x0, x2
    bl      putdec
    bl      newline
    msr     icc_eoir1_el1, x2
    isb
    add     x24, x24, #1
    ldp     x2, x30, [sp], #16
    ldp     x0, x1, [sp], #16
    eret

unexpected:
    adr     x0, s_unexpected
    bl      puts
    mrs     x0, esr_el1
    lsr     x0, x0, #26
    adr     x1, s_ec
    bl      putfield
    mrs     x0, elr_el1
    adr     x1, _start
    sub     x0, x0, x1
    adr     x1, s_at
    bl      putfield
    adr     x0, s_empty
fail:
    bl      puts
    movz    x0, #0x8400, lsl #16
    movk    x0, #8
    hvc     #0
    b       .

// puts(x0 = NUL-terminated string); putc(w0); putdec(x0); puthex(x0); newline.
// putfield(x0 = value, x1 = label): "label" then the value in decimal and a newline.
putfield:
    stp     x0, x30, [sp, #-16]!
    mov     x0, x1
    bl      puts
    ldr     x0, [sp]
    bl      putdec
    bl      newline
    ldp     x0, x30, [sp], #16
    ret
puthexfield:
    stp     x0, x30, [sp, #-16]!
    mov     x0, x1
    bl      puts
    ldr     x0, [sp]
    bl      puthex
    bl      newline
    ldp     x0, x30, [sp], #16
    ret
puts:
    stp     x1, x30, [sp, #-16]!
    mov     x1, x0
1:  ldrb    w0, [x1], #1
    cbz     w0, 2f
    bl      putc
    b       1b
2:  ldp     x1, x30, [sp], #16
    ret
putc:
    ldr     w9, [x19, #0x18]          // UARTFR.TXFF
    tbnz    w9, #5, putc
    strb    w0, [x19]
    ret
newline:
    mov     x15, x30
    mov     w0, #'\n'
    bl      putc
    ret     x15
putdec:                               // unsigned decimal
    stp     x1, x30, [sp, #-16]!
    sub     sp, sp, #32
    mov     x1, sp
    mov     x10, #10
1:  udiv    x11, x0, x10
    msub    x12, x11, x10, x0
    add     w12, w12, #'0'
    strb    w12, [x1], #1
    mov     x0, x11
    cbnz    x0, 1b
2:  ldrb    w0, [x1, #-1]!
    bl      putc
    mov     x13, sp
    cmp     x1, x13
    b.ne    2b
    add     sp, sp, #32
    ldp     x1, x30, [sp], #16
    ret
puthex:                               // "0x" and two hex digits (the low byte)
    stp     x1, x30, [sp, #-16]!
    mov     x1, x0
    mov     w0, #'0'
    bl      putc
    mov     w0, #'x'
    bl      putc
    mov     x3, #2
1:  sub     x3, x3, #1
    lsl     x4, x3, #2
    lsr     x0, x1, x4
    and     x0, x0, #0xf
    cmp     x0, #10
    add     x5, x0, #'0'
    add     x6, x0, #('a' - 10)
    csel    x0, x5, x6, lo
    bl      putc
    cbnz    x3, 1b
    ldp     x1, x30, [sp], #16
    ret

    .ltorg
s_start:      .asciz "gicv3 guest: start\n"
s_pfr0:       .asciz "ID_AA64PFR0_EL1.GIC = "
s_sre:        .asciz "ICC_SRE_EL1.SRE = "
s_ctlr:       .asciz "GICD_CTLR & 0x13 = "
s_dist_rev:   .asciz "GICD_PIDR2.ArchRev = "
s_last:       .asciz "GICR_TYPER.Last = "
s_redist_rev: .asciz "GICR_PIDR2.ArchRev = "
s_ppi_enabled: .asciz "GICR_ISENABLER0[27] = "
s_pmr:        .asciz "ICC_PMR_EL1 = "
s_rpr:        .asciz "ICC_RPR_EL1 = "
s_hppir:      .asciz "ICC_HPPIR1_EL1 = "
s_irq:        .asciz "IRQ "
s_done:       .asciz "gicv3 guest: done\n"
s_timeout:    .asciz "timed out waiting for an IRQ\n"
s_unexpected: .asciz "unexpected exception\n"
s_ec:         .asciz "ESR_EL1.EC = "
s_at:         .asciz "at image offset "
s_empty:      .asciz ""

    .balign 2048
vectors:                              // VBAR_EL1: 16 entries of 0x80 bytes
    .rept 5
    b       unexpected
    .balign 0x80
    .endr
    b       irq                       // +0x280: IRQ, current EL with SP_ELx
    .balign 0x80
    .rept 10
    b       unexpected
    .balign 0x80
    .endr

    .balign 16
    .space  4096
stack_top:
image_end:
