import { describe, expect, it } from "vitest";
import { GuestMemory } from "../../memory/guest-memory.js";
import { Cpu } from "../cpu.js";
import { REGISTER_SLOTS, SP } from "../layout.js";
import { LEFT_LOOP, SITE_BYTES, STATUS, STOPPED, lowerSelfLoop } from "./loop-lowering.js";
import { MPIHELP_ADDMUL_1_LOOP as ADDMUL_1, MPIHELP_SUBMUL_1_LOOP as SUBMUL_1 } from "./mpi-loops.test-helper.js";

/** The part of the WebAssembly JS API these tests use (the package's lib settings do not declare it). */
declare const WebAssembly: {
  Memory: new (descriptor: { initial: number }) => { readonly buffer: ArrayBuffer };
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }>;
};

const CODE = 0x10000;
const DATA = 0x20000;
const DATA_PAGES = 4;
const SVC0 = 0xd4000001;
const MASK = (1n << 64n) - 1n;

// Layout of the WebAssembly memory in these tests.
const REGS = 0;
const SITES = 4096;
const HOST_DATA = 65536;

function random(seed: bigint): () => bigint {
  let x = seed;
  return () => (x = (x * 6364136223846793005n + 1442695040888963407n) & MASK);
}

/** The prologue's register values for `limbs` limbs at res (x0, x11) and up (x1) with `limb`. */
function loopRegisters(limbs: number, limb: bigint): Record<number, bigint> {
  const minusN = BigInt.asUintN(64, BigInt(-limbs));
  return { 0: 0n, 1: BigInt(DATA + 0x800), 11: BigInt(DATA + 0x1ff0), 2: minusN & 0xffffffffn, 5: minusN, 14: minusN, 10: limb & 0xffffffffn, 12: limb >> 32n, 13: 1n << 32n };
}

interface Run {
  regs: bigint[];
  nzcv: number;
  retired: number;
  data: Uint8Array;
}

function setUp(words: readonly number[], regs: Record<number, bigint>, seed: bigint) {
  const memory = new GuestMemory();
  const code = memory.mapRam(CODE, 0x1000);
  const codeView = new DataView(code.buffer, code.byteOffset, code.byteLength);
  [...words, SVC0].forEach((w, i) => codeView.setUint32(4 * i, w >>> 0, true));
  const ram = memory.mapRam(DATA, DATA_PAGES * 4096);
  const next = random(seed);
  const dataView = new DataView(ram.buffer, ram.byteOffset, ram.byteLength);
  for (let at = 0; at < ram.byteLength; at += 8) dataView.setBigUint64(at, next(), true);
  const cpu = new Cpu({ memory, jit: false });
  cpu.setPC(BigInt(CODE));
  for (const [n, v] of Object.entries(regs)) cpu.setX(Number(n), v);
  cpu.setNZCV(0x20000000);
  return { cpu, ram };
}

function interpreted(words: readonly number[], regs: Record<number, bigint>, seed: bigint, budget: number): Run {
  const { cpu, ram } = setUp(words, regs, seed);
  cpu.run(budget);
  return {
    regs: [...Array.from({ length: 31 }, (_, n) => cpu.getX(n)), cpu.getSP()],
    nzcv: cpu.getNZCV() >>> 28,
    retired: cpu.instructionsRetired,
    data: ram.slice(),
  };
}

