#!/usr/bin/env node
/** cross-vm: runs the example VMM and prints the guest's and the component's output and a summary. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { formatSummary, formatWallTime } from "./summary";
import { runCrossVm } from "./vmm";

const image = readFileSync(fileURLToPath(new URL("../guest/cross.bin", import.meta.url)));
const rounds = Number(process.argv[2] ?? 3);
if (!Number.isInteger(rounds) || rounds < 1 || rounds > 0xffff_ffff) {
  console.error(`usage: cross-vm [rounds]  (rounds: a whole number from 1, got "${process.argv[2]}")`);
  process.exit(2);
}
const wallStart = performance.now();
const result = await runCrossVm({ image, rounds, onOutput: (text) => process.stdout.write(text) });
const wallMs = performance.now() - wallStart;

console.log(`\n${formatSummary(result).join("\n")}\n${formatWallTime(wallMs)}`);
process.exitCode = result.outcome === "powered-off" ? 0 : 1;
