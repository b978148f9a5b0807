/**
 * pnpm bench: cross-VM events per second, guest → component → guest. One round trip is an
 * emit (guest store → VMM → notification → component), a reply written to a dataport, a signal
 * back (component → VMM → consume_connection_event → virtual IRQ) and the guest's EOI and
 * acknowledge. Prints a table and writes bench-results/cross-vm.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runCrossVm } from "./vmm";

const image = readFileSync(fileURLToPath(new URL("../guest/cross.bin", import.meta.url)));
const rounds = Number(process.env.CROSSVM_BENCH_ROUNDS ?? 2000);

await runCrossVm({ image, rounds: 50, quiet: true }); // warm-up
const cpuStart = process.cpuUsage();
const wallStart = performance.now();
const result = await runCrossVm({ image, rounds, quiet: true });
const wallMs = performance.now() - wallStart;
const cpu = process.cpuUsage(cpuStart);
if (result.outcome !== "powered-off" || result.events.consumed !== rounds) throw new Error(`bench run failed: ${JSON.stringify(result.events)}\n${result.log.join("\n")}`);

const row = {
  rounds,
  roundTripsPerSecond: Math.round(rounds / (wallMs / 1000)),
  roundTripsPerCpuSecond: Math.round(rounds / ((cpu.user + cpu.system) / 1e6)),
  wallMs: Math.round(wallMs),
  cpuMs: Math.round((cpu.user + cpu.system) / 1000),
  virtualUsPerRoundTrip: Number((result.virtualNs / rounds / 1000).toFixed(2)),
  exitsPerRoundTrip: Number((Object.values(result.exits).reduce((a, b) => a + b, 0) / rounds).toFixed(2)),
};
console.table([row]);
console.log(`cross-vm: ${row.roundTripsPerSecond} events/s guest -> component -> guest (${rounds} round trips, ${row.wallMs} ms wall, ${row.roundTripsPerCpuSecond} per CPU second)`);
const dir = fileURLToPath(new URL("../bench-results/", import.meta.url));
mkdirSync(dir, { recursive: true });
writeFileSync(`${dir}cross-vm.json`, `${JSON.stringify(row, null, 2)}\n`);
