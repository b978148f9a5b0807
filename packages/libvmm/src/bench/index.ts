// `pnpm bench` for @sel4ts/libvmm: guest MMIO round trips through fault_handle, and the
// virq_inject → guest handler latency in guest instructions. Written to bench-results/libvmm.json.
import { BENCH_ROUNDS, bestOfRounds, writeBenchResults } from "../../../../bench.shared";
import { mmioRoundTrips, virqLatency } from "./workloads";

const OPS = Number(process.env.SEL4TS_BENCH_OPS ?? "20000");

// JIT warm-up on fresh systems: code compiled against one system's objects is compiled again for the next.
for (let i = 0; i < 3; i++) await mmioRoundTrips(2000);
// The MMIO row is the best of several timed rounds, each on a fresh system (the virq row counts guest instructions).
const mmio = await bestOfRounds(() => mmioRoundTrips(OPS));
const results = [{ ...mmio, note: `best of ${mmio.rounds} rounds; median ${Math.round(mmio.medianPerCpuSecond)}, worst ${Math.round(mmio.worstPerCpuSecond)}/cpu s` }, await virqLatency()];
console.log(`libvmm: one VMM PD and its guest on the MCS kernel sim (${BENCH_ROUNDS} rounds)`);
for (const r of results) {
  console.log(
    `${r.name.padEnd(48)} ${String(r.operations).padStart(8)} ops  ${r.seconds.toFixed(3)} s  ${r.cpuSeconds.toFixed(3)} cpu s  ${Math.round(r.perSecond).toString().padStart(8)}/s  ${Math.round(r.perCpuSecond).toString().padStart(8)}/cpu s  ${r.note}`,
  );
}
writeBenchResults("libvmm.json", "@sel4ts/libvmm", { results });
