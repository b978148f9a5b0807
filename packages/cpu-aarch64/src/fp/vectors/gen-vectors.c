/*
 * Writes soft-float test vectors: every line is
 *   <op> <fpcr> <operand>... <result> <fpsr>
 * in hex, where <result> is the instruction's output bits (or NZCV >> 28 for FCMP) and <fpsr> the
 * FPSR after executing it with FPSR cleared before. Run it under qemu-aarch64-static -cpu cortex-a53
 * (see README.md); the operand sweeps are seeded and deterministic.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef uint64_t u64;

static u64 rng_state = 0x9e3779b97f4a7c15ull;
static u64 rnd(void) {
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return rng_state * 0x2545f4914f6cdd1dull;
}

static inline void set_fpcr(u64 v) { __asm__ volatile("msr fpcr, %0" ::"r"(v)); }
static inline void clear_fpsr(void) { __asm__ volatile("msr fpsr, xzr"); }
static inline u64 get_fpsr(void) {
  u64 v;
  __asm__ volatile("mrs %0, fpsr" : "=r"(v));
  return v;
}

typedef u64 (*opfn)(u64, u64, u64);

/* Operands travel through general registers so that no bit of a NaN is touched on the way. */
#define IN_S "fmov s1, %w1\n\tfmov s2, %w2\n\tfmov s3, %w3\n\t"
#define IN_D "fmov d1, %x1\n\tfmov d2, %x2\n\tfmov d3, %x3\n\t"
#define CLOB "v0", "v1", "v2", "v3", "cc"
#define FP_S(name, text) \
  static u64 name(u64 a, u64 b, u64 c) { u64 r; __asm__ volatile(IN_S text "\n\tfmov %w0, s0" : "=r"(r) : "r"(a), "r"(b), "r"(c) : CLOB); return r; }
#define FP_D(name, text) \
  static u64 name(u64 a, u64 b, u64 c) { u64 r; __asm__ volatile(IN_D text "\n\tfmov %x0, d0" : "=r"(r) : "r"(a), "r"(b), "r"(c) : CLOB); return r; }
#define CMP_S(name, text) \
  static u64 name(u64 a, u64 b, u64 c) { u64 r; __asm__ volatile(IN_S text "\n\tmrs %0, nzcv" : "=r"(r) : "r"(a), "r"(b), "r"(c) : CLOB); return r >> 28; }
#define CMP_D(name, text) \
  static u64 name(u64 a, u64 b, u64 c) { u64 r; __asm__ volatile(IN_D text "\n\tmrs %0, nzcv" : "=r"(r) : "r"(a), "r"(b), "r"(c) : CLOB); return r >> 28; }
/* Double in, single out. */
#define FP_DS(name, text) \
  static u64 name(u64 a, u64 b, u64 c) { u64 r; __asm__ volatile(IN_D text "\n\tfmov %w0, s0" : "=r"(r) : "r"(a), "r"(b), "r"(c) : CLOB); return r; }
/* FP -> general register: the result is read from %0 directly. */
#define TOI_S(name, text) \
  static u64 name(u64 a, u64 b, u64 c) { u64 r; __asm__ volatile(IN_S text : "=&r"(r) : "r"(a), "r"(b), "r"(c) : CLOB); return r; }
#define TOI_D(name, text) \
  static u64 name(u64 a, u64 b, u64 c) { u64 r; __asm__ volatile(IN_D text : "=&r"(r) : "r"(a), "r"(b), "r"(c) : CLOB); return r; }
/* General register -> FP. */
#define FROMI_S(name, text) \
  static u64 name(u64 a, u64 b, u64 c) { u64 r; (void)b; (void)c; __asm__ volatile(text "\n\tfmov %w0, s0" : "=r"(r) : "r"(a) : CLOB); return r; }
