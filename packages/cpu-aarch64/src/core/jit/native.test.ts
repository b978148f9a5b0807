import { describe, expect, it } from "vitest";
import { GuestMemory } from "../../memory/guest-memory.js";
import { Cpu } from "../cpu.js";
import { TranslationCache } from "./block-translator.js";

// The natively emitted flag setters and condition readers (lazy NZCV, core/jit/emitter.ts) against
// the interpreter, for every condition and operands at the edges of the signed and unsigned
// ranges, where a wrong carry, overflow or signed comparison shows. Random blocks (src/fuzz) rarely
// put a setter, equal operands and a reader of the same condition in one block.

const CODE = 0x4000_0000;
const EDGES = [0n, 1n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n, 0x7fffffffffffffffn, 1n << 63n, (1n << 64n) - 1n];

/**
 * subs/adds/ands (32 and 64 bit) x3, x1, x2; cmp x1, #1; ccmp x1, x2, #5, eq / ne (the initial
 * NZCV is Z and V); ccmn w1, #3, #10, eq; adcs/sbcs (64 and 32 bit) x3, x1, x2.
 */
const SETTERS = [0x6b020023, 0xeb020023, 0x2b020023, 0xab020023, 0x6a020023, 0xea020023, 0xf100043f, 0xfa420025, 0xfa421025, 0x3a43082a, 0xba020023, 0x3a020023, 0xfa020023, 0x7a020023];

function run(words: number[], a: bigint, b: bigint, jit: false | { threshold: number; nativeAfter: number; minNative: number; cache: TranslationCache }): string {
  const memory = new GuestMemory();
  const bytes = memory.mapRam(CODE, 0x1000);
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  words.forEach((word, i) => view.setUint32(4 * i, word, true));
  const cpu = new Cpu({ memory, jit });
  cpu.setX(1, a);
  cpu.setX(2, b);
  cpu.setX(4, 4n);
  cpu.setX(5, 5n);
  cpu.setNZCV(0x50000000);
  cpu.setPC(BigInt(CODE));
  const exit = cpu.run(100);
  return `${exit.kind} pc ${cpu.getPC()} retired ${cpu.instructionsRetired} nzcv ${cpu.getNZCV()} x0 ${cpu.getX(0)} x3 ${cpu.getX(3)} x6 ${cpu.getX(6)}`;
}

describe("native flag setters and condition readers", () => {
  it("match the interpreter for every condition at the range edges", () => {
    const cache = new TranslationCache();
    let compared = 0;
    for (const setter of SETTERS) {
      for (let cond = 0; cond < 16; cond++) {
        // setter; csel x0, x4, x5, cond; b.cond +2; movz x6, #1; brk #0
        const words = [setter, 0x9a850080 | (cond << 12), 0x54000040 | cond, 0xd2800026, 0xd4200000];
        for (const a of EDGES) {
          for (const b of EDGES) {
            expect(run(words, a, b, { threshold: 1, minNative: 0, nativeAfter: 0, cache }), `setter ${setter.toString(16)} cond ${cond} a ${a} b ${b}`).toBe(run(words, a, b, false));
            compared++;
          }
        }
      }
    }
    expect(compared).toBe(SETTERS.length * 16 * EDGES.length ** 2);
  });
});

