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
