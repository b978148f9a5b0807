/*
 * CPU-bound floating-point benchmark for the sel4ts AArch64 emulator: a Mandelbrot escape-count
 * sum (double multiply/add/compare), a small n-body integration (double sqrt and divide), a
 * single-precision polynomial and dot product (fused multiply-add, conversions) and Newton
 * square roots. Freestanding: no libc, raw syscalls; scalar FP only (no auto-vectorisation).
 *
 * Usage: fp-workload [N]   (problem size, default 64)
 * Prints the results' bit patterns in hex and exits 0.
 */
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

static void put(const char *s, long n) { sys3(64, 1, (long)s, n); }

static void put_u64(const char *label, long label_len, u64 v) {
    static const char digits[] = "0123456789abcdef";
    char buf[17];
    for (int i = 0; i < 16; i++) buf[i] = digits[(v >> (60 - 4 * i)) & 15];
    buf[16] = '\n';
    put(label, label_len);
    put(buf, 17);
}

/* Zeros come from memory: GCC would otherwise materialise 0.0 with MOVI (an AdvSIMD integer op). */
static volatile double zero_d = 0.0;
static volatile float zero_f = 0.0f;
static volatile float step_f = 0.0078125f;

static u64 bits_d(double d) { u64 v; __builtin_memcpy(&v, &d, 8); return v; }
static u64 bits_f(float f) { u32 v; __builtin_memcpy(&v, &f, 4); return v; }

static long mandelbrot(int n) {
    long total = 0;
    for (int y = 0; y < n; y++)
        for (int x = 0; x < n; x++) {
            double cr = -2.0 + 2.5 * x / n, ci = -1.25 + 2.5 * y / n;
            double zr = zero_d, zi = zero_d;
            int i = 0;
            while (i < 64 && zr * zr + zi * zi <= 4.0) {
                double t = zr * zr - zi * zi + cr;
                zi = 2 * zr * zi + ci;
                zr = t;
                i++;
            }
            total += i;
        }
    return total;
}

static double nbody(int steps) {
    double px[5] = {zero_d, 4.84, 8.34, 12.89, 15.37}, py[5] = {zero_d, -1.16, 4.12, -15.11, -25.91};
    double vx[5] = {zero_d, 0.606, -0.276, 0.296, 0.268}, vy[5] = {zero_d, 2.81, 1.82, 0.87, 0.59};
    double m[5] = {39.47, 0.037, 0.011, 0.0017, 0.002};
    for (int s = 0; s < steps; s++) {
        for (int i = 0; i < 5; i++)
            for (int j = i + 1; j < 5; j++) {
                double dx = px[i] - px[j], dy = py[i] - py[j];
                double d2 = dx * dx + dy * dy;
                double mag = 0.01 / (d2 * __builtin_sqrt(d2));
                vx[i] -= dx * m[j] * mag; vy[i] -= dy * m[j] * mag;
                vx[j] += dx * m[i] * mag; vy[j] += dy * m[i] * mag;
            }
        for (int i = 0; i < 5; i++) { px[i] += 0.01 * vx[i]; py[i] += 0.01 * vy[i]; }
    }
    double e = zero_d;
    for (int i = 0; i < 5; i++) e += 0.5 * m[i] * (vx[i] * vx[i] + vy[i] * vy[i]);
    return e;
}

static float poly_dot(int n) {
    static float a[256], b[256];
    float acc = zero_f, step = step_f;
    for (int r = 0; r < n; r++) {
        for (int i = 0; i < 256; i++) {
            float x = (float)(i + r) * step - 1.0f;
            a[i] = ((0.25f * x - 0.5f) * x + 0.75f) * x - 1.0f;
            b[i] = (float)(i ^ r) / 256.0f;
        }
        for (int i = 0; i < 256; i++) acc += a[i] * b[i];
        acc *= 0.5f;
    }
    return acc;
}

static double newton(int n) {
    double sum = zero_d;
    for (int k = 1; k <= n * 64; k++) {
        double x = k, g = x / 2 + 1;
        for (int i = 0; i < 8; i++) g = 0.5 * (g + x / g);
        sum += g - (long)g;
    }
    return sum;
}

void fp_main(long *sp) __attribute__((noreturn, used));
void fp_main(long *sp) {
    long argc = sp[0];
    char **argv = (char **)(sp + 1);
    int n = 64;
    if (argc > 1) {
        n = 0;
        for (const char *p = argv[1]; *p >= '0' && *p <= '9'; p++) n = n * 10 + (*p - '0');
    }
    put_u64("mandelbrot ", 11, (u64)mandelbrot(n));
    put_u64("nbody ", 6, bits_d(nbody(n * 40)));
    put_u64("poly-dot ", 9, bits_f(poly_dot(n)));
    put_u64("newton ", 7, bits_d(newton(n)));
    sys3(94, 0, 0, 0);
    __builtin_unreachable();
}

__asm__(".globl _start\n_start:\n    mov x0, sp\n    b fp_main\n");
