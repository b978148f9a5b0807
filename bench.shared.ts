// What every package's `pnpm bench` script shares: where results go and how a table row is laid
// out. Bench scripts only (never imported by a package's published sources).
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The monorepo root: the nearest directory above this file with a pnpm-workspace.yaml. */
export function findRepoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "pnpm-workspace.yaml"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("bench: no pnpm-workspace.yaml above bench.shared.ts");
    dir = parent;
  }
  return dir;
}

/** `<repo root>/bench-results/<fileName>`, the file that tools/bench-history records. */
export function benchResultsPath(fileName: string): string {
  return join(findRepoRoot(), "bench-results", fileName);
}

/**
 * Writes one package's figures as `{ package, node, date, ...figures }` (bench-history reads any
 * numbers in it, by path) and says where.
 */
export function writeBenchResults(fileName: string, packageName: string, figures: Record<string, unknown>): void {
  const path = benchResultsPath(fileName);
  mkdirSync(dirname(path), { recursive: true });
  const record = { package: packageName, node: process.version, date: new Date().toISOString(), ...figures };
  writeFileSync(path, `${JSON.stringify(record, null, 2)}\n`);
  console.log(`wrote ${path}`);
}

/** Removes a package's results file, so that a skipped run leaves no earlier figures behind. */
export function removeBenchResults(fileName: string): void {
  rmSync(benchResultsPath(fileName), { force: true });
}

/** A table row: the first cell left-aligned, the others right-aligned, to the given widths. */
export function tableRow(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join("  ");
}

/** Timed rounds per bench row (SEL4TS_BENCH_ROUNDS overrides). */
export const BENCH_ROUNDS = Number(process.env.SEL4TS_BENCH_ROUNDS ?? "5");

/** What a timed round reports; only its rate is compared between rounds. */
export interface RoundFigures {
  readonly perCpuSecond: number;
}

/** A row measured over several rounds: the fastest round's figures, and the median and slowest rates. */
export type MeasuredRounds<R extends RoundFigures> = R & {
  readonly rounds: number;
  /** The median and the slowest round, in operations per CPU second. */
  readonly medianPerCpuSecond: number;
  readonly worstPerCpuSecond: number;
};

/**
 * Runs `round` `rounds` times, one after another, and returns the fastest round by operations
 * per CPU second, with the median and slowest rates. The same work is timed each round; other
 * processes on a shared machine only ever slow a round down (cache and core contention inflate
 * CPU time too), so the fastest round is the steadiest figure of what the code costs, and the
 * median and slowest say how loaded the machine was. No collection is forced between rounds: a
 * full GC forced through --expose-gc also threw away V8's compiled code and type feedback, so each
 * round ran partly cold (libvmm's MMIO row: 46 k per CPU s with it, 194 k without).
 */
export async function bestOfRounds<R extends RoundFigures>(round: () => Promise<R>, rounds = BENCH_ROUNDS): Promise<MeasuredRounds<R>> {
  const results: R[] = [];
  for (let i = 0; i < Math.max(1, rounds); i++) {
    results.push(await round());
  }
  const sorted = [...results].sort((a, b) => a.perCpuSecond - b.perCpuSecond);
  const best = sorted[sorted.length - 1]!;
  return { ...best, rounds: sorted.length, medianPerCpuSecond: sorted[Math.floor(sorted.length / 2)]!.perCpuSecond, worstPerCpuSecond: sorted[0]!.perCpuSecond };
}
