/**
 * System-level benchmarks: an integer load/store loop at EL1 with the MMU off and on (a one-entry
 * identity map the bench builds), the same loop on a user-level core for reference, both again
 * with the block translator (CpuOptions.jit), and the
 * round trip of a data-abort exit to the host. Each run checks its result, so a broken core
 * cannot produce a flattering figure.
 */
import { Cpu } from "../core/cpu.js";
import { CpuError } from "../core/errors.js";
import { GuestMemory } from "../memory/guest-memory.js";
import type { BenchResult } from "./types.js";

const RAM = 0x4000_0000;
const RAM_SIZE = 0x100_0000;
const L1_TABLE = RAM + 0x20_0000;
const BUFFER = RAM + 0x40_0000;
const BUFFER_SIZE = 0x10_0000;
const HOLE = 0x0900_0000;
/** L1 block descriptor for the 1 GiB at 0x40000000: AF, inner shareable, AttrIndx 0, EL1 RW. */
const IDENTITY_BLOCK = BigInt(RAM) | 0x701n;
/** TCR_EL1: T0SZ = 25 (39-bit VA, level-1 walk), WBWA, inner shareable, EPD1, IPS 40-bit. */
const TCR = 25n | (1n << 8n) | (1n << 10n) | (3n << 12n) | (1n << 23n) | (2n << 32n);

/**
 * x0 = buffer, x1 = length, x2 = passes: x6 = mix of every word, and each word is replaced by
 * the running mix (one load, one store and three ALU operations per word). Ends with hvc/svc.
 */
function mixLoop(end: number): number[] {
  return [
    0xaa0003e3, // outer: mov x3, x0
    0xaa0103e4, //        mov x4, x1
    0xf8408465, // inner: ldr x5, [x3], #8
    0xca0500c6, //        eor x6, x6, x5
    0xcac634c6, //        eor x6, x6, x6, ror #13
    0xf81f8066, //        stur x6, [x3, #-8]
    0xf1002084, //        subs x4, x4, #8
    0x54ffff61, //        b.ne inner
    0xf1000442, //        subs x2, x2, #1
    0x54fffee1, //        b.ne outer
    end,
  ];
}

const HVC_END = 0xd4000ee2; // hvc #0x77
const SVC_END = 0xd4000001; // svc #0

function load(memory: GuestMemory, words: readonly number[]): void {
  const bytes = new Uint8Array(words.length * 4);
  const view = new DataView(bytes.buffer);
  words.forEach((word, i) => view.setUint32(4 * i, word >>> 0, true));
  memory.write(RAM, bytes);
}

/** Initial x6: a non-zero seed, so that the buffer (zeroed RAM) fills with varied words. */
const MIX_SEED = 0x9e3779b97f4a7c15n;

/** The loop's final mix computed in TypeScript (the expected x6). */
function expectedMix(passes: number): bigint {
  const words = new BigUint64Array(BUFFER_SIZE / 8);
  let mix = MIX_SEED;
  const mask = (1n << 64n) - 1n;
  for (let pass = 0; pass < passes; pass++) {
    for (let i = 0; i < words.length; i++) {
      mix ^= words[i]!;
      mix ^= ((mix >> 13n) | (mix << 51n)) & mask;
      words[i] = mix;
    }
  }
  return mix;
}

function runMix(level: "user" | "system", mmu: boolean, passes: number, expected: bigint, jit = false): BenchResult {
  const memory = new GuestMemory();
  memory.mapRam(RAM, RAM_SIZE);
  load(memory, mixLoop(level === "user" ? SVC_END : HVC_END));
  const cpu = new Cpu({ memory, level, jit });
  if (mmu) {
    const entry = new Uint8Array(8);
    new DataView(entry.buffer).setBigUint64(0, IDENTITY_BLOCK, true);
    memory.write(L1_TABLE + 8, entry);
    cpu.writeSystemRegister("MAIR_EL1", 0xffn);
    cpu.writeSystemRegister("TCR_EL1", TCR);
    cpu.writeSystemRegister("TTBR0_EL1", BigInt(L1_TABLE));
    cpu.writeSystemRegister("SCTLR_EL1", cpu.readSystemRegister("SCTLR_EL1") | 1n);
  }
  cpu.setX(0, BigInt(BUFFER));
  cpu.setX(1, BigInt(BUFFER_SIZE));
  cpu.setX(2, BigInt(passes));
  cpu.setX(6, MIX_SEED);
  cpu.setPC(BigInt(RAM));
  const start = performance.now();
  const exit = cpu.run(Number.MAX_SAFE_INTEGER);
  const seconds = (performance.now() - start) / 1000;
  if ((exit.kind !== "hvc" && exit.kind !== "svc") || cpu.getX(6) !== expected) {
    throw new CpuError(`bench: the ${level}${mmu ? " MMU-on" : ""} loop ended with ${exit.kind}, x6 = ${cpu.getX(6)}`);
  }
  const name = `${level === "user" ? "integer loop, user level (EL0)" : `integer loop, EL1, MMU ${mmu ? "on" : "off"}`}${jit ? ", --jit" : ""}`;
  return { name, value: cpu.instructionsRetired / seconds / 1e6, unit: "MIPS" };
}

/** Data-abort exits to the host and back: the host emulates each load and resumes after it. */
function benchAbortExits(exits: number): BenchResult {
  const memory = new GuestMemory();
  memory.mapRam(RAM, 0x1000);
  load(memory, [0xb9400001 /* ldr w1, [x0] */, 0x17ffffff /* b .-4 */]);
  const cpu = new Cpu({ memory, level: "system" });
  cpu.setX(0, BigInt(HOLE));
  cpu.setPC(BigInt(RAM));
  const start = performance.now();
  for (let n = 0; n < exits; n++) {
    const exit = cpu.run(1000);
    if (exit.kind !== "vmFault" || exit.ipa !== HOLE) throw new CpuError(`bench: expected a vmFault, got ${exit.kind}`);
    cpu.setX((exit.esr >>> 16) & 31, BigInt(n));
    cpu.setPC(exit.pc + 4n);
  }
  const seconds = (performance.now() - start) / 1000;
  return { name: "data-abort exit round trips", value: exits / seconds, unit: "exits/s" };
}

/** Options of {@link benchSystemLevel}. */
export interface SystemBenchOptions {
  /** Passes over the 1 MiB buffer (about 0.8 M instructions each; default 40). */
  passes?: number;
  /** Data-abort exits measured (default 200,000). */
  exits?: number;
}

/** Runs the system-level benchmarks; the MMU-on figure should be within 25% of MMU off. */
export function benchSystemLevel(options: SystemBenchOptions = {}): BenchResult[] {
  const passes = options.passes ?? 40;
  const expected = expectedMix(passes);
  const off = runMix("system", false, passes, expected);
  const on = runMix("system", true, passes, expected);
  const user = runMix("user", false, passes, expected);
  const userJit = runMix("user", false, passes, expected, true);
  const onJit = runMix("system", true, passes, expected, true);
  return [
    user,
    off,
    { ...on, note: `${((on.value / off.value - 1) * 100).toFixed(1)}% vs MMU off` },
    { ...userJit, note: `${(userJit.value / user.value).toFixed(1)}x the interpreter` },
    { ...onJit, note: `${(onJit.value / on.value).toFixed(1)}x the interpreter` },
    benchAbortExits(options.exits ?? 200_000),
  ];
}
