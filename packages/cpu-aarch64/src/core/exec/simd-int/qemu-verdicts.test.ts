// Which encodings inside the AdvSIMD integer patterns are UNDEFINED: QEMU's verdict for each of
// the 3,000 random words of the disassembler corpus (conformance/simd-int/golden/verdicts.tsv:
// the word alone under qemu-aarch64 -cpu cortex-a53, SIGILL or not) against our CPU's exit.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runToExit } from "../../cpu.test-helper.js";

const verdicts = readFileSync(
  fileURLToPath(new URL("../../../../conformance/simd-int/golden/verdicts.tsv", import.meta.url)),
  "utf8",
)
  .trim()
  .split("\n")
  .map((line) => line.split("\t") as [string, string]);

describe("AdvSIMD integer encodings UNDEFINED exactly where QEMU says", () => {
  it(`agrees on all ${verdicts.length} words`, () => {
    expect(verdicts.length).toBe(3000);
    const disagreements: string[] = [];
    let undefinedCount = 0;
    for (const [hex, verdict] of verdicts) {
      const word = Number.parseInt(hex, 16);
      const { exit } = runToExit([word]);
      const ours = exit.kind === "undefined" ? "undefined" : exit.kind === "svc" ? "ok" : exit.kind;
      if (verdict === "undefined") undefinedCount++;
      if (ours !== verdict) disagreements.push(`${hex}: QEMU ${verdict}, ours ${ours}`);
    }
    expect(disagreements).toEqual([]);
    expect(undefinedCount).toBeGreaterThan(300);
  });
});
