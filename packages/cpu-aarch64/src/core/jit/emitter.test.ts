import { describe, expect, it } from "vitest";
import { BlockEmitter, mentions } from "./emitter.js";

describe("mentions", () => {
  it("finds a local only as a whole name", () => {
    expect(mentions("l4", "l4")).toBe(true);
    expect(mentions("(l4 << 3) | 0", "l4")).toBe(true);
    expect(mentions("h4 | l4", "l4")).toBe(true);
    expect(mentions("l14 + tl4 + l4x + l4_ + $l4", "l4")).toBe(false);
    expect(mentions("l14 + l4", "l4")).toBe(true);
    expect(mentions("", "l4")).toBe(false);
  });
});

describe("BlockEmitter.write", () => {
  it("takes a high half that reads the low half being replaced before it is overwritten", () => {
    const e = new BlockEmitter();
    const [lo, hi] = e.read(3);
    e.write(3, hi, lo); // a swap of the halves, as ROR #32 writes it
    const out = e.out.join("\n");
    // The low half's old value is saved to a temporary first, then both halves are written.
    expect(out).toMatch(/const (t\d+) = l3;\nl3 = h3; h3 = \1;$/);
    const f = e.out.slice(-1)[0]!;
    expect(f).not.toContain("h3 = l3");
  });
  it("writes a high half that does not read the low half directly", () => {
    const e = new BlockEmitter();
    e.read(3);
    e.write(3, "l13", "h3 + l13");
    expect(e.out.slice(-1)[0]).toBe("l3 = l13; h3 = h3 + l13;");
  });
});
