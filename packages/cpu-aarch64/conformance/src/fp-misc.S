// fp-misc: FCCMP/FCCMPE (condition true and false, NaN operands), FCSEL under every condition
// and NZCV, FMOV immediate (scalar and vector), FMOV between general and FP registers incl.
// the upper half V.D[1], FMOV register. Hand-written; golden from qemu-aarch64 -cpu cortex-a53.
        .include "harness.inc"
        .include "simd.inc"
        PROGRAM_START
        MOV64   x0, 0x3ff0000000000000      // 1.0
        MOV64   x1, 0x4000000000000000      // 2.0
        MOV64   x2, 0x7ff4000000000001      // sNaN
        MOV64   x3, 0x7ff8000000000002      // qNaN
        MOV64   x4, 0x3f800000              // 1.0f
        MOV64   x5, 0xff800000              // -inf f
        MOV64   x6, 0x7fc00123              // qNaN f
        fmov    d0, x0
        fmov    d1, x1
        fmov    d2, x2
        fmov    d3, x3
        fmov    s4, w4
        fmov    s5, w5
        fmov    s6, w6
        MOV64   x9, 0x0
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  d0, d1, #0, eq
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d8, x10
        fmov    v8.d[1], x11
        MOV64   x9, 0x40000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  d0, d1, #5, cc
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d9, x10
        fmov    v9.d[1], x11
        MOV64   x9, 0x80000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  d0, d1, #10, vs
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d10, x10
        fmov    v10.d[1], x11
        MOV64   x9, 0x60000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  d0, d1, #15, ls
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d11, x10
        fmov    v11.d[1], x11
        MOV64   x9, 0x30000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  d0, d1, #4, gt
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d12, x10
        fmov    v12.d[1], x11
        MOV64   x9, 0x90000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  d0, d1, #9, nv
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d13, x10
        fmov    v13.d[1], x11
        MOV64   x9, 0x20000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  d0, d1, #14, eq
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d14, x10
        fmov    v14.d[1], x11
        MOV64   x9, 0xf0000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  d0, d1, #3, cc
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d15, x10
        fmov    v15.d[1], x11
        MOV64   x9, 0x0
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  d0, d1, #8, vs
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d16, x10
        fmov    v16.d[1], x11
        MOV64   x9, 0x40000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  d0, d1, #13, ls
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d17, x10
        fmov    v17.d[1], x11
        MOV64   x9, 0x80000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  d0, d1, #2, gt
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d18, x10
        fmov    v18.d[1], x11
        MOV64   x9, 0x60000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  d0, d1, #7, nv
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d19, x10
        fmov    v19.d[1], x11
        MOV64   x9, 0x30000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  d1, d0, #12, eq
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d20, x10
        fmov    v20.d[1], x11
        MOV64   x9, 0x90000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  d1, d0, #1, cc
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d21, x10
        fmov    v21.d[1], x11
        MOV64   x9, 0x20000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  d1, d0, #6, vs
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d22, x10
        fmov    v22.d[1], x11
        MOV64   x9, 0xf0000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  d1, d0, #11, ls
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d23, x10
        fmov    v23.d[1], x11
        MOV64   x9, 0x0
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  d1, d0, #0, gt
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d24, x10
        fmov    v24.d[1], x11
        MOV64   x9, 0x40000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  d1, d0, #5, nv
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d25, x10
        fmov    v25.d[1], x11
        MOV64   x9, 0x80000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  d1, d0, #10, eq
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d26, x10
        fmov    v26.d[1], x11
        MOV64   x9, 0x60000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  d1, d0, #15, cc
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d27, x10
        fmov    v27.d[1], x11
        VDUMPM  "fccmp 20", 0x0fffff00
        MOV64   x9, 0x30000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  d1, d0, #4, vs
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d8, x10
        fmov    v8.d[1], x11
        MOV64   x9, 0x90000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  d1, d0, #9, ls
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d9, x10
        fmov    v9.d[1], x11
        MOV64   x9, 0x20000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  d1, d0, #14, gt
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d10, x10
        fmov    v10.d[1], x11
        MOV64   x9, 0xf0000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  d1, d0, #3, nv
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d11, x10
        fmov    v11.d[1], x11
        MOV64   x9, 0x0
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  d0, d0, #8, eq
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d12, x10
        fmov    v12.d[1], x11
        MOV64   x9, 0x40000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  d0, d0, #13, cc
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d13, x10
        fmov    v13.d[1], x11
        MOV64   x9, 0x80000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  d0, d0, #2, vs
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d14, x10
        fmov    v14.d[1], x11
        MOV64   x9, 0x60000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  d0, d0, #7, ls
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d15, x10
        fmov    v15.d[1], x11
        MOV64   x9, 0x30000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  d0, d0, #12, gt
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d16, x10
        fmov    v16.d[1], x11
        MOV64   x9, 0x90000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  d0, d0, #1, nv
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d17, x10
        fmov    v17.d[1], x11
        MOV64   x9, 0x20000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  d0, d0, #6, eq
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d18, x10
        fmov    v18.d[1], x11
        MOV64   x9, 0xf0000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  d0, d0, #11, cc
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d19, x10
        fmov    v19.d[1], x11
        MOV64   x9, 0x0
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  d0, d0, #0, vs
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d20, x10
        fmov    v20.d[1], x11
        MOV64   x9, 0x40000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  d0, d0, #5, ls
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d21, x10
        fmov    v21.d[1], x11
        MOV64   x9, 0x80000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  d0, d0, #10, gt
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d22, x10
        fmov    v22.d[1], x11
        MOV64   x9, 0x60000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  d0, d0, #15, nv
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d23, x10
        fmov    v23.d[1], x11
        MOV64   x9, 0x30000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  d0, d2, #4, eq
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d24, x10
        fmov    v24.d[1], x11
        MOV64   x9, 0x90000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  d0, d2, #9, cc
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d25, x10
        fmov    v25.d[1], x11
        MOV64   x9, 0x20000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  d0, d2, #14, vs
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d26, x10
        fmov    v26.d[1], x11
        MOV64   x9, 0xf0000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  d0, d2, #3, ls
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d27, x10
        fmov    v27.d[1], x11
        VDUMPM  "fccmp 40", 0x0fffff00
        MOV64   x9, 0x0
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  d0, d2, #8, gt
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d8, x10
        fmov    v8.d[1], x11
        MOV64   x9, 0x40000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  d0, d2, #13, nv
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d9, x10
        fmov    v9.d[1], x11
        MOV64   x9, 0x80000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  d0, d2, #2, eq
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d10, x10
        fmov    v10.d[1], x11
        MOV64   x9, 0x60000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  d0, d2, #7, cc
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d11, x10
        fmov    v11.d[1], x11
        MOV64   x9, 0x30000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  d0, d2, #12, vs
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d12, x10
        fmov    v12.d[1], x11
        MOV64   x9, 0x90000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  d0, d2, #1, ls
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d13, x10
        fmov    v13.d[1], x11
        MOV64   x9, 0x20000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  d0, d2, #6, gt
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d14, x10
        fmov    v14.d[1], x11
        MOV64   x9, 0xf0000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  d0, d2, #11, nv
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d15, x10
        fmov    v15.d[1], x11
        MOV64   x9, 0x0
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  d3, d1, #0, eq
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d16, x10
        fmov    v16.d[1], x11
        MOV64   x9, 0x40000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  d3, d1, #5, cc
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d17, x10
        fmov    v17.d[1], x11
        MOV64   x9, 0x80000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  d3, d1, #10, vs
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d18, x10
        fmov    v18.d[1], x11
        MOV64   x9, 0x60000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  d3, d1, #15, ls
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d19, x10
        fmov    v19.d[1], x11
        MOV64   x9, 0x30000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  d3, d1, #4, gt
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d20, x10
        fmov    v20.d[1], x11
        MOV64   x9, 0x90000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  d3, d1, #9, nv
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d21, x10
        fmov    v21.d[1], x11
        MOV64   x9, 0x20000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  d3, d1, #14, eq
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d22, x10
        fmov    v22.d[1], x11
        MOV64   x9, 0xf0000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  d3, d1, #3, cc
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d23, x10
        fmov    v23.d[1], x11
        MOV64   x9, 0x0
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  d3, d1, #8, vs
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d24, x10
        fmov    v24.d[1], x11
        MOV64   x9, 0x40000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  d3, d1, #13, ls
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d25, x10
        fmov    v25.d[1], x11
        MOV64   x9, 0x80000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  d3, d1, #2, gt
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d26, x10
        fmov    v26.d[1], x11
        MOV64   x9, 0x60000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  d3, d1, #7, nv
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d27, x10
        fmov    v27.d[1], x11
        VDUMPM  "fccmp 60", 0x0fffff00
        MOV64   x9, 0x30000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  s4, s5, #12, eq
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d8, x10
        fmov    v8.d[1], x11
        MOV64   x9, 0x90000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  s4, s5, #1, cc
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d9, x10
        fmov    v9.d[1], x11
        MOV64   x9, 0x20000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  s4, s5, #6, vs
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d10, x10
        fmov    v10.d[1], x11
        MOV64   x9, 0xf0000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  s4, s5, #11, ls
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d11, x10
        fmov    v11.d[1], x11
        MOV64   x9, 0x0
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  s4, s5, #0, gt
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d12, x10
        fmov    v12.d[1], x11
        MOV64   x9, 0x40000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  s4, s5, #5, nv
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d13, x10
        fmov    v13.d[1], x11
        MOV64   x9, 0x80000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  s4, s5, #10, eq
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d14, x10
        fmov    v14.d[1], x11
        MOV64   x9, 0x60000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  s4, s5, #15, cc
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d15, x10
        fmov    v15.d[1], x11
        MOV64   x9, 0x30000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  s4, s5, #4, vs
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d16, x10
        fmov    v16.d[1], x11
        MOV64   x9, 0x90000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  s4, s5, #9, ls
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d17, x10
        fmov    v17.d[1], x11
        MOV64   x9, 0x20000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  s4, s5, #14, gt
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d18, x10
        fmov    v18.d[1], x11
        MOV64   x9, 0xf0000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  s4, s5, #3, nv
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d19, x10
        fmov    v19.d[1], x11
        MOV64   x9, 0x0
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  s5, s4, #8, eq
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d20, x10
        fmov    v20.d[1], x11
        MOV64   x9, 0x40000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  s5, s4, #13, cc
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d21, x10
        fmov    v21.d[1], x11
        MOV64   x9, 0x80000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  s5, s4, #2, vs
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d22, x10
        fmov    v22.d[1], x11
        MOV64   x9, 0x60000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  s5, s4, #7, ls
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d23, x10
        fmov    v23.d[1], x11
        MOV64   x9, 0x30000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  s5, s4, #12, gt
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d24, x10
        fmov    v24.d[1], x11
        MOV64   x9, 0x90000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  s5, s4, #1, nv
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d25, x10
        fmov    v25.d[1], x11
        MOV64   x9, 0x20000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  s5, s4, #6, eq
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d26, x10
        fmov    v26.d[1], x11
        MOV64   x9, 0xf0000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  s5, s4, #11, cc
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d27, x10
        fmov    v27.d[1], x11
        VDUMPM  "fccmp 80", 0x0fffff00
        MOV64   x9, 0x0
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  s5, s4, #0, vs
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d8, x10
        fmov    v8.d[1], x11
        MOV64   x9, 0x40000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  s5, s4, #5, ls
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d9, x10
        fmov    v9.d[1], x11
        MOV64   x9, 0x80000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  s5, s4, #10, gt
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d10, x10
        fmov    v10.d[1], x11
        MOV64   x9, 0x60000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  s5, s4, #15, nv
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d11, x10
        fmov    v11.d[1], x11
        MOV64   x9, 0x30000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  s4, s6, #4, eq
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d12, x10
        fmov    v12.d[1], x11
        MOV64   x9, 0x90000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  s4, s6, #9, cc
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d13, x10
        fmov    v13.d[1], x11
        MOV64   x9, 0x20000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  s4, s6, #14, vs
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d14, x10
        fmov    v14.d[1], x11
        MOV64   x9, 0xf0000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  s4, s6, #3, ls
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d15, x10
        fmov    v15.d[1], x11
        MOV64   x9, 0x0
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  s4, s6, #8, gt
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d16, x10
        fmov    v16.d[1], x11
        MOV64   x9, 0x40000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  s4, s6, #13, nv
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d17, x10
        fmov    v17.d[1], x11
        MOV64   x9, 0x80000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  s4, s6, #2, eq
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d18, x10
        fmov    v18.d[1], x11
        MOV64   x9, 0x60000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  s4, s6, #7, cc
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d19, x10
        fmov    v19.d[1], x11
        MOV64   x9, 0x30000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  s4, s6, #12, vs
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d20, x10
        fmov    v20.d[1], x11
        MOV64   x9, 0x90000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  s4, s6, #1, ls
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d21, x10
        fmov    v21.d[1], x11
        MOV64   x9, 0x20000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  s4, s6, #6, gt
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d22, x10
        fmov    v22.d[1], x11
        MOV64   x9, 0xf0000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  s4, s6, #11, nv
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d23, x10
        fmov    v23.d[1], x11
        MOV64   x9, 0x0
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  s6, s6, #0, eq
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d24, x10
        fmov    v24.d[1], x11
        MOV64   x9, 0x40000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  s6, s6, #5, cc
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d25, x10
        fmov    v25.d[1], x11
        MOV64   x9, 0x80000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  s6, s6, #10, vs
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d26, x10
        fmov    v26.d[1], x11
        MOV64   x9, 0x60000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  s6, s6, #15, ls
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d27, x10
        fmov    v27.d[1], x11
        VDUMPM  "fccmp 100", 0x0fffff00
        MOV64   x9, 0x30000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  s6, s6, #4, gt
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d8, x10
        fmov    v8.d[1], x11
        MOV64   x9, 0x90000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmp  s6, s6, #9, nv
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d9, x10
        fmov    v9.d[1], x11
        MOV64   x9, 0x20000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  s6, s6, #14, eq
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d10, x10
        fmov    v10.d[1], x11
        MOV64   x9, 0xf0000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  s6, s6, #3, cc
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d11, x10
        fmov    v11.d[1], x11
        MOV64   x9, 0x0
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  s6, s6, #8, vs
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d12, x10
        fmov    v12.d[1], x11
        MOV64   x9, 0x40000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  s6, s6, #13, ls
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d13, x10
        fmov    v13.d[1], x11
        MOV64   x9, 0x80000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  s6, s6, #2, gt
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d14, x10
        fmov    v14.d[1], x11
        MOV64   x9, 0x60000000
        msr     nzcv, x9
        msr     fpsr, xzr
        fccmpe  s6, s6, #7, nv
        mrs     x10, nzcv
        mrs     x11, fpsr
        fmov    d15, x10
        fmov    v15.d[1], x11
        VDUMPM  "fccmp 108", 0x0fffff00
        MOV64   x9, 0x0
        msr     nzcv, x9
        fcsel   d8, d0, d1, eq
        fcsel   s9, s4, s6, ne
        fcsel   d10, d0, d1, cs
        fcsel   s11, s4, s6, cc
        fcsel   d12, d0, d1, mi
        fcsel   s13, s4, s6, pl
        fcsel   d14, d0, d1, vs
        fcsel   s15, s4, s6, vc
        fcsel   d16, d0, d1, hi
        fcsel   s17, s4, s6, ls
        fcsel   d18, d0, d1, ge
        fcsel   s19, s4, s6, lt
        fcsel   d20, d0, d1, gt
        fcsel   s21, s4, s6, le
        fcsel   d22, d0, d1, al
        fcsel   s23, s4, s6, nv
        VDUMPM  "fcsel nzcv=0", 0x00ffff00
        MOV64   x9, 0x40000000
        msr     nzcv, x9
        fcsel   d8, d0, d1, eq
        fcsel   s9, s4, s6, ne
        fcsel   d10, d0, d1, cs
        fcsel   s11, s4, s6, cc
        fcsel   d12, d0, d1, mi
        fcsel   s13, s4, s6, pl
        fcsel   d14, d0, d1, vs
        fcsel   s15, s4, s6, vc
        fcsel   d16, d0, d1, hi
        fcsel   s17, s4, s6, ls
        fcsel   d18, d0, d1, ge
        fcsel   s19, s4, s6, lt
        fcsel   d20, d0, d1, gt
        fcsel   s21, s4, s6, le
        fcsel   d22, d0, d1, al
        fcsel   s23, s4, s6, nv
        VDUMPM  "fcsel nzcv=4", 0x00ffff00
        MOV64   x9, 0x80000000
        msr     nzcv, x9
        fcsel   d8, d0, d1, eq
        fcsel   s9, s4, s6, ne
        fcsel   d10, d0, d1, cs
        fcsel   s11, s4, s6, cc
        fcsel   d12, d0, d1, mi
        fcsel   s13, s4, s6, pl
        fcsel   d14, d0, d1, vs
        fcsel   s15, s4, s6, vc
        fcsel   d16, d0, d1, hi
        fcsel   s17, s4, s6, ls
        fcsel   d18, d0, d1, ge
        fcsel   s19, s4, s6, lt
        fcsel   d20, d0, d1, gt
        fcsel   s21, s4, s6, le
        fcsel   d22, d0, d1, al
        fcsel   s23, s4, s6, nv
        VDUMPM  "fcsel nzcv=8", 0x00ffff00
        MOV64   x9, 0x20000000
        msr     nzcv, x9
        fcsel   d8, d0, d1, eq
        fcsel   s9, s4, s6, ne
        fcsel   d10, d0, d1, cs
        fcsel   s11, s4, s6, cc
        fcsel   d12, d0, d1, mi
        fcsel   s13, s4, s6, pl
        fcsel   d14, d0, d1, vs
        fcsel   s15, s4, s6, vc
        fcsel   d16, d0, d1, hi
        fcsel   s17, s4, s6, ls
        fcsel   d18, d0, d1, ge
        fcsel   s19, s4, s6, lt
        fcsel   d20, d0, d1, gt
        fcsel   s21, s4, s6, le
        fcsel   d22, d0, d1, al
        fcsel   s23, s4, s6, nv
        VDUMPM  "fcsel nzcv=2", 0x00ffff00
        MOV64   x9, 0x10000000
        msr     nzcv, x9
        fcsel   d8, d0, d1, eq
        fcsel   s9, s4, s6, ne
        fcsel   d10, d0, d1, cs
        fcsel   s11, s4, s6, cc
        fcsel   d12, d0, d1, mi
        fcsel   s13, s4, s6, pl
        fcsel   d14, d0, d1, vs
        fcsel   s15, s4, s6, vc
        fcsel   d16, d0, d1, hi
        fcsel   s17, s4, s6, ls
        fcsel   d18, d0, d1, ge
        fcsel   s19, s4, s6, lt
        fcsel   d20, d0, d1, gt
        fcsel   s21, s4, s6, le
        fcsel   d22, d0, d1, al
        fcsel   s23, s4, s6, nv
        VDUMPM  "fcsel nzcv=1", 0x00ffff00
        MOV64   x9, 0x60000000
        msr     nzcv, x9
        fcsel   d8, d0, d1, eq
        fcsel   s9, s4, s6, ne
        fcsel   d10, d0, d1, cs
        fcsel   s11, s4, s6, cc
        fcsel   d12, d0, d1, mi
        fcsel   s13, s4, s6, pl
        fcsel   d14, d0, d1, vs
        fcsel   s15, s4, s6, vc
        fcsel   d16, d0, d1, hi
        fcsel   s17, s4, s6, ls
        fcsel   d18, d0, d1, ge
        fcsel   s19, s4, s6, lt
        fcsel   d20, d0, d1, gt
        fcsel   s21, s4, s6, le
        fcsel   d22, d0, d1, al
        fcsel   s23, s4, s6, nv
        VDUMPM  "fcsel nzcv=6", 0x00ffff00
        MOV64   x9, 0x90000000
        msr     nzcv, x9
        fcsel   d8, d0, d1, eq
        fcsel   s9, s4, s6, ne
        fcsel   d10, d0, d1, cs
        fcsel   s11, s4, s6, cc
        fcsel   d12, d0, d1, mi
        fcsel   s13, s4, s6, pl
        fcsel   d14, d0, d1, vs
        fcsel   s15, s4, s6, vc
        fcsel   d16, d0, d1, hi
        fcsel   s17, s4, s6, ls
        fcsel   d18, d0, d1, ge
        fcsel   s19, s4, s6, lt
        fcsel   d20, d0, d1, gt
        fcsel   s21, s4, s6, le
        fcsel   d22, d0, d1, al
        fcsel   s23, s4, s6, nv
        VDUMPM  "fcsel nzcv=9", 0x00ffff00
        MOV64   x9, 0xb0000000
        msr     nzcv, x9
        fcsel   d8, d0, d1, eq
        fcsel   s9, s4, s6, ne
        fcsel   d10, d0, d1, cs
        fcsel   s11, s4, s6, cc
        fcsel   d12, d0, d1, mi
        fcsel   s13, s4, s6, pl
        fcsel   d14, d0, d1, vs
        fcsel   s15, s4, s6, vc
        fcsel   d16, d0, d1, hi
        fcsel   s17, s4, s6, ls
        fcsel   d18, d0, d1, ge
        fcsel   s19, s4, s6, lt
        fcsel   d20, d0, d1, gt
        fcsel   s21, s4, s6, le
        fcsel   d22, d0, d1, al
        fcsel   s23, s4, s6, nv
        VDUMPM  "fcsel nzcv=b", 0x00ffff00
        fmov    d8, #1.0
        fmov    s20, #1.0
        fmov    d9, #-1.0
        fmov    s21, #-1.0
        fmov    d10, #0.125
        fmov    s22, #0.125
        fmov    d11, #-0.1328125
        fmov    s23, #-0.1328125
        fmov    d12, #31.0
        fmov    s24, #31.0
        fmov    d13, #-31.0
        fmov    s25, #-31.0
        fmov    d14, #2.5
        fmov    s26, #2.5
        fmov    d15, #0.5
        fmov    s27, #0.5
        fmov    d16, #3.875
        fmov    s20, #3.875
        fmov    d17, #-16.0
        fmov    s21, #-16.0
        fmov    d18, #0.25
        fmov    s22, #0.25
        fmov    d19, #1.9375
        fmov    s23, #1.9375
        VDUMPM  "fmov imm", 0x0fffff00
        fmov    v8.4s, #1.0
        fmov    v14.2s, #1.0
        fmov    v20.2d, #1.0
        fmov    v9.4s, #-1.0
        fmov    v15.2s, #-1.0
        fmov    v21.2d, #-1.0
        fmov    v10.4s, #0.125
        fmov    v16.2s, #0.125
        fmov    v22.2d, #0.125
        fmov    v11.4s, #-0.1328125
        fmov    v17.2s, #-0.1328125
        fmov    v23.2d, #-0.1328125
        fmov    v12.4s, #31.0
        fmov    v18.2s, #31.0
        fmov    v24.2d, #31.0
        fmov    v13.4s, #-31.0
        fmov    v19.2s, #-31.0
        fmov    v25.2d, #-31.0
        VDUMPM  "fmov vector imm", 0x03ffff00
        VMOV128 8, 0x0123456789abcdef, 0xfedcba9876543210
        VMOV128 9, 0x1111111122222222, 0x3333333344444444
        fmov    x12, v8.d[1]
        fmov    x13, d8
        fmov    w14, s8
        MOV64   x15, 0xdeadbeefcafef00d
        fmov    v9.d[1], x15
        fmov    v10.d[1], xzr
        fmov    s11, w15
        fmov    d12, x15
        fmov    d13, d8
        fmov    s14, s9
        VMOV128 15, 0xaaaaaaaaaaaaaaaa, 0xbbbbbbbbbbbbbbbb
        fmov    v15.d[1], x13
        fmov    xzr, v15.d[1]
        VDUMPM  "fmov general", 0x0000ff00
        DUMPM   "fmov to general", 0xf000
        PROGRAM_EXIT 0
