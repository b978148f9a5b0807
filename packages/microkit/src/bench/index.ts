// `pnpm bench` for @sel4ts/microkit: notify -> notified and ppcall -> protected round trips
// between two PDs, printed as a table and written to <repo root>/bench-results/microkit.json.
// Nothing asserts a time: the numbers are for people and for tracking over commits.
import { BENCH_ROUNDS, bestOfRounds, tableRow, writeBenchResults, type MeasuredRounds } from "../../../../bench.shared";
import { notifyRoundTrips, ppcallRoundTrips, type BenchResult } from "./workloads.js";

/** Round trips per workload (SEL4TS_BENCH_OPS overrides). */
const OPS = Number(process.env.SEL4TS_BENCH_OPS ?? "50000");

const row = (cells: readonly string[]): string => tableRow(cells, [32, 8, 9, 9, 12, 14, 16, 11]);

async function main(): Promise<void> {
  // Warm-up for the JIT on fresh systems: code compiled against one system's objects is compiled again for the next.
  for (let i = 0; i < 3; i++) {
    await notifyRoundTrips(1000);
    await ppcallRoundTrips(1000);
  }
  // Each row: the best of several timed rounds, each on a fresh system.
  const results: MeasuredRounds<BenchResult>[] = [await bestOfRounds(() => notifyRoundTrips(OPS)), await bestOfRounds(() => ppcallRoundTrips(OPS))];
  console.log(`microkit: libmicrokit round trips between two PDs on the MCS kernel sim (best of ${BENCH_ROUNDS} rounds)`);
  console.log(row(["workload", "ops", "seconds", "cpu s", "ops/s", "best ops/cpu s", "median, worst", "virtual ms"]));
  for (const r of results) {
    console.log(row([
        r.name,
        String(r.operations),
        r.seconds.toFixed(3),
        r.cpuSeconds.toFixed(3),
        Math.round(r.perSecond).toString(),
        Math.round(r.perCpuSecond).toString(),
        `${Math.round(r.medianPerCpuSecond)}, ${Math.round(r.worstPerCpuSecond)}`,
        r.virtualMs.toFixed(1),
      ]),);
  }
  writeBenchResults("microkit.json", "@sel4ts/microkit", { results });
}

await main();