async function lowered(words: readonly number[], regs: Record<number, bigint>, seed: bigint, budget: number, unmapped: number[] = []): Promise<Run & { status: number; stopAt: number }> {
  const lowering = lowerSelfLoop(words);
  if (lowering === null) throw new Error("not lowered");
  const memory = new WebAssembly.Memory({ initial: 2 });
  const { ram } = setUp(words, regs, seed);
  new Uint8Array(memory.buffer, HOST_DATA, ram.byteLength).set(ram);
  const view = new DataView(memory.buffer);
  for (const [n, v] of Object.entries(regs)) view.setBigUint64(REGS + 8 * Number(n), v, true);
  view.setInt32(REGS + STATUS, 2, true);
  for (let site = 0; site < lowering.sites; site++) view.setInt32(SITES + SITE_BYTES * site, -1, true);
  // The core's TLB, as refill would consult it: the data pages, less `unmapped`.
  const refill = (site: number, lo: number, hi: number): number => {
    const page = lo >>> 12;
    const p = page - DATA / 4096;
    if (hi !== 0 || p < 0 || p >= DATA_PAGES || unmapped.includes(page)) return 0;
    view.setInt32(SITES + SITE_BYTES * site, page, true);
    view.setInt32(SITES + SITE_BYTES * site + 4, 0, true);
    view.setInt32(SITES + SITE_BYTES * site + 8, HOST_DATA + 4096 * p, true);
    return 1;
  };
  const { instance } = await WebAssembly.instantiate(lowering.bytes, { env: { memory, refill } });
  const run = instance.exports.run as (regs: number, sites: number, budget: number) => number;
  const status = run(REGS, SITES, budget);
  const file = new BigUint64Array(memory.buffer, REGS, REGISTER_SLOTS);
  return {
    status,
    stopAt: view.getInt32(REGS + STATUS + 8, true),
    regs: [...Array.from({ length: 31 }, (_, n) => file[n]!), file[SP]!],
    nzcv: view.getInt32(REGS + STATUS, true),
    retired: view.getInt32(REGS + STATUS + 4, true),
    data: new Uint8Array(memory.buffer, HOST_DATA, ram.byteLength).slice(),
  };
}

describe("lowerSelfLoop: the kernel's multi-precision loops as WebAssembly, against the interpreter", () => {
  for (const [name, words] of [["mpihelp_submul_1", SUBMUL_1], ["mpihelp_addmul_1", ADDMUL_1]] as const) {
    it(`${name}: whole loops of 1..40 limbs leave registers, NZCV, memory and the count as interpreted`, async () => {
      const next = random(99n);
      for (let limbs = 1; limbs <= 40; limbs += 3) {
        const regs = loopRegisters(limbs, next());
        const seed = next();
        const want = interpreted(words, regs, seed, 10_000);
        const got = await lowered(words, regs, seed, 10_000);
        expect(got.status).toBe(LEFT_LOOP);
        expect(got.retired).toBe(want.retired - 1); // the interpreter also ran the trailing svc
        expect(got.regs).toEqual(want.regs);
        expect(got.nzcv).toBe(want.nzcv);
        expect(got.data).toEqual(want.data);
      }
    });

    it(`${name}: a budget stops it before an iteration that would not fit, exactly`, async () => {
      const regs = loopRegisters(26, 0x9abc5678abcd1234n);
      const budget = 3 * words.length + 5;
      const got = await lowered(words, regs, 5n, budget);
      expect(got.status).toBe(STOPPED);
      expect(got.stopAt).toBe(0);
      const want = interpreted(words, regs, 5n, got.retired);
      expect(got.retired).toBe(3 * words.length);
      expect(got.regs).toEqual(want.regs);
      expect(got.nzcv).toBe(want.nzcv);
      expect(got.data).toEqual(want.data);
    });

    it(`${name}: an access to a page the TLB does not hold stops before that instruction`, async () => {
      const regs = loopRegisters(26, 0x1234n);
      const got = await lowered(words, regs, 8n, 10_000, [(DATA + 0x1000) / 4096]);
      expect(got.status).toBe(STOPPED);
      expect(OP_LOAD_OR_STORE(words[got.stopAt]!)).toBe(true);
      const want = interpreted(words, regs, 8n, got.retired);
      expect(got.regs).toEqual(want.regs);
      expect(got.nzcv).toBe(want.nzcv);
      expect(got.data).toEqual(want.data);
    });
  }

  it("refuses a block with an instruction outside its set, or one that does not branch to its start", () => {
    expect(lowerSelfLoop([0xd503201f, 0x54ffffe1])).toBeNull(); // NOP (a hint): not in the set
    expect(lowerSelfLoop([0x8b0d0068, 0x54000041])).toBeNull(); // b.ne forward
  });
});

function OP_LOAD_OR_STORE(insn: number): boolean {
  return (insn & 0x3b200c00) === 0x38200800; // LDR/STR (register offset)
}
