/* SHA-256 (of "abc", whose digest is well known, and of 100 KiB of generated data) and 512-bit
 * modular exponentiation with unsigned __int128 arithmetic, which GCC turns into MUL/UMULH and
 * ADDS/ADCS carry chains; prints the digests and the result in hex. */
#include "mini.h"

typedef unsigned __int128 u128;

static const u32 K[64] = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static u32 ror32(u32 x, int n) { return (x >> n) | (x << (32 - n)); }

static void sha256_block(u32 h[8], const u8 *p) {
  u32 w[64];
  for (int i = 0; i < 16; i++) w[i] = (u32)p[4 * i] << 24 | (u32)p[4 * i + 1] << 16 | (u32)p[4 * i + 2] << 8 | p[4 * i + 3];
  for (int i = 16; i < 64; i++) {
    u32 s0 = ror32(w[i - 15], 7) ^ ror32(w[i - 15], 18) ^ (w[i - 15] >> 3);
    u32 s1 = ror32(w[i - 2], 17) ^ ror32(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  u32 a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
  for (int i = 0; i < 64; i++) {
    u32 t1 = k + (ror32(e, 6) ^ ror32(e, 11) ^ ror32(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
    u32 t2 = (ror32(a, 2) ^ ror32(a, 13) ^ ror32(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    k = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
  }
  h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += k;
}

static void sha256(const u8 *data, u64 len, u32 h[8]) {
  static const u32 init[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  for (int i = 0; i < 8; i++) h[i] = init[i];
  u64 done = 0;
  for (; done + 64 <= len; done += 64) sha256_block(h, data + done);
  u8 tail[128];
  u64 rest = len - done;
  for (u64 i = 0; i < 128; i++) tail[i] = i < rest ? data[done + i] : 0;
  tail[rest] = 0x80;
  u64 total = rest + 9 <= 64 ? 64 : 128;
  u64 bits = len * 8;
  for (int i = 0; i < 8; i++) tail[total - 1 - i] = (u8)(bits >> (8 * i));
  sha256_block(h, tail);
  if (total == 128) sha256_block(h, tail + 64);
}

#define LIMBS 8 /* 512 bits */

/* r = a * b mod m by schoolbook multiplication and binary long division. */
static void mulmod(u64 r[LIMBS], const u64 a[LIMBS], const u64 b[LIMBS], const u64 m[LIMBS]) {
  u64 prod[2 * LIMBS + 1];
  for (int i = 0; i < 2 * LIMBS + 1; i++) prod[i] = 0;
  for (int i = 0; i < LIMBS; i++) {
    u64 carry = 0;
    for (int j = 0; j < LIMBS; j++) {
      u128 t = (u128)a[i] * b[j] + prod[i + j] + carry;
      prod[i + j] = (u64)t;
      carry = (u64)(t >> 64);
    }
    prod[i + LIMBS] = carry;
  }
  /* Reduce bit by bit from the top: rem = (rem << 1 | bit) mod m. */
  u64 rem[LIMBS + 1];
  for (int i = 0; i <= LIMBS; i++) rem[i] = 0;
  for (int bit = 2 * LIMBS * 64 - 1; bit >= 0; bit--) {
    for (int i = LIMBS; i > 0; i--) rem[i] = rem[i] << 1 | rem[i - 1] >> 63;
    rem[0] = rem[0] << 1 | ((prod[bit / 64] >> (bit % 64)) & 1);
    int ge = rem[LIMBS] != 0;
    if (!ge) {
      ge = 1;
      for (int i = LIMBS - 1; i >= 0; i--) {
        if (rem[i] != m[i]) { ge = rem[i] > m[i]; break; }
      }
    }
    if (ge) {
      u64 borrow = 0;
      for (int i = 0; i < LIMBS; i++) {
        u128 t = (u128)rem[i] - m[i] - borrow;
        rem[i] = (u64)t;
        borrow = (u64)(t >> 64) & 1;
      }
      rem[LIMBS] -= borrow;
    }
  }
  for (int i = 0; i < LIMBS; i++) r[i] = rem[i];
}

static void print_digest(struct out *o, const char *what, const u32 h[8]) {
  out_str(o, what);
  for (int i = 0; i < 8; i++) out_hex(o, h[i], 8);
  out_char(o, '\n');
}

static u8 data[100 * 1024];

int main(void) {
  struct out o;
  o.len = 0;
  u32 h[8];
  sha256((const u8 *)"abc", 3, h);
  print_digest(&o, "sha256(abc) ", h);
  u32 x = 2463534242u;
  for (u64 i = 0; i < sizeof data; i++) {
    x ^= x << 13; x ^= x >> 17; x ^= x << 5;
    data[i] = (u8)x;
  }
  sha256(data, sizeof data, h);
  print_digest(&o, "sha256(data) ", h);
  sha256(data + 1, 1000, h);
  print_digest(&o, "sha256(data[1..1001]) ", h);

  /* base^exp mod m with 512-bit numbers taken from the data. */
  u64 base[LIMBS], m[LIMBS], acc[LIMBS], exp = 0x10001;
  for (int i = 0; i < LIMBS; i++) {
    base[i] = ((const u64 *)(const void *)data)[i];
    m[i] = ((const u64 *)(const void *)data)[LIMBS + i];
    acc[i] = 0;
  }
  m[LIMBS - 1] |= (u64)1 << 63;
  m[0] |= 1;
  acc[0] = 1;
  for (int bit = 16; bit >= 0; bit--) {
    mulmod(acc, acc, acc, m);
    if ((exp >> bit) & 1) mulmod(acc, acc, base, m);
  }
  out_str(&o, "modexp ");
  for (int i = LIMBS - 1; i >= 0; i--) out_hex(&o, acc[i], 16);
  out_char(&o, '\n');
  out_flush(&o);
  return 0;
}
