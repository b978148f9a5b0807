import { describe, expect, it } from "vitest";
import { startAsDoubles } from "./double-fields.js";

describe("startAsDoubles", () => {
  it("keeps every value, integers and others, and touches no other field", () => {
    const target = { small: 7, negative: -3, zero: 0, address: -140737353973760, other: 5 };
    startAsDoubles(target, ["small", "negative", "zero", "address"]);
    expect(target).toEqual({ small: 7, negative: -3, zero: 0, address: -140737353973760, other: 5 });
    expect(Object.is(target.zero, 0)).toBe(true);
  });
});
