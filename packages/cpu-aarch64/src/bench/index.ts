// `pnpm bench` for @sel4ts/cpu-aarch64: the CRC-32/SHA-256 workload in user mode (and under QEMU
// when installed) and the register-representation microbenchmark, printed as tables and written
// to <repo root>/bench-results/cpu-aarch64.json.
// Nothing here asserts a time: the numbers are for people and for tracking over commits.
import { tableRow, writeBenchResults } from "../../../../bench.shared";
import { TranslationCache } from "../core/jit/block-translator.js";
import { benchTlb } from "../mmu/bench.js";
import { runFpSimdOnSel4ts } from "./fp-simd.js";
import type { FpSimdTiming } from "./fp-simd.js";
import { runFpWorkloadOnSel4ts } from "./fp-workload.js";
import { benchRegisterRepresentations } from "./registers.js";
import { benchSystemLevel } from "./system.js";
import type { BenchResult } from "./types.js";
import type { WorkloadTiming } from "./workload.js";
import { runWorkloadOnQemu, runWorkloadOnSel4ts } from "./workload.js";

/** Buffer size of the benchmark run, in KiB (SEL4TS_BENCH_KIB overrides). */
const KIB = Number(process.env.SEL4TS_BENCH_KIB ?? "256");
/**
 * Runs after the first, in the same process. The first run includes V8's warm-up (about a fifth of
 * it is spent optimising and deoptimising new instruction paths), which is what a short program
 * sees; the best later run is the interpreter's steady state. Both are reported.
 */
const WARM_RUNS = 2;
/** Buffer KiB of the SIMD-heavy workload (bench/fp-simd.c, `simd` mode). */
const SIMD_KIB = Number(process.env.SEL4TS_BENCH_SIMD_KIB ?? "128");


const row = (cells: readonly string[]): string => tableRow(cells, [28, 8, 14, 10, 10, 10]);

function timingRow(t: WorkloadTiming, label: string = t.engine): string {
  return row([
    label,
    String(t.kib),
    t.instructions === null ? "-" : String(t.instructions),
    t.seconds.toFixed(3),
    t.cpuSeconds === null ? "-" : t.cpuSeconds.toFixed(3),
    t.mips === null ? "-" : t.mips.toFixed(2),
  ]);
}

