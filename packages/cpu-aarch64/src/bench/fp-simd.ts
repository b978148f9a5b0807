import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runLinuxUserProgram } from "../user/run.js";
import type { WorkloadTiming } from "./workload.js";

/** The committed FP/SIMD benchmark binary (bench/fp-simd, built from bench/fp-simd.c). */
export const FP_SIMD_PATH = fileURLToPath(new URL("../../bench/fp-simd", import.meta.url));

/** Which half of fp-simd runs: scalar double/single FP, or AdvSIMD intrinsics. */
export type FpSimdMode = "fp" | "simd";

/** One timed run of the FP/SIMD workload; `kib` holds the size argument (grid side or KiB). */
export interface FpSimdTiming extends WorkloadTiming {
  mode: FpSimdMode;
}

/** Runs `fp-simd <mode> <size>` on the sel4ts CPU in user mode, timing it. */
export function runFpSimdOnSel4ts(mode: FpSimdMode, size: number): FpSimdTiming {
  const image = new Uint8Array(readFileSync(FP_SIMD_PATH));
  const cpuStarted = process.cpuUsage();
  const started = performance.now();
  const result = runLinuxUserProgram({ image, argv: ["fp-simd", mode, String(size)] });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  if (result.exitCode !== 0) {
    throw new Error(`fp-simd ${mode} exited with ${result.exitCode}: ${new TextDecoder().decode(result.stderr)}`);
  }
  return {
    mode,
    engine: "sel4ts",
    kib: size,
    instructions: result.instructions,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    mips: result.instructions / seconds / 1e6,
    stdout: new TextDecoder().decode(result.stdout),
  };
}
