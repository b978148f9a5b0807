import { OP_FIXED_BITS, OP_FIXED_MASK, OP_NAMES, decodeA64 } from "../decode/decoder.generated.js";
import type { OpName } from "../decode/decoder.generated.js";
import { BRANCH_HANDLERS } from "./exec/branch.js";
import { DP_IMMEDIATE_HANDLERS } from "./exec/dp-immediate.js";
import { DP_REGISTER_HANDLERS } from "./exec/dp-register.js";
import { FP_HANDLERS } from "./exec/fp/index.js";
import type { Handler } from "./exec/handler.js";
import { HOT_END, HOT_EXECUTORS, HOT_FIRST, HOT_NOP, HOT_PATTERNS, hotExecutorFor } from "./exec/hot.js";
import { LOAD_STORE_HANDLERS } from "./exec/load-store.js";
import { SIMD_INT_HANDLERS } from "./exec/simd-int/index.js";
import { SIMD_HANDLERS } from "./exec/simd/index.js";
import { SYSTEM_HANDLERS } from "./exec/system.js";
import { CpuError } from "./errors.js";
import { STOP } from "./layout.js";
import type { CoreState } from "./state.js";

/** Every table pattern must have a handler: the compiler checks this record is complete. */
const HANDLERS_BY_NAME: Record<Exclude<OpName, "UNALLOCATED">, Handler> = {
  ...DP_IMMEDIATE_HANDLERS,
  ...DP_REGISTER_HANDLERS,
  ...BRANCH_HANDLERS,
  ...SYSTEM_HANDLERS,
  ...LOAD_STORE_HANDLERS,
  ...SIMD_HANDLERS,
  ...FP_HANDLERS,
  ...SIMD_INT_HANDLERS,
};

/** Slot value of a decoded-code array meaning "not decoded yet". */
export const EXECUTOR_DECODE = 0;

/**
 * Decodes the instruction at the PC into the current code page's cache, then executes it. Runs
 * for every slot whose executor id is 0: first execution, or after invalidation.
 */
function decodeAndExecute(s: CoreState, _insn: number): number {
  if (!s.enterCodePage()) return STOP;
  const word = s.fetchWord();
  const slot = (s.pc - s.codeBase) >>> 2;
  const executor = executorFor(word);
  s.code[slot] = executor;
  s.code[slot + 1024] = word;
  s.codeEntry!.decoded = true;
  return EXECUTORS[executor]!(s, word);
}

function unallocated(s: CoreState, insn: number): number {
  return s.undefinedInstruction(insn);
}

/**
 * Executors by id: 0 decodes, 1 is UNALLOCATED, the specialised executors of exec/hot.ts take
 * HOT_FIRST..HOT_END-1, and pattern id p ≥ 1 runs at `patternExecutor(p)` (see `executorFor`).
 * The run loop stores these ids in the per-page decoded-code arrays.
 */
export const EXECUTORS: readonly Handler[] = [
  decodeAndExecute,
  unallocated,
  ...HOT_EXECUTORS,
  ...OP_NAMES.slice(1).map((name) => HANDLERS_BY_NAME[name as Exclude<OpName, "UNALLOCATED">]),
];

// The specialised ids are literals (so the run loop's switch compiles to a jump table): they must
// sit right after UNALLOCATED, where growing the tables never moves them.
if (HOT_FIRST !== 2 || HOT_END !== HOT_FIRST + HOT_EXECUTORS.length || HOT_PATTERNS.length !== HOT_EXECUTORS.length) {
  throw new CpuError(`exec/hot.ts: specialised ids ${HOT_FIRST}..${HOT_END} do not match its ${HOT_EXECUTORS.length} executors`);
}

/**
 * Table executors the run loop calls from call sites of their own, the most frequent of a Linux
 * boot: its switch (core/cpu.ts) has their ids as literal labels (hot.test.ts checks them), so
 * that V8 sees one target at each instead of the megamorphic table call.
 */
export const OWN_CALL_SITE_PATTERNS: readonly OpName[] = [
  "ADRP", "AND_i", "ORR_i", "ANDS_i", "MOVN", "MOVK", "UBFM", "EXTR", "BLR", "SYS", "MRS",
  "LDST_u", "LDST_post", "LDST_reg", "EOR_r", "CCMP_r", "CCMP_i", "LSLV", "LSRV", "REV_x",
];

/** Executor id of pattern id p (0, UNALLOCATED, runs at 1). */
export function patternExecutor(pattern: number): number {
  return pattern === 0 ? 1 : pattern + HOT_END - 1;
}

/** Executor id for an instruction word: a specialised executor when it has a hot shape. */
export function executorFor(insn: number): number {
  const pattern = decodeA64(insn);
  const hot = hotExecutorFor(OP_NAMES[pattern]!, insn);
  return hot !== 0 ? hot : patternExecutor(pattern);
}

/**
 * Free-bit fillers of the words primeDecoder decodes: every free bit clear and set, and the two
 * alternating patterns (the decision tree also splits on bits that only some patterns fix, such
 * as sf, and on register fields).
 */
const PRIMING_FILLS = [0, -1, 0x55555555, -0x55555556];

/**
 * A word of every executor id the decoder primer met (0 where none: no executor of id 2 or more
 * decodes from word 0), and of every specialised executor: what interpreter-priming.ts runs.
 */
export const EXECUTOR_SAMPLES: Int32Array = new Int32Array(EXECUTORS.length);