#define FROMI_D(name, text) \
  static u64 name(u64 a, u64 b, u64 c) { u64 r; (void)b; (void)c; __asm__ volatile(text "\n\tfmov %x0, d0" : "=r"(r) : "r"(a) : CLOB); return r; }

#define BIN(op) FP_S(op##_s, #op " s0, s1, s2") FP_D(op##_d, #op " d0, d1, d2")
BIN(fadd) BIN(fsub) BIN(fmul) BIN(fdiv) BIN(fnmul) BIN(fmax) BIN(fmin) BIN(fmaxnm) BIN(fminnm)
BIN(fmulx) BIN(frecps) BIN(frsqrts) BIN(fabd) BIN(fcmeq) BIN(fcmge) BIN(fcmgt) BIN(facge) BIN(facgt)
#define TER(op) FP_S(op##_s, #op " s0, s1, s2, s3") FP_D(op##_d, #op " d0, d1, d2, d3")
TER(fmadd) TER(fmsub) TER(fnmadd) TER(fnmsub)
CMP_S(fcmp_s, "fcmp s1, s2") CMP_D(fcmp_d, "fcmp d1, d2")
CMP_S(fcmpe_s, "fcmpe s1, s2") CMP_D(fcmpe_d, "fcmpe d1, d2")
CMP_S(fcmpz_s, "fcmp s1, #0.0") CMP_D(fcmpz_d, "fcmp d1, #0.0")
CMP_S(fcmpez_s, "fcmpe s1, #0.0") CMP_D(fcmpez_d, "fcmpe d1, #0.0")
#define UN(op) FP_S(op##_s, #op " s0, s1") FP_D(op##_d, #op " d0, d1")
UN(fsqrt) UN(frintn) UN(frintp) UN(frintm) UN(frintz) UN(frinta) UN(frintx) UN(frinti)
UN(frecpe) UN(frsqrte) UN(frecpx) UN(fabs) UN(fneg)
#define CMPZ(op) FP_S(op##z_s, #op " s0, s1, #0.0") FP_D(op##z_d, #op " d0, d1, #0.0")
CMPZ(fcmeq) CMPZ(fcmge) CMPZ(fcmgt) CMPZ(fcmle) CMPZ(fcmlt)
FP_S(urecpe_s, "urecpe v0.2s, v1.2s") FP_S(ursqrte_s, "ursqrte v0.2s, v1.2s")
/* Precision conversions: <to><from>. */
FP_D(fcvt_ds, "fcvt d0, s1") FP_DS(fcvt_sd, "fcvt s0, d1")
FP_S(fcvt_hs, "fcvt h0, s1") FP_D(fcvt_hd, "fcvt h0, d1")
FP_S(fcvt_sh, "fcvt s0, h1") FP_D(fcvt_dh, "fcvt d0, h1")
FP_DS(fcvtxn_sd, "fcvtxn s0, d1")
/* FP -> integer, every rounding, W and X destinations, and fixed point. */
#define TOI(op) \
  TOI_S(op##_ws, #op " %w0, s1") TOI_S(op##_xs, #op " %x0, s1") TOI_D(op##_wd, #op " %w0, d1") TOI_D(op##_xd, #op " %x0, d1")
TOI(fcvtns) TOI(fcvtnu) TOI(fcvtps) TOI(fcvtpu) TOI(fcvtms) TOI(fcvtmu) TOI(fcvtzs) TOI(fcvtzu) TOI(fcvtas) TOI(fcvtau)
#define TOFIX(op, f) \
  TOI_S(op##_ws##f, #op " %w0, s1, #" #f) TOI_S(op##_xs##f, #op " %x0, s1, #" #f) \
  TOI_D(op##_wd##f, #op " %w0, d1, #" #f) TOI_D(op##_xd##f, #op " %x0, d1, #" #f)
TOFIX(fcvtzs, 1) TOFIX(fcvtzs, 16) TOFIX(fcvtzs, 32) TOFIX(fcvtzu, 1) TOFIX(fcvtzu, 16) TOFIX(fcvtzu, 32)
TOI_S(fcvtzs_xs64, "fcvtzs %x0, s1, #64") TOI_D(fcvtzu_xd64, "fcvtzu %x0, d1, #64")
#define FROMI(op) \
  FROMI_S(op##_sw, #op " s0, %w1") FROMI_S(op##_sx, #op " s0, %x1") FROMI_D(op##_dw, #op " d0, %w1") FROMI_D(op##_dx, #op " d0, %x1")
FROMI(scvtf) FROMI(ucvtf)
#define FROMFIX(op, f) \
  FROMI_S(op##_sw##f, #op " s0, %w1, #" #f) FROMI_S(op##_sx##f, #op " s0, %x1, #" #f) \
  FROMI_D(op##_dw##f, #op " d0, %w1, #" #f) FROMI_D(op##_dx##f, #op " d0, %x1, #" #f)
FROMFIX(scvtf, 1) FROMFIX(scvtf, 20) FROMFIX(scvtf, 32) FROMFIX(ucvtf, 1) FROMFIX(ucvtf, 20) FROMFIX(ucvtf, 32)
FROMI_D(scvtf_dx64, "scvtf d0, %x1, #64") FROMI_S(ucvtf_sx64, "ucvtf s0, %x1, #64")

/* ---- operand pools ---- */

enum { H, S, D };
static const int EW[] = {5, 8, 11}, FW[] = {10, 23, 52};

static u64 make(int fmt, u64 sign, u64 exp, u64 frac) {
  int E = EW[fmt], F = FW[fmt];
  return (sign << (E + F)) | ((exp & ((1ull << E) - 1)) << F) | (frac & ((1ull << F) - 1));
}

static u64 rnd_frac(int fmt) {
  int F = FW[fmt];
  u64 mask = (1ull << F) - 1;
  switch (rnd() % 5) {
    case 0: return mask >> (rnd() % F);                      /* a run of ones */
    case 1: return 1ull << (rnd() % F);                      /* one bit */
    case 2: return rnd() & (mask << (rnd() % F));            /* short mantissa */
    case 3: return (rnd() & mask) | (1ull << (rnd() % F));   /* random, a rounding bit */
    default: return rnd() & mask;
  }
}

static u64 rnd_exp_near(int fmt, long center, long spread) {
  long max = (1l << EW[fmt]) - 1;
  long e = center + (long)(rnd() % (2 * spread + 1)) - spread;
  return (u64)(e < 0 ? 0 : e > max ? max : e);
}

static u64 rnd_fp(int fmt) {
  int E = EW[fmt], F = FW[fmt];
  long max = (1l << E) - 1, bias = (1l << (E - 1)) - 1;
  u64 sign = rnd() & 1, exp;
  switch (rnd() % 12) {
    case 0: exp = 0; break;
    case 1: exp = (u64)max; break;
    case 2: exp = rnd_exp_near(fmt, 2, 2); break;
    case 3: exp = rnd_exp_near(fmt, max - 2, 2); break;
    case 4: case 5: case 6: exp = rnd_exp_near(fmt, bias + F / 2, F / 2 + 3); break;   /* around 1 .. 2^F */
    case 7: exp = rnd_exp_near(fmt, bias + 31, 33); break;                            /* integer range */
    default: exp = 1 + rnd() % (u64)(max - 1);
  }
  return make(fmt, sign, exp, rnd_frac(fmt));
}

/* A second operand close in magnitude to the first: cancellation and rounding. */
static u64 rnd_fp_near(int fmt, u64 a) {
  int E = EW[fmt], F = FW[fmt];
  long e = (long)((a >> F) & ((1ull << E) - 1));
  return make(fmt, rnd() & 1, rnd_exp_near(fmt, e, F + 3), rnd_frac(fmt));
}

static int specials(int fmt, u64 *out) {
  int E = EW[fmt], F = FW[fmt];
  u64 max = (1ull << E) - 1, bias = (1ull << (E - 1)) - 1, top = 1ull << (F - 1), all = (1ull << F) - 1;
  u64 v[] = {
    make(fmt, 0, 0, 0), make(fmt, 1, 0, 0),                          /* +0 -0 */
    make(fmt, 0, bias, 0), make(fmt, 1, bias, 0),                    /* +1 -1 */
    make(fmt, 0, bias, top), make(fmt, 1, bias + 1, top / 2),        /* 1.5 -2.5 */
    make(fmt, 0, bias - 1, 0), make(fmt, 0, bias + 1, 0),            /* 0.5 2 */
    make(fmt, 0, bias - 1, all), make(fmt, 1, bias, all),            /* just below 1, just below -2 */
    make(fmt, 0, bias + F, 0), make(fmt, 0, bias + F - 1, all),      /* 2^F, 2^F - 0.5 */
    make(fmt, 1, bias + 31, 0), make(fmt, 0, bias + 63, 0),          /* -2^31, 2^63 */
    make(fmt, 0, bias + 32, 0), make(fmt, 0, bias + 31, all),
    make(fmt, 0, 0, 1), make(fmt, 1, 0, all), make(fmt, 0, 0, top), /* denormals */
    make(fmt, 1, 0, top >> 1),
    make(fmt, 0, 1, 0), make(fmt, 1, 1, 1),                          /* smallest normals */
    make(fmt, 0, max - 1, all), make(fmt, 1, max - 1, all),          /* largest normals */
    make(fmt, 0, max - 1, 0), make(fmt, 0, 2, 0),
    make(fmt, 0, max, 0), make(fmt, 1, max, 0),                      /* +inf -inf */
    make(fmt, 0, max, top), make(fmt, 1, max, top | 0x15),           /* quiet NaNs */
    make(fmt, 0, max, 1), make(fmt, 1, max, (top >> 1) | 0x2a),      /* signalling NaNs */
  };
  memcpy(out, v, sizeof v);
  return (int)(sizeof v / sizeof v[0]);
}

/* Configurations: FPCR = RMode | FZ | DN (| AHP for half conversions). */
static u64 config(unsigned i, int ahp) {
  u64 v = ((u64)(i & 3) << 22) | ((u64)((i >> 2) & 1) << 24) | ((u64)((i >> 3) & 1) << 25);
  if (ahp && (i & 16)) v |= 1ull << 26;
  return v;
}

static unsigned config_counter;
static void run(const char *name, opfn f, int nops, u64 fpcr, u64 a, u64 b, u64 c) {
  set_fpcr(fpcr);
  clear_fpsr();
  u64 r = f(a, b, c);
  u64 fpsr = get_fpsr();
  set_fpcr(0);
  printf("%s %llx %llx", name, (unsigned long long)fpcr, (unsigned long long)a);
  if (nops > 1) printf(" %llx", (unsigned long long)b);
  if (nops > 2) printf(" %llx", (unsigned long long)c);
  printf(" %llx %llx\n", (unsigned long long)r, (unsigned long long)fpsr);
}

/* Every special operand tuple under RN and under one more configuration, then random tuples. */
static void sweep(const char *name, opfn f, int fmt, int nops, int nrandom, int stride, int ahp) {
  u64 sp[64];
  int n = specials(fmt, sp);
  if (nops == 1) {
    for (int i = 0; i < n; i++)
      for (unsigned k = 0; k < 16; k += 5) run(name, f, 1, config(k + config_counter++ % 5, ahp), sp[i], 0, 0);
  } else if (nops == 2) {
    for (int i = 0; i < n; i++)
      for (int j = (i * 7) % stride; j < n; j += stride) run(name, f, 2, config(config_counter++ % 16, ahp), sp[i], sp[j], 0);
  } else {
    for (int i = 0; i < n; i++)
      for (int j = i % 4; j < n; j += 4)
        for (int k = (i + j) % (2 * stride); k < n; k += 2 * stride) run(name, f, 3, config(config_counter++ % 16, ahp), sp[i], sp[j], sp[k]);
  }
  for (int i = 0; i < nrandom; i++) {
    u64 a = rnd_fp(fmt);
    u64 b = rnd() & 1 ? rnd_fp_near(fmt, a) : rnd_fp(fmt);
    u64 c = rnd_fp(fmt);
    if (nops == 3 && (rnd() & 1)) {
      /* An addend near the product: cancellation in the fused sum. */
      int E = EW[fmt], F = FW[fmt];
      long bias = (1l << (E - 1)) - 1;
      long ea = (long)((a >> F) & ((1ull << E) - 1)), eb = (long)((b >> F) & ((1ull << E) - 1));
      c = make(fmt, rnd() & 1, rnd_exp_near(fmt, ea + eb - bias, F + 3), rnd_frac(fmt));
    }
    run(name, f, nops, config(config_counter++ % 32, ahp), a, b, c);
  }
}

/* Integer operands for SCVTF/UCVTF. */
static void sweep_int(const char *name, opfn f, int bits, int nrandom) {
  u64 mask = bits == 64 ? ~0ull : 0xffffffffull;
  u64 sp[] = {0, 1, 2, 3, mask, mask - 1, mask >> 1, (mask >> 1) + 1, (mask >> 1) - 1, 0x1000001, 0xffffff,
              0x20000000000001ull, 0x1fffffffffffffull, 0x8000000000000001ull, 0x7ffffffffffffc00ull,
              0x7ffffffffffffe00ull, 0xfffffffffffff800ull, 0xffffffffffffffc0ull, 0x80000080ull, 0x7fffffc0ull};
  for (unsigned i = 0; i < sizeof sp / sizeof sp[0]; i++)
    for (unsigned k = 0; k < 4; k++) run(name, f, 1, config(k, 0), sp[i] & mask, 0, 0);
  for (int i = 0; i < nrandom; i++) {
    u64 v = rnd();
    v >>= rnd() % bits;
    if (rnd() & 1) v = ~v;
    run(name, f, 1, config(config_counter++ % 16, 0), v & mask, 0, 0);
  }
}

struct op { const char *name; opfn f; int fmt, nops, nrandom, stride; };

int main(void) {
  /* B: binary with every special pair and n random pairs; V: a variant of another op (every second pair). */
#define B(op, n) {#op ".s", op##_s, S, 2, n, 1}, {#op ".d", op##_d, D, 2, n, 1}
#define V(op, n) {#op ".s", op##_s, S, 2, n, 2}, {#op ".d", op##_d, D, 2, n, 2}
#define T(op, n, k) {#op ".s", op##_s, S, 3, n, k}, {#op ".d", op##_d, D, 3, n, k}
#define U(op, n) {#op ".s", op##_s, S, 1, n, 1}, {#op ".d", op##_d, D, 1, n, 1}
  static const struct op ops[] = {
    B(fadd, 400), V(fsub, 200), B(fmul, 400), B(fdiv, 400), V(fnmul, 100), B(fmax, 100), V(fmin, 100),
    B(fmaxnm, 100), V(fminnm, 100), V(fmulx, 100), B(frecps, 300), B(frsqrts, 300), V(fabd, 100),
    V(fcmeq, 100), V(fcmge, 100), V(fcmgt, 100), V(facge, 100), V(facgt, 100), B(fcmp, 100), V(fcmpe, 50),
    T(fmadd, 1000, 2), T(fmsub, 300, 3), T(fnmadd, 300, 3), T(fnmsub, 300, 3),
    U(fsqrt, 800), U(frintn, 400), U(frintp, 400), U(frintm, 400), U(frintz, 400), U(frinta, 400),
    U(frintx, 400), U(frinti, 400), U(frecpe, 800), U(frsqrte, 800), U(frecpx, 200), U(fabs, 50), U(fneg, 50),
    U(fcmpz, 50), U(fcmpez, 50), U(fcmeqz, 50), U(fcmgez, 50), U(fcmgtz, 50), U(fcmlez, 50), U(fcmltz, 50),
    {"urecpe.s", urecpe_s, S, 1, 1000, 1}, {"ursqrte.s", ursqrte_s, S, 1, 1000, 1},
    {"fcvt.ds", fcvt_ds, S, 1, 400, 1}, {"fcvt.sd", fcvt_sd, D, 1, 800, 1},
    {"fcvt.hs", fcvt_hs, S, 1, 800, 1}, {"fcvt.hd", fcvt_hd, D, 1, 800, 1},
    {"fcvt.sh", fcvt_sh, H, 1, 400, 1}, {"fcvt.dh", fcvt_dh, H, 1, 400, 1},
    {"fcvtxn.sd", fcvtxn_sd, D, 1, 800, 1},
#define I(op) {#op ".ws", op##_ws, S, 1, 60, 1}, {#op ".xs", op##_xs, S, 1, 60, 1}, {#op ".wd", op##_wd, D, 1, 60, 1}, {#op ".xd", op##_xd, D, 1, 60, 1}
    I(fcvtns), I(fcvtnu), I(fcvtps), I(fcvtpu), I(fcvtms), I(fcvtmu), I(fcvtzs), I(fcvtzu), I(fcvtas), I(fcvtau),
#define FX(op, f) {#op ".ws" #f, op##_ws##f, S, 1, 40, 1}, {#op ".xs" #f, op##_xs##f, S, 1, 40, 1}, {#op ".wd" #f, op##_wd##f, D, 1, 40, 1}, {#op ".xd" #f, op##_xd##f, D, 1, 40, 1}
    FX(fcvtzs, 1), FX(fcvtzs, 16), FX(fcvtzs, 32), FX(fcvtzu, 1), FX(fcvtzu, 16), FX(fcvtzu, 32),
    {"fcvtzs.xs64", fcvtzs_xs64, S, 1, 40, 1}, {"fcvtzu.xd64", fcvtzu_xd64, D, 1, 40, 1},
  };
  for (unsigned i = 0; i < sizeof ops / sizeof ops[0]; i++) {
    const struct op *o = &ops[i];
    int ahp = strncmp(o->name, "fcvt.h", 6) == 0 || strncmp(o->name, "fcvt.sh", 7) == 0 || strncmp(o->name, "fcvt.dh", 7) == 0;
    sweep(o->name, o->f, o->fmt, o->nops, o->nrandom, o->stride, ahp);
  }
  struct iop { const char *name; opfn f; int bits; };
#define FI(op) {#op ".sw", op##_sw, 32}, {#op ".sx", op##_sx, 64}, {#op ".dw", op##_dw, 32}, {#op ".dx", op##_dx, 64}
#define FF(op, f) {#op ".sw" #f, op##_sw##f, 32}, {#op ".sx" #f, op##_sx##f, 64}, {#op ".dw" #f, op##_dw##f, 32}, {#op ".dx" #f, op##_dx##f, 64}
  static const struct iop iops[] = {
    FI(scvtf), FI(ucvtf), FF(scvtf, 1), FF(scvtf, 20), FF(scvtf, 32), FF(ucvtf, 1), FF(ucvtf, 20), FF(ucvtf, 32),
    {"scvtf.dx64", scvtf_dx64, 64}, {"ucvtf.sx64", ucvtf_sx64, 64},
  };
  for (unsigned i = 0; i < sizeof iops / sizeof iops[0]; i++) sweep_int(iops[i].name, iops[i].f, iops[i].bits, 80);
  return 0;
}
