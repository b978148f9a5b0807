import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { JitOptions } from "../core/cpu.js";
import { runLinuxUserProgram } from "../user/run.js";

/** The committed benchmark binary (bench/workload, built from bench/workload.c). */
export const WORKLOAD_PATH = fileURLToPath(new URL("../../bench/workload", import.meta.url));

/** One timed run of the workload. */
export interface WorkloadTiming {
  engine: "sel4ts" | "sel4ts --jit" | "qemu-aarch64-static";
  kib: number;
  /** Instructions retired (null for QEMU, which does not count them). */
  instructions: number | null;
  seconds: number;
  /** Process CPU time of the run (user + system), less sensitive than `seconds` to other load (null for QEMU). */
  cpuSeconds: number | null;
  /** Million instructions per second of wall time (for QEMU: our instruction count over QEMU's time). */
  mips: number | null;
  stdout: string;
}

/** Runs the workload over a `kib` KiB buffer on the sel4ts CPU in user mode, timing the run. */
export function runWorkloadOnSel4ts(kib: number, jit: boolean | JitOptions = false): WorkloadTiming {
  const image = new Uint8Array(readFileSync(WORKLOAD_PATH));
  const cpuStarted = process.cpuUsage();
  const started = performance.now();
  const result = runLinuxUserProgram({ image, argv: ["workload", String(kib)], jit });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  if (result.exitCode !== 0) {
    throw new Error(`workload exited with ${result.exitCode}: ${new TextDecoder().decode(result.stderr)}`);
  }
  return {
    engine: jit !== false ? "sel4ts --jit" : "sel4ts",
    kib,
    instructions: result.instructions,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    mips: result.instructions / seconds / 1e6,
    stdout: new TextDecoder().decode(result.stdout),
  };
}

/**
 * Runs the same binary under qemu-aarch64-static, or returns null when QEMU is not installed.
 * `instructions` (from our run) turns QEMU's time into an equivalent MIPS figure.
 */
export function runWorkloadOnQemu(kib: number, instructions: number): WorkloadTiming | null {
  const started = performance.now();
  const run = spawnSync("qemu-aarch64-static", ["-cpu", "cortex-a53", WORKLOAD_PATH, String(kib)], { encoding: "utf8" });
  const seconds = (performance.now() - started) / 1000;
  if (run.error !== undefined || run.status !== 0) return null;
  return { engine: "qemu-aarch64-static", kib, instructions: null, seconds, cpuSeconds: null, mips: instructions / seconds / 1e6, stdout: run.stdout };
}
