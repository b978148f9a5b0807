/**
 * The block translator: turns a run of instructions of one code page into a JavaScript function
 * (`new Function`). Its first form calls the interpreter's own executors with constant
 * instruction words (every call site is monomorphic, so V8 inlines the executors and folds their
 * field extraction). Once the block has run `nativeAfter` times it is translated again
 * (`blockSource`): native code for the hot integer instructions (native.ts), guest registers in
 * locals and lazy NZCV (emitter.ts), executor calls for the rest, and direct chaining to the next
 * translated block of the page.
 *
 * A block keeps the architectural contract of the interpreter loop (`Cpu.interpret`):
 * - `s.pc` is the instruction's address and `s.retired` the count before it whenever an executor
 *   runs (faults, ADR, ELR/FAR, the exception record and the timer see them);
 * - the result of each executor is handled as the loop handles it (JUMP counts the instruction,
 *   STOP returns to the loop, which counts SVC/WFI/WFE);
 * - after any instruction that may store, the block checks that it is still valid (a store to
 *   its own instructions ends it there, and the interpreter decodes the new words);
 * - instructions that may branch, change the translation regime or PSTATE end the block.
 * A block whose last instruction branches back to its start loops inside the function while the
 * budget allows. Native code adds: registers and NZCV written back before every executor call,
 * slow path and exit, and an exit chains only to a block of the same page that the budget covers.
 */
import { CODE_SLOTS, PAGE_SIZE } from "../../memory/types.js";
import { CpuError } from "../errors.js";
import { HOT_FIRST, HOT_RET } from "../exec/hot.js";
import { ENDS_STRAIGHT_RUN, EXECUTORS, KIND_ACCESS, KIND_ENDS_BLOCK, KIND_REGISTERS, blockKindOf, endsBlock, executorFor } from "../executors.js";
import { CONDITION_TABLE } from "../flags.js";
import { BlockEmitter } from "./emitter.js";
import { emitAccess, emitRegisterOp, nativeBranch, patternName } from "./native.js";
import type { Handler } from "../exec/handler.js";
import { JUMP, STOP } from "../layout.js";
import type { CoreState } from "../state.js";
import { MAX_BLOCK_INSTRUCTIONS, MAX_CHAIN_DEPTH, PageTranslations, newBlock } from "./page-translations.js";
import type { Block } from "./page-translations.js";
import { branchesToStart } from "../wasm/loop-lowering.js";
import { wasmLoopRun } from "../wasm/loop-runner.js";

/**
 * Default native instructions a block needs to be translated at the threshold
 * (JitOptions.minNative). A block of few native instructions is mostly executor calls and gains
 * little per run over the interpreter, so its compile repays only after more runs: with n native
 * instructions it waits for ceil(minNative / n) rounds of `threshold` entries (one with none,
 * 255). Measured on busybox sh, whose blocks average 5 instructions, half of them executor calls.
 */
export const DEFAULT_MIN_NATIVE = 8;

/** Compiled functions kept for reuse by identical blocks at most (then the cache starts again). */
const MAX_FACTORIES = 4096;

/**
 * Interpreted entries of an instruction slot after which a block is translated from it. High on
 * purpose: a new function runs unoptimised (slower than the interpreter) until V8 has optimised
 * it, and each costs a compile. In a Linux boot the 1,000 hottest of ~30,000 blocks retire 95% of
 * the instructions; translating only those is what makes the translator a win.
 */
export const DEFAULT_THRESHOLD = 16384;

type Leave = (s: CoreState, result: number, retired: number) => number;
type Promote = (block: Block, s: CoreState, depth: number) => number;
type BlockFactory = (
  executors: readonly Handler[], leave: Leave, block: Block, conditions: Uint8Array, promote: Promote, chain: typeof chainTo,
) => Block["run"];

/** An executor stopped the block early: count the instruction if it jumped (as the loop does). */
function leave(s: CoreState, result: number, retired: number): number {
  if (result === JUMP) {
    s.retired = retired + 1;
    return 0;
  }
  s.retired = retired;
  return STOP;
}

