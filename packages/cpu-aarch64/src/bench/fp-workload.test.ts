import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runLinuxUserProgram } from "../user/run.js";

const benchDir = fileURLToPath(new URL("../../bench/", import.meta.url));
const hasCompiler = spawnSync("aarch64-linux-gnu-gcc", ["--version"], { stdio: "ignore" }).status === 0;

describe("the floating-point benchmark workload", () => {
  it("computes Mandelbrot, n-body, polynomial/dot-product and Newton results bit for bit as QEMU did", () => {
    const image = new Uint8Array(readFileSync(join(benchDir, "fp-workload")));
    const result = runLinuxUserProgram({ image, argv: ["fp-workload", "4"] });
    expect(new TextDecoder().decode(result.stdout)).toBe(readFileSync(join(benchDir, "golden/fp-workload-4.out"), "utf8"));
    expect(result.exitCode).toBe(Number(readFileSync(join(benchDir, "golden/fp-workload-4.exit"), "utf8")));
  });

  it.runIf(hasCompiler)("bench/fp-workload matches bench/build.sh (cross compiler installed)", () => {
    const out = mkdtempSync(join(tmpdir(), "sel4ts-fp-workload-"));
    try {
      const run = spawnSync("sh", [join(benchDir, "build.sh"), out], { encoding: "utf8" });
      expect(run.status, run.stderr).toBe(0);
      expect(readFileSync(join(out, "fp-workload")).equals(readFileSync(join(benchDir, "fp-workload"))), "bench/fp-workload is stale").toBe(true);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
