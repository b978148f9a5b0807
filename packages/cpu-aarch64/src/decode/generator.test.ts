import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { OP_COUNT, OP_FIXED_BITS, OP_FIXED_MASK, OP_NAMES, decodeA64 } from "./decoder.generated.js";
import { generateDecoderSource } from "./generator.js";
import { parseEncodingTable } from "./table-parser.js";
import { A64_TABLES } from "./tables.js";

describe("encoding table parser", () => {
  it("rejects overlapping patterns outside a group", () => {
    expect(() =>
      parseEncodingTable(`
A   0000 ---- ---- ---- ---- ---- ---- ----
B   00-- 1111 ---- ---- ---- ---- ---- ----`),
    ).toThrow(/A \(line 2\) overlaps B \(line 3\)/);
  });

  it("accepts the same overlap inside a {…} group, tried in order", () => {
    const table = `
{
  SPECIFIC 0000 1111 ---- ---- ---- ---- ---- ----
  GENERAL  0000 ---- ---- ---- ---- ---- ---- ----
}`;
    const patterns = parseEncodingTable(table);
    expect(patterns.map((p) => p.name)).toEqual(["SPECIFIC", "GENERAL"]);
    const source = generateDecoderSource(patterns);
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- running the generated code is the point
    const decode = new Function("insn", source.slice(source.indexOf("{", source.indexOf("decodeA64")) + 1, source.lastIndexOf("}"))) as (
      i: number,
    ) => number;
    expect(decode(0x0f000000)).toBe(1);
    expect(decode(0x0e000000)).toBe(2);
    expect(decode(0x10000000)).toBe(0);
  });

  it("rejects lines that do not cover 32 bits, bad tokens, duplicate names and duplicate fields", () => {
    expect(() => parseEncodingTable("A 0101")).toThrow(/covers 4 bits, expected 32/);
    expect(() => parseEncodingTable(`A ${"0".repeat(33)}`)).toThrow(/more than 32 bits/);
    expect(() => parseEncodingTable(`A ${"0".repeat(30)} x?:2`)).toThrow(/cannot read token/);
    expect(() => parseEncodingTable(`A ${"0".repeat(32)}\nA ${"1".repeat(32)}`)).toThrow(/duplicate pattern name A/);
    expect(() => parseEncodingTable(`A ${"0".repeat(22)} r:5 r:5`)).toThrow(/field r appears twice/);
    expect(() => parseEncodingTable("{\n{")).toThrow(/nested groups/);
    expect(() => parseEncodingTable("{")).toThrow(/unterminated/);
  });

  it("checks overlaps across tables and names the table of each pattern", () => {
    const a = { file: "a.ts", text: "\nA 0000 ---- ---- ---- ---- ---- ---- ----" };
    const b = { file: "b.ts", text: "B 00-- 1111 ---- ---- ---- ---- ---- ----" };
    expect(() => parseEncodingTable([a, b])).toThrow(/A \(a\.ts line 2\) overlaps B \(b\.ts line 1\)/);
    expect(() => parseEncodingTable([a, { file: "c.ts", text: "A 1111 ---- ---- ---- ---- ---- ---- ----" }])).toThrow(
      /encoding table c\.ts line 1: duplicate pattern name A/,
    );
  });

  it("extracts fields with their positions and signedness", () => {
    const [p] = parseEncodingTable("B 0 00101 imm26:s26");
    expect(p!.fields).toEqual([{ name: "imm26", lsb: 0, len: 26, signed: true }]);
    expect(p!.mask >>> 0).toBe(0xfc000000);
    expect(p!.value >>> 0).toBe(0x14000000);
  });
});

describe("generated A64 decoder", () => {
  it("is up to date with the table (run `pnpm exec tsx src/decode/generate.ts` if not)", () => {
    const committed = readFileSync(new URL("./decoder.generated.ts", import.meta.url), "utf8");
    expect(committed).toBe(generateDecoderSource(parseEncodingTable(A64_TABLES)));
  });

  it("agrees with a linear mask/value scan of the table on many words", () => {
    const patterns = parseEncodingTable(A64_TABLES);
    const linear = (insn: number): number => {
      const i = patterns.findIndex((p) => ((insn & p.mask) >>> 0) === p.value);
      return i + 1;
    };
    let state = 0x12345678;
    const words: number[] = patterns.map((p) => p.value); // every pattern's base word
    for (let i = 0; i < 200_000; i++) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      words.push(state);
    }
    for (const w of words) expect(decodeA64(w), `word ${w.toString(16)}`).toBe(linear(w));
  });

  it("gives each pattern's fixed bits (OP_FIXED_BITS, OP_FIXED_MASK), which the words made from them decode to", () => {
    expect(OP_FIXED_BITS.length).toBe(OP_COUNT);
    expect(OP_FIXED_MASK.length).toBe(OP_COUNT);
    let own = 0;
    for (let id = 1; id < OP_COUNT; id++) {
      for (const fill of [0, -1]) {
        const word = OP_FIXED_BITS[id]! | (fill & ~OP_FIXED_MASK[id]!);
        const got = decodeA64(word);
        // A word of one pattern may decode to another that shares its bits (a group member tried
        // first, or a field value a later pattern reserves), but never to one whose bits it lacks.
        if (got !== 0) expect(word & OP_FIXED_MASK[got]!, `${OP_NAMES[id]} word ${(word >>> 0).toString(16)}`).toBe(OP_FIXED_BITS[got]);
        if (got === id) own++;
      }
    }
    expect(own).toBeGreaterThan(OP_COUNT);
  });

  it("names every pattern", () => {
    expect(OP_NAMES[decodeA64(0x8b020020)]).toBe("ADD_r");
    expect(OP_NAMES[decodeA64(0xd503201f)]).toBe("HINT");
    expect(OP_NAMES[decodeA64(0xd503207f)]).toBe("WFI");
    expect(OP_NAMES[decodeA64(0xa9001023)]).toBe("STP");
    expect(OP_NAMES[decodeA64(0xa8001023)]).toBe("STNP");
  });
});
