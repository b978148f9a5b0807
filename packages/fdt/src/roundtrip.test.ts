// Generative round trips: random trees written with FdtWriter read back to what was written, and
// (where dtc is installed) dtc compiles formatDts() of them to exactly the writer's bytes, which
// checks the writer's layout and strings-block sharing against dtc on trees no one wrote by hand.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { bytes, cells, empty, str, strs, u32, u64 } from "../test/tree-spec.js";
import type { NodeSpec, SpecValue } from "../test/tree-spec.js";
import { expectTree, writeSpec } from "../test/tree-spec.js";
import { formatDts } from "./dts.js";
import { Fdt } from "./fdt.js";
import { FdtWriter } from "./writer.js";

const text = (first: string, rest: string, maxLength: number) =>
  fc
    .tuple(fc.constantFrom(...first), fc.array(fc.constantFrom(...rest), { maxLength }))
    .map(([head, tail]) => head + tail.join(""));

// Prefixes keep clear of the names dtc gives meaning to (reg, compatible, chosen, aliases, ...).
const propertyName = text("abcdefghij", "abcxyz0123456789,._+?#-", 8).map((name) => `x${name}`);
const nodeName = fc
  .tuple(text("abcdef", "abcxyz0123456789,._+-", 8), fc.option(fc.integer({ min: 0, max: 0xffff })))
  .map(([base, unit]) => `n${base}${unit === null ? "" : `@${unit.toString(16)}`}`);
const printable = fc.string({ unit: fc.constantFrom(...'abc XYZ09,."\\\t/-'), maxLength: 12 });

const value: fc.Arbitrary<SpecValue> = fc.oneof(
  fc.constant(empty()),
  fc.nat({ max: 0xffffffff }).map(u32),
  fc.array(fc.nat({ max: 0xffffffff }), { minLength: 1, maxLength: 6 }).map((v) => cells(...v)),
  fc.array(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), { minLength: 1, maxLength: 3 }).map((v) => u64(...v)),
  printable.map(str),
  fc.array(printable, { minLength: 1, maxLength: 4 }).map((v) => strs(...v)),
  fc.array(fc.nat({ max: 255 }), { minLength: 1, maxLength: 9 }).map((v) => bytes(...v))
);

const properties = fc.uniqueArray(fc.tuple(propertyName, value), { maxLength: 6, selector: ([name]) => name });

const { tree } = fc.letrec<{ tree: NodeSpec; node: NodeSpec }>((tie) => ({
  tree: fc
    .tuple(properties, fc.uniqueArray(tie("node"), { maxLength: 4, selector: (n) => n.name }))
    .map(([props, children]) => ({ name: "", properties: props, children })),
  node: fc
    .tuple(
      nodeName,
      properties,
      fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        fc.constant([]),
        fc.uniqueArray(tie("node"), { maxLength: 3, selector: (n) => n.name })
      )
    )
    .map(([name, props, children]) => ({ name, properties: props, children: children as NodeSpec[] })),
}));

function write(spec: NodeSpec): Uint8Array {
  const w = new FdtWriter();
  writeSpec(w, spec);
  return w.finish();
}

describe("random trees", () => {
  it("read back to what the writer wrote, and re-encode to the same bytes", () => {
    fc.assert(
      fc.property(tree, (spec) => {
        const blob = write(spec);
        const fdt = Fdt.parse(blob);
        expectTree(fdt.root, spec);
        expect(fdt.toBlob()).toEqual(blob);
      }),
      { numRuns: 300 }
    );
  });

  const hasDtc = spawnSync("dtc", ["--version"]).status === 0;
  describe.skipIf(!hasDtc)("with dtc installed", () => {
    const dir = mkdtempSync(join(tmpdir(), "sel4ts-fdt-random-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("are what dtc compiles from their formatDts() text", () => {
      fc.assert(
        fc.property(tree, (spec) => {
          const blob = write(spec);
          writeFileSync(join(dir, "t.dts"), formatDts(Fdt.parse(blob)));
          const run = spawnSync("dtc", ["-q", "-I", "dts", "-O", "dtb", "-o", join(dir, "t.dtb"), join(dir, "t.dts")], {
            encoding: "utf8",
          });
          expect(run.status, run.stderr).toBe(0);
          expect(new Uint8Array(readFileSync(join(dir, "t.dtb")))).toEqual(blob);
        }),
        { numRuns: 60 }
      );
    });
  });
});
