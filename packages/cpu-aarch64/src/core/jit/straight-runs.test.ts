import { describe, expect, it } from "vitest";
import { ENDS_STRAIGHT_RUN, EXECUTOR_KINDS, KIND_ENDS_BLOCK, executorFor } from "../executors.js";
import { patternName } from "./native.js";

/**
 * Where blocks must end, from the architecture: after every instruction whose executor ends
 * blocks, except those that do nothing for this word at every exception level (the hints other
 * than SEV and SEVL, WFE and WFI, which have patterns of their own; DMB, DSB).
 */
function translatorEndsBlock(word: number): boolean {
  if (EXECUTOR_KINDS[executorFor(word)] !== KIND_ENDS_BLOCK) return false;
  const name = patternName(word);
  const hint = (word >>> 5) & 0x7f;
  const noOp = (name === "HINT" && hint !== 4 && hint !== 5) || name === "DMB" || name === "DSB";
  return !noOp;
}

describe("straight runs of the interpreter", () => {
  const words: [string, number][] = [
    ["nop", 0xd503201f],
    ["paciasp", 0xd503233f],
    ["autiasp", 0xd50323bf],
    ["bti c", 0xd503245f],
    ["dmb ish", 0xd5033bbf],
    ["dsb sy", 0xd5033f9f],
    ["sev", 0xd503209f],
    ["sevl", 0xd50320bf],
    ["wfi", 0xd503207f],
    ["isb", 0xd5033fdf],
    ["mrs x1, sp_el0", 0xd5384101],
    ["dc zva, x8", 0xd50b7428],
    ["b.ne", 0x54fffea1],
    ["cbz", 0xb40001e0],
    ["ret", 0xd65f03c0],
    ["svc #0", 0xd4000001],
    ["add x0, x0, #1", 0x91000400],
    ["ldr x0, [x1]", 0xf9400020],
  ];

  it.each(words)("end where the translator ends a block: %s", (_text, word) => {
    expect(ENDS_STRAIGHT_RUN[executorFor(word)] === 1).toBe(translatorEndsBlock(word));
  });

  it("go on through the no-op hints and barriers, and stop at branches and system instructions", () => {
    const ends = (word: number) => ENDS_STRAIGHT_RUN[executorFor(word)];
    expect([0xd503201f, 0xd503233f, 0xd50323bf, 0xd5033bbf, 0xd5033f9f].map(ends)).toEqual([0, 0, 0, 0, 0]);
    expect([0xd503209f, 0xd503207f, 0xd5033fdf, 0xd5384101, 0x54fffea1, 0xd65f03c0].map(ends)).toEqual([1, 1, 1, 1, 1, 1]);
  });
});
