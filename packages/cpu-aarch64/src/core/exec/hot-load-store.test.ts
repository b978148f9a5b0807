import { describe, expect, it, vi } from "vitest";
import { GuestMemory } from "../../memory/guest-memory.js";
import { CODE_SLOTS, PAGE_SIZE } from "../../memory/types.js";
import { Cpu } from "../cpu.js";
import { NEXT, SP } from "../layout.js";
import { CoreState } from "../state.js";
import { ldp, stp } from "./hot-load-store.js";
import { pairAccess } from "./load-store.js";

/** Four pages of RAM; nothing is mapped at HOLE. */
const RAM = 0x10000;
const RAM_PAGES = 4;
const HOLE = 0x80000;

/** A deterministic xorshift generator, so failures reproduce. */
function random(seed: number): () => number {
  let x = seed | 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

/** A 64-bit STP/LDP: mode 1 post-index, 2 signed offset, 3 pre-index; imm7 counts doublewords. */
function pairX(load: boolean, mode: number, imm7: number, t: number, t2: number, n: number): number {
  return (0xa8000000 | (mode << 23) | (load ? 1 << 22 : 0) | ((imm7 & 0x7f) << 15) | (t2 << 10) | (n << 5) | t) | 0;
}

interface Case {
  /** Address put in the base register (Rn, SP for 31). */
  address: number;
  seed?: number;
  /** The data TLBs start empty instead of holding every RAM page. */
  cold?: boolean;
  /** Further set-up, made on both cores. */
  prepare?: (s: CoreState, memory: GuestMemory) => void;
}

/**
 * A core over seeded RAM (and a recording MMIO device at HOLE + 0x10000) with random registers,
 * high halves included, and (unless `cold`) both data TLBs holding every RAM page.
 */
function core(insn: number, c: Case): { s: CoreState; memory: GuestMemory; mmio: string[] } {
  const next = random(c.seed ?? 0x9a17);
  const memory = new GuestMemory();
  const ram = memory.mapRam(RAM, RAM_PAGES * PAGE_SIZE);
  const words = new Uint32Array(ram.buffer);
  for (let i = 0; i < words.length; i++) words[i] = next();
  const mmio: string[] = [];
  memory.mapDevice(HOLE + 0x10000, PAGE_SIZE, {
    read: (offset, size) => (mmio.push(`r${offset}/${size}`), BigInt(offset) * 0x100000001n),
    write: (offset, size, value) => void mmio.push(`w${offset}/${size}=${value}`),
  });
  const s = new CoreState(memory);
  for (let i = 0; i < 66; i++) s.u32[i] = next();
  s.u32[62] = s.u32[63] = 0; // XZR
  if (c.cold !== true) {
    for (let page = RAM; page < RAM + RAM_PAGES * PAGE_SIZE; page += PAGE_SIZE) {
      const lo = s.read64(page, 0);
      s.write64(page, 0, lo, s.hiWord);
    }
  }
  const n = (insn >>> 5) & 31;
  s.setXNumber(n === 31 ? SP : n, c.address);
  c.prepare?.(s, memory);
  return { s, memory, mmio };
}

function outcome(s: CoreState, memory: GuestMemory, mmio: string[], result: number) {
  return {
    result,
    exit: s.exit,
    regs: Array.from(s.u32.subarray(0, 66)),
    ram: Buffer.from(memory.read(RAM, RAM_PAGES * PAGE_SIZE)).toString("hex"),
    code: Array.from(memory.pages.get(RAM / PAGE_SIZE + 1)!.code ?? []),
    mmio,
  };
}

/**
 * Runs `insn` through the specialised executor and through pairAccess on equal cores; expects
 * the same outcome and returns whether the executor kept to its fast path (no call into the
 * memory port's access methods).
 */
function compare(insn: number, c: Case): boolean {
  const load = (insn & (1 << 22)) !== 0;
  const generic = core(insn, c);
  const expected = outcome(generic.s, generic.memory, generic.mmio, pairAccess(generic.s, insn, load ? 1 : 0));
  const fast = core(insn, c);
  const portCalls = [vi.spyOn(fast.s, "probeWrite"), vi.spyOn(fast.s, "write64"), vi.spyOn(fast.s, "read64")];
  const actual = outcome(fast.s, fast.memory, fast.mmio, (load ? ldp : stp)(fast.s, insn));
  expect(actual, (insn >>> 0).toString(16)).toEqual(expected);
  return portCalls.every((spy) => spy.mock.calls.length === 0);
}

const PAGE1 = RAM + PAGE_SIZE;

describe("STP/LDP (64-bit) fast path", () => {
  it("stores and loads in every addressing mode, with write-back, as pairAccess does", () => {
    for (const load of [false, true]) {
      for (const mode of [1, 2, 3]) {
        for (const imm7 of [0, 2, -2, 63, -64]) {
          expect(compare(pairX(load, mode, imm7, 3, 4, 1), { address: PAGE1 + 0x800 })).toBe(true);
          expect(compare(pairX(load, mode, imm7, 29, 30, 31), { address: PAGE1 + 0x800 })).toBe(true); // SP base
        }
      }
    }
  });

  it("takes the pair at a page's last 16 bytes; leaves one crossing into the next page to pairAccess", () => {
    for (const load of [false, true]) {
      expect(compare(pairX(load, 2, 0, 5, 6, 2), { address: PAGE1 + PAGE_SIZE - 16 })).toBe(true);
      expect(compare(pairX(load, 3, -2, 5, 6, 2), { address: PAGE1 + PAGE_SIZE })).toBe(true);
      for (const end of [15, 12, 8, 4, 1]) {
        expect(compare(pairX(load, 2, 0, 5, 6, 2), { address: PAGE1 + PAGE_SIZE - end })).toBe(false);
        expect(compare(pairX(load, 1, 2, 5, 6, 2), { address: PAGE1 + PAGE_SIZE - end })).toBe(false);
      }
    }
  });

  it("moves both 64-bit halves; unaligned pairs inside a page take the fast path", () => {
    const prepare = (s: CoreState) => {
      s.x[7] = 0xffffffffffffffffn;
      s.x[8] = 0x8000000100000002n;
    };
    for (const load of [false, true]) {
      for (const off of [0x10, 0x13, 0x7fd]) {
        expect(compare(pairX(load, 2, 1, 7, 8, 9), { address: PAGE1 + off, prepare })).toBe(true);
      }
    }
  });

  it("XZR as data stores zeros and is not loaded into", () => {
    for (const load of [false, true]) {
      expect(compare(pairX(load, 3, -2, 31, 31, 31), { address: PAGE1 + 0x100 })).toBe(!load); // LDP xzr, xzr: t = t2
      expect(compare(pairX(load, 1, 2, 31, 4, 1), { address: PAGE1 + 0x100 })).toBe(true);
      expect(compare(pairX(load, 2, 2, 4, 31, 1), { address: PAGE1 + 0x100 })).toBe(true);
    }
  });

  it("LDP into the base register without write-back loads it; the overlaps pairAccess orders are left to it", () => {
    expect(compare(pairX(true, 2, 1, 1, 2, 1), { address: PAGE1 + 0x40 })).toBe(true);
    expect(compare(pairX(true, 2, 1, 2, 1, 1), { address: PAGE1 + 0x40 })).toBe(true);
    expect(compare(pairX(true, 3, 1, 1, 2, 1), { address: PAGE1 + 0x40 })).toBe(false); // write-back, t = n
    expect(compare(pairX(true, 1, 1, 2, 1, 1), { address: PAGE1 + 0x40 })).toBe(false); // write-back, t2 = n
    expect(compare(pairX(true, 2, 1, 5, 5, 1), { address: PAGE1 + 0x40 })).toBe(false); // t = t2
    // STP stores the base's old value, then writes it back.
    expect(compare(pairX(false, 3, -2, 1, 2, 1), { address: PAGE1 + 0x40 })).toBe(true);
  });

  it("TLB misses, holes, MMIO and other 4 GiB windows go through pairAccess", () => {
    for (const load of [false, true]) {
      const insn = pairX(load, 3, -2, 3, 4, 1);
      expect(compare(insn, { address: PAGE1 + 0x80, cold: true })).toBe(false);
      expect(compare(insn, { address: HOLE + 0x80 })).toBe(false);
      expect(compare(insn, { address: RAM + 8 })).toBe(false); // pre-index to just below RAM
      expect(compare(insn, { address: HOLE + 0x10080 })).toBe(false);
      expect(compare(insn, { address: 2 ** 32 + PAGE1 + 0x80 })).toBe(false); // the TLB tag's high half differs
    }
  });

  it("a store into a page holding decoded code invalidates the slots it overwrites", () => {
    const prepare = (s: CoreState, memory: GuestMemory) => {
      // As enterCodePage does: a new code page bumps the epoch and so leaves the write TLB.
      memory.codeOf(memory.pages.get(PAGE1 / PAGE_SIZE)!).fill(7, 0, CODE_SLOTS);
      s.syncEpoch();
    };
    const insn = pairX(false, 2, 0, 3, 4, 1);
    expect(compare(insn, { address: PAGE1 + 0x104, prepare })).toBe(false);
    const { s, memory } = core(insn, { address: PAGE1 + 0x104, prepare });
    expect(stp(s, insn)).toBe(NEXT);
    const code = memory.pages.get(PAGE1 / PAGE_SIZE)!.code!;
    expect(Array.from(code.subarray(0x40, 0x47))).toEqual([7, 0, 0, 0, 0, 7, 7]);
  });

  it("matches pairAccess on random pairs near page boundaries", () => {
    const next = random(0x57a9);
    let fastPaths = 0;
    for (let k = 0; k < 2000; k++) {
      const insn = pairX((next() & 1) === 1, 1 + (next() % 3), next(), next() & 31, next() & 31, next() & 31);
      const page = RAM + (next() % RAM_PAGES) * PAGE_SIZE;
      const address = page + ((next() & 1) === 1 ? next() & 0xfff : PAGE_SIZE - 32 + (next() & 63));
      if (compare(insn, { address, seed: next(), cold: (next() & 15) === 0 })) fastPaths++;
    }
    expect(fastPaths).toBeGreaterThan(1400);
  });
});

describe("STP into code the interpreter has run", () => {
  it("the interpreter runs the stored instructions, not the stale decoded ones", () => {
    const RET = 0xd65f03c0n << 32n;
    const memory = new GuestMemory();
    const code = new DataView(memory.mapRam(0x10000, PAGE_SIZE).buffer);
    memory.mapRam(0x20000, PAGE_SIZE);
    [
      0xa9001023, // stp x3, x4, [x1]       movz x0, #1 ; ret, while the page holds no code
      0xd63f0020, // blr x1                 the page now holds decoded code
      0xaa0003e5, // mov x5, x0
      0xa9081c27, // stp x7, x7, [x1, #128] a store to the code page that must not fill the write TLB
      0xa9001026, // stp x6, x4, [x1]       movz x0, #2 ; ret
      0xd63f0020, // blr x1
      0xd4000001, // svc #0
    ].forEach((word, i) => code.setUint32(4 * i, word, true));
    const cpu = new Cpu({ memory, jit: false });
    cpu.setPC(0x10000n);
    cpu.setX(1, 0x20000n);
    cpu.setX(3, RET | 0xd2800020n);
    cpu.setX(6, RET | 0xd2800040n);
    expect(cpu.run(100).kind).toBe("svc");
    expect(cpu.getX(5)).toBe(1n);
    expect(cpu.getX(0)).toBe(2n);
  });
});
