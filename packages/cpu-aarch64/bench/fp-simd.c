/*
 * FP-heavy and SIMD-heavy benchmark workloads for the sel4ts AArch64 emulator. Freestanding: no
 * libc, raw syscalls.
 *
 * Usage: fp-simd fp N     double-precision Mandelbrot over an N x N grid (256 iterations max)
 *                         and an N/4 x N/4 single-precision matrix product, scalar FP code;
 *        fp-simd simd KIB  AdvSIMD intrinsics over a KIB KiB buffer: ld4/st4 transposes, table
 *                         lookups, saturating and widening arithmetic, absolute differences,
 *                         across-lane reductions, permutes.
 * Prints checksums in hex and exits 0.
 */
#include <arm_neon.h>

typedef unsigned char u8;
typedef unsigned int u32;
typedef unsigned long u64;

static long sys3(long n, long a, long b, long c) {
    register long x8 __asm__("x8") = n;
    register long x0 __asm__("x0") = a;
    register long x1 __asm__("x1") = b;
    register long x2 __asm__("x2") = c;
    __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2) : "memory");
    return x0;
}

static long sys6(long n, long a, long b, long c, long d, long e, long f) {
    register long x8 __asm__("x8") = n;
    register long x0 __asm__("x0") = a;
    register long x1 __asm__("x1") = b;
    register long x2 __asm__("x2") = c;
    register long x3 __asm__("x3") = d;
    register long x4 __asm__("x4") = e;
    register long x5 __asm__("x5") = f;
    __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5) : "memory");
    return x0;
}

static void put_u64(const char *label, long label_len, u64 v) {
    static const char digits[] = "0123456789abcdef";
    char line[64];
    long n = 0;
    for (long i = 0; i < label_len; i++) line[n++] = label[i];
    for (int i = 60; i >= 0; i -= 4) line[n++] = digits[(v >> i) & 15];
    line[n++] = '\n';
    sys3(64, 1, (long)line, n);
}

static u64 parse(const char *s) {
    u64 v = 0;
    while (*s >= '0' && *s <= '9') v = v * 10 + (u64)(*s++ - '0');
    return v;
}

static u64 bits(double d) {
    union { double d; u64 u; } c = {d};
    return c.u;
}

static void fp(u64 n) {
    u64 total = 0;
    double sum = 0;
    for (u64 py = 0; py < n; py++) {
        for (u64 px = 0; px < n; px++) {
            double cr = -2.0 + 2.5 * (double)px / (double)n, ci = -1.25 + 2.5 * (double)py / (double)n;
            double zr = 0, zi = 0;
            int it = 0;
            while (it < 256 && zr * zr + zi * zi <= 4.0) {
                double t = zr * zr - zi * zi + cr;
                zi = 2.0 * zr * zi + ci;
                zr = t;
                it++;
            }
            total += (u64)it;
            sum += zr / (1.0 + zi * zi);
        }
    }
    put_u64("mandelbrot-iterations ", 22, total);
    put_u64("mandelbrot-sum ", 15, bits(sum));
    u64 m = n / 4;
    static float a[128 * 128], b[128 * 128], c[128 * 128];
    if (m > 128) m = 128;
    for (u64 i = 0; i < m * m; i++) {
        a[i] = (float)(i % 17) * 0.25f - 1.5f;
        b[i] = (float)(i % 13) / 7.0f;
    }
    for (u64 i = 0; i < m; i++)
        for (u64 j = 0; j < m; j++) {
            float s = 0;
            for (u64 k = 0; k < m; k++) s += a[i * m + k] * b[k * m + j];
            c[i * m + j] = s;
        }
    double trace = 0;
    for (u64 i = 0; i < m; i++) trace += (double)c[i * m + i] / (1.0 + (double)i);
    put_u64("matmul-trace ", 13, bits(trace));
}

static void simd(u64 kib) {
    u64 len = kib * 1024;
    u8 *data = (u8 *)sys6(222, 0, (long)(2 * len) + 4096, 3, 0x22, -1, 0);
    u8 *out = data + len;
    u32 x = 0x12345678u;
    for (u64 i = 0; i < len; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        data[i] = (u8)(x >> 11);
    }
    uint8x16_t lut0 = vld1q_u8(data), lut1 = vld1q_u8(data + 16);
    uint32x4_t acc = vdupq_n_u32(0);
    uint16x8_t sad = vdupq_n_u16(0);
    for (int pass = 0; pass < 4; pass++) {
        for (u64 i = 0; i + 64 <= len; i += 64) {
            uint8x16x4_t v = vld4q_u8(data + i);
            uint8x16_t t0 = vqtbl2q_u8((uint8x16x2_t){{lut0, lut1}}, vandq_u8(v.val[0], vdupq_n_u8(31)));
            uint8x16_t s1 = vqaddq_u8(v.val[1], v.val[2]);
            uint8x16_t d = vabdq_u8(v.val[3], t0);
            sad = vpadalq_u8(sad, d);
            uint16x8_t w = vmull_u8(vget_low_u8(s1), vget_high_u8(v.val[0]));
            acc = vpadalq_u16(acc, w);
            uint8x16_t z = vzip1q_u8(s1, d);
            v.val[0] = vextq_u8(z, t0, 3);
            v.val[1] = vrev32q_u8(s1);
            v.val[2] = vuzp2q_u8(d, z);
            v.val[3] = vmaxq_u8(v.val[3], vshrq_n_u8(z, 1));
            vst4q_u8(out + i, v);
        }
        u8 *t = data;
        data = out;
        out = t;
    }
    u64 h = (u64)vaddvq_u32(acc) << 32 | vaddlvq_u16(sad);
    uint64x2_t hv = vdupq_n_u64(0);
    for (u64 i = 0; i + 16 <= len; i += 16) hv = veorq_u64(vreinterpretq_u64_u8(vld1q_u8(data + i)), vshlq_n_u64(hv, 1));
    put_u64("simd-acc ", 9, h);
    put_u64("simd-hash ", 10, vgetq_lane_u64(hv, 0) ^ vgetq_lane_u64(hv, 1));
}

void fp_simd_main(long *sp) {
    long argc = sp[0];
    char **argv = (char **)(sp + 1);
    u64 size = argc > 2 ? parse(argv[2]) : 64;
    if (argc > 1 && argv[1][0] == 's') simd(size);
    else fp(size);
    sys3(94, 0, 0, 0);
}

__asm__(".globl _start\n_start:\n    mov x0, sp\n    b fp_simd_main\n");
