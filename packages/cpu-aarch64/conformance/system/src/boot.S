// Entry point, UART output, exception vectors and EL0 helper shared by every system guest.
//
// The machine: RAM at 0x40000000, PL011 at 0x09000000, PSCI by HVC. We are entered at 0x40080000
// at EL1h with the MMU off and DAIF masked; x0 (DTB or 0) is ignored.
//
// Exceptions: every vector prints one line
//   "  exc <vector offset> esr=<ESR> elr=<ELR> spsr=<SPSR>[ far=<FAR>]"
// (FAR only for aborts, the only exceptions that define it) and resumes:
//   SVC/HVC/SMC               at ELR (the next instruction);
//   instruction abort and PC  at the caller's return address (x30 of the interrupted code),
//   alignment fault           since ELR is the unexecutable address itself;
//   illegal state (EC 0x0E)   at ELR with SPSR.IL cleared (ELR is the instruction that did not run);
//   anything else             at ELR + 4 (skip the faulting instruction);
// unless a guest stored an address in `resume_at`, which is used once instead.
// `svc #0xffff` from EL0 silently ends run_el0. IRQ, FIQ and SError vectors, or more than
// MAX_EXCEPTIONS exceptions, print a line and power off.
        .include "guest.inc"

        .set    FRAME, 256              // x0-x30 and one spare slot, keeps SP 16-byte aligned
        .set    MAX_EXCEPTIONS, 200
        .set    EC_UNKNOWN, 0x00
        .set    EC_ILLEGAL, 0x0e
        .set    EC_SVC, 0x15
        .set    EC_HVC, 0x16
        .set    EC_SMC, 0x17
        .set    EC_IABT_LOWER, 0x20
        .set    EC_IABT_SAME, 0x21
        .set    EC_PC_ALIGN, 0x22
        .set    EC_DABT_LOWER, 0x24
        .set    EC_DABT_SAME, 0x25
        .set    SPSR_IL, 1 << 20

        .section .text.boot, "ax"
        .global _start
_start:
        msr     daifset, #0xf
        ADDR    x0, stack_el1_top
        mov     sp, x0
        ADDR    x0, __bss_start
        ADDR    x1, __bss_end
1:      cmp     x0, x1
        b.hs    2f
        stp     xzr, xzr, [x0], #16
        b       1b
2:      ADDR    x0, vectors
        msr     vbar_el1, x0
        MOV64   x0, SCTLR_BASE
        msr     sctlr_el1, x0
        msr     sp_el0, xzr
        isb
        mrs     x19, currentel
        lsr     x19, x19, #2
        PRINTX  "boot: CurrentEL=", x19
        bl      main
        PRINT   "done\n"
        .global power_off
power_off:
        MOV64   x0, PSCI_SYSTEM_OFF
        hvc     #0
        PRINT   "SYSTEM_OFF returned\n"
3:      wfi
        b       3b

        .text
// puts(x0 = NUL-terminated string)
        .global puts
puts:
        mov     x5, x0
        mov     x6, x30
1:      ldrb    w0, [x5], #1
        cbz     w0, 2f
        bl      put_char
        b       1b
2:      ret     x6

// put_char(w0): wait while the transmit FIFO is full (FR.TXFF, bit 5), then write DR.
        .global put_char
put_char:
        MOV64   x1, UART_BASE
