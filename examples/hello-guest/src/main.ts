#!/usr/bin/env node
/** hello-guest: runs the example VMM and prints the guest's output and a summary. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { formatSummary, formatWallTime } from "./summary";
import { runHelloGuest } from "./vmm";

const image = readFileSync(fileURLToPath(new URL("../guest/hello.bin", import.meta.url)));
const wallStart = performance.now();
const result = await runHelloGuest({ image, onOutput: (c) => process.stdout.write(c) });
const wallMs = performance.now() - wallStart;

console.log(`\n${formatSummary(result).join("\n")}\n${formatWallTime(wallMs)}`);
process.exitCode = result.outcome === "powered-off" ? 0 : 1;
