import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { FpContext } from "./fpcr.js";
import { generalOp, laneOp, type RefOp } from "./reference-ops.test-helper";

interface Vector {
  line: string;
  fpcr: number;
  ops: bigint[];
  result: bigint;
  fpsr: number;
}

function loadVectors(): Map<string, Vector[]> {
  const text = gunzipSync(readFileSync(new URL("./vectors/fp-vectors.txt.gz", import.meta.url))).toString("utf8");
  const byOp = new Map<string, Vector[]>();
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const [name = "", fpcr = "0", ...rest] = line.split(" ");
    const words = rest.map((w) => BigInt(`0x${w}`));
    const fpsr = Number(words.pop());
    const result = words.pop() ?? 0n;
    let list = byOp.get(name);
    if (list === undefined) byOp.set(name, (list = []));
    list.push({ line, fpcr: parseInt(fpcr, 16), ops: words, result, fpsr });
  }
  return byOp;
}

const vectors = loadVectors();

function check(op: RefOp, list: Vector[]): string[] {
  const failures: string[] = [];
  for (const v of list) {
    const ctx = new FpContext(v.fpcr);
    const result = op(ctx, v.ops);
    if (result !== v.result || ctx.fpsr !== v.fpsr) {
      failures.push(`${v.line}  => got ${result.toString(16)} ${ctx.fpsr.toString(16)}`);
    }
  }
  return failures;
}

describe("soft-float general routines against Cortex-A53 (QEMU) vectors", () => {
  it("has vectors for every operation", () => {
    expect(vectors.size).toBeGreaterThan(150);
  });
  for (const [name, list] of vectors) {
    it(`${name} (${list.length} vectors)`, () => {
      const op = generalOp(name);
      expect(op, `no routine for ${name}`).toBeDefined();
      if (op === undefined) return;
      const failures = check(op, list);
      expect(failures.slice(0, 8), `${failures.length} of ${list.length} differ`).toEqual([]);
    });
  }
});

describe("soft-float lane entry points (fast paths) against the same vectors", () => {
  for (const [name, list] of vectors) {
    const op = laneOp(name);
    if (op === undefined) continue;
    it(`${name} (${list.length} vectors)`, () => {
      const failures = check(op, list);
      expect(failures.slice(0, 8), `${failures.length} of ${list.length} differ`).toEqual([]);
    });
  }
});
