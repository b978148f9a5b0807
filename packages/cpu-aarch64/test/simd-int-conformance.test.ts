// The AdvSIMD integer conformance programs (conformance/simd-int/) on our CPU, through the Linux
// user-mode runner: stdout and exit status must equal what qemu-aarch64 -cpu cortex-a53 printed.
// Each output line is one case: instruction word, pool indices, V0 afterwards, FPSR.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { disassemble, runLinuxUserProgram } from "../src/index";

const dir = fileURLToPath(new URL("../conformance/simd-int/", import.meta.url));
const names = readdirSync(join(dir, "bin")).sort();
const decoder = new TextDecoder();

function firstDifference(expected: string, actual: string): string | null {
  const want = expected.split("\n");
  const got = actual.split("\n");
  let count = 0;
  const report: string[] = [];
  for (let i = 0; i < Math.max(want.length, got.length); i++) {
    if (want[i] === got[i]) continue;
    if (count++ < 10) {
      const word = Number.parseInt((want[i] ?? got[i] ?? "0").split(" ")[0]!, 16);
      report.push(`line ${i + 1} (${disassemble(word, 0n)}):\n  expected ${want[i]}\n  actual   ${got[i]}`);
    }
  }
  return count === 0 ? null : `${count} lines differ\n${report.join("\n")}`;
}

function hasTools(): boolean {
  try {
    for (const tool of ["aarch64-linux-gnu-as", "aarch64-linux-gnu-ld"]) execFileSync(tool, ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describe("AdvSIMD integer conformance programs match QEMU user mode", () => {
  it("has one program per instruction class", () => {
    expect(names).toEqual(["simd-int-different", "simd-int-element", "simd-int-immediate", "simd-int-misc", "simd-int-same", "simd-int-shift"]);
  });

  for (const name of names) {
    it(name, () => {
      const image = new Uint8Array(readFileSync(join(dir, "bin", name)));
      const result = runLinuxUserProgram({ image, argv: [name], maxInstructions: 50_000_000 });
      const expectedExit = Number.parseInt(readFileSync(join(dir, "golden", `${name}.exit`), "utf8"), 10);
      expect(result.exitCode, decoder.decode(result.stderr)).toBe(expectedExit);
      const difference = firstDifference(readFileSync(join(dir, "golden", `${name}.out`), "utf8"), decoder.decode(result.stdout));
      expect(difference).toBeNull();
    });
  }

  it.runIf(hasTools())("the sources are the generator's output and the binaries rebuild identically", () => {
    const tmp = mkdtempSync(join(tmpdir(), "simd-int-"));
    try {
      execFileSync("node", [join(dir, "gen", "programs.mjs"), join(tmp, "src")], { stdio: "ignore" });
      for (const name of names) {
        expect(readFileSync(join(tmp, "src", `${name}.S`), "utf8"), name).toBe(readFileSync(join(dir, "src", `${name}.S`), "utf8"));
      }
      execFileSync("sh", [join(dir, "build.sh"), join(tmp, "bin")], { stdio: "ignore" });
      for (const name of names) {
        expect(Buffer.compare(readFileSync(join(tmp, "bin", name)), readFileSync(join(dir, "bin", name))), name).toBe(0);
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
