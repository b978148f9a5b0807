import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runLinuxUserProgram } from "../user/run.js";
import type { WorkloadTiming } from "./workload.js";

/** The committed floating-point benchmark binary (bench/fp-workload, built from bench/fp-workload.c). */
export const FP_WORKLOAD_PATH = fileURLToPath(new URL("../../bench/fp-workload", import.meta.url));

/** Runs the scalar floating-point workload (problem size `n`) on the sel4ts CPU in user mode, timing the run. */
export function runFpWorkloadOnSel4ts(n: number): WorkloadTiming {
  const image = new Uint8Array(readFileSync(FP_WORKLOAD_PATH));
  const cpuStarted = process.cpuUsage();
  const started = performance.now();
  const result = runLinuxUserProgram({ image, argv: ["fp-workload", String(n)] });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  if (result.exitCode !== 0) {
    throw new Error(`fp-workload exited with ${result.exitCode}: ${new TextDecoder().decode(result.stderr)}`);
  }
  return {
    engine: "sel4ts",
    kib: n,
    instructions: result.instructions,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    mips: result.instructions / seconds / 1e6,
    stdout: new TextDecoder().decode(result.stdout),
  };
}