/** Everything a block's factory receives (its parameters, by these names). */
const FACTORY_PARAMETERS = ["E", "L", "B", "T", "U", "K"] as const;

/**
 * How an exit runs the block it chains to (`K` in a block's source). One function for every exit:
 * its call of `run` sees every block, so V8 compiles it as a call of whatever block is there. A
 * call of `nb.run` in each exit was compiled for the one target it had seen, often the page's
 * `none` while the target was not yet translated, and thrown away when the target appeared.
 */
function chainTo(block: Block, s: CoreState, depth: number): number {
  return block.run(s, depth);
}

/**
 * Default runs (entries and loop iterations) of a block in its first form, executor calls, before
 * it is translated again into native code (JitOptions.nativeAfter): 0, native at once. With the
 * high threshold a block is hot when it is translated, and compiling it twice costs more than
 * the calls form saves (measured on the Linux boot).
 */
export const DEFAULT_NATIVE_AFTER = 0;

/**
 * JavaScript source of a block's first form: the executors `ids` called on the constant words
 * `words`, with the PC and the retired count kept exact for each, and a count of runs (from
 * -nativeAfter up) that hands the block to `U` (the second translation) once it is hot.
 */
export function callBlockSource(ids: readonly number[], words: readonly number[]): string {
  const n = ids.length;
  const handlers = [...new Set(ids)];
  const lines = [`"use strict";`];
  lines.push(`const ${handlers.map((id) => `X${id} = E[${id}]`).join(", ")};`);
  lines.push(`return (function block(s, d) {`, `if (++B.runs > 0) return U(B, s, d);`);
  lines.push(`const P = s.pc, C = s.code, CB = s.codeBase;`, `for (;;) {`, `const R = s.retired;`, `let r;`);
  for (let k = 0; k < n; k++) {
    const id = ids[k]!;
    const kind = blockKindOf(id, words[k]!);
    const call = `r = X${id}(s, ${words[k]! | 0});`;
    const at = k === 0 ? "P" : `P + ${4 * k}`;
    if (k === n - 1) {
      lines.push(`s.pc = ${at}; s.retired = R + ${k};`, call);
      lines.push(`if (r === 0) s.pc = P + ${4 * k + 4}; else if (r === ${STOP}) return ${STOP};`);
      lines.push(`s.retired = R + ${n};`);
      lines.push(`if (r === ${JUMP} && s.pc === P && s.code === C && s.codeBase === CB && B.valid && R + ${2 * n} <= s.sliceEnd) { if (++B.runs > 0) return U(B, s, d); continue; }`);
      lines.push(`return 0;`);
    } else if (kind === KIND_REGISTERS) {
      // The count too: an UNDEFINED taken to EL1 records it (lastException, exception loops).
      lines.push(`s.pc = ${at}; s.retired = R + ${k};`);
      lines.push(call, `if (r !== 0) return L(s, r, R + ${k});`);
    } else if (kind === KIND_ENDS_BLOCK) {
      // A no-op hint, DMB or DSB (ENDS_STRAIGHT_RUN 0).
      lines.push(`s.pc = ${at}; s.retired = R + ${k};`, call);
    } else {
      lines.push(`s.pc = ${at}; s.retired = R + ${k};`, call, `if (r !== 0) return L(s, r, R + ${k});`);
      // A store may also change an interrupt line, which ends the slice at the next boundary.
      lines.push(`if (!B.valid || s.sliceEnd <= R + ${k + 1}) { s.pc = P + ${4 * k + 4}; s.retired = R + ${k + 1}; return 0; }`);
    }
  }
  lines.push(`}`, `});`);
  return lines.join("\n");
}

/**
 * JavaScript source of a block of the executors `ids` on the words `words`: native code for the
 * instructions core/jit/native.ts knows (registers in locals, lazy NZCV, the TLB hit path
 * inline), an executor call with the state written back for every other one.
 */
export function blockSource(ids: readonly number[], words: readonly number[]): string {
  return blockPlan(ids, words).source;
}

