// `pnpm bench` for @sel4ts/sel4-kernel-sim: IPC and invocation rates between native threads and
// VCPU guest fault round trips,
// printed as a table and written to <repo root>/bench-results/sel4-kernel-sim.json.
// Nothing asserts a time: the numbers are for people and for tracking over commits.
import { BENCH_ROUNDS, bestOfRounds, tableRow, writeBenchResults, type MeasuredRounds } from "../../../../bench.shared";
import { callReplyRecv, guestFaultRoundTrip, mcsCallReplyRecv, retypeDelete, signalWait, type BenchResult } from "./workloads";

/** Operation count per workload (SEL4TS_BENCH_OPS overrides). */
const OPS = Number(process.env.SEL4TS_BENCH_OPS ?? "100000");

const row = (cells: readonly string[]): string => tableRow(cells, [36, 8, 9, 9, 12, 14, 16, 11]);

/**
 * Times `workload` after short warm-up runs, each on a fresh kernel: the JIT then has compiled its
 * paths for more than one kernel instance (code compiled against one instance's objects is
 * deoptimised and compiled again in the next), so the row measures the steady state. The row is
 * the best of several timed rounds, each on a fresh kernel.
 */
async function measured(workload: (operations: number) => Promise<BenchResult>): Promise<MeasuredRounds<BenchResult>> {
  for (let i = 0; i < WARM_UP_RUNS; i++) await workload(WARM_UP_OPS);
  return bestOfRounds(() => workload(OPS));
}

/** Warm-up runs per workload and their operation count. */
const WARM_UP_RUNS = 3;
const WARM_UP_OPS = 2000;

async function main(): Promise<void> {
  const results: MeasuredRounds<BenchResult>[] = [
    await measured(callReplyRecv),
    await measured(signalWait),
    await measured(retypeDelete),
    await measured(guestFaultRoundTrip),
    // Last, so that the classic kernel's rows are measured before any MCS kernel exists in the process.
    await measured(mcsCallReplyRecv),
  ];
  console.log(`sel4-kernel-sim: native-thread IPC, invocations and guest fault round trips (best of ${BENCH_ROUNDS} rounds)`);
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
  writeBenchResults("sel4-kernel-sim.json", "@sel4ts/sel4-kernel-sim", { results });
}

await main();
