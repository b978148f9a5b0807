// Random-instruction fuzzing of the core: random 32-bit words (every encoding space, since the
// top-level op0 field is uniform) run at EL0 (user level) and EL1 (system level, with seL4's VCPU
// traps), with random register contents that often point into mapped RAM. Whatever a word does
// to the guest, the host must see an exit, never an exception: a throw is a bug, reported with
// everything needed to replay it.
import { Cpu } from "../core/cpu.js";
import { disassemble } from "../disasm/index.js";
import { GuestMemory } from "../memory/guest-memory.js";
import { SEL4_VCPU_TRAPS } from "../system/hyp-traps.js";

/** A small seeded PRNG (mulberry32): the same seed gives the same cases on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** Where the fuzzed word runs and what its registers may point at. */
export const FUZZ_CODE = 0x4000_0000;
const DATA = 0x4001_0000;
const DATA_SIZE = 0x1_0000;
/** `b .`: the word after the fuzzed one, so that a run that falls through ends in the budget. */
const BRANCH_TO_SELF = 0x1400_0000;

/** One fuzz case, enough to replay it. */
export interface FuzzCase {
  readonly level: "EL0" | "EL1";
  readonly seed: number;
  readonly index: number;
  readonly word: number;
  /** x0..x30, then sp. */
  readonly registers: readonly bigint[];
}

/** A case whose run threw on the host. */
export interface FuzzFailure extends FuzzCase {
  readonly error: string;
}

/** The case `index` of `seed`: its word and registers. */
export function fuzzCase(level: "EL0" | "EL1", seed: number, index: number): FuzzCase {
  const next = mulberry32((seed ^ Math.imul(index + 1, 0x9e3779b1) ^ (level === "EL1" ? 0x5bd1e995 : 0)) >>> 0);
  const word = next();
  const registers: bigint[] = [];
  for (let r = 0; r < 32; r++) {
    // Half point into the data RAM (loads and stores that hit), half are any 64-bit value.
    registers.push(next() & 1 ? BigInt(DATA + (next() % DATA_SIZE)) : (BigInt(next()) << 32n) | BigInt(next()));
  }
  return { level, seed, index, word, registers };
}

/** Runs one case on a fresh core; returns null, or the host exception it raised. */
export function runFuzzCase(c: FuzzCase, budget = 4): string | null {
  const memory = new GuestMemory();
  memory.mapRam(FUZZ_CODE, 0x1000);
  memory.mapRam(DATA, DATA_SIZE);
  const code = new Uint8Array(8);
  new DataView(code.buffer).setUint32(0, c.word, true);
  new DataView(code.buffer).setUint32(4, BRANCH_TO_SELF, true);
  memory.write(FUZZ_CODE, code);
  try {
    const cpu = c.level === "EL0" ? new Cpu({ memory }) : new Cpu({ memory, level: "system", hypTraps: SEL4_VCPU_TRAPS, timerToIrq: false });
    for (let r = 0; r < 31; r++) cpu.setX(r, c.registers[r]!);
    cpu.setSP(c.registers[31]!);
    cpu.setPC(BigInt(FUZZ_CODE));
    cpu.run(budget);
    return null;
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}\n${error.stack?.split("\n").slice(1, 4).join("\n") ?? ""}` : String(error);
  }
}

/** Runs cases [first, first+count) of `seed` at `level`; the failures. */
export function fuzzCore(level: "EL0" | "EL1", seed: number, first: number, count: number): FuzzFailure[] {
  const failures: FuzzFailure[] = [];
  for (let i = first; i < first + count; i++) {
    const c = fuzzCase(level, seed, i);
    const error = runFuzzCase(c);
    if (error !== null) failures.push({ ...c, error });
  }
  return failures;
}

/** How to replay a failure, for the test's message. */
export function describeFailure(f: FuzzFailure): string {
  const word = `0x${f.word.toString(16).padStart(8, "0")}`;
  return [
    `${f.level} case ${f.index} of seed ${f.seed}: ${word} (${disassemble(f.word, BigInt(FUZZ_CODE))}) threw`,
    `  ${f.error.replace(/\n/g, "\n  ")}`,
    `  replay: runFuzzCase(fuzzCase("${f.level}", ${f.seed}, ${f.index}))  [src/fuzz/random-instructions.ts]`,
  ].join("\n");
}
