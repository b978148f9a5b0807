/**
 * Runs a self-looping translated block as WebAssembly (loop-lowering.ts) when the guest's RAM lies
 * in a WebAssembly memory (GuestMemory.wasm): copies the registers the loop uses into the memory's
 * scratch area, empties its access-site caches (the core's TLB may have changed since the last
 * call), runs iterations while they fit the slice, and copies the registers, NZCV, the count and
 * the PC back. A site refills from the core's current data TLB and never makes an access itself:
 * a page the TLB does not hold stops the loop before that instruction, which the run loop then
 * interprets (faults, MMIO and code-page stores included) before entering the block again.
 */
import type { WasmRam } from "../../memory/types.js";
import type { CoreState } from "../state.js";
import { LEFT_LOOP, SITE_BYTES, STATUS, lowerSelfLoop } from "./loop-lowering.js";

/** The WebAssembly JS API as used here (the packages' lib settings do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

/** Bytes of scratch for the register copy: the register file's 40 slots and the status words. */
const REGS_BYTES = 512;

type LoopRun = (regs: number, sites: number, budget: number) => number;
type BlockRun = (s: CoreState, depth: number) => number;

/**
 * `fallback` (the block's JavaScript function) wrapped to run its loop as WebAssembly, or null
 * when the block is not a loop the lowering takes, the scratch area is full, or the host has no
 * WebAssembly.
 */
export function wasmLoopRun(words: readonly number[], ram: WasmRam, fallback: BlockRun): BlockRun | null {
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (api === undefined) return null;
  if (ram.next === ram.scratch) ram.next += REGS_BYTES; // the shared register copy comes first
  const lowering = lowerSelfLoop(words);
  if (lowering === null) return null;
  const sitesAt = ram.next;
  if (sitesAt + SITE_BYTES * lowering.sites > ram.scratchEnd) return null;
  ram.next += SITE_BYTES * lowering.sites;
  const regsAt = ram.scratch;
  const buffer = ram.memory.buffer;
  const m32 = new Int32Array(buffer);
  const n = words.length;
  const slots = Int32Array.from(lowering.slots);
  const written = Int32Array.from(lowering.written);
  let current: CoreState | null = null;
  // Fills site `site` from the core's TLB of the access's kind, if it holds the page in this memory.
  const refill = (site: number, lo: number, hi: number, write: number): number => {
    const s = current!;
    const page = lo >>> 12;
    const i = page & 1023;
    const tagLo = write === 1 ? s.wTagLo : s.rTagLo;
    const tagHi = write === 1 ? s.wTagHi : s.rTagHi;
    if (tagLo[i] !== page || tagHi[i] !== hi >>> 0) return 0;
    const view = write === 1 ? s.wView[i]! : s.rView[i]!;
    if (view.buffer !== buffer) return 0;
    const at = (sitesAt + SITE_BYTES * site) >>> 2;
    m32[at] = page;
    m32[at + 1] = hi;
    m32[at + 2] = (write === 1 ? s.wBase[i]! : s.rBase[i]!) + view.byteOffset;
    return 1;
  };
  let run: LoopRun;
  try {
    const module = new api.Module(lowering.bytes);
    run = new api.Instance(module, { env: { memory: ram.memory, refill } }).exports.run as LoopRun;
  } catch {
    return null; // a host that will not compile it here (a browser's main thread limits synchronous compiles): the JS block
  }
  const regs = regsAt >>> 2;
  const status = (regsAt + STATUS) >>> 2;
  return (s, depth) => {
    const u32 = s.u32;
    for (let j = 0; j < slots.length; j++) {
      const slot = slots[j]!;
      m32[regs + 2 * slot] = u32[2 * slot]!;
      m32[regs + 2 * slot + 1] = u32[2 * slot + 1]!;
    }
    m32[status] = s.nzcv;
    for (let site = 0; site < lowering.sites; site++) m32[(sitesAt + SITE_BYTES * site) >>> 2] = -1;
    current = s;
    const remaining = s.sliceEnd - s.retired;
    const exit = run(regsAt, sitesAt, remaining < 0x7fffffff ? remaining : 0x7fffffff);
    current = null;
    const done = m32[status + 1]!;
    if (done === 0) return fallback(s, depth); // stopped at its first instruction: the block's own path
    for (let j = 0; j < written.length; j++) {
      const slot = written[j]!;
      u32[2 * slot] = m32[regs + 2 * slot]!;
      u32[2 * slot + 1] = m32[regs + 2 * slot + 1]!;
    }
    s.nzcv = m32[status]!;
    s.pc += 4 * (exit === LEFT_LOOP ? n : m32[status + 2]!);
    s.retired += done;
    return 0;
  };
}
