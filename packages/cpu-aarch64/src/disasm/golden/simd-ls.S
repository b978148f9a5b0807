// SIMD&FP loads and stores (a64-simd-table.ts): every size, addressing mode and edge offset.
.text
    ldr b0, [x0]
    ldr b0, [x0, #1]
    ldr b0, [x0, #4095]
    ldr b0, [x0, #-256]!
    ldr b0, [x0, #255]!
    ldr b0, [x0], #-1
    ldr b0, [x0], #17
    ldur b0, [x0, #-3]
    ldur b0, [x0, #255]
    ldur b0, [x0]
    ldr b0, [x0, w2, uxtw]
    ldr b0, [x0, w2, uxtw #0]
    ldr b0, [x0, w2, sxtw]
    ldr b0, [x0, w2, sxtw #0]
    ldr b0, [x0, x2, sxtx]
    ldr b0, [x0, x2, sxtx #0]
    ldr b0, [x0, x3]
    ldr b0, [x0, x3, lsl #0]
    ldr b0, [x0, xzr, lsl #0]
    str b0, [x0]
    str b0, [x0, #1]
    str b0, [x0, #4095]
    str b0, [x0, #-256]!
    str b0, [x0, #255]!
    str b0, [x0], #-1
    str b0, [x0], #17
    stur b0, [x0, #-3]
    stur b0, [x0, #255]
    stur b0, [x0]
    str b0, [x0, w2, uxtw]
    str b0, [x0, w2, uxtw #0]
    str b0, [x0, w2, sxtw]
    str b0, [x0, w2, sxtw #0]
    str b0, [x0, x2, sxtx]
    str b0, [x0, x2, sxtx #0]
    str b0, [x0, x3]
    str b0, [x0, x3, lsl #0]
    str b0, [x0, xzr, lsl #0]
    ldr b31, [sp]
    ldr b31, [sp, #1]
    ldr b31, [sp, #4095]
    ldr b31, [sp, #-256]!
    ldr b31, [sp, #255]!
    ldr b31, [sp], #-1
    ldr b31, [sp], #17
    ldur b31, [sp, #-3]
    ldur b31, [sp, #255]
    ldur b31, [sp]
    ldr b31, [sp, w2, uxtw]
    ldr b31, [sp, w2, uxtw #0]
    ldr b31, [sp, w2, sxtw]
    ldr b31, [sp, w2, sxtw #0]
    ldr b31, [sp, x2, sxtx]
    ldr b31, [sp, x2, sxtx #0]
    ldr b31, [sp, x3]
    ldr b31, [sp, x3, lsl #0]
    ldr b31, [sp, xzr, lsl #0]
    str b31, [sp]
    str b31, [sp, #1]
    str b31, [sp, #4095]
    str b31, [sp, #-256]!
    str b31, [sp, #255]!
    str b31, [sp], #-1
    str b31, [sp], #17
    stur b31, [sp, #-3]
    stur b31, [sp, #255]
    stur b31, [sp]
    str b31, [sp, w2, uxtw]
    str b31, [sp, w2, uxtw #0]
    str b31, [sp, w2, sxtw]
    str b31, [sp, w2, sxtw #0]
    str b31, [sp, x2, sxtx]
    str b31, [sp, x2, sxtx #0]
    str b31, [sp, x3]
    str b31, [sp, x3, lsl #0]
    str b31, [sp, xzr, lsl #0]
    ldr b7, [x30]
    ldr b7, [x30, #1]
    ldr b7, [x30, #4095]
    ldr b7, [x30, #-256]!
    ldr b7, [x30, #255]!
    ldr b7, [x30], #-1
    ldr b7, [x30], #17
    ldur b7, [x30, #-3]
    ldur b7, [x30, #255]
    ldur b7, [x30]
    ldr b7, [x30, w2, uxtw]
    ldr b7, [x30, w2, uxtw #0]
    ldr b7, [x30, w2, sxtw]
    ldr b7, [x30, w2, sxtw #0]
    ldr b7, [x30, x2, sxtx]
    ldr b7, [x30, x2, sxtx #0]
    ldr b7, [x30, x3]
    ldr b7, [x30, x3, lsl #0]
    ldr b7, [x30, xzr, lsl #0]
    str b7, [x30]
    str b7, [x30, #1]
    str b7, [x30, #4095]
    str b7, [x30, #-256]!
    str b7, [x30, #255]!
    str b7, [x30], #-1
    str b7, [x30], #17
    stur b7, [x30, #-3]
    stur b7, [x30, #255]
    stur b7, [x30]
    str b7, [x30, w2, uxtw]
    str b7, [x30, w2, uxtw #0]
    str b7, [x30, w2, sxtw]
    str b7, [x30, w2, sxtw #0]
    str b7, [x30, x2, sxtx]
    str b7, [x30, x2, sxtx #0]
    str b7, [x30, x3]
    str b7, [x30, x3, lsl #0]
    str b7, [x30, xzr, lsl #0]
    ldr h0, [x0]
    ldr h0, [x0, #2]
    ldr h0, [x0, #8190]
    ldr h0, [x0, #-256]!
    ldr h0, [x0, #255]!
    ldr h0, [x0], #-1
    ldr h0, [x0], #17
    ldur h0, [x0, #-3]
    ldur h0, [x0, #255]
    ldur h0, [x0]
    ldr h0, [x0, w2, uxtw]
    ldr h0, [x0, w2, uxtw #1]
    ldr h0, [x0, w2, sxtw]
    ldr h0, [x0, w2, sxtw #1]
    ldr h0, [x0, x2, sxtx]
    ldr h0, [x0, x2, sxtx #1]
    ldr h0, [x0, x3]
    ldr h0, [x0, x3, lsl #1]
    ldr h0, [x0, xzr, lsl #1]
    str h0, [x0]
    str h0, [x0, #2]
    str h0, [x0, #8190]
    str h0, [x0, #-256]!
    str h0, [x0, #255]!
    str h0, [x0], #-1
    str h0, [x0], #17
    stur h0, [x0, #-3]
    stur h0, [x0, #255]
    stur h0, [x0]
    str h0, [x0, w2, uxtw]
    str h0, [x0, w2, uxtw #1]
    str h0, [x0, w2, sxtw]
    str h0, [x0, w2, sxtw #1]
    str h0, [x0, x2, sxtx]
    str h0, [x0, x2, sxtx #1]
    str h0, [x0, x3]
    str h0, [x0, x3, lsl #1]
    str h0, [x0, xzr, lsl #1]
    ldr h31, [sp]
    ldr h31, [sp, #2]
    ldr h31, [sp, #8190]
    ldr h31, [sp, #-256]!
    ldr h31, [sp, #255]!
    ldr h31, [sp], #-1
    ldr h31, [sp], #17
    ldur h31, [sp, #-3]
    ldur h31, [sp, #255]
    ldur h31, [sp]
    ldr h31, [sp, w2, uxtw]
    ldr h31, [sp, w2, uxtw #1]
    ldr h31, [sp, w2, sxtw]
    ldr h31, [sp, w2, sxtw #1]
    ldr h31, [sp, x2, sxtx]
    ldr h31, [sp, x2, sxtx #1]
    ldr h31, [sp, x3]
    ldr h31, [sp, x3, lsl #1]
    ldr h31, [sp, xzr, lsl #1]
    str h31, [sp]
    str h31, [sp, #2]
    str h31, [sp, #8190]
    str h31, [sp, #-256]!
    str h31, [sp, #255]!
    str h31, [sp], #-1
    str h31, [sp], #17
    stur h31, [sp, #-3]
    stur h31, [sp, #255]
    stur h31, [sp]
    str h31, [sp, w2, uxtw]
    str h31, [sp, w2, uxtw #1]
    str h31, [sp, w2, sxtw]
    str h31, [sp, w2, sxtw #1]
    str h31, [sp, x2, sxtx]
    str h31, [sp, x2, sxtx #1]
    str h31, [sp, x3]
    str h31, [sp, x3, lsl #1]
    str h31, [sp, xzr, lsl #1]
    ldr h7, [x30]
    ldr h7, [x30, #2]
    ldr h7, [x30, #8190]
    ldr h7, [x30, #-256]!
    ldr h7, [x30, #255]!
    ldr h7, [x30], #-1
    ldr h7, [x30], #17
    ldur h7, [x30, #-3]
    ldur h7, [x30, #255]
    ldur h7, [x30]
    ldr h7, [x30, w2, uxtw]
    ldr h7, [x30, w2, uxtw #1]
    ldr h7, [x30, w2, sxtw]
    ldr h7, [x30, w2, sxtw #1]
    ldr h7, [x30, x2, sxtx]
    ldr h7, [x30, x2, sxtx #1]
    ldr h7, [x30, x3]
    ldr h7, [x30, x3, lsl #1]
    ldr h7, [x30, xzr, lsl #1]
    str h7, [x30]
    str h7, [x30, #2]
    str h7, [x30, #8190]
    str h7, [x30, #-256]!
    str h7, [x30, #255]!
    str h7, [x30], #-1
    str h7, [x30], #17
    stur h7, [x30, #-3]
    stur h7, [x30, #255]
    stur h7, [x30]
    str h7, [x30, w2, uxtw]
    str h7, [x30, w2, uxtw #1]
    str h7, [x30, w2, sxtw]
    str h7, [x30, w2, sxtw #1]
    str h7, [x30, x2, sxtx]
    str h7, [x30, x2, sxtx #1]
    str h7, [x30, x3]
    str h7, [x30, x3, lsl #1]
    str h7, [x30, xzr, lsl #1]
    ldr s0, [x0]
    ldr s0, [x0, #4]
    ldr s0, [x0, #16380]
    ldr s0, [x0, #-256]!
    ldr s0, [x0, #255]!
    ldr s0, [x0], #-1
    ldr s0, [x0], #17
    ldur s0, [x0, #-3]
    ldur s0, [x0, #255]
    ldur s0, [x0]
    ldr s0, [x0, w2, uxtw]
    ldr s0, [x0, w2, uxtw #2]
    ldr s0, [x0, w2, sxtw]
    ldr s0, [x0, w2, sxtw #2]
    ldr s0, [x0, x2, sxtx]
    ldr s0, [x0, x2, sxtx #2]
    ldr s0, [x0, x3]
    ldr s0, [x0, x3, lsl #2]
    ldr s0, [x0, xzr, lsl #2]
    str s0, [x0]
    str s0, [x0, #4]
    str s0, [x0, #16380]
    str s0, [x0, #-256]!
    str s0, [x0, #255]!
    str s0, [x0], #-1
    str s0, [x0], #17
    stur s0, [x0, #-3]
    stur s0, [x0, #255]
    stur s0, [x0]
    str s0, [x0, w2, uxtw]
    str s0, [x0, w2, uxtw #2]
    str s0, [x0, w2, sxtw]
    str s0, [x0, w2, sxtw #2]
    str s0, [x0, x2, sxtx]
    str s0, [x0, x2, sxtx #2]
    str s0, [x0, x3]
    str s0, [x0, x3, lsl #2]
    str s0, [x0, xzr, lsl #2]
    ldr s31, [sp]
    ldr s31, [sp, #4]
    ldr s31, [sp, #16380]
    ldr s31, [sp, #-256]!
    ldr s31, [sp, #255]!
    ldr s31, [sp], #-1
    ldr s31, [sp], #17
    ldur s31, [sp, #-3]
    ldur s31, [sp, #255]
    ldur s31, [sp]
    ldr s31, [sp, w2, uxtw]
    ldr s31, [sp, w2, uxtw #2]
    ldr s31, [sp, w2, sxtw]
    ldr s31, [sp, w2, sxtw #2]
    ldr s31, [sp, x2, sxtx]
    ldr s31, [sp, x2, sxtx #2]
    ldr s31, [sp, x3]
    ldr s31, [sp, x3, lsl #2]
    ldr s31, [sp, xzr, lsl #2]
    str s31, [sp]
    str s31, [sp, #4]
    str s31, [sp, #16380]
    str s31, [sp, #-256]!
    str s31, [sp, #255]!
    str s31, [sp], #-1
    str s31, [sp], #17
    stur s31, [sp, #-3]
    stur s31, [sp, #255]
    stur s31, [sp]
    str s31, [sp, w2, uxtw]
    str s31, [sp, w2, uxtw #2]
    str s31, [sp, w2, sxtw]
    str s31, [sp, w2, sxtw #2]
    str s31, [sp, x2, sxtx]
    str s31, [sp, x2, sxtx #2]
    str s31, [sp, x3]
    str s31, [sp, x3, lsl #2]
    str s31, [sp, xzr, lsl #2]
    ldr s7, [x30]
    ldr s7, [x30, #4]
    ldr s7, [x30, #16380]
    ldr s7, [x30, #-256]!
    ldr s7, [x30, #255]!
    ldr s7, [x30], #-1
    ldr s7, [x30], #17
    ldur s7, [x30, #-3]
    ldur s7, [x30, #255]
    ldur s7, [x30]
    ldr s7, [x30, w2, uxtw]
    ldr s7, [x30, w2, uxtw #2]
    ldr s7, [x30, w2, sxtw]
    ldr s7, [x30, w2, sxtw #2]
    ldr s7, [x30, x2, sxtx]
    ldr s7, [x30, x2, sxtx #2]
    ldr s7, [x30, x3]
    ldr s7, [x30, x3, lsl #2]
    ldr s7, [x30, xzr, lsl #2]
    str s7, [x30]
    str s7, [x30, #4]
    str s7, [x30, #16380]
    str s7, [x30, #-256]!
    str s7, [x30, #255]!
    str s7, [x30], #-1
    str s7, [x30], #17
    stur s7, [x30, #-3]
    stur s7, [x30, #255]
    stur s7, [x30]
    str s7, [x30, w2, uxtw]
    str s7, [x30, w2, uxtw #2]
    str s7, [x30, w2, sxtw]
    str s7, [x30, w2, sxtw #2]
    str s7, [x30, x2, sxtx]
    str s7, [x30, x2, sxtx #2]
    str s7, [x30, x3]
    str s7, [x30, x3, lsl #2]
    str s7, [x30, xzr, lsl #2]
    ldr d0, [x0]
    ldr d0, [x0, #8]
    ldr d0, [x0, #32760]
    ldr d0, [x0, #-256]!
    ldr d0, [x0, #255]!
    ldr d0, [x0], #-1
    ldr d0, [x0], #17
    ldur d0, [x0, #-3]
    ldur d0, [x0, #255]
    ldur d0, [x0]
    ldr d0, [x0, w2, uxtw]
    ldr d0, [x0, w2, uxtw #3]
    ldr d0, [x0, w2, sxtw]
    ldr d0, [x0, w2, sxtw #3]
    ldr d0, [x0, x2, sxtx]
    ldr d0, [x0, x2, sxtx #3]
    ldr d0, [x0, x3]
    ldr d0, [x0, x3, lsl #3]
    ldr d0, [x0, xzr, lsl #3]
    str d0, [x0]
    str d0, [x0, #8]
    str d0, [x0, #32760]
    str d0, [x0, #-256]!
    str d0, [x0, #255]!
    str d0, [x0], #-1
    str d0, [x0], #17
    stur d0, [x0, #-3]
    stur d0, [x0, #255]
    stur d0, [x0]
    str d0, [x0, w2, uxtw]
    str d0, [x0, w2, uxtw #3]
    str d0, [x0, w2, sxtw]
    str d0, [x0, w2, sxtw #3]
    str d0, [x0, x2, sxtx]
    str d0, [x0, x2, sxtx #3]
    str d0, [x0, x3]
    str d0, [x0, x3, lsl #3]
    str d0, [x0, xzr, lsl #3]
    ldr d31, [sp]
    ldr d31, [sp, #8]
    ldr d31, [sp, #32760]
    ldr d31, [sp, #-256]!
    ldr d31, [sp, #255]!
    ldr d31, [sp], #-1
    ldr d31, [sp], #17
    ldur d31, [sp, #-3]
    ldur d31, [sp, #255]
    ldur d31, [sp]
    ldr d31, [sp, w2, uxtw]
    ldr d31, [sp, w2, uxtw #3]
    ldr d31, [sp, w2, sxtw]
    ldr d31, [sp, w2, sxtw #3]
    ldr d31, [sp, x2, sxtx]
    ldr d31, [sp, x2, sxtx #3]
    ldr d31, [sp, x3]
    ldr d31, [sp, x3, lsl #3]
    ldr d31, [sp, xzr, lsl #3]
    str d31, [sp]
    str d31, [sp, #8]
    str d31, [sp, #32760]
    str d31, [sp, #-256]!
    str d31, [sp, #255]!
    str d31, [sp], #-1
    str d31, [sp], #17
    stur d31, [sp, #-3]
    stur d31, [sp, #255]
    stur d31, [sp]
    str d31, [sp, w2, uxtw]
    str d31, [sp, w2, uxtw #3]
    str d31, [sp, w2, sxtw]
    str d31, [sp, w2, sxtw #3]
    str d31, [sp, x2, sxtx]
    str d31, [sp, x2, sxtx #3]
    str d31, [sp, x3]
    str d31, [sp, x3, lsl #3]
    str d31, [sp, xzr, lsl #3]
    ldr d7, [x30]
    ldr d7, [x30, #8]
    ldr d7, [x30, #32760]
    ldr d7, [x30, #-256]!
    ldr d7, [x30, #255]!
    ldr d7, [x30], #-1
    ldr d7, [x30], #17
    ldur d7, [x30, #-3]
    ldur d7, [x30, #255]
    ldur d7, [x30]
    ldr d7, [x30, w2, uxtw]
    ldr d7, [x30, w2, uxtw #3]
    ldr d7, [x30, w2, sxtw]
    ldr d7, [x30, w2, sxtw #3]
    ldr d7, [x30, x2, sxtx]
    ldr d7, [x30, x2, sxtx #3]
    ldr d7, [x30, x3]
    ldr d7, [x30, x3, lsl #3]
    ldr d7, [x30, xzr, lsl #3]
    str d7, [x30]
    str d7, [x30, #8]
    str d7, [x30, #32760]
    str d7, [x30, #-256]!
    str d7, [x30, #255]!
    str d7, [x30], #-1
    str d7, [x30], #17
    stur d7, [x30, #-3]
    stur d7, [x30, #255]
    stur d7, [x30]
    str d7, [x30, w2, uxtw]
    str d7, [x30, w2, uxtw #3]
    str d7, [x30, w2, sxtw]
    str d7, [x30, w2, sxtw #3]
    str d7, [x30, x2, sxtx]
    str d7, [x30, x2, sxtx #3]
    str d7, [x30, x3]
    str d7, [x30, x3, lsl #3]
    str d7, [x30, xzr, lsl #3]
    ldr q0, [x0]
    ldr q0, [x0, #16]
    ldr q0, [x0, #65520]
    ldr q0, [x0, #-256]!
    ldr q0, [x0, #255]!
    ldr q0, [x0], #-1
    ldr q0, [x0], #17
    ldur q0, [x0, #-3]
    ldur q0, [x0, #255]
    ldur q0, [x0]
    ldr q0, [x0, w2, uxtw]
    ldr q0, [x0, w2, uxtw #4]
    ldr q0, [x0, w2, sxtw]
    ldr q0, [x0, w2, sxtw #4]
    ldr q0, [x0, x2, sxtx]
    ldr q0, [x0, x2, sxtx #4]
    ldr q0, [x0, x3]
    ldr q0, [x0, x3, lsl #4]
    ldr q0, [x0, xzr, lsl #4]
    str q0, [x0]
    str q0, [x0, #16]
    str q0, [x0, #65520]
    str q0, [x0, #-256]!
    str q0, [x0, #255]!
    str q0, [x0], #-1
    str q0, [x0], #17
    stur q0, [x0, #-3]
    stur q0, [x0, #255]
    stur q0, [x0]
    str q0, [x0, w2, uxtw]
    str q0, [x0, w2, uxtw #4]
    str q0, [x0, w2, sxtw]
    str q0, [x0, w2, sxtw #4]
    str q0, [x0, x2, sxtx]
    str q0, [x0, x2, sxtx #4]
    str q0, [x0, x3]
    str q0, [x0, x3, lsl #4]
    str q0, [x0, xzr, lsl #4]
    ldr q31, [sp]
    ldr q31, [sp, #16]
    ldr q31, [sp, #65520]
    ldr q31, [sp, #-256]!
    ldr q31, [sp, #255]!
    ldr q31, [sp], #-1
    ldr q31, [sp], #17
    ldur q31, [sp, #-3]
    ldur q31, [sp, #255]
    ldur q31, [sp]
    ldr q31, [sp, w2, uxtw]
    ldr q31, [sp, w2, uxtw #4]
    ldr q31, [sp, w2, sxtw]
    ldr q31, [sp, w2, sxtw #4]
    ldr q31, [sp, x2, sxtx]
    ldr q31, [sp, x2, sxtx #4]
    ldr q31, [sp, x3]
    ldr q31, [sp, x3, lsl #4]
    ldr q31, [sp, xzr, lsl #4]
    str q31, [sp]
    str q31, [sp, #16]
    str q31, [sp, #65520]
    str q31, [sp, #-256]!
    str q31, [sp, #255]!
    str q31, [sp], #-1
    str q31, [sp], #17
    stur q31, [sp, #-3]
    stur q31, [sp, #255]
    stur q31, [sp]
    str q31, [sp, w2, uxtw]
    str q31, [sp, w2, uxtw #4]
    str q31, [sp, w2, sxtw]
    str q31, [sp, w2, sxtw #4]
    str q31, [sp, x2, sxtx]
    str q31, [sp, x2, sxtx #4]
    str q31, [sp, x3]
    str q31, [sp, x3, lsl #4]
    str q31, [sp, xzr, lsl #4]
    ldr q7, [x30]
    ldr q7, [x30, #16]
    ldr q7, [x30, #65520]
    ldr q7, [x30, #-256]!
    ldr q7, [x30, #255]!
    ldr q7, [x30], #-1
    ldr q7, [x30], #17
    ldur q7, [x30, #-3]
    ldur q7, [x30, #255]
    ldur q7, [x30]
    ldr q7, [x30, w2, uxtw]
    ldr q7, [x30, w2, uxtw #4]
    ldr q7, [x30, w2, sxtw]
    ldr q7, [x30, w2, sxtw #4]
    ldr q7, [x30, x2, sxtx]
    ldr q7, [x30, x2, sxtx #4]
    ldr q7, [x30, x3]
    ldr q7, [x30, x3, lsl #4]
    ldr q7, [x30, xzr, lsl #4]
    str q7, [x30]
    str q7, [x30, #16]
    str q7, [x30, #65520]
    str q7, [x30, #-256]!
    str q7, [x30, #255]!
    str q7, [x30], #-1
    str q7, [x30], #17
    stur q7, [x30, #-3]
    stur q7, [x30, #255]
    stur q7, [x30]
    str q7, [x30, w2, uxtw]
    str q7, [x30, w2, uxtw #4]
    str q7, [x30, w2, sxtw]
    str q7, [x30, w2, sxtw #4]
    str q7, [x30, x2, sxtx]
    str q7, [x30, x2, sxtx #4]
    str q7, [x30, x3]
    str q7, [x30, x3, lsl #4]
    str q7, [x30, xzr, lsl #4]
    ldr s5, 1f
    ldr s6, .+1048572
    ldr s7, .-1048576
    ldr d5, 1f
    ldr d6, .+1048572
    ldr d7, .-1048576
    ldr q5, 1f
    ldr q6, .+1048572
    ldr q7, .-1048576
1:  nop
    ldp s0, s31, [x1, #0]
    ldp s9, s10, [sp, #0]
    ldp s0, s31, [x1, #4]
    ldp s9, s10, [sp, #4]
    ldp s0, s31, [x1, #252]
    ldp s9, s10, [sp, #252]
    ldp s0, s31, [x1, #-256]
    ldp s9, s10, [sp, #-256]
    ldp s1, s2, [x3, #20]!
    ldp s1, s2, [sp, #-256]!
    ldp s1, s2, [x3], #252
    ldp s1, s2, [x3], #-4
    stp s0, s31, [x1, #0]
    stp s9, s9, [sp, #0]
    stp s0, s31, [x1, #4]
    stp s9, s9, [sp, #4]
    stp s0, s31, [x1, #252]
    stp s9, s9, [sp, #252]
    stp s0, s31, [x1, #-256]
    stp s9, s9, [sp, #-256]
    stp s1, s2, [x3, #20]!
    stp s1, s2, [sp, #-256]!
    stp s1, s2, [x3], #252
    stp s1, s2, [x3], #-4
    ldnp s0, s31, [x1, #0]
    ldnp s9, s10, [sp, #0]
    ldnp s0, s31, [x1, #4]
    ldnp s9, s10, [sp, #4]
    ldnp s0, s31, [x1, #252]
    ldnp s9, s10, [sp, #252]
    ldnp s0, s31, [x1, #-256]
    ldnp s9, s10, [sp, #-256]
    stnp s0, s31, [x1, #0]
    stnp s9, s9, [sp, #0]
    stnp s0, s31, [x1, #4]
    stnp s9, s9, [sp, #4]
    stnp s0, s31, [x1, #252]
    stnp s9, s9, [sp, #252]
    stnp s0, s31, [x1, #-256]
    stnp s9, s9, [sp, #-256]
    ldp d0, d31, [x1, #0]
    ldp d9, d10, [sp, #0]
    ldp d0, d31, [x1, #8]
    ldp d9, d10, [sp, #8]
    ldp d0, d31, [x1, #504]
    ldp d9, d10, [sp, #504]
    ldp d0, d31, [x1, #-512]
    ldp d9, d10, [sp, #-512]
    ldp d1, d2, [x3, #40]!
    ldp d1, d2, [sp, #-512]!
    ldp d1, d2, [x3], #504
    ldp d1, d2, [x3], #-8
    stp d0, d31, [x1, #0]
    stp d9, d9, [sp, #0]
    stp d0, d31, [x1, #8]
    stp d9, d9, [sp, #8]
    stp d0, d31, [x1, #504]
    stp d9, d9, [sp, #504]
    stp d0, d31, [x1, #-512]
    stp d9, d9, [sp, #-512]
    stp d1, d2, [x3, #40]!
    stp d1, d2, [sp, #-512]!
    stp d1, d2, [x3], #504
    stp d1, d2, [x3], #-8
    ldnp d0, d31, [x1, #0]
    ldnp d9, d10, [sp, #0]
    ldnp d0, d31, [x1, #8]
    ldnp d9, d10, [sp, #8]
    ldnp d0, d31, [x1, #504]
    ldnp d9, d10, [sp, #504]
    ldnp d0, d31, [x1, #-512]
    ldnp d9, d10, [sp, #-512]
    stnp d0, d31, [x1, #0]
    stnp d9, d9, [sp, #0]
    stnp d0, d31, [x1, #8]
    stnp d9, d9, [sp, #8]
    stnp d0, d31, [x1, #504]
    stnp d9, d9, [sp, #504]
    stnp d0, d31, [x1, #-512]
    stnp d9, d9, [sp, #-512]
    ldp q0, q31, [x1, #0]
    ldp q9, q10, [sp, #0]
    ldp q0, q31, [x1, #16]
    ldp q9, q10, [sp, #16]
    ldp q0, q31, [x1, #1008]
    ldp q9, q10, [sp, #1008]
    ldp q0, q31, [x1, #-1024]
    ldp q9, q10, [sp, #-1024]
    ldp q1, q2, [x3, #80]!
    ldp q1, q2, [sp, #-1024]!
    ldp q1, q2, [x3], #1008
    ldp q1, q2, [x3], #-16
    stp q0, q31, [x1, #0]
    stp q9, q9, [sp, #0]
    stp q0, q31, [x1, #16]
    stp q9, q9, [sp, #16]
    stp q0, q31, [x1, #1008]
    stp q9, q9, [sp, #1008]
    stp q0, q31, [x1, #-1024]
    stp q9, q9, [sp, #-1024]
    stp q1, q2, [x3, #80]!
    stp q1, q2, [sp, #-1024]!
    stp q1, q2, [x3], #1008
    stp q1, q2, [x3], #-16
    ldnp q0, q31, [x1, #0]
    ldnp q9, q10, [sp, #0]
    ldnp q0, q31, [x1, #16]
    ldnp q9, q10, [sp, #16]
    ldnp q0, q31, [x1, #1008]
    ldnp q9, q10, [sp, #1008]
    ldnp q0, q31, [x1, #-1024]
    ldnp q9, q10, [sp, #-1024]
    stnp q0, q31, [x1, #0]
    stnp q9, q9, [sp, #0]
    stnp q0, q31, [x1, #16]
    stnp q9, q9, [sp, #16]
    stnp q0, q31, [x1, #1008]
    stnp q9, q9, [sp, #1008]
    stnp q0, q31, [x1, #-1024]
    stnp q9, q9, [sp, #-1024]
    .inst 0x3dc00000
    .inst 0x7cc00000
    .inst 0xfc800000
    .inst 0xdc000000
    .inst 0xed000000
    .inst 0xec400000
