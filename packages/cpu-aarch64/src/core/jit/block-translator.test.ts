import { describe, expect, it } from "vitest";
import { GuestMemory } from "../../memory/guest-memory.js";
import { Cpu } from "../cpu.js";
import type { JitOptions } from "../cpu.js";
import { executorFor } from "../executors.js";
import { TranslationCache, blockSource } from "./block-translator.js";

const CODE = 0x4000_0000;
const RWX = { read: true, write: true, exec: true };

function machine(words: number[], jit: boolean | JitOptions, ramSize = 0x1000): { cpu: Cpu; memory: GuestMemory; view: DataView } {
  const memory = new GuestMemory();
  const bytes = memory.mapRam(CODE, ramSize);
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  words.forEach((word, i) => view.setUint32(4 * i, word, true));
  const cpu = new Cpu({ memory, jit });
  cpu.setPC(BigInt(CODE));
  return { cpu, memory, view };
}

/** What the loop tests compare: count, PC, x0, x1 and NZCV. */
function loopState(cpu: Cpu): unknown[] {
  return [cpu.instructionsRetired, cpu.getPC(), cpu.getX(0), cpu.getX(1), cpu.getNZCV()];
}

describe("block translator", () => {
  // movz x1, #1000; add x0, x0, #3; subs x1, x1, #1; b.ne -2; b .
  const LOOP = [0xd2807d01, 0x91000c00, 0xf1000421, 0x54ffffc1, 0x14000000];

  it("translates a hot loop and retires exactly the interpreter's count in any budget split", () => {
    const { cpu } = machine(LOOP, { threshold: 16, minNative: 0 });
    const reference = machine(LOOP, false).cpu;
    for (const budget of [1, 7, 100, 333, 1000, 2000]) {
      expect(cpu.run(budget)).toEqual(reference.run(budget));
      expect(loopState(cpu)).toEqual(loopState(reference));
    }
    expect(cpu.jit).toBe(true);
    expect(cpu.translatedBlocks).toBeGreaterThan(0);
    expect(reference.translatedBlocks).toBe(0);
    // movz, then 1000 × (add, subs, b.ne), then the b . it spins on: x0 = 3 × 1000.
    expect(cpu.getX(0)).toBe(3000n);
  });

  it("translates a function's RET block at the threshold, however few native instructions it has", () => {
    // movz x1, #12; loop: bl func; subs x1, x1, #1; b.ne loop; b .   func (0x100): RET or BR x30
    const program = (tail: number) => {
      const words = new Array<number>(0x104 / 4).fill(0xd503201f);
      [0xd2800181, 0x9400003f, 0xf1000421, 0x54ffffc1, 0x14000000].forEach((word, i) => (words[i] = word));
      words[0x100 / 4] = tail;
      return words;
    };
    const counts = [0xd65f03c0, 0xd61f03c0].map((tail) => {
      const { cpu } = machine(program(tail), { threshold: 4, minNative: 8 });
      const reference = machine(program(tail), false).cpu;
      expect(cpu.run(100)).toEqual(reference.run(100));
      expect(loopState(cpu)).toEqual(loopState(reference));
      return cpu.translatedBlocks;
    });
    // The RET block is translated after 4 entries; BR x30 (not a return) waits for more rounds.
    expect(counts[0]).toBe(counts[1]! + 1);
  });

  it("runs a loop over a page boundary with a call and return between pages exactly", () => {
    const b = (from: number, to: number) => (0x14000000 | (((to - from) >> 2) & 0x3ffffff)) >>> 0;
    const bl = (from: number, to: number) => (0x94000000 | (((to - from) >> 2) & 0x3ffffff)) >>> 0;
    const bne = (from: number, to: number) => (0x54000001 | ((((to - from) >> 2) & 0x7ffff) << 5)) >>> 0;
    const words = new Array<number>(0x2000 / 4).fill(0xd503201f); // NOP
    const put = (at: number, word: number) => (words[at / 4] = word);
    put(0x000, 0xd2807d01); // movz x1, #1000
    put(0x004, b(0x004, 0xff8));
    put(0x200, 0x91000884); // func: add x4, x4, #2
    put(0x204, 0xd65f03c0); // ret
    put(0xff8, 0x91000c00); // loop: add x0, x0, #3
    put(0xffc, 0x91000463); // add x3, x3, #1 (the block is cut at the page's end)
    put(0x1000, bl(0x1000, 0x200));
    put(0x1004, 0xf1000421); // subs x1, x1, #1
    put(0x1008, bne(0x1008, 0xff8));
    put(0x100c, b(0x100c, 0x100c)); // b .
    const cpu = machine(words, { threshold: 4, minNative: 0 }, 0x2000).cpu;
    const reference = machine(words, false, 0x2000).cpu;
    const state = (c: Cpu) => [...loopState(c), c.getX(3), c.getX(4)];
    for (const budget of [5, 37, 100, 999, 2500, 5000]) {
      expect(cpu.run(budget)).toEqual(reference.run(budget));
      expect(state(cpu)).toEqual(state(reference));
    }
    expect(cpu.translatedBlocks).toBeGreaterThan(3);
    expect([cpu.getX(0), cpu.getX(3), cpu.getX(4)]).toEqual([3000n, 1000n, 2000n]);
  });

  it("translates a block again into native code once it has run nativeAfter times, mid-loop, exactly", () => {
    for (const nativeAfter of [0, 1, 10, 600, 5000]) {
      const cache = new TranslationCache();
      const { cpu } = machine(LOOP, { threshold: 1, minNative: 0, nativeAfter, cache });
      const reference = machine(LOOP, false).cpu;
      for (const budget of [3, 500, 1000, 2000]) {
        expect(cpu.run(budget)).toEqual(reference.run(budget));
        expect(loopState(cpu)).toEqual(loopState(reference));
      }
      // The loop block ran 1000 times: native form ("n…" factories) unless nativeAfter is larger.
      const native = [...cache.factories.keys()].filter((key) => key.startsWith("n"));
      expect(native.length > 0, `nativeAfter ${nativeAfter}`).toBe(nativeAfter < 1000);
    }
    expect(() => machine(LOOP, { nativeAfter: -1 })).toThrow("jit.nativeAfter -1 is not an integer >= 0");
  });

  it("a store into its own block: the next instruction is the new word (add #8 instead of add #1)", () => {
    // add x0, x0, #1; str w2, [x1]; add x0, x0, #1 (rewritten); add x0, x0, #1; b .
    for (const jit of [false, { threshold: 1, minNative: 0, nativeAfter: 512 }, { threshold: 1, minNative: 0, nativeAfter: 0 }]) {
      const { cpu } = machine([0x91000400, 0xb9000022, 0x91000400, 0x91000400, 0x14000000], jit);
      cpu.setX(1, BigInt(CODE + 8));
      cpu.setX(2, 0x91002000n); // add x0, x0, #8
      cpu.run(1);
      cpu.run(4);
      expect(cpu.getX(0)).toBe(10n);
      expect(cpu.instructionsRetired).toBe(5);
    }
  });

  it("keeps the interpreter's decoded words for code changed behind GuestMemory's back until invalidateCode", () => {
    for (const jit of [false, { threshold: 1, minNative: 0, nativeAfter: 512 }, { threshold: 1, minNative: 0, nativeAfter: 0 }]) {
      const { cpu, memory, view } = machine([0xd2800020, 0x14000000], jit); // movz x0, #1; b .
      cpu.run(1);
      view.setUint32(0, 0xd2800040, true); // movz x0, #2
      cpu.setPC(BigInt(CODE));
      cpu.run(2);
      expect(cpu.getX(0)).toBe(1n);
      memory.invalidateCode(CODE, 4);
      cpu.setPC(BigInt(CODE));
      cpu.run(2);
      expect(cpu.getX(0)).toBe(2n);
    }
  });

  it("revives its blocks after a whole-page invalidation (IC IALLU, protect) while their words are unchanged", () => {
    // movz x1, #1000; (add x0, x0, #3; subs x1, x1, #1; b.ne -2) × 2; b .
    const words = [0xd2807d01, 0x91000c00, 0xf1000421, 0x54ffffc1, 0xd2807d01, 0x91000c00, 0xf1000421, 0x54ffffc1, 0x14000000];
    for (const nativeAfter of [0, 512]) {
      const { cpu, memory, view } = machine(words, { threshold: 1, minNative: 0, nativeAfter });
      const reference = machine(words, false);
      const both = (budget: number): void => {
        expect(cpu.run(budget)).toEqual(reference.cpu.run(budget));
        expect(loopState(cpu)).toEqual(loopState(reference.cpu));
      };
      // Translates what the same runs without the invalidation translate, nothing again.
      const plain = machine(words, { threshold: 1, minNative: 0, nativeAfter }).cpu;
      both(500);
      plain.run(500);
      memory.protect(CODE, 0x1000, RWX);
      reference.memory.protect(CODE, 0x1000, RWX);
      both(1000);
      plain.run(1000);
      expect(cpu.translatedBlocks).toBe(plain.translatedBlocks);
      const translated = cpu.translatedBlocks;
      // The first loop adds 5 from now on: changed behind GuestMemory's back, then the page forgotten.
      for (const m of [view, reference.view]) m.setUint32(4, 0x91001400, true);
      memory.protect(CODE, 0x1000, RWX);
      reference.memory.protect(CODE, 0x1000, RWX);
      both(6000);
      expect(cpu.translatedBlocks).toBeGreaterThan(translated);
      expect(cpu.getX(0)).toBeGreaterThan(6000n);
    }
  });

  it("is off while a trace hook is set, and refuses a threshold outside 1..65535", () => {
    const { cpu } = machine(LOOP, { threshold: 1, minNative: 0 });
    const seen: bigint[] = [];
    cpu.traceHook = (pc) => seen.push(pc);
    cpu.run(10);
    expect(seen).toHaveLength(10);
    expect(cpu.translatedBlocks).toBe(0);
    expect(() => machine(LOOP, { threshold: 0 })).toThrow("jit.threshold 0 is not an integer 1..65535");
  });
});

