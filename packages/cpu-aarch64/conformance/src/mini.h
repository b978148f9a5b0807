/* A tiny freestanding runtime for the C conformance programs: the entry point, raw Linux
 * syscalls and output helpers. No libc: these programs are built with -nostdlib -ffreestanding. */
#ifndef CONFORMANCE_MINI_H
#define CONFORMANCE_MINI_H

typedef unsigned long u64;
typedef long i64;
typedef unsigned int u32;
typedef int i32;
typedef unsigned char u8;
typedef unsigned short u16;

int main(void);

/* _start: SP is 16-byte aligned at entry; call main and pass its result to exit_group. */
__asm__(".text\n"
        ".globl _start\n"
        "_start:\n"
        "  mov x29, #0\n"
        "  mov x30, #0\n"
        "  bl main\n"
        "  mov x8, #94\n"
        "  svc #0\n");

static inline i64 sys3(i64 nr, i64 a, i64 b, i64 c) {
  register i64 x8 __asm__("x8") = nr;
  register i64 x0 __asm__("x0") = a;
  register i64 x1 __asm__("x1") = b;
  register i64 x2 __asm__("x2") = c;
  __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2) : "memory");
  return x0;
}

static inline i64 sys6(i64 nr, i64 a, i64 b, i64 c, i64 d, i64 e, i64 f) {
  register i64 x8 __asm__("x8") = nr;
  register i64 x0 __asm__("x0") = a;
  register i64 x1 __asm__("x1") = b;
  register i64 x2 __asm__("x2") = c;
  register i64 x3 __asm__("x3") = d;
  register i64 x4 __asm__("x4") = e;
  register i64 x5 __asm__("x5") = f;
  __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5) : "memory");
  return x0;
}

static inline void write_all(const char *buf, u64 len) {
  while (len > 0) {
    i64 n = sys3(64 /* write */, 1, (i64)buf, (i64)len);
    if (n <= 0) return;
    buf += n;
    len -= (u64)n;
  }
}

/* Output is collected in a buffer and flushed when full or at the end, so the syscall count
 * does not depend on the formatting details. */
struct out {
  char buf[4096];
  u64 len;
};

static inline void out_flush(struct out *o) {
  write_all(o->buf, o->len);
  o->len = 0;
}

static inline void out_char(struct out *o, char c) {
  if (o->len == sizeof o->buf) out_flush(o);
  o->buf[o->len++] = c;
}

static inline void out_str(struct out *o, const char *s) {
  while (*s) out_char(o, *s++);
}

static inline void out_hex(struct out *o, u64 v, int digits) {
  for (int i = digits - 1; i >= 0; i--) out_char(o, "0123456789abcdef"[(v >> (4 * i)) & 15]);
}

static inline void out_dec(struct out *o, i64 v) {
  char tmp[24];
  int n = 0;
  u64 mag = v < 0 ? (u64)0 - (u64)v : (u64)v;
  do {
    tmp[n++] = (char)('0' + mag % 10);
    mag /= 10;
  } while (mag != 0);
  if (v < 0) out_char(o, '-');
  while (n > 0) out_char(o, tmp[--n]);
}

/* The compiler may emit calls to these even in freestanding code. */
void *memset(void *dst, int c, u64 n) {
  u8 *d = dst;
  while (n--) *d++ = (u8)c;
  return dst;
}

void *memcpy(void *dst, const void *src, u64 n) {
  u8 *d = dst;
  const u8 *s = src;
  while (n--) *d++ = *s++;
  return dst;
}

#endif
