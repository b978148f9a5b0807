import { describe, expect, it } from "vitest";
import { benchSystemLevel } from "./system.js";

describe("benchSystemLevel", () => {
  it("runs every figure to its checked result", () => {
    const results = benchSystemLevel({ passes: 1, exits: 100 });
    expect(results.map((r) => r.name)).toEqual([
      "integer loop, user level (EL0)",
      "integer loop, EL1, MMU off",
      "integer loop, EL1, MMU on",
      "integer loop, user level (EL0), --jit",
      "integer loop, EL1, MMU on, --jit",
      "data-abort exit round trips",
    ]);
    for (const r of results) expect(r.value).toBeGreaterThan(0);
  });
});
