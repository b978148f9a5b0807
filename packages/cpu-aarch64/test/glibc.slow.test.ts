// A static glibc program built with -O3 -march=armv8-a+crc+crypto (auto-vectorised loops, NEON
// and crypto intrinsics, fenv rounding modes and flags, strtod/printf("%a"), libm, string
// functions on unaligned buffers) prints exactly what it prints under qemu-aarch64
// (glibc/README.md), and the bench's FP-heavy and SIMD-heavy workloads compute what QEMU did.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runLinuxUserProgram } from "../src/index";

const glibcDir = fileURLToPath(new URL("./glibc/", import.meta.url));
const benchDir = fileURLToPath(new URL("../bench/", import.meta.url));

function run(path: string, argv: string[]): { stdout: string; exitCode: number; stderr: string } {
  const result = runLinuxUserProgram({ image: new Uint8Array(readFileSync(path)), argv, exePath: `/bin/${argv[0]}`, hostFs: null, maxInstructions: 2_000_000_000 });
  return { stdout: new TextDecoder().decode(result.stdout), stderr: new TextDecoder().decode(result.stderr), exitCode: result.exitCode };
}

describe("glibc and FP/SIMD workloads match qemu-aarch64", () => {
  it("simd-fp (static glibc, -O3 -march=armv8-a+crc+crypto)", () => {
    const result = run(`${glibcDir}simd-fp`, ["simd-fp"]);
    expect(result.stdout, result.stderr).toBe(readFileSync(`${glibcDir}golden/simd-fp.out`, "utf8"));
    expect(result.exitCode).toBe(Number(readFileSync(`${glibcDir}golden/simd-fp.exit`, "utf8")));
  });

  for (const [mode, size] of [["fp", "48"], ["simd", "16"]] as const) {
    it(`bench fp-simd ${mode} ${size}`, () => {
      const result = run(`${benchDir}fp-simd`, ["fp-simd", mode, size]);
      expect(result.stdout, result.stderr).toBe(readFileSync(`${benchDir}golden/fp-simd-${mode}.out`, "utf8"));
      expect(result.exitCode).toBe(Number(readFileSync(`${benchDir}golden/fp-simd-${mode}.exit`, "utf8")));
    });
  }
});
