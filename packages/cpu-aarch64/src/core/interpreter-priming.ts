/**
 * Runs the interpreter over a word of each of its call sites when the package loads, so that V8
 * has seen every call site of the run loop (its switch over the specialised executors and the
 * table executors with sites of their own, the shared table call, the translated-block path)
 * before it optimises the loop. A site first reached after that was compiled as a
 * deoptimisation: a Linux boot deoptimised and recompiled `interpret` 16 times ("insufficient
 * type feedback" at a switch case or on the block path), running in V8's lower tiers until it
 * was optimised again each time.
 */
import { OP_NAMES } from "../decode/decoder.generated.js";
import { GuestMemory } from "../memory/guest-memory.js";
import type { Cpu, CpuOptions } from "./cpu.js";
import { HOT_END, HOT_FIRST } from "./exec/hot.js";
import { EXECUTOR_KINDS, EXECUTOR_SAMPLES, KIND_REGISTERS, OWN_CALL_SITE_PATTERNS, patternExecutor } from "./executors.js";

/** Where the priming machine puts things, all in RAM: sample code, data. */
const CODE = 0x2000;
const DATA = 0x10000;
const RAM_BYTES = 0x30000;
/** SVC #0 ends each sample (a fault ends it sooner: at the user level every exception is an exit). */
const SVC_0 = 0xd4000001;
/**
 * Table executors run through the shared table call: more than V8's four targets of a
 * polymorphic call, so that it is megamorphic from the start, as it becomes in any real run.
 */
const SHARED_SITE_SAMPLES = 6;
/**
 * Passes over every sample: the first decodes it (the switch runs it from the second on), and V8
 * records feedback only once it has given `interpret` a feedback vector, after its first calls.
 */
const PASSES = 3;
/**
 * Samples then also run as translated blocks, two block functions so that the block call is
 * polymorphic: the translator is on at PASSES + 1 entries, which these reach (and the samples
 * that branch to themselves, looping until the budget).
 */
const TRANSLATED_SAMPLES = 2;
const BLOCK_THRESHOLD = PASSES + 1;

/** Executor ids to run: the specialised ones, the table ones with sites of their own, and a few others. */
function primedExecutors(): number[] {
  const ids: number[] = [];
  for (let id = HOT_FIRST; id < HOT_END; id++) ids.push(id);
  const own = OWN_CALL_SITE_PATTERNS.map((name) => patternExecutor(OP_NAMES.indexOf(name)));
  ids.push(...own);
  // Register-only ones: they neither branch nor touch memory, whatever their operands.
  let shared = 0;
  for (let id = HOT_END; id < EXECUTOR_SAMPLES.length && shared < SHARED_SITE_SAMPLES; id++) {
    if (!own.includes(id) && EXECUTOR_KINDS[id] === KIND_REGISTERS && EXECUTOR_SAMPLES[id] !== 0) {
      ids.push(id);
      shared++;
    }
  }
  return ids;
}

/**
 * A user-level machine (cheaper to make than a system-level one) with `words` at CODE, each
 * followed by SVC #0, and the translator on at BLOCK_THRESHOLD entries.
 */
function primingMachine(newCpu: (options: CpuOptions) => Cpu, words: readonly number[]): Cpu {
  const memory = new GuestMemory();
  const ram = new DataView(memory.mapRam(0, RAM_BYTES).buffer);
  words.forEach((word, i) => {
    ram.setUint32(CODE + 8 * i, word >>> 0, true);
    ram.setUint32(CODE + 8 * i + 4, SVC_0, true);
  });
  return newCpu({ memory, jit: { threshold: BLOCK_THRESHOLD, minNative: 0 } });
}

/** Runs sample i from the same registers each time. */
function runSample(cpu: Cpu, i: number): void {
  for (let n = 0; n < 31; n++) cpu.setX(n, BigInt(DATA));
  cpu.setSP(BigInt(DATA));
  cpu.setPC(BigInt(CODE + 8 * i));
  // A budget of at least 64: the run loop counts block entries only then.
  cpu.run(100);
}

/**
 * Primes the interpreter (see the module comment), once per process: 12–16 ms at load in a
 * bundled Linux bench, much of it compiling code any run compiles. Returns the executor ids
 * whose samples it ran.
 */
export function primeInterpreter(newCpu: (options: CpuOptions) => Cpu): readonly number[] {
  const ids = primedExecutors();
  const cpu = primingMachine(newCpu, ids.map((id) => EXECUTOR_SAMPLES[id]!));
  for (let pass = 0; pass < PASSES; pass++) {
    for (let i = 0; i < ids.length; i++) runSample(cpu, i);
  }
  // Translated at the threshold's entry, run as a block at the next.
  const blockSamples = ids.flatMap((id, i) => (EXECUTOR_KINDS[id] === KIND_REGISTERS ? [i] : [])).slice(0, TRANSLATED_SAMPLES);
  for (let entry = PASSES; entry <= BLOCK_THRESHOLD; entry++) {
    for (const i of blockSamples) runSample(cpu, i);
  }
  return ids;
}