describe("native writes whose destination is also a source", () => {
  it("read both halves before writing either (ror x1, x1, #32 swaps them)", () => {
    // ror x1, x1, #32; extr x2, x2, x2, #16; mov x3, x1; mov x0, x2; brk #0
    const words = [0x93c18021, 0x93c24042, 0xaa0103e3, 0xaa0203e0, 0xd4200000];
    // subs x1, x1, x2; csel x0, x4, x5, hi; adds w2, w2, w1; csel x3, x4, x5, vs; brk #0 (lazy
    // flags must keep the operands, not the registers the result replaced)
    const flagWords = [0xeb020021, 0x9a858080, 0x2b010042, 0x9a856083, 0xd4200000];
    const cache = new TranslationCache();
    for (const a of EDGES) {
      for (const b of [a ^ 0x0123456789abcdefn, ...EDGES]) {
        for (const program of [words, flagWords]) {
          expect(run(program, a, b, { threshold: 1, minNative: 0, nativeAfter: 0, cache }), `x1 ${a} x2 ${b}`).toBe(run(program, a, b, false));
        }
      }
    }
    // The Linux kernel's word-at-a-time path walk uses this swap (it oopsed with the JIT on).
    expect(run(words, 0x1111111122222222n, 0n, false)).toContain("x3 2459565876208275729");
  });
});

/** Edge values, each ±1, and a few random ones (a fixed LCG: reproducible). */
function operands(): bigint[] {
  const values = new Set<bigint>();
  for (const edge of EDGES) for (const delta of [-1n, 0n, 1n]) values.add(BigInt.asUintN(64, edge + delta));
  let seed = 0x2545f491n;
  for (let i = 0; i < 12; i++) {
    seed = (seed * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n);
    values.add(seed);
    values.add(seed >> BigInt(i * 5)); // small magnitudes too (the divider's double path)
  }
  return [...values];
}

/** Runs `words` at `CODE` with x1, x2, x3 and NZCV set; the exit, PC, count, NZCV and x0..x30. */
function runAll(words: number[], x1: bigint, x2: bigint, x3: bigint, nzcv: number, jit: false | { threshold: number; nativeAfter: number; cache: TranslationCache }): string {
  const memory = new GuestMemory();
  const bytes = memory.mapRam(CODE, 0x1000);
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  words.forEach((word, i) => view.setUint32(4 * i, word, true));
  const cpu = new Cpu({ memory, jit });
  [x1, x2, x3].forEach((value, i) => cpu.setX(i + 1, value));
  cpu.setNZCV(nzcv);
  cpu.setPC(BigInt(CODE));
  const exit = cpu.run(100);
  const registers = Array.from({ length: 31 }, (_, r) => cpu.getX(r).toString(16)).join(" ");
  return `${exit.kind} pc ${cpu.getPC()} retired ${cpu.instructionsRetired} nzcv ${cpu.getNZCV()} ${registers}`;
}

/** Each form writes x0 from x1 and x2 (and x3: the addend of the long multiplies). */
const ARITHMETIC = {
  "adc x0, x1, x2": 0x9a020020,
  "adcs x0, x1, x2": 0xba020020,
  "sbc x0, x1, x2": 0xda020020,
  "sbcs x0, x1, x2": 0xfa020020,
  "adc w0, w1, w2": 0x1a020020,
  "adcs w0, w1, w2": 0x3a020020,
  "sbc w0, w1, w2": 0x5a020020,
  "sbcs w0, w1, w2": 0x7a020020,
  "lslv x0, x1, x2": 0x9ac22020,
  "lsrv x0, x1, x2": 0x9ac22420,
  "asrv x0, x1, x2": 0x9ac22820,
  "rorv x0, x1, x2": 0x9ac22c20,
  "lslv w0, w1, w2": 0x1ac22020,
  "lsrv w0, w1, w2": 0x1ac22420,
  "asrv w0, w1, w2": 0x1ac22820,
  "rorv w0, w1, w2": 0x1ac22c20,
  "udiv x0, x1, x2": 0x9ac20820,
  "sdiv x0, x1, x2": 0x9ac20c20,
  "udiv w0, w1, w2": 0x1ac20820,
  "sdiv w0, w1, w2": 0x1ac20c20,
  "umulh x0, x1, x2": 0x9bc27c20,
  "smulh x0, x1, x2": 0x9b427c20,
  "madd x0, x1, x2, x3": 0x9b020c20,
  "umaddl x0, w1, w2, x3": 0x9ba20c20,
  "umsubl x0, w1, w2, x3": 0x9ba28c20,
  "smaddl x0, w1, w2, x3": 0x9b220c20,
  "smsubl x0, w1, w2, x3": 0x9b228c20,
  "rev x0, x1": 0xdac00c20,
  "rev32 x0, x1": 0xdac00820,
  "rev16 x0, x1": 0xdac00420,
  "rev w0, w1": 0x5ac00820,
  "rev16 w0, w1": 0x5ac00420,
  "clz x0, x1": 0xdac01020,
  "clz w0, w1": 0x5ac01020,
};

