import { describe, expect, it } from "vitest";
import { describeOutputMismatch, parseDumpBlocks, sourceContext } from "./dump-diff";

const golden = [
  "== first",
  "x00=0000000000000001 x01=0000000000000002",
  "nzcv=nZcv",
  "== second",
  "x05=00000000000000ff",
  "sp=0000000000000000",
  "nzcv=NzcV",
  "",
].join("\n");

describe("parseDumpBlocks", () => {
  it("splits output into labelled blocks of fields", () => {
    const blocks = parseDumpBlocks(golden);
    expect(blocks.map((b) => b.label)).toEqual(["first", "second"]);
    expect(blocks[0]?.fields.get("x01")).toBe("0000000000000002");
    expect(blocks[1]?.fields.get("nzcv")).toBe("NzcV");
    expect(blocks[1]?.firstLine).toBe(3);
  });
});

describe("describeOutputMismatch", () => {
  it("is null for identical output", () => {
    expect(describeOutputMismatch(golden, golden)).toBeNull();
  });

  it("names the block, the register and both values", () => {
    const actual = golden.replace("x05=00000000000000ff", "x05=00000000000000fe").replace("NzcV", "Nzcv");
    const report = describeOutputMismatch(golden, actual) ?? "";
    expect(report).toContain('dump block #1 "second"');
    expect(report).toContain("x05: expected 00000000000000ff, actual 00000000000000fe");
    expect(report).toContain("nzcv: expected NzcV, actual Nzcv");
    expect(report).not.toContain("x00:");
  });

  it("reports output that stops early", () => {
    const actual = golden.split("\n").slice(0, 3).join("\n") + "\n";
    const report = describeOutputMismatch(golden, actual) ?? "";
    expect(report).toContain("output stops early");
    expect(report).toContain('"second"');
    expect(report).toContain("the actual output has no such block");
  });

  it("reports plain text differences by line", () => {
    const report = describeOutputMismatch("a\nb\nc\n", "a\nB\nc\n") ?? "";
    expect(report).toContain("first difference at output line 2");
    expect(report).toContain('expected: "b"');
    expect(report).toContain('actual:   "B"');
  });

  it("shows the instructions that ran before a random program's dump", () => {
    const source = ['        DUMP    "r block 0"', "        add x1, x2, x3", "        eor x5, x5, x1", '        DUMP    "r block 1"', ""].join("\n");
    const expected = "== r block 1\nx05=0000000000000001\n";
    const report = describeOutputMismatch(expected, "== r block 1\nx05=0000000000000002\n", source) ?? "";
    expect(report).toContain("add x1, x2, x3");
    expect(report).toContain("eor x5, x5, x1");
    expect(sourceContext(source, "no such block")).toBeNull();
  });
});
