import { describe, expect, it } from "vitest";
import type { CpuExit } from "./exits.js";
import { CODE, MASK64, machine } from "./cpu.test-helper.js";

/** One CPU reused for many single instructions (each write re-invalidates the decoded slot). */
function singleStepper() {
  const { cpu, memory } = machine([]);
  return (word: number, regs: Record<number, bigint> = {}): { exit: CpuExit; x: (n: number) => bigint } => {
    memory.write(CODE, new Uint8Array(new Uint32Array([word >>> 0]).buffer));
    cpu.setPC(BigInt(CODE));
    for (let n = 0; n < 31; n++) cpu.setX(n, regs[n] ?? 0n);
    const exit = cpu.run(1);
    return { exit, x: (n) => cpu.getX(n) };
  };
}

/** DecodeBitMasks(immediate = TRUE) from the Arm ARM, written independently with BigInt. */
function decodeBitMasks(n: number, imms: number, immr: number, bits: number): bigint | null {
  const combined = (n << 6) | (~imms & 0x3f);
  if (combined === 0) return null;
  const len = 31 - Math.clz32(combined);
  if (len < 1) return null;
  const esize = 1 << len;
  const levels = esize - 1;
  if ((imms & levels) === levels) return null;
  const s = imms & levels;
  const r = immr & levels;
  const ones = (1n << BigInt(s + 1)) - 1n;
  const emask = (1n << BigInt(esize)) - 1n;
  const rotated = r === 0 ? ones : ((ones >> BigInt(r)) | (ones << BigInt(esize - r))) & emask;
  let out = 0n;
  for (let pos = 0; pos < bits; pos += esize) out |= rotated << BigInt(pos);
  return out & ((1n << BigInt(bits)) - 1n);
}

describe("logical immediates: every N:immr:imms", () => {
  it("ORR Xd, XZR, #imm and ORR Wd, WZR, #imm give DecodeBitMasks for all element sizes, and invalid ones are UNDEFINED", () => {
    const step = singleStepper();
    const sizes = new Set<number>();
    let valid = 0;
    for (let index = 0; index < 8192; index++) {
      const n = index >> 12;
      const immr = (index >> 6) & 63;
      const imms = index & 63;
      for (const wide of [true, false]) {
        const word = ((wide ? 0xb2000000 : 0x32000000) | (index << 10) | (31 << 5) | 1) >>> 0; // orr x1/w1, xzr/wzr, #imm
        const want = wide || n === 0 ? decodeBitMasks(n, imms, immr, wide ? 64 : 32) : null;
        const { exit, x } = step(word);
        if (want === null) {
          expect(exit.kind, `index ${index} wide ${wide}`).toBe("undefined");
        } else {
          valid++;
          expect(x(1), `index ${index} wide ${wide}`).toBe(want);
          sizes.add(1 << (31 - Math.clz32((n << 6) | (~imms & 0x3f))));
        }
      }
    }
    expect([...sizes].sort((a, b) => a - b)).toEqual([2, 4, 8, 16, 32, 64]);
    // Valid encodings: per element size e (2..64), (e - 1) values of imms times 64 of immr
    // (immr bits above log2(e) are ignored): 7680 with sf = 1, 3648 with sf = 0 (N = 0 only).
    expect(valid).toBe(7680 + 3648);
  });
});

describe("variable shifts at the edges", () => {
  const amounts = [0n, 1n, 31n, 32n, 33n, 63n, 64n, 65n, MASK64];
  const value = 0x8123456789abcdefn;
  const words = { lsl: 0x9ac22020, lsr: 0x9ac22420, asr: 0x9ac22820, ror: 0x9ac22c20 }; // <op> x0, x1, x2
  it("use the amount modulo 64 (X) and modulo 32 (W)", () => {
    const step = singleStepper();
    for (const [name, word] of Object.entries(words)) {
      for (const amount of amounts) {
        for (const wide of [true, false]) {
          const bits = wide ? 64 : 32;
          const m = (1n << BigInt(bits)) - 1n;
          const a = amount % BigInt(bits);
          const v = value & m;
          const signed = BigInt.asIntN(bits, v);
          const want = {
            lsl: (v << a) & m,
            lsr: v >> a,
            asr: BigInt.asUintN(bits, signed >> a),
            ror: a === 0n ? v : ((v >> a) | (v << (BigInt(bits) - a))) & m,
          }[name]!;
          const w = wide ? word : word & 0x7fffffff;
          expect(step(w, { 1: value, 2: amount }).x(0), `${name} ${bits} by ${amount}`).toBe(want);
        }
      }
    }
  });
});

