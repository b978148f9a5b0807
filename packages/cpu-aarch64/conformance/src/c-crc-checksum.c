/* Computes CRC-32 (bitwise and table-driven, which must agree), Adler-32, FNV-1a and a
 * Fletcher-64 over 64 KiB of generated data, then prints them along with per-chunk CRCs and
 * the exit status (the low byte of the combined checksum). */
#include "mini.h"

#define LEN (64 * 1024)

static u8 data[LEN];
static u32 table[256];

static u32 crc32_bitwise(const u8 *p, u64 n) {
  u32 crc = 0xffffffffu;
  for (u64 i = 0; i < n; i++) {
    crc ^= p[i];
    for (int b = 0; b < 8; b++) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
  }
  return ~crc;
}

static void crc32_init(void) {
  for (u32 i = 0; i < 256; i++) {
    u32 c = i;
    for (int b = 0; b < 8; b++) c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
    table[i] = c;
  }
}

static u32 crc32_table(const u8 *p, u64 n) {
  u32 crc = 0xffffffffu;
  for (u64 i = 0; i < n; i++) crc = table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
  return ~crc;
}

static u32 adler32(const u8 *p, u64 n) {
  u32 a = 1, b = 0;
  for (u64 i = 0; i < n; i++) {
    a = (a + p[i]) % 65521;
    b = (b + a) % 65521;
  }
  return (b << 16) | a;
}

static u64 fnv1a64(const u8 *p, u64 n) {
  u64 h = 0xcbf29ce484222325UL;
  for (u64 i = 0; i < n; i++) h = (h ^ p[i]) * 0x100000001b3UL;
  return h;
}

static u64 fletcher64(const u32 *p, u64 words) {
  u64 a = 0, b = 0;
  for (u64 i = 0; i < words; i++) {
    a = (a + p[i]) % 0xffffffffUL;
    b = (b + a) % 0xffffffffUL;
  }
  return (b << 32) | a;
}

int main(void) {
  struct out o;
  o.len = 0;
  u32 lcg = 12345;
  for (u64 i = 0; i < LEN; i++) {
    lcg = lcg * 1103515245u + 12345u;
    data[i] = (u8)(lcg >> 16) ^ (u8)(i * 7);
  }
  crc32_init();
  u32 crc_a = crc32_bitwise(data, LEN);
  u32 crc_b = crc32_table(data, LEN);
  u32 adler = adler32(data, LEN);
  u64 fnv = fnv1a64(data, LEN);
  u64 fl = fletcher64((const u32 *)(const void *)data, LEN / 4);
  out_str(&o, "crc32 bitwise 0x");
  out_hex(&o, crc_a, 8);
  out_str(&o, " table 0x");
  out_hex(&o, crc_b, 8);
  out_str(&o, crc_a == crc_b ? " agree\n" : " DISAGREE\n");
  out_str(&o, "adler32 0x");
  out_hex(&o, adler, 8);
  out_str(&o, "\nfnv1a64 0x");
  out_hex(&o, fnv, 16);
  out_str(&o, "\nfletcher64 0x");
  out_hex(&o, fl, 16);
  out_char(&o, '\n');
  for (u64 chunk = 0; chunk < LEN; chunk += 8192) {
    out_str(&o, "chunk ");
    out_dec(&o, (i64)(chunk / 8192));
    out_str(&o, " crc 0x");
    out_hex(&o, crc32_table(data + chunk, 8192), 8);
    out_str(&o, " crc of odd-aligned tail 0x");
    out_hex(&o, crc32_table(data + chunk + 3, 8189), 8);
    out_char(&o, '\n');
  }
  out_flush(&o);
  return (int)((crc_b ^ adler ^ (u32)fnv ^ (u32)fl) & 0x7f);
}
