import { describe, expect, it } from "vitest";
import { T, patchU32, rawBlob, readU32 } from "../test/raw-blob.js";
import { FdtError } from "./errors.js";
import type { FdtErrorKind } from "./errors.js";
import { formatDts } from "./dts.js";
import { Fdt } from "./fdt.js";
import { FdtWriter } from "./writer.js";

/** Parses `blob` expecting an FdtError of `kind` at `offset` whose message matches `message`. */
function expectBlobError(blob: Uint8Array, kind: FdtErrorKind, offset: number | undefined, message: RegExp): void {
  let caught: unknown;
  try {
    Fdt.parse(blob, { source: "test.dtb" });
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(FdtError);
  const error = caught as FdtError;
  expect({ kind: error.kind, offset: error.offset }).toEqual({ kind, offset });
  expect(error.message).toMatch(message);
  if (offset !== undefined) expect(error.message).toContain(`test.dtb: at byte ${offset} (0x${offset.toString(16)}): `);
}

/** A small valid tree: `/` with `a = <1>` and child `c@1` with `name = "x"`. */
function smallBlob(): Uint8Array {
  const w = new FdtWriter();
  const root = w.beginNode("");
  w.propertyU32("a", 1);
  const c = w.beginNode("c@1");
  w.propertyString("name", "x");
  w.endNode(c);
  w.endNode(root);
  return w.finish();
}

describe("Fdt lookups", () => {
  const w = new FdtWriter();
  const root = w.beginNode("");
  const aliases = w.beginNode("aliases");
  w.propertyString("serial0", "/soc/uart@1000");
  w.propertyString("broken", "not-a-path");
  w.endNode(aliases);
  const soc = w.beginNode("soc");
  const plain = w.beginNode("uart");
  w.endNode(plain);
  const uart = w.beginNode("uart@1000");
  w.propertyPhandle(5);
  const port = w.beginNode("port");
  w.endNode(port);
  w.endNode(uart);
  const other = w.beginNode("i2c@2000");
  w.propertyU32("legacy", 1);
  w.property("linux,phandle", Uint8Array.of(0, 0, 0, 9));
  w.endNode(other);
  w.endNode(soc);
  w.endNode(root);
  const fdt = Fdt.parse(w.finish());

  it("finds nodes by path, with or without unit addresses", () => {
    expect(fdt.getNode("/")).toBe(fdt.root);
    expect(fdt.getNode("/soc/uart@1000").name).toBe("uart@1000");
    expect(fdt.getNode("/soc/uart").name).toBe("uart"); // an exact name beats a base-name match
    expect(fdt.getNode("/soc/i2c").name).toBe("i2c@2000");
    expect(fdt.getNode("/soc/i2c@2000/").path).toBe("/soc/i2c@2000");
    expect(fdt.findNode("/soc/uart@2000")).toBeUndefined();
    expect(fdt.findNode("/soc/spi")).toBeUndefined();
    expect(fdt.findNode("/nothing/here")).toBeUndefined();
  });

  it("resolves aliases", () => {
    expect(fdt.getNode("serial0").path).toBe("/soc/uart@1000");
    expect(fdt.getNode("serial0/port").path).toBe("/soc/uart@1000/port");
    expect(fdt.findNode("serial1")).toBeUndefined();
    expect(fdt.findNode("broken")).toBeUndefined();
  });

  it("describes nodes", () => {
    const node = fdt.getNode("/soc/uart@1000/port");
    expect(node.parent?.parent?.name).toBe("soc");
    expect(fdt.getNode("/soc/i2c@2000").baseName).toBe("i2c");
    expect(fdt.getNode("/soc/i2c@2000").unitAddress).toBe("2000");
    expect(fdt.getNode("/soc/uart").unitAddress).toBeUndefined();
    expect([...fdt.walk()].map((n) => n.path)).toEqual([
      "/",
      "/aliases",
      "/soc",
      "/soc/uart",
      "/soc/uart@1000",
      "/soc/uart@1000/port",
      "/soc/i2c@2000",
    ]);
  });

  it("resolves phandles, including linux,phandle", () => {
    expect(fdt.nodeByPhandle(5)?.path).toBe("/soc/uart@1000");
    expect(fdt.nodeByPhandle(9)?.path).toBe("/soc/i2c@2000");
    expect(fdt.nodeByPhandle(6)).toBeUndefined();
  });

  it("reports what is missing", () => {
    expect(() => fdt.getNode("/soc/spi")).toThrow(/no node at path "\/soc\/spi"/);
    expect(() => fdt.root.getProperty("model")).toThrow(/node \/ has no property "model"/);
    const legacy = fdt.getNode("/soc/i2c").getProperty("legacy");
    expect(() => fdt.resolvePhandle(legacy)).toThrow(/refers to phandle 1, which no node has/);
    expect(() => fdt.resolvePhandle(legacy, 1)).toThrow(/has 1 cells, no cell 1/);
  });
});

describe("FdtNode addresses", () => {
  const w = new FdtWriter();
  const root = w.beginNode(""); // no #address-cells / #size-cells: defaults 2 and 1
  const a = w.beginNode("a@100000000");
  w.propertyCells("reg", [1, 0, 0x1000, 2, 0, 0x2000]);
  w.propertyU32("#address-cells", 3);
  w.propertyU32("#size-cells", 2);
  const pci = w.beginNode("pci@0");
  w.propertyCells("reg", [0x02000010, 0, 0x40000000, 0, 0x10000]);
  w.endNode(pci);
  w.endNode(a);
  const bad = w.beginNode("bad");
  w.propertyCells("reg", [1, 2]);
  w.endNode(bad);
  w.endNode(root);
  const fdt = Fdt.parse(w.finish(), { source: "reg.dtb" });

  it("decodes reg with the parent's cell counts, the spec's defaults when it has none", () => {
    expect(fdt.root.addressCells).toBe(2);
    expect(fdt.root.sizeCells).toBe(1);
    expect(fdt.getNode("/a").reg()).toEqual([
      { address: 0x1_0000_0000n, size: 0x1000n },
      { address: 0x2_0000_0000n, size: 0x2000n },
    ]);
    expect(fdt.getNode("/a/pci").reg()).toEqual([{ address: 0x02000010_00000000_40000000n, size: 0x10000n }]);
    expect(fdt.root.reg()).toEqual([]);
  });

  it("rejects a reg that does not divide into entries", () => {
    expect(() => fdt.getNode("/bad").reg()).toThrow(
      /reg.dtb: at byte \d+ .*expected a multiple of 3 cells \(#address-cells 2 \+ #size-cells 1\), found 2/
    );
  });
});

describe("FdtProperty typed access", () => {
  const w = new FdtWriter();
  const root = w.beginNode("");
  w.propertyBytes("three", [1, 2, 3]);
  w.propertyStringList("list", ["a", "", "b"]);
  w.propertyBytes("unterminated", [0x61, 0x62]);
  w.propertyEmpty("flag");
  w.endNode(root);
  const blob = w.finish();
  const fdt = Fdt.parse(blob, { source: "props.dtb" });
  const prop = (name: string) => fdt.root.getProperty(name);

  it("reads strings and string lists", () => {
    expect(prop("list").asStringList()).toEqual(["a", "", "b"]);
    expect(prop("flag").asStringList()).toEqual([]);
    expect(prop("flag").isEmpty).toBe(true);
    expect(prop("three").length).toBe(3);
  });

  it("rejects values of the wrong shape, naming the property and its offset", () => {
    const three = prop("three");
    expect(readU32(blob, three.offset!)).toBe(T.PROP);
    const shape = (read: () => unknown, message: RegExp) => {
      expect(read).toThrow(FdtError);
      expect(read).toThrow(message);
      expect(read).toThrow(`props.dtb: at byte ${three.offset}`);
    };
    shape(() => three.asU32(), /property "three" of \/: expected one u32 cell, found 3 bytes/);
    shape(() => three.asU64(), /expected one u64 \(two cells\), found 3 bytes/);
    shape(() => three.asCells(), /expected u32 cells, found 3 bytes, not a multiple of 4/);
    shape(() => three.asU64Array(), /not a multiple of 8/);
    shape(() => three.asString(), /expected one NUL-terminated string, found no NUL terminator/);
    expect(() => prop("list").asString()).toThrow(/found a NUL at byte 1 of the value/);
    expect(() => prop("unterminated").asStringList()).toThrow(/a last byte that is not NUL/);
  });

  it("hands out copies of values", () => {
    const bytes = prop("three").asBytes();
    bytes[0] = 99;
    expect(prop("three").asBytes()[0]).toBe(1);
  });

  it("is not affected by later changes to the parsed buffer, even a Buffer", () => {
    for (const mine of [blob.slice(), Buffer.from(blob)]) {
      const parsed = Fdt.parse(mine);
      mine.fill(0);
      expect(Array.from(parsed.root.getProperty("three").asBytes())).toEqual([1, 2, 3]);
    }
  });
});

describe("Fdt.parse header validation", () => {
  const good = smallBlob();

  it("accepts a blob followed by unused bytes", () => {
    const padded = new Uint8Array(good.length + 64);
    padded.set(good);
    expect(Fdt.parse(padded).root.getProperty("a").asU32()).toBe(1);
  });

  it("accepts a version 16 blob (no size_dt_struct)", () => {
    const v16 = patchU32(patchU32(good, 20, 16), 36, 0xdead);
    expect(Fdt.parse(v16).getNode("/c@1").getProperty("name").asString()).toBe("x");
  });

  it("rejects a wrong magic", () => {
    expectBlobError(patchU32(good, 0, 0xedfe0dd0), "bad-magic", 0, /expected magic 0xd00dfeed, found 0xedfe0dd0/);
  });

  it("rejects truncated blobs", () => {
    expectBlobError(good.slice(0, 3), "truncated", 0, /4-byte magic/);
    expectBlobError(good.slice(0, 30), "truncated", 30, /expected a 40-byte header, but the blob has 30 bytes/);
    expectBlobError(good.slice(0, 12), "truncated", 12, /version fields/);
    expectBlobError(good.slice(0, good.length - 1), "truncated", 4, /totalsize is \d+ bytes, but the blob has/);
  });

  it("rejects versions it cannot read", () => {
    expectBlobError(patchU32(good, 20, 15), "bad-version", 20, /expected version 16 or later, found 15/);
    expectBlobError(patchU32(good, 24, 18), "bad-version", 24, /expected last_comp_version at most 17/);
    expectBlobError(patchU32(patchU32(good, 20, 16), 24, 17), "bad-version", 24, /at most 16/);
  });

  it("rejects sizes and offsets out of range", () => {
    expectBlobError(patchU32(good, 4, 39), "bad-header", 4, /totalsize of at least the 40-byte header, found 39/);
    expectBlobError(patchU32(good, 8, good.length + 4), "bad-header", 8, /structure offset between 40 and totalsize/);
    expectBlobError(patchU32(good, 8, 36), "bad-header", 8, /structure offset between 40/);
    expectBlobError(
      patchU32(good, 36, good.length),
      "bad-header",
      36,
      /structure block of \d+ bytes at 56 runs past totalsize/
    );
    expectBlobError(patchU32(good, 12, 0xffffffff), "bad-header", 12, /strings offset/);
    expectBlobError(patchU32(good, 32, 0x7fffffff), "bad-header", 32, /strings block of 2147483647 bytes/);
    expectBlobError(patchU32(good, 16, 0x10000), "bad-header", 16, /memory reservation offset/);
  });

  it("rejects misaligned blocks", () => {
    expectBlobError(patchU32(good, 8, 58), "misaligned", 8, /structure offset to be a multiple of 4, found 58/);
    expectBlobError(patchU32(good, 16, 44), "misaligned", 16, /memory reservation offset to be a multiple of 8/);
  });

  it("rejects a reservation list without its terminator", () => {
    const w = new FdtWriter();
    w.addMemoryReservation(1, 1);
    const root = w.beginNode("");
    w.propertyU32("a", 1);
    w.endNode(root);
    const blob = patchU32(w.finish(), 60, 1); // the terminator becomes (1, 0)
    expectBlobError(
      blob,
      "truncated",
      104,
      /memory reservation entry or the \(0, 0\) terminator, but totalsize 106 ends first/
    );
  });
});

describe("Fdt.parse structure validation", () => {
  const S = 56; // structure block offset of rawBlob()

  it("accepts NOPs anywhere a token may be", () => {
    const blob = rawBlob(
      [T.NOP, T.BEGIN, "", T.NOP, T.PROP, 0, 0, T.NOP, T.BEGIN, "n", T.END_NODE, T.NOP, T.END_NODE, T.NOP, T.END],
      "p\0"
    );
    const fdt = Fdt.parse(blob);
    expect(fdt.root.getProperty("p").isEmpty).toBe(true);
    expect(fdt.getNode("/n").path).toBe("/n");
  });

  it("rejects unknown tokens", () => {
    expectBlobError(
      rawBlob([T.BEGIN, "", 7, T.END_NODE, T.END]),
      "bad-token",
      S + 8,
      /expected FDT_BEGIN_NODE \(0x1\).*found 0x7/
    );
  });

  it("rejects a structure that ends early", () => {
    expectBlobError(
      rawBlob([T.BEGIN, "", T.BEGIN, "a"]),
      "truncated",
      S + 16,
      /expected a structure token, but the structure block ends at byte 72/
    );
    expectBlobError(rawBlob([]), "truncated", S, /FDT_BEGIN_NODE of the root node/);
    expectBlobError(rawBlob([T.BEGIN, "", T.PROP, 1]), "truncated", S + 16, /property's name offset/);
  });

  it("rejects tokens out of order", () => {
    expectBlobError(rawBlob([T.END_NODE, T.END]), "bad-structure", S, /found FDT_END_NODE with no open node/);
    expectBlobError(rawBlob([T.END]), "bad-structure", S, /expected the root node's FDT_BEGIN_NODE, found FDT_END/);
    expectBlobError(
      rawBlob([T.BEGIN, "", T.BEGIN, "a", T.END_NODE, T.END]),
      "bad-structure",
      S + 20,
      /expected FDT_END_NODE for \/, found FDT_END/
    );
    expectBlobError(
      rawBlob([T.BEGIN, "", T.END_NODE, T.BEGIN, "", T.END_NODE, T.END]),
      "bad-structure",
      S + 12,
      /second top-level FDT_BEGIN_NODE/
    );
    expectBlobError(
      rawBlob([T.BEGIN, "", T.END_NODE, T.PROP, 0, 0, T.END], "p\0"),
      "bad-structure",
      S + 12,
      /FDT_PROP outside of any node/
    );
    expectBlobError(
      rawBlob([T.BEGIN, "", T.BEGIN, "a", T.END_NODE, T.PROP, 0, 0, T.END_NODE, T.END], "p\0"),
      "bad-structure",
      S + 20,
      /in \/: a property after a child node/
    );
  });

  it("rejects badly named nodes", () => {
    expectBlobError(
      rawBlob([T.BEGIN, "root", T.END_NODE, T.END]),
      "bad-structure",
      S + 4,
      /expected the root node's empty name, found "root"/
    );
    expectBlobError(
      rawBlob([T.BEGIN, "", T.BEGIN, "", T.END_NODE, T.END_NODE, T.END]),
      "bad-structure",
      S + 12,
      /expected a name for a child node of \//
    );
    expectBlobError(
      rawBlob([T.BEGIN, "", T.BEGIN, "a/b", T.END_NODE, T.END_NODE, T.END]),
      "bad-name",
      S + 12,
      /without "\/".*found "a\/b"/
    );
  });

  it("rejects unterminated names", () => {
    const blob = rawBlob([T.BEGIN, "", T.BEGIN, "abcdefg", T.END_NODE, T.END_NODE, T.END]);
    expectBlobError(
      patchU32(blob, 36, 14),
      "unterminated-string",
      S + 12,
      /NUL-terminated node name, but no NUL comes before byte 70/
    );
    const props = rawBlob([T.BEGIN, "", T.PROP, 0, 0, T.END_NODE, T.END], "name\0");
    expectBlobError(patchU32(props, 32, 4), "unterminated-string", readU32(props, 12), /NUL-terminated property name/);
  });

  it("rejects property name offsets and values outside their blocks", () => {
    expectBlobError(
      rawBlob([T.BEGIN, "", T.PROP, 0, 2, T.END_NODE, T.END], "p\0"),
      "bad-structure",
      S + 16,
      /name offset below the strings block size 2, found 2/
    );
    expectBlobError(
      rawBlob([T.BEGIN, "", T.PROP, 1000, 0, T.END_NODE, T.END], "p\0"),
      "truncated",
      S + 8,
      /value of 1000 bytes runs past/
    );
  });

  it("rejects nesting deeper than the limit, without recursion", () => {
    const depth = (n: number) =>
      rawBlob([
        T.BEGIN,
        "",
        ...Array.from({ length: n - 1 }, () => [T.BEGIN, "a"]).flat(),
        ...Array<number>(n).fill(T.END_NODE),
        T.END,
      ]);
    expect(Fdt.parse(depth(64)).findNode(`/${Array<string>(63).fill("a").join("/")}`)).toBeDefined();
    expectBlobError(depth(65), "too-deep", S + 8 + 63 * 8, /nested deeper than 64 levels/);
    expect(Fdt.parse(depth(2000), { maxDepth: 5000 }).root.children).toHaveLength(1);
    // formatDts walks without recursion too: 10,000 levels print, one tab more per level.
    const deep = formatDts(Fdt.parse(depth(10_000), { maxDepth: 10_000 }));
    expect(deep.split("\n").filter((l) => l.trim() === "a {")).toHaveLength(9_999);
    expect(deep).toContain(`\n${"\t".repeat(9_999)}a {\n`);
    expect(() => Fdt.parse(depth(1), { maxDepth: 0 })).toThrow(/maxDepth must be a positive integer, got 0/);
  });
});
