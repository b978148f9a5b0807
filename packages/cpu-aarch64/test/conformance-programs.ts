// Loading the committed conformance programs and their QEMU goldens (see conformance/README.md).
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Absolute path of `packages/cpu-aarch64/conformance/`. */
export const conformanceDir = fileURLToPath(new URL("../conformance/", import.meta.url));

/** One committed program: its binary, its source (when it has one) and what QEMU printed. */
export interface ConformanceProgram {
  name: string;
  image: Uint8Array;
  /** Text of `src/<name>.S` or `src/<name>.c`. */
  source: string | null;
  expectedStdout: string;
  expectedExitCode: number;
}

/** Names of the committed binaries in `conformance/bin/`, sorted. */
export function programNames(): string[] {
  return readdirSync(join(conformanceDir, "bin")).sort();
}

/** True for the generated random programs (`rand-NN`). */
export function isRandomProgram(name: string): boolean {
  return /^rand-\d+$/.test(name);
}

/** Reads a program's binary, source and goldens; throws if a golden is missing. */
export function loadProgram(name: string): ConformanceProgram {
  const image = new Uint8Array(readFileSync(join(conformanceDir, "bin", name)));
  const goldenBase = join(conformanceDir, "golden", name);
  if (!existsSync(`${goldenBase}.out`) || !existsSync(`${goldenBase}.exit`)) {
    throw new Error(`conformance program ${name} has no golden: run conformance/regenerate.sh`);
  }
  const exitText = readFileSync(`${goldenBase}.exit`, "utf8").trim();
  if (!/^\d+$/.test(exitText)) throw new Error(`${goldenBase}.exit: expected a decimal exit status, got "${exitText}"`);
  const expectedExitCode = Number.parseInt(exitText, 10);
  let source: string | null = null;
  for (const ext of [".S", ".c"]) {
    const path = join(conformanceDir, "src", `${name}${ext}`);
    if (existsSync(path)) source = readFileSync(path, "utf8");
  }
  return {
    name,
    image,
    source,
    expectedStdout: readFileSync(`${goldenBase}.out`, "utf8"),
    expectedExitCode,
  };
}
