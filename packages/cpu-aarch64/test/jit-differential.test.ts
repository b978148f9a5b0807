// Differential test of the block translator (CpuOptions.jit): every committed program — the
// hand-written, C and generated random user programs, the AdvSIMD integer programs and the
// bare-metal system guests — runs under the interpreter (the reference) and with every block
// translated from its first entry into native code (threshold 1, nativeAfter 0); output, exit status and the exact number of
// retired instructions must be identical. Both are also checked against QEMU's goldens by the
// conformance tests; this one catches a translator that differs from the interpreter even where
// a golden does not look (instruction counts, stderr reports, the UART transcript).
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runBareMetal, runLinuxUserProgram } from "../src/index";
import type { JitOptions } from "../src/index";
import { conformanceDir, programNames } from "./conformance-programs";
import { MAX_INSTRUCTIONS } from "./run-conformance";

const decoder = new TextDecoder();

/**
 * Lets the worker's event loop turn between the long synchronous runs: without it a file of them
 * blocks vitest's worker RPC past its timeout on a loaded machine ("Timeout calling onTaskUpdate").
 */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
const EVERY_BLOCK = { threshold: 1, nativeAfter: 0, minNative: 0 } as const;

function userRun(image: Uint8Array, name: string, jit: false | JitOptions) {
  const result = runLinuxUserProgram({ image, argv: [name], maxInstructions: MAX_INSTRUCTIONS, jit });
  return { exitCode: result.exitCode, instructions: result.instructions, stdout: decoder.decode(result.stdout), stderr: decoder.decode(result.stderr) };
}

describe("block translator: user programs run exactly as under the interpreter", () => {
  const simdDir = join(conformanceDir, "simd-int", "bin");
  const programs = [
    ...programNames().map((name) => ({ name, path: join(conformanceDir, "bin", name) })),
    ...readdirSync(simdDir).sort().map((name) => ({ name, path: join(simdDir, name) })),
  ];

  it("has the hand-written, C, random and SIMD programs", () => {
    const names = programs.map((p) => p.name);
    for (const expected of ["addsub", "branch", "c-crc-checksum", "rand-00", "simd-int-same"]) expect(names).toContain(expected);
  });

  for (const { name, path } of programs) {
    it(name, async () => {
      await yieldToEventLoop();
      const image = new Uint8Array(readFileSync(path));
      const reference = userRun(image, name, false);
      const translated = userRun(image, name, EVERY_BLOCK);
      expect(translated).toEqual(reference);
    });
  }
});

describe("block translator: bare-metal system guests run exactly as under the interpreter", () => {
  const systemDir = fileURLToPath(new URL("../conformance/system/bin/", import.meta.url));
  const guests = readdirSync(systemDir).filter((file) => file.endsWith(".bin")).sort();

  it("has the system guests (exceptions, MMU, timer)", () => {
    for (const expected of ["exceptions.bin", "mmu.bin", "timer.bin"]) expect(guests).toContain(expected);
  });

  for (const file of guests) {
    it(file, async () => {
      await yieldToEventLoop();
      const image = new Uint8Array(readFileSync(join(systemDir, file)));
      const run = (jit: false | JitOptions) => {
        const result = runBareMetal({ image, loadAddress: 0x4008_0000, maxInstructions: 50_000_000, jit });
        return { ...result, uart: decoder.decode(result.uart) };
      };
      const reference = run(false);
      expect(reference.exitCode).toBe(0);
      expect(run(EVERY_BLOCK)).toEqual(reference);
    });
  }
});