/** JavaScript of instruction k's executor call (`X<id>`, declared by blockPlan, on its word). */
function executorCall(ids: readonly number[], words: readonly number[], k: number): string {
  return `X${ids[k]!}(s, ${words[k]! | 0})`;
}

/**
 * A block's first emission (see blockPlan): the registers and flags its loop keeps in locals,
 * whether it branches back to its start, and how many of its instructions run as native code.
 * The translator's minNative rule needs only the count, so it makes this without the source.
 */
interface BlockProbe {
  readonly emitter: BlockEmitter;
  readonly loops: boolean;
  readonly native: number;
}

/** The first emission of the block of executors `ids` on the words `words` (see BlockProbe). */
function probeBlock(ids: readonly number[], words: readonly number[]): BlockProbe {
  const emitter = new BlockEmitter();
  const { loopsBack, executorCalls } = emitBody(emitter, ids, words, (k) => executorCall(ids, words, k), true);
  return { emitter, loops: loopsBack, native: ids.length - executorCalls };
}

/**
 * A block's native source (blockSource) and how many of its instructions run as native code,
 * from its first emission (`probed`, made here if not given).
 */
export function blockPlan(ids: readonly number[], words: readonly number[], probed: BlockProbe = probeBlock(ids, words)): { source: string; native: number } {
  const handlers = new Set<number>();
  const call = (k: number): string => {
    handlers.add(ids[k]!);
    return executorCall(ids, words, k);
  };
  // Emitted twice: the first pass (the probe) finds the registers and flags the loop keeps in
  // locals, and whether the block branches back to its start at all. Only then is its body a
  // loop: V8 optimises a function with a loop more slowly (it peels the loop, a second copy of
  // the body).
  const { loops } = probed;
  const e = new BlockEmitter();
  const preheader = e.enterLoop(probed.emitter);
  const { executorCalls } = emitBody(e, ids, words, call, loops);
  const lines = [`"use strict";`];
  if (handlers.size > 0) lines.push(`const ${[...handlers].map((id) => `X${id} = E[${id}]`).join(", ")};`);
  lines.push(`const PB = B.page.blocks, S = B.slot;`);
  lines.push(`return (function block(s, d) {`, `const P = s.pc, C = s.code, CB = s.codeBase, I = s.i32;`);
  lines.push(`const RT = s.rTagLo, RH = s.rTagHi, RB = s.rBase, RV = s.rView, WT = s.wTagLo, WH = s.wTagHi, WB = s.wBase, WV = s.wView;`);
  if (e.used.size > 0) lines.push(`let ${[...e.used].map((slot) => `l${slot} = 0, h${slot} = 0`).join(", ")};`);
  if (loops) lines.push(preheader, `let R = s.retired, r = 0;`, `for (;;) {`, ...e.out, `}`, `});`);
  else lines.push(preheader, `const R = s.retired;`, `let r = 0;`, ...e.out, `});`);
  return { source: lines.join("\n"), native: ids.length - executorCalls };
}

/**
 * An exit to the instruction slot `slot` (an expression) of the block's page, with `s.pc` and
 * `s.retired` set: runs the block there if it is translated and the budget allows it (what the
 * run loop would do next), otherwise returns to the run loop.
 */
function chain(slot: string): string {
  // `&`, not `&&`: both compares run every time, so V8 has seen both before it optimises.
  return `{ const ns = ${slot}; if ((ns >>> 0 < ${CODE_SLOTS}) & (d < ${MAX_CHAIN_DEPTH})) { const nb = PB[ns]; if (s.retired + nb.length <= s.sliceEnd) return K(nb, s, d + 1); } return 0; }`;
}

/**
 * The body of a block (one pass through its instructions; the body of its loop when `loop`).
 * `R` is the retired count at the block's start; `s.pc`/`s.retired` are written only where
 * something may observe them. Returns the number of instructions left to executor calls and
 * whether the last one is a direct branch back to the start (a loop-back only when `loop`).
 */
function emitBody(
  e: BlockEmitter,
  ids: readonly number[],
  words: readonly number[],
  call: (k: number) => string,
  loop: boolean,
): { executorCalls: number; loopsBack: boolean } {
  const n = ids.length;
  let executorCalls = 0;
  const done = (loopsBack = false) => ({ executorCalls, loopsBack });
  const leave = `s.pc = P + ${4 * n}; s.retired = R + ${n}; ${chain(`S + ${n}`)}`;
  for (let k = 0; k < n; k++) {
    const id = ids[k]!;
    const word = words[k]! | 0;
    const kind = blockKindOf(id, word);
    const name = id < HOT_FIRST ? "" : patternName(word);
    const at = k === 0 ? "P" : `P + ${4 * k}`;
    // The executor call only where an emitter asks for it (a slow path), so that it is declared only then.
    const site = { k, get call() { return call(k); } };
    if (kind === KIND_ENDS_BLOCK && ENDS_STRAIGHT_RUN[id] === 0) {
      if (k < n - 1) continue;
      e.spill();
      e.emit(leave);
      return done();
    }
    if (k === n - 1) {
      // The last instruction: a branch (native or not), or a block cut at its length limit.
      if ((kind === KIND_REGISTERS && emitRegisterOp(e, name, word, site)) || (kind === KIND_ACCESS && emitAccess(e, name, word, site))) {
        e.spill();
        e.emit(leave);
        return done();
      }
      const branch = kind === KIND_ENDS_BLOCK ? nativeBranch(e, name, word, site) : null;
      if (branch !== null && branch.offset === -4 * k && loop) {
        // Back to the block's start: loop in this function, registers staying in locals.
        const taken = e.let(branch.taken);
        e.emit(`if (${taken} && B.valid && R + ${2 * n} <= s.sliceEnd) { ${e.loopBackCode()} R += ${n}; continue; }`);
        e.spill();
        e.emit(`s.retired = R + ${n}; if (${taken}) { s.pc = P; return 0; }`);
        e.emit(`s.pc = P + ${4 * n}; ${chain(`S + ${n}`)}`);
        return done(true);
      }
      e.spill();
      e.emit(`s.pc = ${at}; s.retired = R + ${k};`);
      if (branch !== null) {
        // A direct branch: its target slot is known relative to the block's. Both ways leave
        // through one exit, so V8 has seen it run whichever way the branch went before it
        // optimises the block (an exit never taken by then would be compiled as a
        // deoptimisation). Not taken, the jump is to the next instruction, as the interpreter
        // moves on to it.
        const targetSlot = (4 * k + branch.offset) / 4;
        const always = branch.taken === "true";
        const taken = always ? "" : e.let(branch.taken);
        const offset = always ? String(branch.offset) : `(${taken} ? ${branch.offset} : 4)`;
        e.emit(`r = s.jumpTo(${at} + ${offset}); if (r === ${STOP}) return ${STOP};`);
        e.emit(`s.retired = R + ${n};`);
        e.emit(chain(always ? `S + ${targetSlot}` : `S + (${taken} ? ${targetSlot} : ${n})`));
        return done();
      }
      executorCalls++;
      e.emit(`r = ${call(k)};`);
      e.emit(`if (r === 0) s.pc = P + ${4 * k + 4}; else if (r === ${STOP}) return ${STOP};`);
      e.emit(`s.retired = R + ${n};`);
      if (loop) e.emit(`if (r === ${JUMP} && s.pc === P && s.code === C && s.codeBase === CB && B.valid && R + ${2 * n} <= s.sliceEnd) { ${e.reloadAllCode()} R += ${n}; continue; }`);
      // An indirect branch (RET, BR, BLR) or BL: chained while the code page has not changed.
      e.emit(`if (s.code !== C || s.codeBase !== CB) return 0;`);
      e.emit(`const o = s.pc - CB; if (((o < 0) | (o >= ${PAGE_SIZE}) | (o & 3)) !== 0) return 0;`);
      e.emit(chain("o >>> 2"));
      return done();
    } else if (kind === KIND_REGISTERS) {
      if (emitRegisterOp(e, name, word, site)) continue;
      executorCalls++;
      e.spill();
      // The count too: an UNDEFINED taken to EL1 records it (lastException, exception loops).
      e.emit(`s.pc = ${at}; s.retired = R + ${k};`);
      e.emit(`r = ${call(k)}; if (r !== 0) return L(s, r, R + ${k});`);
      e.forget();
    } else {
      if (emitAccess(e, name, word, site)) continue;
      executorCalls++;
      e.spill();
      e.emit(`s.pc = ${at}; s.retired = R + ${k}; r = ${call(k)}; if (r !== 0) return L(s, r, R + ${k});`);
      e.forget();
      // A store may also change an interrupt line, which ends the slice at the next boundary.
      e.emit(`if (!B.valid || s.sliceEnd <= R + ${k + 1}) { s.pc = P + ${4 * k + 4}; s.retired = R + ${k + 1}; return 0; }`);
    }
  }
  return done();
}

/**
 * Compiled block functions by instruction words, for reuse by identical blocks: share one between
 * CPUs (and between runs of the same program) through `JitOptions.cache`, so that V8 compiles and
 * optimises each block once (closures made by one factory share their optimised code).
 */
export class TranslationCache {
  /** @internal */
  readonly factories = new Map<string, BlockFactory>();

  /** Compiled blocks held. */
  get size(): number {
    return this.factories.size;
  }
}

/**
 * Translates blocks for one CPU and finds the translations of its current code page. Blocks are
 * kept per guest-physical page (PageEntry.jit), so aliases of a page share them and the page's
 * invalidation reaches them; the compiled functions are shared between identical blocks.
 */
export class BlockTranslator {
  private readonly factories: Map<string, BlockFactory>;
  /** False once the host refused `new Function` (a Content-Security-Policy without 'unsafe-eval'). */
  available = true;
  /** Blocks translated so far. */
  translated = 0;
  /** Blocks translated a second time, into native code, so far. */
  promoted = 0;
  /** Interpreted entries of a slot that make it a block start (1..65535). */
  readonly threshold: number;
  /** Runs of a block in its first form before its native translation. */
  readonly nativeAfter: number;
  /** Native instructions that make a block worth translating at the threshold (see DEFAULT_MIN_NATIVE). */
  readonly minNative: number;

  constructor(options: { threshold?: number; nativeAfter?: number; minNative?: number; cache?: TranslationCache }) {
    this.factories = (options.cache ?? new TranslationCache()).factories;
    const threshold = options.threshold ?? DEFAULT_THRESHOLD;
    if (!Number.isInteger(threshold) || threshold < 1 || threshold > 65535) {
      throw new CpuError(`jit.threshold ${threshold} is not an integer 1..65535`);
    }
    this.threshold = threshold;
    const nativeAfter = options.nativeAfter ?? DEFAULT_NATIVE_AFTER;
    if (!Number.isInteger(nativeAfter) || nativeAfter < 0) throw new CpuError(`jit.nativeAfter ${nativeAfter} is not an integer >= 0`);
    this.nativeAfter = nativeAfter;
    const minNative = options.minNative ?? DEFAULT_MIN_NATIVE;
    if (!Number.isInteger(minNative) || minNative < 0) throw new CpuError(`jit.minNative ${minNative} is not an integer >= 0`);
    this.minNative = minNative;
  }

  /** The translations of the page whose decoded code `s.code` is, or null. */
  pageOf(s: CoreState): PageTranslations | null {
    if (!this.available) return null;
    const entry = s.codeEntry;
    if (entry === null || entry.code !== s.code) return null;
    if (entry.jit === null) entry.jit = new PageTranslations(this.threshold);
    return entry.jit as PageTranslations;
  }

  /** Translates the block starting at `slot` of the current code page into `page`. */
  translate(s: CoreState, page: PageTranslations, slot: number): Block | undefined {
    const entry = s.codeEntry;
    if (entry === null || entry.view === null || entry.jit !== page) return undefined;
    const ids: number[] = [];
    const words: number[] = [];
    const code = s.code;
    for (let i = slot; i < CODE_SLOTS && ids.length < MAX_BLOCK_INSTRUCTIONS; i++) {
      // The interpreter's decoded slot when it has one (exactly what it would run), otherwise
      // decoded here into the slot as the interpreter would (syndromes read the word there).
      let id = code[i]!;
      let word: number;
      if (id !== 0) {
        word = code[i + CODE_SLOTS]!;
      } else {
        word = entry.view.getInt32(entry.offset + 4 * i, true);
        id = executorFor(word);
        code[i] = id;
        code[i + CODE_SLOTS] = word;
        entry.decoded = true;
      }
      ids.push(id);
      words.push(word);
      if (endsBlock(id, word)) break;
    }
    const parked = page.parked[slot];
    if (parked !== undefined) {
      page.parked[slot] = undefined;
      if (sameWords(parked.words, words)) {
        parked.valid = true;
        page.put(slot, parked);
        return parked;
      }
    }
    let probed: BlockProbe | undefined;
    if (this.minNative > 0) {
      let native = page.natives[slot]! - 1;
      if (native < 0) {
        probed = probeBlock(ids, words);
        native = probed.native;
        page.natives[slot] = native + 1;
      }
      const rounds = ++page.rounds[slot]!;
      // A block that ends in RET (a function's epilogue) is translated at its first round however
      // few native instructions it has: translated, the blocks before it chain into it instead of
      // going back to the run loop at every return. Measured on a Linux boot: 33 more blocks,
      // 5.3 M (3 %) fewer interpreted instructions.
      const endsInReturn = ids[ids.length - 1] === HOT_RET;
      if (rounds * native < this.minNative && rounds < 255 && !endsInReturn) {
        page.hits[slot] = 0; // another round of entries
        return undefined;
      }
    }
    // nativeAfter 0: the native form at once, without compiling the calls form first.
    const native = this.nativeAfter === 0;
    const factory = native
      ? this.factory(`n${words.join(",")}`, () => blockPlan(ids, words, probed).source)
      : this.factory(`c${words.join(",")}`, () => callBlockSource(ids, words));
    if (factory === undefined) return undefined;
    const block = newBlock(page, slot, ids, words, -this.nativeAfter, unreachableRun);
    block.run = this.instantiate(factory, block);
    // A loop whose guest RAM lies in a WebAssembly memory runs as WebAssembly (core/wasm/).
    const ram = s.memory.wasm;
    if (ram !== null && branchesToStart(words)) block.run = wasmLoopRun(words, ram, block.run) ?? block.run;
    if (native) this.promoted++;
    page.put(slot, block);
    this.translated++;
    return block;
  }

  /** `block`'s function from its compiled factory, given everything FACTORY_PARAMETERS names. */
  private instantiate(factory: BlockFactory, block: Block): Block["run"] {
    return factory(EXECUTORS, leave, block, CONDITION_TABLE, this.promote, chainTo);
  }

  /** The compiled factory of `key`, compiling `source()` if it is new; undefined if refused. */
  private factory(key: string, source: () => string): BlockFactory | undefined {
    let factory = this.factories.get(key);
    if (factory === undefined) {
      try {
        // The translator's whole point: compiling generated code (see the file comment).
        // eslint-disable-next-line @typescript-eslint/no-implied-eval
        factory = new Function(...FACTORY_PARAMETERS, source()) as BlockFactory;
      } catch {
        this.available = false;
        return undefined;
      }
      if (this.factories.size >= MAX_FACTORIES) this.factories.clear();
      this.factories.set(key, factory);
    }
    return factory;
  }

  /**
   * A hot block's second translation (native code, see blockSource): replaces its `run` and runs
   * it from the block's start, where the first form handed over with the state exact.
   */
  private readonly promote = (block: Block, s: CoreState, depth: number): number => {
    const factory = this.factory(`n${block.words.join(",")}`, () => blockSource(block.ids, block.words));
    if (factory === undefined) {
      block.runs = -Infinity; // stays in its first form
    } else {
      block.run = this.instantiate(factory, block);
      this.promoted++;
    }
    return block.run(s, depth);
  };
}

function sameWords(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function unreachableRun(): number {
  throw new Error("block-translator: a block ran before it was built");
}