/**
 * Decodes words of every encoding, twice (V8 keeps no type feedback for a function's first
 * calls), so that the decoder has run the paths of its decision tree before V8 optimises it. A
 * path first taken after that (a new encoding in the guest) was compiled as a deoptimisation:
 * a Linux boot deoptimised and recompiled `decodeA64` 28 times (about 15 ms of optimising
 * compile each), with decoding in V8's lower tiers in between. A few ms, once per process.
 * The first word met of each executor id is kept in EXECUTOR_SAMPLES.
 */
function primeDecoder(): void {
  for (let pass = 0; pass < 2; pass++) {
    for (let id = 1; id < OP_FIXED_BITS.length; id++) {
      for (const fill of PRIMING_FILLS) {
        const word = OP_FIXED_BITS[id]! | (fill & ~OP_FIXED_MASK[id]!);
        const executor = executorFor(word);
        if (EXECUTOR_SAMPLES[executor] === 0) EXECUTOR_SAMPLES[executor] = word;
      }
    }
  }
}
primeDecoder();

/** Tries of sampleSpecialisedShapes per specialised executor: each is found within a few hundred (a test checks that all are). */
const SHAPE_TRIES = 4096;

/**
 * Finds a word for each specialised executor the fills above miss (shapes such as LSL as UBFM or
 * a load's scaled offset with a particular size): words of its pattern with pseudo-random free
 * bits (xorshift32, a fixed seed: the same words in every process).
 */
function sampleSpecialisedShapes(): void {
  let bits = 0x9e3779b9 | 0;
  for (let id = HOT_FIRST; id < HOT_END; id++) {
    const pattern = OP_NAMES.indexOf(HOT_PATTERNS[id - HOT_FIRST] as OpName);
    for (let tries = 0; EXECUTOR_SAMPLES[id] === 0 && tries < SHAPE_TRIES; tries++) {
      bits ^= bits << 13;
      bits ^= bits >>> 17;
      bits ^= bits << 5;
      const word = OP_FIXED_BITS[pattern]! | (bits & ~OP_FIXED_MASK[pattern]!);
      if (executorFor(word) === id) EXECUTOR_SAMPLES[id] = word;
    }
  }
}
sampleSpecialisedShapes();

/**
 * How the block translator (core/jit/) may place an executor inside a block. REGISTERS: reads
 * and writes only registers and NZCV (and the PC, for ADR/ADRP); ACCESS: may also touch memory,
 * FP state or take an exception, but never changes the code page or translation regime;
 * ENDS_BLOCK: branches, exception-generating and system instructions, decode and UNALLOCATED.
 */
export const KIND_REGISTERS = 0;
export const KIND_ACCESS = 1;
export const KIND_ENDS_BLOCK = 2;

const REGISTER_ONLY = new Set<string>([...Object.keys(DP_IMMEDIATE_HANDLERS), ...Object.keys(DP_REGISTER_HANDLERS)]);
const ENDS_BLOCK = new Set<string>([...Object.keys(BRANCH_HANDLERS), ...Object.keys(SYSTEM_HANDLERS)]);

/** KIND_* of every executor id (see `EXECUTORS`): a specialised executor's is its pattern's. */
export const EXECUTOR_KINDS: Uint8Array = Uint8Array.from(EXECUTORS, (_handler, id) => {
  if (id < HOT_FIRST) return KIND_ENDS_BLOCK;
  const name = id < HOT_END ? HOT_PATTERNS[id - HOT_FIRST]! : OP_NAMES[id - HOT_END + 1]!;
  if (REGISTER_ONLY.has(name)) return KIND_REGISTERS;
  return ENDS_BLOCK.has(name) ? KIND_ENDS_BLOCK : KIND_ACCESS;
});

/**
 * 1 for the executors after which a translated block ends (jit/block-translator.ts) and so the
 * interpreter's straight run too (cpu.ts), the next instruction being a possible block start:
 * those of KIND_ENDS_BLOCK except the ones that do nothing at every exception level for every
 * word they get, which blocks keep inside (as native no-ops): HOT_NOP (the hints but SEV and
 * SEVL: NOP, YIELD, the PAC and BTI hints of a core without those features), DMB and DSB. A Linux
 * function passes through four such hints (two patchable-entry NOPs, PACIASP, AUTIASP): in the
 * first 200 M instructions of a boot 11.4 M hints and 0.7 M barriers each sent the run loop round
 * again and counted an entry while only blocks went on past them.
 */
export const ENDS_STRAIGHT_RUN: Uint8Array = Uint8Array.from(EXECUTOR_KINDS, (kind, id) => {
  const barrier = id >= HOT_END && ["DMB", "DSB"].includes(OP_NAMES[id - HOT_END + 1]!);
  return kind === KIND_ENDS_BLOCK && id !== HOT_NOP && !barrier ? 1 : 0;
});

/** DC ZVA, Xt (SYS #3, C7, C4, #1) without its Xt field. */
const DC_ZVA = 0xd50b7420 | 0;

/**
 * The KIND_* a translated block places instruction `word` (of executor `id`) with: its
 * executor's, except DC ZVA, a SYS like TLBI but only a store of a zeroed block to the translation
 * regime, which blocks keep inside as they keep stores. Linux's `clear_page` loop (DC ZVA, ADD,
 * TST, B.NE) is then one block looping in itself: a boot runs DC ZVA about 900,000 times.
 */
export function blockKindOf(id: number, word: number): number {
  return (word & ~31) === DC_ZVA ? KIND_ACCESS : EXECUTOR_KINDS[id]!;
}

/** Whether a translated block ends after instruction `word` of executor `id`: ENDS_STRAIGHT_RUN, for what blockKindOf still places as block-ending. */
export function endsBlock(id: number, word: number): boolean {
  return ENDS_STRAIGHT_RUN[id] === 1 && blockKindOf(id, word) === KIND_ENDS_BLOCK;
}