describe("block exits", () => {
  it("leave a conditional branch's block both ways through one exit, which runs the next block through K", () => {
    // cmp x1, #5; b.ne +8: one exit for both ways, so V8 has run it before it optimises the block.
    const words = [0xf100143f, 0x54000041];
    const source = blockSource(words.map(executorFor), words);
    expect(source.match(/K\(nb, s, d \+ 1\)/g)).toHaveLength(1);
    expect(source).not.toContain("nb.run");
    // The 64-bit compare's condition evaluates all its compares (no short-circuit).
    expect(source).not.toContain("||");
  });

  it("take a forward conditional branch either way as the interpreter does", () => {
    // movz x1, #20; loop: subs x1, x1, #1; tbnz x1, #0, odd; add x0, x0, #1; b next;
    // odd: add x2, x2, #1; next: cbnz x1, loop; b .
    const words = [0xd2800281, 0xf1000421, 0x37000061, 0x91000400, 0x14000002, 0x91000442, 0xb5ffff61, 0x14000000];
    const { cpu } = machine(words, { threshold: 1, minNative: 0 });
    const reference = machine(words, false).cpu;
    for (const budget of [3, 10, 50, 200]) {
      expect(cpu.run(budget)).toEqual(reference.run(budget));
      expect([...loopState(cpu), cpu.getX(2)]).toEqual([...loopState(reference), reference.getX(2)]);
    }
    expect(cpu.translatedBlocks).toBeGreaterThan(3);
    expect([cpu.getX(0), cpu.getX(2)]).toEqual([10n, 10n]);
  });
});

