#!/usr/bin/env node
/** cross-vm with Linux: boots the Debian kernel with the connections and prints its console and a summary. */
import { crossVmLinuxImages } from "./linux-guest";
import { formatSummary, formatWallTime } from "./summary";
import { runCrossVmLinux } from "./vmm-linux";

const rounds = Number(process.argv[2] ?? 3);
if (!Number.isInteger(rounds) || rounds < 1 || rounds > 1_000_000) {
  console.error(`usage: cross-vm-linux [rounds]  (rounds: a whole number from 1, got "${process.argv[2]}")`);
  process.exit(2);
}
const { kernel, initrd } = await crossVmLinuxImages((line) => process.stderr.write(`${line}\n`));
const wallStart = performance.now();
const result = await runCrossVmLinux({ kernel, initrd, rounds, onOutput: (text) => process.stdout.write(text) });
const wallMs = performance.now() - wallStart;
console.log(`\n${formatSummary(result).join("\n")}\n${formatWallTime(wallMs)}`);
process.exitCode = result.outcome === "powered-off" ? 0 : 1;
