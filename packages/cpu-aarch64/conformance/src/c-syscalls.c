/* The Linux system calls a static program relies on, checked for the results that do not depend
 * on the host: brk growth and shrinking, anonymous mmap/munmap (touching the memory, then a
 * fault-free remap), writev, read at end of input, getrandom's count, openat of a missing file
 * (-ENOENT), write to a closed descriptor (-EBADF), an unknown syscall (-ENOSYS), and exit
 * (not exit_group) with a status. Addresses returned by the kernel are never printed. */
#include "mini.h"

enum {
  SYS_openat = 56, SYS_read = 63, SYS_writev = 66, SYS_exit = 93, SYS_brk = 214,
  SYS_munmap = 215, SYS_mmap = 222, SYS_getrandom = 278,
};

struct iovec {
  const void *base;
  u64 len;
};

static void line(struct out *o, const char *what, i64 value) {
  out_str(o, what);
  out_str(o, ": ");
  out_dec(o, value);
  out_char(o, '\n');
}

int main(void) {
  struct out o;
  o.len = 0;

  /* brk: the initial break, grown by 64 KiB and written, then shrunk back. */
  i64 start = sys3(SYS_brk, 0, 0, 0);
  i64 grown = sys3(SYS_brk, start + 65536, 0, 0);
  line(&o, "brk grew by", grown - start);
  u8 *heap = (u8 *)start;
  u64 sum = 0;
  for (u64 i = 0; i < 65536; i += 512) heap[i] = (u8)(i >> 9);
  for (u64 i = 0; i < 65536; i += 512) sum += heap[i];
  line(&o, "brk memory sum", (i64)sum);
  line(&o, "brk shrink back", sys3(SYS_brk, start, 0, 0) - start);

  /* mmap: 3 pages, zero-filled, writable; unmap the middle one, remap it. */
  i64 map = sys6(SYS_mmap, 0, 3 * 4096, 3 /* RW */, 0x22 /* PRIVATE|ANON */, -1, 0);
  line(&o, "mmap ok", map > 0 && (map & 4095) == 0);
  u64 *words = (u64 *)map;
  u64 nonzero = 0;
  for (u64 i = 0; i < 3 * 512; i++) nonzero += words[i] != 0;
  line(&o, "mmap nonzero words", (i64)nonzero);
  for (u64 i = 0; i < 3 * 512; i++) words[i] = i * 0x9e3779b97f4a7c15UL;
  line(&o, "munmap middle", sys3(SYS_munmap, map + 4096, 4096, 0));
  i64 again = sys6(SYS_mmap, map + 4096, 4096, 3, 0x32 /* PRIVATE|ANON|FIXED */, -1, 0);
  line(&o, "mmap fixed at the hole", again == map + 4096);
  line(&o, "remapped page is zero", words[512] == 0 && words[1023] == 0);
  line(&o, "other pages kept", words[511] == 511 * 0x9e3779b97f4a7c15UL && words[1024] == 1024 * 0x9e3779b97f4a7c15UL);
  line(&o, "munmap all", sys3(SYS_munmap, map, 3 * 4096, 0));

  /* read at end of input (the tests and regenerate.sh give an empty stdin). */
  char buf[16];
  line(&o, "read empty stdin", sys3(SYS_read, 0, (i64)buf, sizeof buf));
  line(&o, "getrandom count", sys3(SYS_getrandom, (i64)buf, sizeof buf, 0));
  line(&o, "openat missing file", sys6(SYS_openat, -100 /* AT_FDCWD */, (i64)"/no/such/file/here", 0, 0, 0, 0));
  line(&o, "write to fd 99", sys3(64, 99, (i64)"x", 1));
  line(&o, "unknown syscall 4000", sys3(4000, 0, 0, 0));
  out_flush(&o);

  struct iovec iov[3] = {{"writev: ", 8}, {"three ", 6}, {"parts\n", 6}};
  line(&o, "writev returned", sys3(SYS_writev, 1, (i64)iov, 3));
  out_flush(&o);
  sys3(SYS_exit, 7, 0, 0);
  return 1;
}