function main(): void {
  // Interpreter and block translator alternate (first runs, then warm ones), so that a change in
  // the machine's load hits both alike.
  // The translator's runs share their compiled blocks, as CPUs of one host process can.
  const jit = { cache: new TranslationCache() };
  const ours = runWorkloadOnSel4ts(KIB);
  const oursJit = runWorkloadOnSel4ts(KIB, jit);
  const warmRuns: WorkloadTiming[] = [];
  const warmJitRuns: WorkloadTiming[] = [];
  for (let i = 0; i < WARM_RUNS; i++) {
    warmRuns.push(runWorkloadOnSel4ts(KIB));
    warmJitRuns.push(runWorkloadOnSel4ts(KIB, jit));
  }
  const best = (runs: WorkloadTiming[]): WorkloadTiming => runs.reduce((b, t) => ((t.cpuSeconds ?? t.seconds) < (b.cpuSeconds ?? b.seconds) ? t : b));
  const warm = best(warmRuns);
  const warmJit = best(warmJitRuns);
  if (oursJit.stdout !== ours.stdout || oursJit.instructions !== ours.instructions) {
    throw new Error("bench: the block translator and the interpreter disagree on the workload's output or instruction count");
  }
  const qemu = runWorkloadOnQemu(KIB, ours.instructions!);
  if (qemu !== null && qemu.stdout !== ours.stdout) {
    throw new Error(`bench: sel4ts and QEMU disagree on the workload's output:\n${ours.stdout}\n---\n${qemu.stdout}`);
  }
  const lines = [
    "cpu-aarch64: CRC-32 (bitwise + table) and SHA-256 workload, Linux user mode",
    row(["engine", "KiB", "instructions", "seconds", "cpu s", "MIPS"]),
    timingRow(ours, "sel4ts (first run)"),
    timingRow(warm, `sel4ts (best of ${WARM_RUNS} more)`),
    timingRow(oursJit, "sel4ts --jit (first run)"),
    timingRow(warmJit, `sel4ts --jit (best of ${WARM_RUNS})`),
    ...(qemu !== null ? [timingRow(qemu), `sel4ts is ${(ours.seconds / qemu.seconds).toFixed(1)}x slower than qemu-aarch64-static`] : ["qemu-aarch64-static: not installed, no comparison"]),
  ];
  const fpSize = Number(process.env.SEL4TS_BENCH_FP_N ?? "64");
  const fpFirst = runFpWorkloadOnSel4ts(fpSize);
  const fpWarm = runFpWorkloadOnSel4ts(fpSize);
  lines.push(
    "",
    "floating point: Mandelbrot, n-body, single-precision polynomial/dot product, Newton sqrt (scalar FP)",
    row(["engine", "N", "instructions", "seconds", "cpu s", "MIPS"]),
    timingRow(fpFirst, "sel4ts (first run)"),
    timingRow(fpWarm, "sel4ts (second run)"),
  );
  const fpSimd: FpSimdTiming[] = [];
  for (const [mode, size] of [["simd", SIMD_KIB]] as const) {
    runFpSimdOnSel4ts(mode, size); // warm-up
    fpSimd.push(runFpSimdOnSel4ts(mode, size));
  }
  lines.push(
    "",
    "SIMD-heavy: AdvSIMD intrinsics of bench/fp-simd.c (LD4/ST4, TBL, saturating/widening/pairwise arithmetic, permutes), size = KiB, warm",
    row(["workload", "size", "instructions", "seconds", "cpu s", "MIPS"]),
    ...fpSimd.map((t) => timingRow(t, `fp-simd ${t.mode}`)),
  );
  const registers = benchRegisterRepresentations();
  lines.push(
    "",
    "register representations (lower is better)",
    ...registers.map((r) => `${r.name.padEnd(44)}${r.value.toFixed(2).padStart(10)} ${r.unit}`),
  );
  const system = benchSystemLevel();
  const tlb = benchTlb();
  const figure = (r: BenchResult): string =>
    `${r.name.padEnd(44)}${r.value.toFixed(2).padStart(14)} ${r.unit}${r.note === undefined ? "" : `  (${r.note})`}`;
  lines.push("", "system level (1 MiB load/store loop; exits to the host)", ...system.map(figure));
  lines.push("", "stage-1 TLB and walker", ...tlb.map(figure));
  console.log(lines.join("\n"));
  writeBenchResults("cpu-aarch64.json", "@sel4ts/cpu-aarch64", {
    workload: { kib: KIB, output: ours.stdout.trimEnd().split("\n") },
    sel4ts: { instructions: ours.instructions, seconds: ours.seconds, cpuSeconds: ours.cpuSeconds, mips: ours.mips },
    sel4tsWarm: { runs: WARM_RUNS, instructions: warm.instructions, seconds: warm.seconds, cpuSeconds: warm.cpuSeconds, mips: warm.mips },
    sel4tsJit: { instructions: oursJit.instructions, seconds: oursJit.seconds, cpuSeconds: oursJit.cpuSeconds, mips: oursJit.mips },
    sel4tsJitWarm: { runs: WARM_RUNS, instructions: warmJit.instructions, seconds: warmJit.seconds, cpuSeconds: warmJit.cpuSeconds, mips: warmJit.mips },
    qemu: qemu === null ? null : { seconds: qemu.seconds, equivalentMips: qemu.mips, slowdown: ours.seconds / qemu.seconds },
    fpSimd: fpSimd.map((t) => ({ mode: t.mode, size: t.kib, instructions: t.instructions, seconds: t.seconds, cpuSeconds: t.cpuSeconds, mips: t.mips })),
    fpWorkload: { n: fpSize, first: { instructions: fpFirst.instructions, seconds: fpFirst.seconds, cpuSeconds: fpFirst.cpuSeconds, mips: fpFirst.mips }, second: { instructions: fpWarm.instructions, seconds: fpWarm.seconds, cpuSeconds: fpWarm.cpuSeconds, mips: fpWarm.mips } },
    registerRepresentations: registers,
    systemLevel: system,
    stage1Tlb: tlb,
  });
}

main();
