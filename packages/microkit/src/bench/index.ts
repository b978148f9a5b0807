// `pnpm bench` for @sel4ts/microkit: notify -> notified and ppcall -> protected round trips
// between two PDs, printed as a table and written to <repo root>/bench-results/microkit.json.
// Nothing asserts a time: the numbers are for people and for tracking over commits.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { notifyRoundTrips, ppcallRoundTrips, type BenchResult } from "./workloads.js";

/** Round trips per workload (SEL4TS_BENCH_OPS overrides). */
const OPS = Number(process.env.SEL4TS_BENCH_OPS ?? "50000");

function findRepoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "pnpm-workspace.yaml"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("bench: no pnpm-workspace.yaml above src/bench");
    dir = parent;
  }
  return dir;
}

function row(cells: readonly string[]): string {
  const widths = [32, 8, 9, 9, 12, 12, 11];
  return cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");
}

async function main(): Promise<void> {
  // Warm-up for the JIT on fresh systems: code compiled against one system's objects is compiled again for the next.
  for (let i = 0; i < 3; i++) {
    await notifyRoundTrips(1000);
    await ppcallRoundTrips(1000);
  }
  const results: BenchResult[] = [await notifyRoundTrips(OPS), await ppcallRoundTrips(OPS)];
  console.log("microkit: libmicrokit round trips between two PDs on the MCS kernel sim");
  console.log(row(["workload", "ops", "seconds", "cpu s", "ops/s", "ops/cpu s", "virtual ms"]));
  for (const r of results) {
    console.log(row([
        r.name,
        String(r.operations),
        r.seconds.toFixed(3),
        r.cpuSeconds.toFixed(3),
        Math.round(r.perSecond).toString(),
        Math.round(r.perCpuSecond).toString(),
        r.virtualMs.toFixed(1),
      ]),);
  }
  const outDir = join(findRepoRoot(), "bench-results");
  mkdirSync(outDir, { recursive: true });
  const out = { package: "@sel4ts/microkit", node: process.version, date: new Date().toISOString(), results };
  writeFileSync(join(outDir, "microkit.json"), `${JSON.stringify(out, null, 2)}\n`);
  console.log(`wrote ${join(outDir, "microkit.json")}`);
}

await main();
