// Small bare-metal guest for trace-diff golden: loop, loads/stores, flags, an SVC taken to a vector, FP.
    .text
    .global _start
_start:
    mov x0, #0
    mov x1, #0x09000000          // PL011 DR
    adr x2, vectors
    msr vbar_el1, x2
    isb
    mov x2, #(3 << 20)           // CPACR_EL1.FPEN: FP/AdvSIMD on at EL1
    msr cpacr_el1, x2
    isb
    mov x3, #5
    mov x4, #0
1:  add x4, x4, x3               // x4 = 5+4+3+2+1
    subs x3, x3, #1
    b.ne 1b
    adr x5, buf
    stp x4, x3, [x5]
    ldr x6, [x5]
    add w7, w6, #'0'
    strb w7, [x1]                // prints '?' (15 + '0')
    mov x8, #0x1234
    svc #0x42                    // the vector handler adds 1 to x8 and returns
    fmov d0, #1.5
    fmov d1, #2.0
    fmul d2, d0, d1
    fcvtzs x9, d2                // 3
    add w7, w9, #'0'
    strb w7, [x1]
    mov w7, #10
    strb w7, [x1]
    mov w0, #8
    movk w0, #0x8400, lsl #16    // PSCI SYSTEM_OFF
    hvc #0
2:  b 2b

    .balign 0x800
vectors:
    .skip 0x200
    // current EL with SP_ELx, synchronous
    add x8, x8, #1
    mrs x10, esr_el1
    eret

    .balign 16
buf: .quad 0, 0
