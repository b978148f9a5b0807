// Disassembler golden corpus: every A64 base integer form the disassembler must print.
.text
.globl _start
_start:
    adr x0, .
    adr x3, . + 1044
    adr x30, . - 8
    adrp x1, . + 0x1000
    adrp x2, . - 0x3000
    adrp x29, . + 0x7fff000
    add x0, x1, #0
    add x0, x1, #1
    add x0, x1, #4095
    add x0, x1, #1, lsl #12
    add x0, x1, #0xfff000
    add w2, w3, #0
    add w2, w3, #1
    add w2, w3, #4095
    add w2, w3, #1, lsl #12
    add w2, w3, #0xfff000
    add sp, x4, #0
    add sp, x4, #1
    add sp, x4, #4095
    add sp, x4, #1, lsl #12
    add sp, x4, #0xfff000
    add x6, sp, #0
    add x6, sp, #1
    add x6, sp, #4095
    add x6, sp, #1, lsl #12
    add x6, sp, #0xfff000
    add w7, wsp, #0
    add w7, wsp, #1
    add w7, wsp, #4095
    add w7, wsp, #1, lsl #12
    add w7, wsp, #0xfff000
    adds x0, x1, #0
    adds x0, x1, #1
    adds x0, x1, #4095
    adds x0, x1, #1, lsl #12
    adds x0, x1, #0xfff000
    adds w2, w3, #0
    adds w2, w3, #1
    adds w2, w3, #4095
    adds w2, w3, #1, lsl #12
    adds w2, w3, #0xfff000
    adds x5, sp, #0
    adds x5, sp, #1
    adds x5, sp, #4095
    adds x5, sp, #1, lsl #12
    adds x5, sp, #0xfff000
    adds x6, sp, #0
    adds x6, sp, #1
    adds x6, sp, #4095
    adds x6, sp, #1, lsl #12
    adds x6, sp, #0xfff000
    adds w7, wsp, #0
    adds w7, wsp, #1
    adds w7, wsp, #4095
    adds w7, wsp, #1, lsl #12
    adds w7, wsp, #0xfff000
    sub x0, x1, #0
    sub x0, x1, #1
    sub x0, x1, #4095
    sub x0, x1, #1, lsl #12
    sub x0, x1, #0xfff000
    sub w2, w3, #0
    sub w2, w3, #1
    sub w2, w3, #4095
    sub w2, w3, #1, lsl #12
    sub w2, w3, #0xfff000
    sub sp, x4, #0
    sub sp, x4, #1
    sub sp, x4, #4095
    sub sp, x4, #1, lsl #12
    sub sp, x4, #0xfff000
    sub x6, sp, #0
    sub x6, sp, #1
    sub x6, sp, #4095
    sub x6, sp, #1, lsl #12
    sub x6, sp, #0xfff000
    sub w7, wsp, #0
    sub w7, wsp, #1
    sub w7, wsp, #4095
    sub w7, wsp, #1, lsl #12
    sub w7, wsp, #0xfff000
    subs x0, x1, #0
    subs x0, x1, #1
    subs x0, x1, #4095
    subs x0, x1, #1, lsl #12
    subs x0, x1, #0xfff000
    subs w2, w3, #0
    subs w2, w3, #1
    subs w2, w3, #4095
    subs w2, w3, #1, lsl #12
    subs w2, w3, #0xfff000
    subs x5, sp, #0
    subs x5, sp, #1
    subs x5, sp, #4095
    subs x5, sp, #1, lsl #12
    subs x5, sp, #0xfff000
    subs x6, sp, #0
    subs x6, sp, #1
    subs x6, sp, #4095
    subs x6, sp, #1, lsl #12
    subs x6, sp, #0xfff000
    subs w7, wsp, #0
    subs w7, wsp, #1
    subs w7, wsp, #4095
    subs w7, wsp, #1, lsl #12
    subs w7, wsp, #0xfff000
    mov sp, x0
    mov x1, sp
    mov wsp, w2
    mov w3, wsp
    cmp x0, #5
    cmn w1, #7
    cmp sp, #16
    cmp x2, #1, lsl #12
    and x1, x2, #0x1
    and x1, x2, #0xff
    and x1, x2, #0x5555555555555555
    and x1, x2, #0xfffffffffffffffe
    and x1, x2, #0x8000000000000000
    and x1, x2, #0xffff0000ffff0000
    and x1, x2, #0x3c3c3c3c3c3c3c3c
    and x1, x2, #0x7ffffffffffffffe
    and w3, w4, #0x1
    and w3, w4, #0xf0f0f0f0
    and w3, w4, #0x7fffffff
    and w3, w4, #0x80000001
    and w3, w4, #0xfffe
    orr x1, x2, #0x1
    orr x1, x2, #0xff
    orr x1, x2, #0x5555555555555555
    orr x1, x2, #0xfffffffffffffffe
    orr x1, x2, #0x8000000000000000
    orr x1, x2, #0xffff0000ffff0000
    orr x1, x2, #0x3c3c3c3c3c3c3c3c
    orr x1, x2, #0x7ffffffffffffffe
    orr w3, w4, #0x1
    orr w3, w4, #0xf0f0f0f0
    orr w3, w4, #0x7fffffff
    orr w3, w4, #0x80000001
    orr w3, w4, #0xfffe
    eor x1, x2, #0x1
    eor x1, x2, #0xff
    eor x1, x2, #0x5555555555555555
    eor x1, x2, #0xfffffffffffffffe
    eor x1, x2, #0x8000000000000000
    eor x1, x2, #0xffff0000ffff0000
    eor x1, x2, #0x3c3c3c3c3c3c3c3c
    eor x1, x2, #0x7ffffffffffffffe
    eor w3, w4, #0x1
    eor w3, w4, #0xf0f0f0f0
    eor w3, w4, #0x7fffffff
    eor w3, w4, #0x80000001
    eor w3, w4, #0xfffe
    ands x1, x2, #0x1
    ands x1, x2, #0xff
    ands x1, x2, #0x5555555555555555
    ands x1, x2, #0xfffffffffffffffe
    ands x1, x2, #0x8000000000000000
    ands x1, x2, #0xffff0000ffff0000
    ands x1, x2, #0x3c3c3c3c3c3c3c3c
    ands x1, x2, #0x7ffffffffffffffe
    ands w3, w4, #0x1
    ands w3, w4, #0xf0f0f0f0
    ands w3, w4, #0x7fffffff
    ands w3, w4, #0x80000001
    ands w3, w4, #0xfffe
    and sp, x1, #0xff
    orr w0, wzr, #0x3
    orr x9, xzr, #0xff00ff00ff00ff00
    tst x1, #0x1
    tst w2, #0xff
    mov x0, #0x5555555555555555
    mov w1, #0xf0f0f0f0
    mov x4, #0
    mov x4, #1
    mov x4, #0xffff
    mov x4, #0x10000
    mov x4, #0xffff0000
    mov x4, #0xffff00000000
    mov x4, #-1
    mov x4, #-2
    mov x4, #-0x10001
    mov x4, #0x123400000000
    mov w5, #0
    mov w5, #0xffff
    mov w5, #0x10000
    mov w5, #-1
    mov w5, #-65536
    mov w5, #0x7fffffff
    movz x1, #0x0, lsl #16
    movn x2, #0x0
    movn w3, #0xffff
    movn x3, #0xffff, lsl #48
    movk x4, #0x1234
    movk x4, #0x1234, lsl #16
    movk w5, #0xffff, lsl #16
    movk x6, #0x1, lsl #48
    movz w7, #0x0, lsl #16
    sbfm x0, x1, #0, #63
    sbfm w0, w1, #3, #4
    ubfm x0, x1, #5, #2
    bfm x0, x1, #5, #2
    bfm w2, w3, #0, #7
    bfm x2, x3, #8, #15
    lsl x1, x2, #1
    lsl x1, x2, #63
    lsr x1, x2, #1
    lsr x1, x2, #63
    asr x1, x2, #3
    asr x1, x2, #63
    ror x1, x2, #7
    ubfx x1, x2, #4, #8
    sbfx x1, x2, #1, #62
    bfi x1, x2, #3, #5
    bfxil x1, x2, #2, #9
    ubfiz x1, x2, #6, #3
    sbfiz x1, x2, #2, #61
    bfm x1, xzr, #60, #3
    extr x3, x4, x5, #0
    extr x3, x4, x5, #63
    lsl w1, w2, #1
    lsl w1, w2, #31
    lsr w1, w2, #1
    lsr w1, w2, #31
    asr w1, w2, #3
    asr w1, w2, #31
    ror w1, w2, #7
    ubfx w1, w2, #4, #8
    sbfx w1, w2, #1, #30
    bfi w1, w2, #3, #5
    bfxil w1, w2, #2, #9
    ubfiz w1, w2, #6, #3
    sbfiz w1, w2, #2, #29
    bfm w1, wzr, #28, #3
    extr w3, w4, w5, #0
    extr w3, w4, w5, #31
    sxtb x1, w2
    sxth x1, w2
    sxtw x1, w2
    sxtb w1, w2
    sxth w1, w2
    uxtb w1, w2
    uxth w1, w2
    lsl x0, x1, #0
    and x1, x2, x3
    and w1, w2, w3, lsl #31
    and x4, x5, x6, lsr #1
    and x7, x8, x9, asr #63
    and w10, w11, w12, ror #5
    bic x1, x2, x3
    bic w1, w2, w3, lsl #31
    bic x4, x5, x6, lsr #1
    bic x7, x8, x9, asr #63
    bic w10, w11, w12, ror #5
    orr x1, x2, x3
    orr w1, w2, w3, lsl #31
    orr x4, x5, x6, lsr #1
    orr x7, x8, x9, asr #63
    orr w10, w11, w12, ror #5
    orn x1, x2, x3
    orn w1, w2, w3, lsl #31
    orn x4, x5, x6, lsr #1
    orn x7, x8, x9, asr #63
    orn w10, w11, w12, ror #5
    eor x1, x2, x3
    eor w1, w2, w3, lsl #31
    eor x4, x5, x6, lsr #1
    eor x7, x8, x9, asr #63
    eor w10, w11, w12, ror #5
    eon x1, x2, x3
    eon w1, w2, w3, lsl #31
    eon x4, x5, x6, lsr #1
    eon x7, x8, x9, asr #63
    eon w10, w11, w12, ror #5
    ands x1, x2, x3
    ands w1, w2, w3, lsl #31
    ands x4, x5, x6, lsr #1
    ands x7, x8, x9, asr #63
    ands w10, w11, w12, ror #5
    bics x1, x2, x3
    bics w1, w2, w3, lsl #31
    bics x4, x5, x6, lsr #1
    bics x7, x8, x9, asr #63
    bics w10, w11, w12, ror #5
    mov x0, x1
    mov w2, w3
    mvn x4, x5
    mvn w6, w7, lsl #3
    tst x1, x2
    tst w3, w4, ror #2
    mov x0, xzr
    orr x0, xzr, x1, lsl #1
    orn x0, xzr, x1
    orr w0, wzr, w1, lsr #2
    add x1, x2, x3
    add w1, w2, w3, lsl #31
    add x4, x5, x6, lsr #63
    add w7, w8, w9, asr #1
    add x1, x2, w3, uxtb
    add w1, w2, w3, uxtb #2
    add x1, x2, w3, uxth
    add w1, w2, w3, uxth #2
    add x1, x2, w3, uxtw
    add w1, w2, w3, uxtw #2
    add x1, x2, x3, uxtx
    add w1, w2, w3, uxtx #2
    add x1, x2, w3, sxtb
    add w1, w2, w3, sxtb #2
    add x1, x2, w3, sxth
    add w1, w2, w3, sxth #2
    add x1, x2, w3, sxtw
    add w1, w2, w3, sxtw #2
    add x1, x2, x3, sxtx
    add w1, w2, w3, sxtx #2
    add x1, sp, x3
    add x1, sp, x3, lsl #4
    add x1, x2, x3, uxtx #4
    adds x1, x2, x3
    adds w1, w2, w3, lsl #31
    adds x4, x5, x6, lsr #63
    adds w7, w8, w9, asr #1
    adds x1, x2, w3, uxtb
    adds w1, w2, w3, uxtb #2
    adds x1, x2, w3, uxth
    adds w1, w2, w3, uxth #2
    adds x1, x2, w3, uxtw
    adds w1, w2, w3, uxtw #2
    adds x1, x2, x3, uxtx
    adds w1, w2, w3, uxtx #2
    adds x1, x2, w3, sxtb
    adds w1, w2, w3, sxtb #2
    adds x1, x2, w3, sxth
    adds w1, w2, w3, sxth #2
    adds x1, x2, w3, sxtw
    adds w1, w2, w3, sxtw #2
    adds x1, x2, x3, sxtx
    adds w1, w2, w3, sxtx #2
    adds x1, sp, x3
    adds x1, sp, x3, lsl #4
    adds x1, x2, x3, uxtx #4
    sub x1, x2, x3
    sub w1, w2, w3, lsl #31
    sub x4, x5, x6, lsr #63
    sub w7, w8, w9, asr #1
    sub x1, x2, w3, uxtb
    sub w1, w2, w3, uxtb #2
    sub x1, x2, w3, uxth
    sub w1, w2, w3, uxth #2
    sub x1, x2, w3, uxtw
    sub w1, w2, w3, uxtw #2
    sub x1, x2, x3, uxtx
    sub w1, w2, w3, uxtx #2
    sub x1, x2, w3, sxtb
    sub w1, w2, w3, sxtb #2
    sub x1, x2, w3, sxth
    sub w1, w2, w3, sxth #2
    sub x1, x2, w3, sxtw
    sub w1, w2, w3, sxtw #2
    sub x1, x2, x3, sxtx
    sub w1, w2, w3, sxtx #2
    sub x1, sp, x3
    sub x1, sp, x3, lsl #4
    sub x1, x2, x3, uxtx #4
    subs x1, x2, x3
    subs w1, w2, w3, lsl #31
    subs x4, x5, x6, lsr #63
    subs w7, w8, w9, asr #1
    subs x1, x2, w3, uxtb
    subs w1, w2, w3, uxtb #2
    subs x1, x2, w3, uxth
    subs w1, w2, w3, uxth #2
    subs x1, x2, w3, uxtw
    subs w1, w2, w3, uxtw #2
    subs x1, x2, x3, uxtx
    subs w1, w2, w3, uxtx #2
    subs x1, x2, w3, sxtb
    subs w1, w2, w3, sxtb #2
    subs x1, x2, w3, sxth
    subs w1, w2, w3, sxth #2
    subs x1, x2, w3, sxtw
    subs w1, w2, w3, sxtw #2
    subs x1, x2, x3, sxtx
    subs w1, w2, w3, sxtx #2
    subs x1, sp, x3
    subs x1, sp, x3, lsl #4
    subs x1, x2, x3, uxtx #4
    add sp, sp, x1
    sub sp, sp, x2, lsl #3
    add w1, wsp, w2
    add x1, x2, w3, uxtw #4
    neg x1, x2
    neg w1, w2, lsl #3
    negs x1, x2
    negs w3, w4, asr #2
    cmp x1, x2
    cmp w1, w2, lsl #5
    cmn x1, x2
    cmn w3, w4, lsr #4
    cmp x1, w2, uxtw
    cmp sp, x3
    cmn sp, w4, sxtw #2
    adc x1, x2, x3
    adc w1, w2, w3
    adcs x1, x2, x3
    sbc x1, x2, x3
    sbcs w1, w2, w3
    ngc x1, x2
    ngcs w1, w2
    ccmp x1, x2, #0, eq
    csel x1, x2, x3, eq
    ccmp x1, x2, #0, ne
    csel x1, x2, x3, ne
    ccmp x1, x2, #0, cs
    csel x1, x2, x3, cs
    ccmp x1, x2, #0, cc
    csel x1, x2, x3, cc
    ccmp x1, x2, #0, mi
    csel x1, x2, x3, mi
    ccmp x1, x2, #0, pl
    csel x1, x2, x3, pl
    ccmp x1, x2, #0, vs
    csel x1, x2, x3, vs
    ccmp x1, x2, #0, vc
    csel x1, x2, x3, vc
    ccmp x1, x2, #0, hi
    csel x1, x2, x3, hi
    ccmp x1, x2, #0, ls
    csel x1, x2, x3, ls
    ccmp x1, x2, #0, ge
    csel x1, x2, x3, ge
    ccmp x1, x2, #0, lt
    csel x1, x2, x3, lt
    ccmp x1, x2, #0, gt
    csel x1, x2, x3, gt
    ccmp x1, x2, #0, le
    csel x1, x2, x3, le
    ccmp x1, x2, #0, al
    csel x1, x2, x3, al
    ccmp x1, x2, #0, nv
    csel x1, x2, x3, nv
    ccmp w1, #31, #15, ne
    ccmn x1, #0, #4, eq
    ccmn w1, w2, #8, hi
    ccmp x2, #5, #2, lt
    csinc x1, x2, x3, eq
    csinc w1, w2, w2, ne
    csinv x1, x2, x3, lt
    csinv w1, w2, w2, ge
    csneg x1, x2, x3, gt
    csneg w1, w2, w2, le
    cset x1, eq
    csetm w2, eq
    cinc x3, x4, eq
    cinv w5, w6, eq
    cneg x7, x8, eq
    cset x1, ne
    csetm w2, ne
    cinc x3, x4, ne
    cinv w5, w6, ne
    cneg x7, x8, ne
    cset x1, hi
    csetm w2, hi
    cinc x3, x4, hi
    cinv w5, w6, hi
    cneg x7, x8, hi
    cset x1, lt
    csetm w2, lt
    cinc x3, x4, lt
    cinv w5, w6, lt
    cneg x7, x8, lt
    csinc x1, xzr, xzr, al
    csinv w1, wzr, wzr, nv
    csinc x1, x2, x2, al
    madd x1, x2, x3, x4
    madd w1, w2, w3, w4
    msub x1, x2, x3, x4
    msub w1, w2, w3, w4
    mul x1, x2, x3
    mul w1, w2, w3
    mneg x1, x2, x3
    mneg w4, w5, w6
    smaddl x1, w2, w3, x4
    smsubl x1, w2, w3, x4
    umaddl x1, w2, w3, x4
    umsubl x1, w2, w3, x4
    smull x1, w2, w3
    umull x1, w2, w3
    smnegl x1, w2, w3
    umnegl x1, w2, w3
    smulh x1, x2, x3
    umulh x1, x2, x3
    udiv x1, x2, x3
    udiv w1, w2, w3
    sdiv x1, x2, x3
    sdiv w1, w2, w3
    lsl x1, x2, x3
    lsr w1, w2, w3
    asr x1, x2, x3
    ror w1, w2, w3
    lslv x1, x2, x3
    rbit x1, x2
    rbit w1, w2
    rev16 x1, x2
    rev16 w1, w2
    rev32 x1, x2
    rev w1, w2
    rev x1, x2
    clz x1, x2
    clz w1, w2
    cls x1, x2
    cls w1, w2
    1: b 1b
    b . + 0x7fffffc
    b . - 0x8000000
    bl . + 8
    bl . - 4
    b.eq . + 16
    b.ne . + 16
    b.cs . + 16
    b.cc . + 16
    b.mi . + 16
    b.pl . + 16
    b.vs . + 16
    b.vc . + 16
    b.hi . + 16
    b.ls . + 16
    b.ge . + 16
    b.lt . + 16
    b.gt . + 16
    b.le . + 16
    b.al . + 16
    b.eq . - 0x100000
    cbz x1, . + 8
    cbz w2, . - 4
    cbnz x3, . + 0xffffc
    cbnz w4, . - 0x100000
    tbz x1, #0, . + 8
    tbz w2, #31, . - 8
    tbnz x3, #63, . + 0x7ffc
    tbnz x4, #32, . - 0x8000
    tbz w5, #5, . + 4
    br x1
    blr x2
    ret
    ret x3
    ret xzr
    br xzr
    svc #0
    svc #0xffff
    hvc #0
    hvc #0x1234
    smc #1
    brk #0
    brk #0x3e8
    hlt #0x1
    udf #0
    udf #0xffff
    eret
    nop
    yield
    wfe
    wfi
    sev
    sevl
    hint #6
    hint #7
    hint #8
    hint #0x11
    hint #0x12
    hint #0x14
    hint #0x19
    hint #0x1b
    hint #0x1d
    hint #0x1f
    hint #0x22
    hint #0x24
    hint #0x26
    hint #0x7f
    hint #0x18
    hint #0x1c
    hint #0x20
    hint #0x10
    clrex
    clrex #5
    dsb sy
    dsb ish
    dsb ishst
    dsb nsh
    dsb osh
    dsb ld
    dsb #0
    dsb #4
    dmb ish
    dmb ishld
    dmb oshst
    dmb sy
    dmb #0
    dmb #2
    isb
    isb #3
    mrs x0, nzcv
    msr nzcv, x1
    mrs x2, fpcr
    msr fpcr, x3
    mrs x4, fpsr
    msr fpsr, x5
    mrs x6, tpidr_el0
    msr tpidr_el0, x7
    mrs x8, tpidrro_el0
    mrs x9, cntvct_el0
    mrs x10, cntfrq_el0
    mrs x11, ctr_el0
    mrs x12, dczid_el0
    mrs x13, midr_el1
    mrs x14, s3_3_c15_c2_5
    dc zva, x0
    dc cvau, x1
    dc civac, x2
    dc cvac, x3
    ic ivau, x4
    ic iallu
    sys #3, c7, c5, #1, x5
    sys #0, c8, c7, #0
    sysl x1, #0, c1, c2, #3
    msr daifset, #2
    msr spsel, #1
    strb w1, [x2]
    strb w1, [x2, #1]
    strb w1, [sp, #4095]
    strb w1, [x2, #-1]
    strb w1, [x2, #255]
    strb w1, [x2, #1]!
    strb w1, [x2, #-256]!
    strb w1, [x2], #8
    strb w1, [sp], #-3
    strb w1, [x2, x3]
    strb w1, [x2, x3, lsl #0]
    strb w1, [x2, w3, uxtw]
    strb w1, [x2, w3, sxtw #0]
    strb w1, [x2, x3, sxtx]
    sturb w1, [x2, #3]
    sturb w1, [x2, #-256]
    sttrb w1, [x2]
    sttrb w1, [x2, #-5]
    ldrb w1, [x2]
    ldrb w1, [x2, #1]
    ldrb w1, [sp, #4095]
    ldrb w1, [x2, #-1]
    ldrb w1, [x2, #255]
    ldrb w1, [x2, #1]!
    ldrb w1, [x2, #-256]!
    ldrb w1, [x2], #8
    ldrb w1, [sp], #-3
    ldrb w1, [x2, x3]
    ldrb w1, [x2, x3, lsl #0]
    ldrb w1, [x2, w3, uxtw]
    ldrb w1, [x2, w3, sxtw #0]
    ldrb w1, [x2, x3, sxtx]
    ldurb w1, [x2, #3]
    ldurb w1, [x2, #-256]
    ldtrb w1, [x2]
    ldtrb w1, [x2, #-5]
    ldrsb x1, [x2]
    ldrsb x1, [x2, #1]
    ldrsb x1, [sp, #4095]
    ldrsb x1, [x2, #-1]
    ldrsb x1, [x2, #255]
    ldrsb x1, [x2, #1]!
    ldrsb x1, [x2, #-256]!
    ldrsb x1, [x2], #8
    ldrsb x1, [sp], #-3
    ldrsb x1, [x2, x3]
    ldrsb x1, [x2, x3, lsl #0]
    ldrsb x1, [x2, w3, uxtw]
    ldrsb x1, [x2, w3, sxtw #0]
    ldrsb x1, [x2, x3, sxtx]
    ldursb x1, [x2, #3]
    ldursb x1, [x2, #-256]
    ldtrsb x1, [x2]
    ldtrsb x1, [x2, #-5]
    ldrsb w1, [x2]
    ldrsb w1, [x2, #1]
    ldrsb w1, [sp, #4095]
    ldrsb w1, [x2, #-1]
    ldrsb w1, [x2, #255]
    ldrsb w1, [x2, #1]!
    ldrsb w1, [x2, #-256]!
    ldrsb w1, [x2], #8
    ldrsb w1, [sp], #-3
    ldrsb w1, [x2, x3]
    ldrsb w1, [x2, x3, lsl #0]
    ldrsb w1, [x2, w3, uxtw]
    ldrsb w1, [x2, w3, sxtw #0]
    ldrsb w1, [x2, x3, sxtx]
    ldursb w1, [x2, #3]
    ldursb w1, [x2, #-256]
    ldtrsb w1, [x2]
    ldtrsb w1, [x2, #-5]
    strh w1, [x2]
    strh w1, [x2, #2]
    strh w1, [sp, #8190]
    strh w1, [x2, #-1]
    strh w1, [x2, #255]
    strh w1, [x2, #1]!
    strh w1, [x2, #-256]!
    strh w1, [x2], #8
    strh w1, [sp], #-3
    strh w1, [x2, x3]
    strh w1, [x2, x3, lsl #1]
    strh w1, [x2, w3, uxtw]
    strh w1, [x2, w3, sxtw #1]
    strh w1, [x2, x3, sxtx]
    sturh w1, [x2, #3]
    sturh w1, [x2, #-256]
    sttrh w1, [x2]
    sttrh w1, [x2, #-5]
    ldrh w1, [x2]
    ldrh w1, [x2, #2]
    ldrh w1, [sp, #8190]
    ldrh w1, [x2, #-1]
    ldrh w1, [x2, #255]
    ldrh w1, [x2, #1]!
    ldrh w1, [x2, #-256]!
    ldrh w1, [x2], #8
    ldrh w1, [sp], #-3
    ldrh w1, [x2, x3]
    ldrh w1, [x2, x3, lsl #1]
    ldrh w1, [x2, w3, uxtw]
    ldrh w1, [x2, w3, sxtw #1]
    ldrh w1, [x2, x3, sxtx]
    ldurh w1, [x2, #3]
    ldurh w1, [x2, #-256]
    ldtrh w1, [x2]
    ldtrh w1, [x2, #-5]
    ldrsh x1, [x2]
    ldrsh x1, [x2, #2]
    ldrsh x1, [sp, #8190]
    ldrsh x1, [x2, #-1]
    ldrsh x1, [x2, #255]
    ldrsh x1, [x2, #1]!
    ldrsh x1, [x2, #-256]!
    ldrsh x1, [x2], #8
    ldrsh x1, [sp], #-3
    ldrsh x1, [x2, x3]
    ldrsh x1, [x2, x3, lsl #1]
    ldrsh x1, [x2, w3, uxtw]
    ldrsh x1, [x2, w3, sxtw #1]
    ldrsh x1, [x2, x3, sxtx]
    ldursh x1, [x2, #3]
    ldursh x1, [x2, #-256]
    ldtrsh x1, [x2]
    ldtrsh x1, [x2, #-5]
    ldrsh w1, [x2]
    ldrsh w1, [x2, #2]
    ldrsh w1, [sp, #8190]
    ldrsh w1, [x2, #-1]
    ldrsh w1, [x2, #255]
    ldrsh w1, [x2, #1]!
    ldrsh w1, [x2, #-256]!
    ldrsh w1, [x2], #8
    ldrsh w1, [sp], #-3
    ldrsh w1, [x2, x3]
    ldrsh w1, [x2, x3, lsl #1]
    ldrsh w1, [x2, w3, uxtw]
    ldrsh w1, [x2, w3, sxtw #1]
    ldrsh w1, [x2, x3, sxtx]
    ldursh w1, [x2, #3]
    ldursh w1, [x2, #-256]
    ldtrsh w1, [x2]
    ldtrsh w1, [x2, #-5]
    str w1, [x2]
    str w1, [x2, #4]
    str w1, [sp, #16380]
    str w1, [x2, #-1]
    str w1, [x2, #255]
    str w1, [x2, #1]!
    str w1, [x2, #-256]!
    str w1, [x2], #8
    str w1, [sp], #-3
    str w1, [x2, x3]
    str w1, [x2, x3, lsl #2]
    str w1, [x2, w3, uxtw]
    str w1, [x2, w3, sxtw #2]
    str w1, [x2, x3, sxtx]
    stur w1, [x2, #3]
    stur w1, [x2, #-256]
    sttr w1, [x2]
    sttr w1, [x2, #-5]
    ldr w1, [x2]
    ldr w1, [x2, #4]
    ldr w1, [sp, #16380]
    ldr w1, [x2, #-1]
    ldr w1, [x2, #255]
    ldr w1, [x2, #1]!
    ldr w1, [x2, #-256]!
    ldr w1, [x2], #8
    ldr w1, [sp], #-3
    ldr w1, [x2, x3]
    ldr w1, [x2, x3, lsl #2]
    ldr w1, [x2, w3, uxtw]
    ldr w1, [x2, w3, sxtw #2]
    ldr w1, [x2, x3, sxtx]
    ldur w1, [x2, #3]
    ldur w1, [x2, #-256]
    ldtr w1, [x2]
    ldtr w1, [x2, #-5]
    ldrsw x1, [x2]
    ldrsw x1, [x2, #4]
    ldrsw x1, [sp, #16380]
    ldrsw x1, [x2, #-1]
    ldrsw x1, [x2, #255]
    ldrsw x1, [x2, #1]!
    ldrsw x1, [x2, #-256]!
    ldrsw x1, [x2], #8
    ldrsw x1, [sp], #-3
    ldrsw x1, [x2, x3]
    ldrsw x1, [x2, x3, lsl #2]
    ldrsw x1, [x2, w3, uxtw]
    ldrsw x1, [x2, w3, sxtw #2]
    ldrsw x1, [x2, x3, sxtx]
    ldursw x1, [x2, #3]
    ldursw x1, [x2, #-256]
    ldtrsw x1, [x2]
    ldtrsw x1, [x2, #-5]
    str x1, [x2]
    str x1, [x2, #8]
    str x1, [sp, #32760]
    str x1, [x2, #-1]
    str x1, [x2, #255]
    str x1, [x2, #1]!
    str x1, [x2, #-256]!
    str x1, [x2], #8
    str x1, [sp], #-3
    str x1, [x2, x3]
    str x1, [x2, x3, lsl #3]
    str x1, [x2, w3, uxtw]
    str x1, [x2, w3, sxtw #3]
    str x1, [x2, x3, sxtx]
    stur x1, [x2, #3]
    stur x1, [x2, #-256]
    sttr x1, [x2]
    sttr x1, [x2, #-5]
    ldr x1, [x2]
    ldr x1, [x2, #8]
    ldr x1, [sp, #32760]
    ldr x1, [x2, #-1]
    ldr x1, [x2, #255]
    ldr x1, [x2, #1]!
    ldr x1, [x2, #-256]!
    ldr x1, [x2], #8
    ldr x1, [sp], #-3
    ldr x1, [x2, x3]
    ldr x1, [x2, x3, lsl #3]
    ldr x1, [x2, w3, uxtw]
    ldr x1, [x2, w3, sxtw #3]
    ldr x1, [x2, x3, sxtx]
    ldur x1, [x2, #3]
    ldur x1, [x2, #-256]
    ldtr x1, [x2]
    ldtr x1, [x2, #-5]
    ldrb w1, [x2, x3, lsl #0]
    ldr x0, [x1, #8]
    str xzr, [sp, #16]
    strb wzr, [x0]
    ldr w1, . + 8
    ldr x2, . - 4
    ldrsw x3, . + 0x3fffc
    prfm pldl1keep, . + 8
    prfm pldl1keep, [x1]
    prfm pstl1strm, [x2, #8]
    prfm pldl2keep, [x3, x4]
    prfm plil1keep, [x5, #32760]
    prfum pldl1keep, [x1, #-1]
    prfm #0x1f, [x1]
    prfm pstl3strm, [x1, w2, sxtw #3]
    stp x1, x2, [x3]
    stp x1, x2, [sp, #504]
    stp x1, x2, [x3, #-512]
    ldp x1, x2, [x3]
    ldp x1, x2, [sp, #504]
    ldp x1, x2, [x3, #-512]
    stnp x1, x2, [x3]
    stnp x1, x2, [sp, #504]
    stnp x1, x2, [x3, #-512]
    ldnp x1, x2, [x3]
    ldnp x1, x2, [sp, #504]
    ldnp x1, x2, [x3, #-512]
    stp x1, x2, [x3, #8]!
    stp x1, x2, [sp], #-16
    stp x29, x30, [sp, #-16]!
    ldp x1, x2, [x3, #8]!
    ldp x1, x2, [sp], #-16
    ldp x29, x30, [sp, #-16]!
    stp w1, w2, [x3]
    stp w1, w2, [sp, #252]
    stp w1, w2, [x3, #-256]
    ldp w1, w2, [x3]
    ldp w1, w2, [sp, #252]
    ldp w1, w2, [x3, #-256]
    stnp w1, w2, [x3]
    stnp w1, w2, [sp, #252]
    stnp w1, w2, [x3, #-256]
    ldnp w1, w2, [x3]
    ldnp w1, w2, [sp, #252]
    ldnp w1, w2, [x3, #-256]
    stp w1, w2, [x3, #4]!
    stp w1, w2, [sp], #-8
    stp w29, w30, [sp, #-8]!
    ldp w1, w2, [x3, #4]!
    ldp w1, w2, [sp], #-8
    ldp w29, w30, [sp, #-8]!
    ldpsw x1, x2, [x3]
    ldpsw x1, x2, [x3, #-256]
    ldpsw x1, x2, [x3, #8]!
    ldpsw x1, x2, [x3], #252
    ldxrb w1, [x2]
    ldaxrb w1, [sp]
    stxrb w3, w1, [x2]
    stlxrb w3, w1, [x2]
    ldarb w1, [x2]
    stlrb w1, [x2]
    ldxrh w1, [x2]
    ldaxrh w1, [sp]
    stxrh w3, w1, [x2]
    stlxrh w3, w1, [x2]
    ldarh w1, [x2]
    stlrh w1, [x2]
    ldxr w1, [x2]
    ldaxr w1, [sp]
    stxr w3, w1, [x2]
    stlxr w3, w1, [x2]
    ldar w1, [x2]
    stlr w1, [x2]
    ldxr x1, [x2]
    ldaxr x1, [sp]
    stxr w3, x1, [x2]
    stlxr w3, x1, [x2]
    ldar x1, [x2]
    stlr x1, [x2]
    ldxp w1, w2, [x3]
    ldxp x1, x2, [x3]
    ldaxp x1, x2, [sp]
    stxp w4, w1, w2, [x3]
    stxp w4, x1, x2, [x3]
    stlxp w4, x1, x2, [x3]
