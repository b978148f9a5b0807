import { describe, expect, it } from "vitest";
import { compare, flatten } from "./history";

describe("bench history", () => {
  it("names numeric leaves by path, array rows by their name or mode, and skips run descriptions", () => {
    const json = {
      package: "@sel4ts/x",
      date: "2026-01-01",
      results: [{ name: "Call/ReplyRecv", perSecond: 10, note: "text" }, { mode: "simd", mips: 2.5 }, 7],
      qemu: null,
    };
    expect(flatten(json, "x")).toEqual({ "x › results › Call/ReplyRecv › perSecond": 10, "x › results › simd › mips": 2.5, "x › results › 2": 7 });
  });

  it("prints each figure beside the previous value with the relative change", () => {
    const [header, a, b] = compare({ f: 200, gone: 1 }, { f: 250, g: 3 });
    expect(header).toMatch(/figure\s+previous\s+current\s+change/);
    expect(a).toMatch(/^f\s+200\s+250\s+\+25\.0%$/);
    expect(b).toMatch(/^g\s+-\s+3\s+$/);
  });
});
