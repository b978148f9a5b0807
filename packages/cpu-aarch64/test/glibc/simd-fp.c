/*
 * A static glibc program exercising what -O3 -march=armv8-a+crc+crypto makes of ordinary C and
 * of <arm_neon.h>/<arm_acle.h>: auto-vectorised loops, NEON intrinsics, <fenv.h> rounding modes
 * and exception flags, strtod and printf("%a"), libm, AES/SHA/PMULL/CRC intrinsics, and the
 * string functions on unaligned buffers. Every result is printed; the output must be
 * byte-identical to qemu-aarch64's (golden/simd-fp.out).
 */
#include <arm_acle.h>
#include <arm_neon.h>
#include <fenv.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>



static uint32_t rng = 0x12345678;
static uint32_t next(void) {
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

#define N 1027
static int32_t ia[N], ib[N], ic[N];
static int16_t sa[N], sb[N];
static uint8_t ua[N + 64], ub[N + 64];
static float fa[N], fb[N];
static double da[N], db[N];

/* Keep the compiler from folding the inputs away. */
static volatile double vone = 1.0, vthree = 3.0, vzero = 0.0, vtiny = 1e-310, vhuge = 1e308;

static void vectorised(void) {
    for (int i = 0; i < N; i++) {
        ia[i] = (int32_t)next();
        ib[i] = (int32_t)next() >> 7;
        sa[i] = (int16_t)next();
        sb[i] = (int16_t)next();
        ua[i] = (uint8_t)next();
        ub[i] = (uint8_t)next();
        fa[i] = (float)(int32_t)next() / 65536.0f;
        fb[i] = (float)(next() & 0xffff) / 256.0f;
        da[i] = (double)(int32_t)next() / 3.0;
        db[i] = (double)next() * 1e-7;
    }
    int64_t s64 = 0;
    uint32_t x = 0;
    for (int i = 0; i < N; i++) {
        ic[i] = ia[i] * 3 + (ib[i] >> 2) - (ia[i] ^ ib[i]);
        s64 += (int64_t)ia[i] * ib[i];
        x ^= (uint32_t)ic[i];
    }
    printf("int32 loop: sum %lld xor %08x c[5] %d\n", (long long)s64, x, ic[5]);
    int32_t smax = -32768, smin = 32767, sabs = 0;
    for (int i = 0; i < N; i++) {
        int32_t t = sa[i] + sb[i];
        t = t > 32767 ? 32767 : t < -32768 ? -32768 : t;
        sa[i] = (int16_t)t;
        smax = t > smax ? t : smax;
        smin = t < smin ? t : smin;
        sabs += abs(sa[i] - sb[i]);
    }
    printf("int16 saturate: max %d min %d sad %d\n", smax, smin, sabs);
    uint32_t hist[8] = {0}, usum = 0;
    for (int i = 0; i < N; i++) {
        uint8_t m = ua[i] > ub[i] ? ua[i] : ub[i];
        usum += (uint32_t)(ua[i] + ub[i] + 1) >> 1;
        hist[m >> 5]++;
    }
    printf("uint8: avg-sum %u hist %u %u %u %u %u %u %u %u\n", usum, hist[0], hist[1], hist[2], hist[3], hist[4], hist[5], hist[6], hist[7]);
    float fdot = 0, fmaxv = -INFINITY;
    for (int i = 0; i < N; i++) {
        fdot += fa[i] * fb[i];
        fmaxv = fmaxf(fmaxv, fa[i] - fb[i]);
    }
    double ddot = 0, dsq = 0;
    for (int i = 0; i < N; i++) {
        ddot = fma(da[i], db[i], ddot);
        dsq += sqrt(fabs(da[i])) / (1.0 + db[i]);
    }
    printf("float dot %a max %a; double dot %a sqrt-sum %.17g\n", fdot, fmaxv, ddot, dsq);
    long conv = 0;
    for (int i = 0; i < N; i++) conv += (long)fa[i] + lrint(db[i]) + (long)(uint32_t)fb[i];
    printf("conversions %ld\n", conv);
}

static void print_u8x16(const char *label, uint8x16_t v) {
    uint8_t b[16];
    vst1q_u8(b, v);
    printf("%s", label);
    for (int i = 0; i < 16; i++) printf("%02x", b[i]);
    printf("\n");
}

static void intrinsics(void) {
    uint8_t buf[64];
    for (int i = 0; i < 64; i++) buf[i] = (uint8_t)(next() >> 3);
    uint8x16_t a = vld1q_u8(buf), b = vld1q_u8(buf + 16);
    print_u8x16("vqaddq_u8 ", vqaddq_u8(a, b));
    print_u8x16("vabdq_u8  ", vabdq_u8(a, b));
    print_u8x16("vqtbl2q   ", vqtbl2q_u8((uint8x16x2_t){{a, b}}, vandq_u8(b, vdupq_n_u8(0x3f))));
    print_u8x16("vzip1q    ", vzip1q_u8(a, b));
    print_u8x16("vuzp2q    ", vuzp2q_u8(a, b));
    print_u8x16("vextq #5  ", vextq_u8(a, b, 5));
    print_u8x16("vrev64q   ", vrev64q_u8(a));
    print_u8x16("vcntq     ", vcntq_u8(a));
    uint8x16x3_t t3 = vld3q_u8(buf);
    print_u8x16("vld3q[1]  ", t3.val[1]);
    uint8_t out[64];
    vst4q_u8(out, (uint8x16x4_t){{a, b, t3.val[0], t3.val[2]}});
    print_u8x16("vst4q     ", vld1q_u8(out + 16));
    int16x8_t h = vreinterpretq_s16_u8(a), k = vreinterpretq_s16_u8(b);
    int16x8_t qd = vqrdmulhq_s16(h, k);
    int32x4_t wide = vmull_high_s16(h, k);
    printf("vqrdmulhq %d %d; vmull_high %d %d; vaddvq %d; vmaxvq %u\n", vgetq_lane_s16(qd, 0), vgetq_lane_s16(qd, 7),
           vgetq_lane_s32(wide, 0), vgetq_lane_s32(wide, 3), vaddvq_s16(h), vmaxvq_u8(a));
    float32x4_t f = {1.5f, -2.25f, 1e-3f, 12345.678f}, g = {0.1f, 3.0f, -7.5f, 2.0f};
    float32x4_t fm = vfmaq_f32(f, f, g);
    float32x4_t r = vrecpeq_f32(g);
    r = vmulq_f32(r, vrecpsq_f32(g, r));
    float32x4_t rs = vrsqrteq_f32(vabsq_f32(g));
    int32x4_t ci = vcvtnq_s32_f32(vmulq_n_f32(f, 3.7f));
    printf("vfmaq %a %a %a %a\n", vgetq_lane_f32(fm, 0), vgetq_lane_f32(fm, 1), vgetq_lane_f32(fm, 2), vgetq_lane_f32(fm, 3));
    printf("vrecpe+s %a %a %a %a\n", vgetq_lane_f32(r, 0), vgetq_lane_f32(r, 1), vgetq_lane_f32(r, 2), vgetq_lane_f32(r, 3));
    printf("vrsqrte %a %a %a %a\n", vgetq_lane_f32(rs, 0), vgetq_lane_f32(rs, 1), vgetq_lane_f32(rs, 2), vgetq_lane_f32(rs, 3));
    printf("vcvtnq %d %d %d %d; vpmaxq %a\n", vgetq_lane_s32(ci, 0), vgetq_lane_s32(ci, 1), vgetq_lane_s32(ci, 2), vgetq_lane_s32(ci, 3),
           vmaxvq_f32(vpmaxq_f32(f, g)));
    float64x2_t d2 = {M_PI, -M_E};
    float64x2_t sq = vsqrtq_f64(vabsq_f64(d2));
    printf("vsqrtq_f64 %a %a; vrndmq %a; vcvtq_u64 %llu\n", vgetq_lane_f64(sq, 0), vgetq_lane_f64(sq, 1),
           vgetq_lane_f64(vrndmq_f64(d2), 1), (unsigned long long)vgetq_lane_u64(vcvtq_u64_f64(vmulq_n_f64(d2, 1e10)), 0));
}

static void crypto(void) {
    uint8_t key[16], blk[16];
    for (int i = 0; i < 16; i++) key[i] = (uint8_t)(i * 17 + 3), blk[i] = (uint8_t)(i * 29 + 7);
    uint8x16_t st = vld1q_u8(blk), k = vld1q_u8(key);
    for (int round = 0; round < 9; round++) st = vaesmcq_u8(vaeseq_u8(st, k));
    st = vaeseq_u8(st, k);
    print_u8x16("aes enc   ", st);
    for (int round = 0; round < 9; round++) st = vaesimcq_u8(vaesdq_u8(st, k));
    print_u8x16("aes dec   ", vaesdq_u8(st, k));
    uint32x4_t abcd = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
    uint32x4_t w0 = {1, 2, 3, 4}, w1 = {5, 6, 7, 8}, w2 = {9, 10, 11, 12}, w3 = {13, 14, 15, 16};
    uint32_t e = 0xc3d2e1f0;
    uint32x4_t c = vsha1cq_u32(abcd, e, w0);
    uint32x4_t p = vsha1pq_u32(c, vsha1h_u32(e), w1);
    uint32x4_t m = vsha1mq_u32(p, e, vsha1su1q_u32(vsha1su0q_u32(w0, w1, w2), w3));
    printf("sha1 %08x %08x %08x %08x h %08x\n", vgetq_lane_u32(m, 0), vgetq_lane_u32(m, 1), vgetq_lane_u32(m, 2), vgetq_lane_u32(m, 3), vsha1h_u32(e));
    uint32x4_t h0 = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a}, h1 = {0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    uint32x4_t n0 = vsha256hq_u32(h0, h1, w0), n1 = vsha256h2q_u32(h1, h0, w0);
    uint32x4_t s = vsha256su1q_u32(vsha256su0q_u32(w0, w1), w2, w3);
    printf("sha256 %08x %08x %08x %08x su %08x %08x\n", vgetq_lane_u32(n0, 0), vgetq_lane_u32(n0, 3), vgetq_lane_u32(n1, 1), vgetq_lane_u32(n1, 2),
           vgetq_lane_u32(s, 0), vgetq_lane_u32(s, 3));
    poly128_t pm = vmull_p64(0x87654321fedcba98ull, 0x0123456789abcdefull);
    poly16x8_t p8 = vmull_p8(vcreate_p8(0x0102040810204080ull), vcreate_p8(0xfffefdfcfbfaf9f8ull));
    printf("pmull %016llx%016llx pmull8 %04x %04x\n", (unsigned long long)(pm >> 64), (unsigned long long)pm, vgetq_lane_p16(p8, 0), vgetq_lane_p16(p8, 7));
    uint32_t crc = 0xffffffff, crcc = 0xffffffff;
    for (int i = 0; i < N; i++) crc = __crc32b(crc, ua[i]), crcc = __crc32cb(crcc, ua[i]);
    crc = __crc32h(crc, 0xbeef);
    crc = __crc32w(crc, 0xdeadbeef);
    crc = __crc32d(crc, 0x0123456789abcdefull);
    crcc = __crc32cd(__crc32cw(__crc32ch(crcc, 0x1234), 0x56789abc), 0xfedcba9876543210ull);
    printf("crc32 %08x crc32c %08x\n", ~crc, ~crcc);
}

static const int MODES[4] = {FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO};
static const char *const MODE_NAMES[4] = {"nearest", "upward", "downward", "towardzero"};

static void flags(const char *what) {
    int f = fetestexcept(FE_ALL_EXCEPT);
    printf("  %-12s%s%s%s%s%s\n", what, f & FE_INVALID ? " invalid" : "", f & FE_DIVBYZERO ? " divbyzero" : "",
           f & FE_OVERFLOW ? " overflow" : "", f & FE_UNDERFLOW ? " underflow" : "", f & FE_INEXACT ? " inexact" : "");
    feclearexcept(FE_ALL_EXCEPT);
}

static void fenv(void) {
    for (int m = 0; m < 4; m++) {
        fesetround(MODES[m]);
        volatile double third = vone / vthree;
        volatile float thirdf = (float)vone / (float)vthree;
        printf("%s: 1/3 %a %a sqrt2 %a rint(2.5) %g rint(-2.5) %g lrint(3.5) %ld nearbyint(-0.5) %g cast %a fma %a\n", MODE_NAMES[m],
               third, (double)thirdf, sqrt(2.0 * vone), rint(2.5 * vone), rint(-2.5 * vone), lrint(3.5 * vone), nearbyint(-0.5 * vone),
               (double)(float)(vone / 3.0), fma(third, vthree, -vone));
        printf("  %.20g %.10e %f\n", third * 1e10, third, -third);
    }
    fesetround(FE_TONEAREST);
    feclearexcept(FE_ALL_EXCEPT);
    volatile double r;
    r = vone / vzero; flags("1/0");
    r = vzero / vzero; flags("0/0");
    r = vhuge * 10.0; flags("huge*10");
    r = vtiny / 1e10; flags("tiny/1e10");
    r = vone / vthree; flags("1/3");
    r = sqrt(-vone); flags("sqrt(-1)");
    r = (double)(int)(vhuge * 0 + 3.0); flags("exact");
    volatile float rf = (float)vhuge; flags("(float)huge");
    volatile long li = (long)(vhuge); flags("(long)huge");
    printf("  values %a %a %ld\n", r, (double)rf, li);
}

static void strings_and_numbers(void) {
    static const char *const inputs[] = {"0.1", "1e-320", "-0", "nan", "-inf", "0x1.fffffffffffffp1023", "1.7976931348623159e308",
                                         "2.2250738585072011e-308", "4.9406564584124654e-324", "123456789012345678901234567890", "3.14159265358979323846",
                                         "  +12.5e-3xyz", "0x1p-1074", "1e400"};
    for (unsigned i = 0; i < sizeof inputs / sizeof *inputs; i++) {
        char *end;
        double d = strtod(inputs[i], &end);
        float f = strtof(inputs[i], NULL);
        printf("strtod(\"%s\") = %a %.17g %g [%td] f=%a\n", inputs[i], d, d, d, end - inputs[i], (double)f);
    }
    printf("%.3e %.0f %10.4f|%-10.2e|%+g %G %a %A\n", 6.02214076e23, 0.5, -1.0 / 7, 1e-5, 1e100, 1e-100, 1.0, -0.1);
    printf("libm: %a %a %a %a %a %a %a\n", sin(1.0 * vone), cos(1e6 * vone), exp(-3.5 * vone), log(10.0 * vone), pow(2.5 * vone, 3.7), atan2(vone, -vthree), tanh(0.3 * vone));
    printf("libm f: %a %a %a %a\n", (double)sinf(1.0f * (float)vone), (double)expf(10.0f * (float)vone), (double)logf(3.0f * (float)vone), (double)powf(1.5f, 2.5f * (float)vone));
}

static int cmp_int(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static void memory(void) {
    static char big[4096 + 64];
    for (int i = 0; i < 4096 + 64; i++) big[i] = (char)('a' + next() % 26);
    uint32_t h = 0;
    for (int off = 0; off < 16; off++) {
        big[1000 + off + off * 37] = 0;
        h = h * 31 + (uint32_t)strlen(big + off);
        h = h * 31 + (uint32_t)(strchr(big + off, 'q') - (big + off));
        memcpy(big + 2048 + off, big + 3 * off + 1, 100 + off * 13);
        memmove(big + 5 + off, big + 7 + 2 * off, 300);
        memset(big + 3000 + off, 'A' + off, 33 + off);
        h = h * 31 + (uint32_t)memcmp(big + off, big + 2048 + off, 200);
        h = h * 31 + (uint32_t)strcmp(big + 17 + off, big + 2000 + off);
        h = h * 31 + (uint32_t)(uintptr_t)(memchr(big + off, 'z', 2000) ? (char *)memchr(big + off, 'z', 2000) - big : -1);
        h = h * 31 + (uint32_t)strncmp(big + off, big + off + 1, 50);
    }
    printf("string functions hash %08x\n", h);
    static int arr[2001];
    for (int i = 0; i < 2001; i++) arr[i] = (int)(next() % 100000) - 50000;
    qsort(arr, 2001, sizeof arr[0], cmp_int);
    long s = 0;
    for (int i = 0; i < 2001; i += 100) s = s * 7 + arr[i];
    printf("qsort: %d %d %d checksum %ld\n", arr[0], arr[1000], arr[2000], s);
    char num[64];
    snprintf(num, sizeof num, "%lld|%llx|%.5Lf", -1234567890123456789LL, 0xfedcba9876543210ULL, (long double)1 / 3);
    printf("snprintf %s; strtol %ld; strtoull %llu; atof %a\n", num, strtol("-0x7fffffff", NULL, 0), strtoull("18446744073709551615", NULL, 10), atof("1e-5"));
}

int main(void) {
    vectorised();
    intrinsics();
    crypto();
    fenv();
    strings_and_numbers();
    memory();
    return 0;
}
