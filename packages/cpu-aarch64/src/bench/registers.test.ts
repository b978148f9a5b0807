import { describe, expect, it } from "vitest";
import { benchRegisterRepresentations } from "./registers.js";

describe("benchRegisterRepresentations", () => {
  it("times every representation and operation (no time is asserted)", () => {
    const results = benchRegisterRepresentations({ iterations: 2000 });
    expect(results).toHaveLength(16);
    for (const r of results) {
      expect(r.unit).toBe("ns/op");
      expect(Number.isFinite(r.value) && r.value >= 0).toBe(true);
    }
    expect(results.map((r) => r.name)).toContain("BigUint64Array 32-bit views: add");
  });

  it("all representations do the same work (equal checksums per operation)", () => {
    const results = benchRegisterRepresentations({ iterations: 1000 });
    const byOperation = new Map<string, Set<string | undefined>>();
    for (const r of results) {
      const op = r.name.split(": ")[1]!;
      byOperation.set(op, (byOperation.get(op) ?? new Set()).add(r.note));
    }
    expect([...byOperation.values()].map((notes) => notes.size)).toEqual([1, 1, 1, 1]);
  });
});
