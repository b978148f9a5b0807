/**
 * V8 tuning for a process that runs translated guest code (Node only: browsers take no engine
 * flags from a page).
 *
 * The block translator hands V8 new functions as code gets hot. Until V8 has optimised one, it
 * runs in V8's baseline tier at a fraction of its optimised speed; in a Linux boot that was about
 * 7 % of the main thread's time. V8 decides to optimise a function once it has used up an
 * "interrupt budget" of executed bytecode a few times: a smaller budget makes it decide sooner.
 */
import { setFlagsFromString } from "node:v8";

/**
 * The interrupt budget {@link tuneV8ForTranslatedCode} sets: an eighth of the default of V8 11
 * (Node 20), 67,584 bytes of executed bytecode per tier-up check.
 */
export const TRANSLATED_CODE_INTERRUPT_BUDGET = 8448;

/**
 * Makes V8 optimise hot functions sooner (`--interrupt-budget`, an eighth of the default), which
 * the block translator's generated functions gain from. Only on V8 11 (Node 20), where it was
 * measured; other versions tier up differently and are left alone. Returns whether it changed
 * anything. Call it once at the start of a Node program, before guest code runs: it changes the
 * whole process's V8, so a library never calls it for its user. Measured on the Linux boot of
 * examples/linux-vmm: half the default, 6 alternated runs each, whole process, 9.9 s fastest /
 * 11.1 s median against 10.6 / 11.9 s without it; an eighth against a half, once blocks
 * deoptimised less, main-thread CPU of 10 alternated boots: median ratio 0.89 (0.67–1.05).
 */
export function tuneV8ForTranslatedCode(): boolean {
  if (!process.versions.v8.startsWith("11.")) return false;
  setFlagsFromString(`--interrupt-budget=${TRANSLATED_CODE_INTERRUPT_BUDGET}`);
  return true;
}
