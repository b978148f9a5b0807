import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { disassemble } from "./index.js";

const goldenDir = fileURLToPath(new URL("./golden/", import.meta.url));
/** objdump.golden.tsv (corpus.S), random.golden.tsv (random.S) and one <group>.golden.tsv per <group>.S. */
const GOLDENS = readdirSync(goldenDir).filter((name) => name.endsWith(".golden.tsv"));
const goldenTexts = new Map(GOLDENS.map((name) => [name, readFileSync(join(goldenDir, name), "utf8")]));

interface GoldenEntry {
  address: bigint;
  word: number;
  text: string;
}

function parseGolden(text: string): GoldenEntry[] {
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => {
      const [address, word, ...rest] = line.split("\t");
      return { address: BigInt(`0x${address}`), word: parseInt(word!, 16), text: rest.join("\t") };
    });
}

/** objdump's text without `//` comments and ` <symbol+off>` annotations (see golden/README.md). */
function normaliseObjdump(text: string): string {
  return normaliseSpace(text.replace(/\s*\/\/.*$/, "").replace(/ <[^>]*>/, ""));
}

function normaliseSpace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function hasBinutils(): boolean {
  try {
    execFileSync("aarch64-linux-gnu-objdump", ["--version"], { stdio: "ignore" });
    execFileSync("aarch64-linux-gnu-as", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describe("disassemble", () => {
  it("has a broad hand-written corpus and a random one", () => {
    expect(parseGolden(goldenTexts.get("objdump.golden.tsv")!).length).toBeGreaterThan(900);
    expect(parseGolden(goldenTexts.get("random.golden.tsv")!).length).toBe(4000);
  });

  for (const name of GOLDENS) {
    it(`prints exactly what GNU objdump prints for every entry of ${name}`, () => {
      const mismatches = parseGolden(goldenTexts.get(name)!)
        .map((e) => ({ e, got: normaliseSpace(disassemble(e.word, e.address)), want: normaliseObjdump(e.text) }))
        .filter(({ got, want }) => got !== want)
        .map(({ e, got, want }) => `${e.word.toString(16).padStart(8, "0")}: objdump "${want}", ours "${got}"`);
      expect(mismatches).toEqual([]);
    });
  }

  it("prints UNDEFINED encodings as .inst", () => {
    expect(disassemble(0x04000000, 0n)).toBe(".inst\t0x04000000 ; undefined"); // SVE (not in ARMv8.0)
    expect(disassemble(0xf8e08020, 0n)).toBe(".inst\t0xf8e08020 ; undefined"); // LSE (not advertised)
  });

  it.runIf(hasBinutils())("golden files are up to date with corpus.S and random.S (binutils installed)", () => {
    const dir = mkdtempSync(join(tmpdir(), "sel4ts-disasm-"));
    try {
      execFileSync("sh", [join(goldenDir, "regenerate.sh"), dir]);
      for (const name of GOLDENS) expect(readFileSync(join(dir, name), "utf8"), name).toBe(goldenTexts.get(name));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