describe("multiply and divide at the edges", () => {
  const INT64_MIN = 1n << 63n;
  it("UDIV/SDIV: division by zero gives 0, INT_MIN / -1 gives INT_MIN, quotients truncate toward zero", () => {
    const step = singleStepper();
    const udivX = 0x9ac20820; // udiv x0, x1, x2
    const sdivX = 0x9ac20c20; // sdiv x0, x1, x2
    const sdivW = 0x1ac20c20; // sdiv w0, w1, w2
    const udivW = 0x1ac20820; // udiv w0, w1, w2
    expect(step(udivX, { 1: 123n, 2: 0n }).x(0)).toBe(0n);
    expect(step(sdivX, { 1: 123n, 2: 0n }).x(0)).toBe(0n);
    expect(step(sdivW, { 1: 123n, 2: 0xffffffff00000000n }).x(0)).toBe(0n); // W2 = 0
    expect(step(sdivX, { 1: INT64_MIN, 2: MASK64 }).x(0)).toBe(INT64_MIN);
    expect(step(sdivW, { 1: 0x80000000n, 2: 0xffffffffn }).x(0)).toBe(0x80000000n);
    expect(step(sdivX, { 1: BigInt.asUintN(64, -7n), 2: 2n }).x(0)).toBe(BigInt.asUintN(64, -3n));
    expect(step(sdivW, { 1: 7n, 2: 0xfffffffen }).x(0)).toBe(0xfffffffdn);
    expect(step(udivX, { 1: MASK64, 2: 3n }).x(0)).toBe(MASK64 / 3n);
    expect(step(udivW, { 1: 0xffffffffn, 2: 0xfffffffen }).x(0)).toBe(1n);
  });

  it("SMULH/UMULH, SMULL/UMULL and MADD wrap correctly", () => {
    const step = singleStepper();
    expect(step(0x9b427c20, { 1: MASK64, 2: MASK64 }).x(0)).toBe(0n); // smulh: (-1)*(-1) = 1
    expect(step(0x9bc27c20, { 1: MASK64, 2: MASK64 }).x(0)).toBe(MASK64 - 1n); // umulh
    expect(step(0x9b427c20, { 1: INT64_MIN, 2: INT64_MIN }).x(0)).toBe(1n << 62n);
    expect(step(0x9b227c20, { 1: 0xffffffffn, 2: 2n }).x(0)).toBe(MASK64 - 1n); // smull x0, w1, w2: -1*2
    expect(step(0x9ba27c20, { 1: 0xffffffffn, 2: 0xffffffffn }).x(0)).toBe(0xfffffffe00000001n); // umull
    expect(step(0x9b020c20, { 1: MASK64, 2: MASK64, 3: 5n }).x(0)).toBe(6n); // madd x0, x1, x2, x3
    expect(step(0x1b028c20, { 1: 0x10000n, 2: 0x10000n, 3: 5n }).x(0)).toBe(5n); // msub w0: 5 - 2^32
  });
});

describe("bit manipulation at the edges", () => {
  it("CLZ/CLS/RBIT/REV/REV16/REV32 on 0, 1, -1 and sign boundaries", () => {
    const step = singleStepper();
    const clzX = 0xdac01020;
    const clsX = 0xdac01420;
    const clsW = 0x5ac01420;
    const clzW = 0x5ac01020;
    expect([0n, 1n, MASK64, 1n << 32n].map((v) => step(clzX, { 1: v }).x(0))).toEqual([64n, 63n, 0n, 31n]);
    expect([0n, 1n, 0xffffffffn].map((v) => step(clzW, { 1: v }).x(0))).toEqual([32n, 31n, 0n]);
    expect([0n, MASK64, 1n << 62n, 1n << 63n, 0xffffffffn].map((v) => step(clsX, { 1: v }).x(0))).toEqual([
      63n, 63n, 0n, 0n, 31n,
    ]);
    expect([0n, 0xffffffffn, 0x40000000n, 0xc0000000n].map((v) => step(clsW, { 1: v }).x(0))).toEqual([31n, 31n, 0n, 1n]);
    expect(step(0xdac00020, { 1: 1n }).x(0)).toBe(1n << 63n); // rbit x0, x1
    expect(step(0x5ac00020, { 1: 1n }).x(0)).toBe(0x80000000n); // rbit w0, w1
    expect(step(0xdac00c20, { 1: 0x0102030405060708n }).x(0)).toBe(0x0807060504030201n); // rev x0
    expect(step(0xdac00820, { 1: 0x0102030405060708n }).x(0)).toBe(0x0403020108070605n); // rev32 x0
    expect(step(0xdac00420, { 1: 0x0102030405060708n }).x(0)).toBe(0x0201040306050807n); // rev16 x0
    expect(step(0x5ac00820, { 1: 0xff01020304n }).x(0)).toBe(0x04030201n); // rev w0
  });
});
