import { describe, expect, it } from "vitest";
import { LineSink } from "./line-sink.js";

describe("LineSink", () => {
  it("buffers lines until the limit, then flushes them newline-terminated", () => {
    const out: string[] = [];
    const sink = new LineSink((text) => out.push(text), 10);
    sink.line("abc");
    sink.line("def");
    expect(out).toEqual([]);
    sink.line("ghi");
    expect(out).toEqual(["abc\ndef\nghi\n"]);
    sink.line("z");
    sink.flush();
    sink.flush();
    expect(out).toEqual(["abc\ndef\nghi\n", "z\n"]);
  });
});