describe("DC ZVA in a block", () => {
  // movz x1, #64; loop: dc zva, x0; add x0, x0, x1; tst x0, #0xfff; b.ne loop; b .  (Linux's clear_page)
  const CLEAR_PAGE = [0xd2800801, 0xd50b7420, 0x8b010000, 0xf2402c1f, 0x54ffffa1, 0x14000000];

  it("keeps clear_page's loop in one block that loops in itself, as exact as the interpreter", () => {
    const page = CODE + 0x1000;
    const machines = [machine(CLEAR_PAGE, { threshold: 4, minNative: 0 }, 0x2000), machine(CLEAR_PAGE, false, 0x2000)];
    for (const { cpu, view } of machines) {
      for (let i = 0; i < 0x1000; i += 4) view.setUint32(0x1000 + i, 0xffffffff, true);
      cpu.setX(0, BigInt(page));
    }
    const [{ cpu, view }, { cpu: reference }] = machines as [(typeof machines)[0], (typeof machines)[0]];
    for (const budget of [1, 7, 50, 100, 333]) {
      expect(cpu.run(budget)).toEqual(reference.run(budget));
      expect(loopState(cpu)).toEqual(loopState(reference));
    }
    expect(cpu.getX(0)).toBe(BigInt(page + 0x1000));
    for (let i = 0; i < 0x1000; i += 4) expect(view.getUint32(0x1000 + i, true)).toBe(0);
    expect(cpu.translatedBlocks).toBeGreaterThan(0);
  });

  it("stops a block at a DC ZVA that zeroes the block's own instructions", () => {
    // dc zva, x0 (x0: this code's first 64 bytes); then 0 is UDF #0 where the next instruction was.
    const words = [0xd50b7420, 0x91000421, 0x91000421, 0x14000000];
    const { cpu } = machine(words, { threshold: 1, minNative: 0 });
    const reference = machine(words, false).cpu;
    for (const c of [cpu, reference]) c.setX(0, BigInt(CODE));
    const exit = cpu.run(10);
    expect(exit).toEqual(reference.run(10));
    expect(exit.kind).toBe("undefined");
    expect([cpu.instructionsRetired, cpu.getX(1)]).toEqual([reference.instructionsRetired, 0n]);
  });
});

describe("TranslationCache", () => {
  it("is shared by CPUs given it: the second CPU reuses the first one's compiled blocks", () => {
    const cache = new TranslationCache();
    const loop = [0xd2807d01, 0x91000c00, 0xf1000421, 0x54ffffc1, 0x14000000];
    const first = machine(loop, { threshold: 1, minNative: 0, cache }).cpu;
    first.run(3005);
    const compiled = cache.size;
    expect(compiled).toBeGreaterThan(0);
    const second = machine(loop, { threshold: 1, minNative: 0, cache }).cpu;
    second.run(3005);
    expect(cache.size).toBe(compiled);
    expect(second.getX(0)).toBe(first.getX(0));
    expect(second.translatedBlocks).toBe(first.translatedBlocks);
  });
});
