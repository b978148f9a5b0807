/*
 * CPU-bound integer benchmark for the sel4ts AArch64 emulator: CRC-32 (bitwise and table
 * driven) and SHA-256 over a pseudo-random buffer. Freestanding: no libc, raw syscalls.
 *
 * Usage: workload [KIB]   (buffer size in KiB, default 256)
 * Prints "crc32-bitwise XXXXXXXX", "crc32-table XXXXXXXX" and "sha256 <64 hex digits>" and
 * exits 0, or 1 when the two CRCs disagree.
 */
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

static void put(const char *s, long n) { sys3(64, 1, (long)s, n); }

static void put_hex(const char *label, long label_len, const u8 *bytes, int count) {
    static const char digits[] = "0123456789abcdef";
    char line[160];
    long n = 0;
    for (long i = 0; i < label_len; i++) line[n++] = label[i];
    for (int i = 0; i < count; i++) {
        line[n++] = digits[bytes[i] >> 4];
        line[n++] = digits[bytes[i] & 15];
    }
    line[n++] = '\n';
    put(line, n);
}

static void put_u32(const char *label, long label_len, u32 v) {
    u8 be[4] = {(u8)(v >> 24), (u8)(v >> 16), (u8)(v >> 8), (u8)v};
    put_hex(label, label_len, be, 4);
}

static u32 crc32_bitwise(const u8 *data, u64 len) {
    u32 crc = 0xffffffffu;
    for (u64 i = 0; i < len; i++) {
        crc ^= data[i];
        for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

static u32 crc_table[256];

static u32 crc32_table(const u8 *data, u64 len) {
    for (u32 n = 0; n < 256; n++) {
        u32 c = n;
        for (int k = 0; k < 8; k++) c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
        crc_table[n] = c;
    }
    u32 crc = 0xffffffffu;
    for (u64 i = 0; i < len; i++) crc = crc_table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
    return ~crc;
}

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

static u32 ror(u32 x, int n) { return (x >> n) | (x << (32 - n)); }

static void sha256_block(u32 h[8], const u8 *p) {
    u32 w[64];
    for (int i = 0; i < 16; i++)
        w[i] = (u32)p[4 * i] << 24 | (u32)p[4 * i + 1] << 16 | (u32)p[4 * i + 2] << 8 | p[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        u32 s0 = ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ (w[i - 15] >> 3);
        u32 s1 = ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    u32 a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 64; i++) {
        u32 t1 = hh + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
        u32 t2 = (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        hh = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

static void sha256(const u8 *data, u64 len, u8 out[32]) {
    u32 h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    u64 full = len & ~(u64)63;
    for (u64 i = 0; i < full; i += 64) sha256_block(h, data + i);
    u8 tail[128];
    u64 rest = len - full;
    for (u64 i = 0; i < 128; i++) tail[i] = i < rest ? data[full + i] : 0;
    tail[rest] = 0x80;
    u64 tail_len = rest < 56 ? 64 : 128;
    u64 bits = len * 8;
    for (int i = 0; i < 8; i++) tail[tail_len - 1 - i] = (u8)(bits >> (8 * i));
    for (u64 i = 0; i < tail_len; i += 64) sha256_block(h, tail + i);
    for (int i = 0; i < 8; i++) {
        out[4 * i] = (u8)(h[i] >> 24);
        out[4 * i + 1] = (u8)(h[i] >> 16);
        out[4 * i + 2] = (u8)(h[i] >> 8);
        out[4 * i + 3] = (u8)h[i];
    }
}

static u64 parse_kib(const char *s) {
    u64 v = 0;
    while (*s >= '0' && *s <= '9') v = v * 10 + (u64)(*s++ - '0');
    return v;
}

void workload_main(long *sp) {
    long argc = sp[0];
    char **argv = (char **)(sp + 1);
    u64 kib = argc > 1 ? parse_kib(argv[1]) : 256;
    u64 len = kib * 1024;
    u8 *data = (u8 *)sys6(222, 0, (long)len + 4096, 3, 0x22, -1, 0); /* mmap anonymous */
    u32 x = 0x12345678u;
    for (u64 i = 0; i < len; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        data[i] = (u8)(x >> 11);
    }
    u32 bitwise = crc32_bitwise(data, len);
    u32 table = crc32_table(data, len);
    u8 digest[32];
    sha256(data, len, digest);
    put_u32("crc32-bitwise ", 14, bitwise);
    put_u32("crc32-table ", 12, table);
    put_hex("sha256 ", 7, digest, 32);
    sys3(94, bitwise == table ? 0 : 1, 0, 0);
}

__asm__(".globl _start\n_start:\n    mov x0, sp\n    b workload_main\n");
