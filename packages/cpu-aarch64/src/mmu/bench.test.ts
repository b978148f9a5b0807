import { describe, expect, it } from "vitest";
import { benchTlb } from "./bench.js";

describe("benchTlb", () => {
  it("measures hits, misses and walks (values are positive rates; no time is asserted)", () => {
    const results = benchTlb({ lookups: 20_000, walks: 2_000 });
    expect(results.map((r) => [r.name, r.unit])).toEqual([
      ["mmu: TLB lookup, hit", "lookups/s"],
      ["mmu: TLB lookup, miss", "lookups/s"],
      ["mmu: stage-1 walk, 4 levels (48-bit VA)", "walks/s"],
    ]);
    for (const r of results) expect(Number.isFinite(r.value) && r.value > 0, r.name).toBe(true);
  });
});