1:      ldr     w2, [x1, #0x18]
        tbnz    w2, #5, 1b
        str     w0, [x1]
        ret

        .global put_nl
put_nl:
        mov     w0, #'\n'
        b       put_char

// put_hex(x0 = value, x1 = number of digits): "0x" and that many lower-case hex digits.
        .global put_hex
put_hex:
        mov     x7, x30
        mov     x3, x0
        lsl     x4, x1, #2              // bit position just above the next digit
        mov     w0, #'0'
        bl      put_char
        mov     w0, #'x'
        bl      put_char
1:      cbz     x4, 2f
        sub     x4, x4, #4
        lsr     x0, x3, x4
        and     x0, x0, #0xf
        cmp     x0, #10
        add     x8, x0, #'0'
        add     x0, x0, #('a' - 10)
        csel    x0, x8, x0, lo
        bl      put_char
        b       1b
2:      ret     x7

        .global put_hex64
put_hex64:
        mov     x1, #16
        b       put_hex

        .global put_hex32
put_hex32:
        mov     x1, #8
        b       put_hex

// put_yesno(x0): "yes\n" if x0 != 0, else "no\n".
        .global put_yesno
put_yesno:
        mov     x9, x30
        cbz     x0, 1f
        PRINT   "yes\n"
        ret     x9
1:      PRINT   "no\n"
        ret     x9

// run_el0(x0 = entry, x1 = argument, x2 = EL0 stack top) -> x0 at the `svc #0xffff` that ended it.
// Runs the code at EL0t with SP_EL0 = x2, NZCV clear and DAIF masked (SPSR = 0x3c0).
        .global run_el0
run_el0:
        ADDR    x9, el0_saved
        stp     x19, x20, [x9, #0]
        stp     x21, x22, [x9, #16]
        stp     x23, x24, [x9, #32]
        stp     x25, x26, [x9, #48]
        stp     x27, x28, [x9, #64]
        stp     x29, x30, [x9, #80]
        mov     x10, sp
        str     x10, [x9, #96]
        msr     sp_el0, x2
        msr     elr_el1, x0
        mov     x10, #0x3c0
        msr     spsr_el1, x10
        mov     x0, x1
        isb
        eret

// Back at EL1 after `svc #0xffff` from EL0 (sp = the exception frame).
el0_finished:
        ldr     x0, [sp, #0]
        ADDR    x9, el0_saved
        ldp     x19, x20, [x9, #0]
        ldp     x21, x22, [x9, #16]
        ldp     x23, x24, [x9, #32]
        ldp     x25, x26, [x9, #48]
        ldp     x27, x28, [x9, #64]
        ldp     x29, x30, [x9, #80]
        ldr     x10, [x9, #96]
        mov     sp, x10
        ret

        .macro  VENTRY offset
        .balign 0x80
        sub     sp, sp, #FRAME
        stp     x0, x1, [sp, #0]
        mov     x0, #\offset
        b       exc_common
        .endm

        .balign 0x800
        .global vectors
vectors:
        VENTRY  0x000
        VENTRY  0x080
        VENTRY  0x100
        VENTRY  0x180
        VENTRY  0x200
        VENTRY  0x280
        VENTRY  0x300
        VENTRY  0x380
        VENTRY  0x400
        VENTRY  0x480
        VENTRY  0x500
        VENTRY  0x580
        VENTRY  0x600
        VENTRY  0x680
        VENTRY  0x700
        VENTRY  0x780

exc_common:
        stp     x2, x3, [sp, #16]
        stp     x4, x5, [sp, #32]
        stp     x6, x7, [sp, #48]
        stp     x8, x9, [sp, #64]
        stp     x10, x11, [sp, #80]
        stp     x12, x13, [sp, #96]
        stp     x14, x15, [sp, #112]
        stp     x16, x17, [sp, #128]
        stp     x18, x19, [sp, #144]
        stp     x20, x21, [sp, #160]
        stp     x22, x23, [sp, #176]
        stp     x24, x25, [sp, #192]
        stp     x26, x27, [sp, #208]
        stp     x28, x29, [sp, #224]
        str     x30, [sp, #240]
        mov     x19, x0                 // vector offset
        mrs     x20, esr_el1
        mrs     x21, elr_el1
        mrs     x22, spsr_el1
        mrs     x23, far_el1
        lsr     x24, x20, #26           // EC

        // svc #0xffff from EL0 ends run_el0 without a report.
        cmp     x19, #0x400
        b.ne    1f
        cmp     x24, #EC_SVC
        b.ne    1f
        and     x0, x20, #0xffff
        mov     x1, #0xffff
        cmp     x0, x1
        b.eq    el0_finished
1:
        ADDR    x0, exc_count
        ldr     x1, [x0]
        add     x1, x1, #1
        str     x1, [x0]
        ADDR    x0, last_esr
        str     x20, [x0]

        PRINT   "  exc "
        mov     x0, x19
        mov     x1, #3
        bl      put_hex
        PRINT   " esr="
        mov     x0, x20
        bl      put_hex32
        PRINT   " elr="
        mov     x0, x21
        bl      put_hex64
        PRINT   " spsr="
        mov     x0, x22
        bl      put_hex32
        // FAR is defined for instruction/data aborts and PC alignment faults only.
        cmp     x24, #EC_IABT_LOWER
        b.lo    2f
        cmp     x24, #EC_DABT_SAME
        b.hi    2f
        cmp     x24, #0x23
        b.eq    2f
        PRINT   " far="
        mov     x0, x23
        bl      put_hex64
2:      bl      put_nl

        tst     x19, #0x180
        b.ne    unexpected
        ADDR    x0, exc_count
        ldr     x0, [x0]
        cmp     x0, #MAX_EXCEPTIONS
        b.hi    too_many

        // Where to resume.
        ADDR    x0, resume_at
        ldr     x1, [x0]
        cbz     x1, 3f
        str     xzr, [x0]
        mov     x21, x1
        b       resume
3:      cmp     x24, #EC_SVC
        b.eq    resume
        cmp     x24, #EC_HVC
        b.eq    resume
        cmp     x24, #EC_SMC
        b.eq    resume
        cmp     x24, #EC_IABT_LOWER
        b.eq    4f
        cmp     x24, #EC_IABT_SAME
        b.eq    4f
        cmp     x24, #EC_PC_ALIGN
        b.eq    4f
        cmp     x24, #EC_ILLEGAL
        b.eq    5f
        add     x21, x21, #4
        b       resume
4:      ldr     x21, [sp, #240]
        b       resume
5:      bic     x22, x22, #SPSR_IL
        msr     spsr_el1, x22

resume:
        msr     elr_el1, x21
        ldp     x0, x1, [sp, #0]
        ldp     x2, x3, [sp, #16]
        ldp     x4, x5, [sp, #32]
        ldp     x6, x7, [sp, #48]
        ldp     x8, x9, [sp, #64]
        ldp     x10, x11, [sp, #80]
        ldp     x12, x13, [sp, #96]
        ldp     x14, x15, [sp, #112]
        ldp     x16, x17, [sp, #128]
        ldp     x18, x19, [sp, #144]
        ldp     x20, x21, [sp, #160]
        ldp     x22, x23, [sp, #176]
        ldp     x24, x25, [sp, #192]
        ldp     x26, x27, [sp, #208]
        ldp     x28, x29, [sp, #224]
        ldr     x30, [sp, #240]
        add     sp, sp, #FRAME
        eret

unexpected:
        PRINT   "unexpected exception vector: powering off\n"
        b       power_off
too_many:
        PRINT   "too many exceptions: powering off\n"
        b       power_off

        .bss
        .balign 16
        .global exc_count, last_esr, resume_at
exc_count:      .skip 8
last_esr:       .skip 8
// Resume address for the next exception (0 = use the policy above); cleared when used.
resume_at:      .skip 8
el0_saved:      .skip 112
        .balign 16
stack_el1:      .skip 16384
        .global stack_el1_top
stack_el1_top:
        .balign 16
        .skip   8192
        .global stack_el0_top
stack_el0_top:
