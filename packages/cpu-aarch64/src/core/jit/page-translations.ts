/**
 * The translated blocks of one code page (one per CPU's translator, hung on the PageEntry as
 * `jit`). GuestMemory tells it when instructions change (stores, host writes, IC IVAU/IALLU,
 * unmap/protect), and every block overlapping the change stops being valid at once, even while
 * it runs: a block checks `valid` after each instruction that may have stored.
 */
import type { CodeTranslations } from "../../memory/types.js";
import { CODE_SLOTS } from "../../memory/types.js";
import type { CoreState } from "../state.js";

/** Instructions in a block at most (a block never crosses a page). */
export const MAX_BLOCK_INSTRUCTIONS = 64;

/**
 * A translated block. `run(s, depth)` executes it from the PC (which is the block's first
 * instruction, with at least `length` instructions of budget left before `s.sliceEnd`) and returns
 * 0 to go on at `s.pc` or STOP with `s.exit` set, `s.pc` and `s.retired` exact either way. At an
 * exit to another translated block of its page with enough budget left it runs that block itself
 * (direct chaining) instead of returning to the run loop.
 */
export interface Block {
  /** `depth`: blocks chained into this run so far (0 from the run loop; see MAX_CHAIN_DEPTH). */
  run: (s: CoreState, depth: number) => number;
  readonly length: number;
  valid: boolean;
  /** The translations of the block's page, where its exits find the blocks they chain to. */
  readonly page: PageTranslations;
  /** The instruction slot the block starts at. */
  readonly slot: number;
  /** Runs in the block's first form, counted up from -nativeAfter (see block-translator.ts). */
  runs: number;
  /** Executor ids and words of its instructions (for its second translation). */
  readonly ids: readonly number[];
  readonly words: readonly number[];
}

/**
 * A block of `length` instructions at `slot` of `page`. Every Block is made here, so that all
 * have one shape and the exits' loads of `length` and `run` stay monomorphic.
 */
export function newBlock(
  page: PageTranslations, slot: number, ids: readonly number[], words: readonly number[], runs: number, run: Block["run"],
): Block {
  return { run, length: ids.length, valid: true, page, slot, runs, ids, words };
}

/** `run` of a page's `none` block: back to the run loop, which interprets from `s.pc`. */
function backToRunLoop(): number {
  return 0;
}

/**
 * Blocks one run may chain into directly (each chained block is a nested call, so this bounds the
 * host stack); then control goes back through the run loop.
 */
export const MAX_CHAIN_DEPTH = 32;

/**
 * `PageTranslations.hits` of a slot where a block starts. A count can reach it only when a slot
 * was not translated at the threshold (say, the host refused `new Function`) and kept counting:
 * the loop then finds no block there and interprets, as it would anyway.
 */
export const BLOCK_MARK = 0xffff;

export class PageTranslations implements CodeTranslations {
  /**
   * What `blocks` holds where no block starts: an empty block whose `run` returns to the run
   * loop. A block's exit then reads `length` and calls `run` whatever its target is, so those
   * sites have seen a block before the target is translated (with `undefined` there, V8
   * optimised the exit for the miss alone and threw the code away when the target appeared).
   */
  readonly none: Block = newBlock(this, 0, [], [], 0, backToRunLoop);
  /** The block starting at each instruction slot, or `none`. */
  readonly blocks: Block[] = new Array<Block>(CODE_SLOTS).fill(this.none);
  /**
   * Blocks set aside by `invalidateAll` (IC IALLU, which Linux issues for every user page it
   * maps with a VIPT instruction cache, and permission changes): the translator revives one when
   * the instructions at its slot are still its own, instead of translating and compiling it again.
   */
  readonly parked: (Block | undefined)[] = new Array<Block | undefined>(CODE_SLOTS).fill(undefined);
  /**
   * Times the interpreter has entered each slot without a block, or BLOCK_MARK where a block
   * starts: the run loop reads this one array at each entry and `blocks` only where a block is
   * (a Linux boot enters ~10^7 slots without one). Kept through `invalidateAll`, which says
   * nothing about how hot a slot is: clearing them on each of a Linux boot's ~360 IC IALLU
   * (every code page each time) cost about 0.1 s.
   */
  readonly hits = new Uint16Array(CODE_SLOTS);
  /** Rounds of `threshold` entries a slot waited because its block had few native instructions. */
  readonly rounds = new Uint8Array(CODE_SLOTS);
  /**
   * Native instructions + 1 of the block planned at each slot (0: not planned since its words
   * last changed), so that a slot's later rounds need not plan it again: planning is most of a
   * translation's own cost, and a Linux boot ends about 1,000 rounds that way. Cleared where
   * stores change instructions; kept through `invalidateAll` like `hits`: a stale count only
   * moves the round at which the slot is translated, and the translation plans it afresh.
   */
  readonly natives = new Uint8Array(CODE_SLOTS);

  /** `threshold`: the translator's (JitOptions.threshold); a parked slot is looked at on its next entry. */
  constructor(private readonly threshold: number) {
    this.none.valid = false;
  }

  /**
   * Whether a block may have been put here since the last `invalidateAll`. IC IALLU reaches every
   * code page the CPU has run; most hold no block, and those are done with one fill.
   */
  #mayHoldBlocks = false;

  /** Makes `block` the one starting at `slot`. */
  put(slot: number, block: Block): void {
    this.blocks[slot] = block;
    this.hits[slot] = BLOCK_MARK;
    this.#mayHoldBlocks = true;
  }

  invalidate(first: number, last: number): void {
    const blocks = this.blocks;
    const from = Math.max(0, first - MAX_BLOCK_INSTRUCTIONS + 1);
    this.natives.fill(0, from, last + 1);
    for (let slot = from; slot <= last; slot++) {
      const block = blocks[slot]!;
      if (block !== this.none && slot + block.length > first) {
        block.valid = false;
        blocks[slot] = this.none;
        this.hits[slot] = 0;
      }
    }
  }

  invalidateAll(): void {
    if (!this.#mayHoldBlocks) return;
    this.#mayHoldBlocks = false;
    const blocks = this.blocks;
    for (let slot = 0; slot < CODE_SLOTS; slot++) {
      const block = blocks[slot]!;
      if (block === this.none) continue;
      block.valid = false;
      blocks[slot] = this.none;
      this.parked[slot] = block;
      this.hits[slot] = this.threshold - 1;
    }
  }
}