describe("native arithmetic without BigInt (ADC/SBC, variable shifts, divides, multiplies, REV, CLZ)", () => {
  it("matches the interpreter for operands at the range edges, each carry-in and a read of the flags", () => {
    const cache = new TranslationCache();
    const jit = { threshold: 1, nativeAfter: 0, cache };
    const values = operands();
    const shifts = [0n, 1n, 31n, 32n, 33n, 63n, 64n, 95n];
    let compared = 0;
    for (const [text, word] of Object.entries(ARITHMETIC)) {
      const shift = text.includes("v ");
      // The form; csel x6, x4, x5, cs after it (its flags, or the carry it read); brk #0.
      const words = [word, 0x9a852086, 0xd4200000];
      for (const a of values) {
        for (const b of shift ? shifts : values) {
          const x3 = a ^ b ^ 0x0123456789abcdefn;
          for (const nzcv of /^(adc|sbc)/.test(text) ? [0x00000000, 0x20000000] : [0x20000000]) {
            expect(runAll(words, a, b, x3, nzcv, jit), `${text} x1 ${a} x2 ${b} nzcv ${nzcv}`).toBe(runAll(words, a, b, x3, nzcv, false));
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(Object.keys(ARITHMETIC).length * 300);
  });

  it("UDIV of a 64-bit dividend by a 32-bit divisor (long division in 16-bit steps) is exact", () => {
    const cache = new TranslationCache();
    const jit = { threshold: 1, nativeAfter: 0, cache };
    const words = [0x9ac20820, 0xd4200000]; // udiv x0, x1, x2; brk #0
    let seed = 0x9e3779b97f4a7c15n;
    const random = (): bigint => {
      seed = (seed * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n);
      return seed;
    };
    for (let i = 0; i < 400; i++) {
      const a = random();
      const b = (random() >> BigInt(32 + (i % 32))) | 1n;
      expect(runAll(words, a, b, 0n, 0, jit), `x1 ${a} x2 ${b}`).toBe(runAll(words, a, b, 0n, 0, false));
    }
  });

  it("ADC reads the carry of each kind of lazy flags (sub, add, logical; 32 and 64 bit)", () => {
    const cache = new TranslationCache();
    const values = operands();
    for (const setter of SETTERS) {
      // setter (x1, x2 -> x3); adc x0, x1, x2; sbcs w6, w2, w1; cset x7, cc; brk #0
      const words = [setter, 0x9a020020, 0x7a010046, 0x9a9f27e7, 0xd4200000];
      for (const a of values.slice(0, 12)) {
        for (const b of values.slice(6, 20)) {
          const jit = { threshold: 1, nativeAfter: 0, cache };
          expect(runAll(words, a, b, 0n, 0x50000000, jit), `setter ${setter.toString(16)} a ${a} b ${b}`).toBe(runAll(words, a, b, 0n, 0x50000000, false));
        }
      }
    }
  });

  it("ADR, ADRP and BL write the PC-relative values the executors write", () => {
    const cache = new TranslationCache();
    const adr = (page: boolean, rd: number, imm: number): number => ((page ? 1 << 31 : 0) | ((imm & 3) << 29) | 0x10000000 | (((imm >> 2) & 0x7ffff) << 5) | rd) >>> 0;
    // adr x0, #-3; adrp x3, #+5 pages; adr x4, #+0xfffff; adrp x5, #-0x100000 pages; bl +2; brk; brk
    const words = [adr(false, 0, -3), adr(true, 3, 5), adr(false, 4, 0xfffff), adr(true, 5, -0x100000), 0x94000002, 0xd4200000, 0xd4200000];
    const jit = { threshold: 1, nativeAfter: 0, cache };
    const reference = runAll(words, 0n, 0n, 0n, 0, false);
    expect(reference).toContain(` ${(CODE + 20).toString(16)}`); // x30 after the BL
    expect(runAll(words, 0n, 0n, 0n, 0, jit)).toBe(reference);
  });
});

describe("native effective addresses across a 4 GiB boundary", () => {
  // The address's low half wraps and its carry (or borrow) goes into the high half. A wrong high
  // half would hit a decoy page the TLB holds in the same entry, so each access right after a load
  // from its decoy (which the right page evicts): ldr x3, [x4] before ldur x0, [x1, #-16] and
  // ldp x13, x14, [x1, #-16] (borrow: 0x1_0000_0008 - 16); ldr x7, [x8] before ldr x6, [x5, #16]
  // and ldr x9, [x5, x10] (carry: 0xffff_fff8 + 16). A loop of 50.
  const WORDS = [
    0xf9400083, 0xf85f0020, 0xf9400083, 0xa97f382d, 0xf9400107, 0xf94008a6, 0xf9400107, 0xf86a68a9, 0xf1000694, 0x54fffee1, 0x14000000,
  ];
  const BELOW = 0xffff_fff8n;
  const ABOVE = 0x1_0000_0008n;

  function boot(jit: boolean): Cpu {
    const memory = new GuestMemory();
    const code = memory.mapRam(CODE, 0x1000);
    WORDS.forEach((word, i) => new DataView(code.buffer, code.byteOffset).setUint32(4 * i, word, true));
    const put = (bytes: Uint8Array, base: bigint, address: bigint, value: bigint) =>
      new DataView(bytes.buffer, bytes.byteOffset).setBigUint64(Number(address - base), value, true);
    const boundary = memory.mapRam(0xffff_f000, 0x2000);
    put(boundary, 0xffff_f000n, BELOW, 0x1111_1111_1111_1111n);
    put(boundary, 0xffff_f000n, BELOW + 8n, 0x2222_2222_2222_2222n);
    put(boundary, 0xffff_f000n, ABOVE, 0x3333_3333_3333_3333n);
    const highDecoy = memory.mapRam(0x1_ffff_f000, 0x1000);
    put(highDecoy, 0x1_ffff_f000n, 0x1_ffff_fff8n, 0xdead_0001n);
    const lowDecoy = memory.mapRam(0, 0x1000);
    put(lowDecoy, 0n, 8n, 0xdead_0002n);
    const cpu = new Cpu({ memory, jit: jit ? { threshold: 1, minNative: 0 } : false });
    cpu.setX(1, ABOVE);
    cpu.setX(4, 0x1_ffff_fff8n);
    cpu.setX(5, BELOW);
    cpu.setX(8, 8n);
    cpu.setX(10, 16n);
    cpu.setX(20, 50n);
    cpu.setPC(BigInt(CODE));
    cpu.run(1000);
    return cpu;
  }

  it("carries into and borrows from the high half as the interpreter does", () => {
    const registers = (cpu: Cpu) => [0, 3, 6, 7, 9, 13, 14].map((r) => cpu.getX(r));
    const jit = boot(true);
    expect(jit.translatedBlocks).toBeGreaterThan(0);
    expect(registers(jit)).toEqual(registers(boot(false)));
    expect(registers(jit)).toEqual([
      0x1111_1111_1111_1111n, 0xdead_0001n, 0x3333_3333_3333_3333n, 0xdead_0002n, 0x3333_3333_3333_3333n,
      0x1111_1111_1111_1111n, 0x2222_2222_2222_2222n,
    ]);
  });
});
