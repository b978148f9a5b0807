import { describe, expect, it } from "vitest";
import { describeFailure, fuzzCase, fuzzCore, runFuzzCase } from "./random-instructions.js";

// Bounded in `pnpm test`; `pnpm --filter @sel4ts/cpu-aarch64 fuzz` (or SEL4TS_FUZZ_CASES=N, and
// SEL4TS_FUZZ_SEED=S for other cases) runs the long mode.
const CASES = Number(process.env.SEL4TS_FUZZ_CASES ?? "3000");
const SEED = Number(process.env.SEL4TS_FUZZ_SEED ?? "0x5e145");

describe("random instructions never raise a host exception", () => {
  it("cases are reproducible from (level, seed, index)", () => {
    expect(fuzzCase("EL1", 7, 3)).toEqual(fuzzCase("EL1", 7, 3));
    expect(fuzzCase("EL1", 7, 3).word).not.toBe(fuzzCase("EL1", 7, 4).word);
    expect(fuzzCase("EL0", 7, 3).word).not.toBe(fuzzCase("EL1", 7, 3).word);
  });

  it("the harness reports a throw with its reproducer", () => {
    const failure = { ...fuzzCase("EL0", 1, 2), error: "RangeError: boom" };
    expect(describeFailure(failure)).toMatch(/^EL0 case 2 of seed 1: 0x[0-9a-f]{8} \(.*\) threw\n  RangeError: boom\n  replay: runFuzzCase\(fuzzCase\("EL0", 1, 2\)\)/);
    expect(runFuzzCase({ ...fuzzCase("EL0", 1, 2), word: 0xd4000001 })).toBeNull(); // svc #0: an exit
  });

  for (const level of ["EL0", "EL1"] as const) {
    it(`${CASES} random words at ${level} (seed ${SEED})`, () => {
      const failures = fuzzCore(level, SEED, 0, CASES);
      expect(failures.slice(0, 5).map(describeFailure).join("\n\n")).toBe("");
      expect(failures).toHaveLength(0);
    });
  }
});
