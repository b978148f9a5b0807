import { describe, expect, it } from "vitest";
import { blockCase, checkBlockCase, fuzzBlocks, runBlockCase } from "./random-blocks.js";

// Bounded in `pnpm test` (2,000 blocks per level); `pnpm --filter @sel4ts/cpu-aarch64 fuzz:jit`
// runs 10^6 (SEL4TS_FUZZ_BLOCKS=N, SEL4TS_FUZZ_SEED=S and SEL4TS_FUZZ_FIRST=F choose others).
const BLOCKS = Number(process.env.SEL4TS_FUZZ_BLOCKS ?? "2000");
const SEED = Number(process.env.SEL4TS_FUZZ_SEED ?? "0x5e145");
const FIRST = Number(process.env.SEL4TS_FUZZ_FIRST ?? "0");
const CHUNK = 250;

describe("random blocks run identically under the interpreter and the block translator", () => {
  it("cases are reproducible and the transcript sees what the guest did", () => {
    expect(blockCase("EL1", 7, 3)).toEqual(blockCase("EL1", 7, 3));
    expect(blockCase("EL0", 7, 3).words).not.toEqual(blockCase("EL0", 7, 4).words);
    // add x0, x0, #1 in a loop of 12 (x28), then b .: the count and the register move.
    const c = { ...blockCase("EL0", 1, 1), words: [0x91000400, 0xf100079c, 0x54ffffc1], nzcv: 0 };
    const lines = runBlockCase({ ...c, registers: c.registers.map((r, i) => (i === 0 ? 5n : i === 28 ? 12n : r)) }, true);
    expect(lines).toContain("x0 0x11");
    expect(lines[0]).toBe('run(1): {"kind":"budget"} retired 1 pc 0x40000004 nzcv 0x0');
  });

  it("a difference is reported with its reproducer", () => {
    // The check must be able to fail: an interpreter run of a different block is not the same.
    const c = blockCase("EL0", 1, 2);
    expect(checkBlockCase(c)).toBeNull();
    expect(runBlockCase({ ...c, words: [0x91000400] }, false)).not.toEqual(runBlockCase({ ...c, words: [0xd1000400] }, false));
  });

  for (const level of ["EL0", "EL1"] as const) {
    it(`${BLOCKS} random blocks at ${level} (seed ${SEED})`, async () => {
      const reports: string[] = [];
      // In chunks, letting the event loop turn between them (vitest's worker RPC has a timeout).
      for (let first = FIRST; first < FIRST + BLOCKS; first += CHUNK) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        reports.push(...fuzzBlocks(level, SEED, first, Math.min(CHUNK, FIRST + BLOCKS - first)));
        if (reports.length >= 3) break;
      }
      expect(reports.slice(0, 3).join("\n\n")).toBe("");
      expect(reports).toHaveLength(0);
    });
  }
});
