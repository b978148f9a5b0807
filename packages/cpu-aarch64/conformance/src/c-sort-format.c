/* Generates 2000 pseudo-random 64-bit keys, sorts them three ways (insertion sort on a prefix,
 * heap sort, and a radix sort on the low 32 bits), checks the results agree, and prints a
 * formatted sample (signed decimal, unsigned hex) plus checksums. Exercises compiler-generated
 * loads/stores of every size, 64-bit multiply/divide, shifts, conditional selects and calls. */
#include "mini.h"

#define N 2000

static u64 keys[N], heap[N], radix[N], tmp[N];

static u64 xorshift(u64 *s) {
  u64 x = *s;
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  return *s = x;
}

static void sift_down(u64 *a, u64 start, u64 end) {
  u64 root = start;
  while (2 * root + 1 < end) {
    u64 child = 2 * root + 1;
    if (child + 1 < end && (i64)a[child] < (i64)a[child + 1]) child++;
    if ((i64)a[root] >= (i64)a[child]) return;
    u64 t = a[root];
    a[root] = a[child];
    a[child] = t;
    root = child;
  }
}

static void heap_sort(u64 *a, u64 n) {
  for (u64 i = n / 2; i-- > 0;) sift_down(a, i, n);
  for (u64 end = n; end-- > 1;) {
    u64 t = a[0];
    a[0] = a[end];
    a[end] = t;
    sift_down(a, 0, end);
  }
}

/* LSD radix sort of the low 32 bits, one byte per pass (stable). */
static void radix_sort32(u64 *a, u64 n) {
  for (int shift = 0; shift < 32; shift += 8) {
    u32 count[257];
    for (int i = 0; i < 257; i++) count[i] = 0;
    for (u64 i = 0; i < n; i++) count[((a[i] >> shift) & 0xff) + 1]++;
    for (int i = 0; i < 256; i++) count[i + 1] += count[i];
    for (u64 i = 0; i < n; i++) tmp[count[(a[i] >> shift) & 0xff]++] = a[i];
    for (u64 i = 0; i < n; i++) a[i] = tmp[i];
  }
}

static void insertion_sort_u16(u64 *a, u64 n) {
  for (u64 i = 1; i < n; i++) {
    u64 v = a[i];
    u64 j = i;
    while (j > 0 && (u16)a[j - 1] > (u16)v) {
      a[j] = a[j - 1];
      j--;
    }
    a[j] = v;
  }
}


int main(void) {
  struct out o;
  o.len = 0;
  u64 seed = 0x9e3779b97f4a7c15UL;
  for (u64 i = 0; i < N; i++) {
    u64 k = xorshift(&seed);
    if (i % 97 == 0) k = (u64)1 << 63;        /* INT64_MIN */
    if (i % 89 == 0) k = ~((u64)1 << 63);      /* INT64_MAX */
    keys[i] = heap[i] = radix[i] = k;
  }
  heap_sort(heap, N);
  radix_sort32(radix, N);
  int ok = 1;
  for (u64 i = 1; i < N; i++) {
    if ((i64)heap[i - 1] > (i64)heap[i]) ok = 0;
    if ((u32)radix[i - 1] > (u32)radix[i]) ok = 0;
  }
  insertion_sort_u16(keys, 300);

  out_str(&o, "sorted ok: ");
  out_dec(&o, ok);
  out_char(&o, '\n');
  for (u64 i = 0; i < N; i += 111) {
    out_dec(&o, (i64)i);
    out_str(&o, ": ");
    out_dec(&o, (i64)heap[i]);
    out_str(&o, " 0x");
    out_hex(&o, radix[i], 16);
    out_str(&o, " u16 ");
    out_hex(&o, keys[i % 300] & 0xffff, 4);
    out_str(&o, " /7=");
    out_dec(&o, (i64)heap[i] / 7);
    out_str(&o, " %1000=");
    out_dec(&o, (i64)heap[i] % 1000);
    out_char(&o, '\n');
  }
  u64 h = 0;
  for (u64 i = 0; i < N; i++) h = (h ^ heap[i]) * 0x100000001b3UL + radix[i];
  out_str(&o, "checksum 0x");
  out_hex(&o, h, 16);
  out_char(&o, '\n');
  out_flush(&o);
  return ok ? 0 : 1;
}
