// `pnpm bench` for @sel4ts/sel4-kernel-sim: IPC and invocation rates between native threads and
// VCPU guest fault round trips,
// printed as a table and written to <repo root>/bench-results/sel4-kernel-sim.json.
// Nothing asserts a time: the numbers are for people and for tracking over commits.
import { tableRow, writeBenchResults } from "../../../../bench.shared";
import { callReplyRecv, guestFaultRoundTrip, mcsCallReplyRecv, retypeDelete, signalWait, type BenchResult } from "./workloads";

/** Operation count per workload (SEL4TS_BENCH_OPS overrides). */
const OPS = Number(process.env.SEL4TS_BENCH_OPS ?? "100000");


const row = (cells: readonly string[]): string => tableRow(cells, [36, 8, 9, 9, 12, 12, 11]);

async function main(): Promise<void> {
  // A short warm-up so that the JIT has compiled the kernel paths before timing.
  await callReplyRecv(2000);
  const results: BenchResult[] = [
    await callReplyRecv(OPS),
    await signalWait(OPS),
    await retypeDelete(OPS),
    await guestFaultRoundTrip(OPS),
    // Last, so that the classic kernel's rows are measured before any MCS kernel exists in the process.
    await mcsCallReplyRecv(OPS),
  ];
  console.log("sel4-kernel-sim: native-thread IPC, invocations and guest fault round trips");
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
  writeBenchResults("sel4-kernel-sim.json", "@sel4ts/sel4-kernel-sim", { results });
}

await main();
