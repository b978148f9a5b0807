#!/usr/bin/env node
/** hello-guest: runs the example VMM and prints the guest's output and a summary. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { format_guest_error_report } from "@sel4ts/libsel4vm";
import { runHelloGuest } from "./vmm";

const image = readFileSync(fileURLToPath(new URL("../guest/hello.bin", import.meta.url)));
const wallStart = performance.now();
const result = await runHelloGuest({ image, onOutput: (c) => process.stdout.write(c) });
const wallMs = performance.now() - wallStart;

const exits = Object.entries(result.exits).filter(([, n]) => n > 0).map(([kind, n]) => `${kind} ${n}`).join(", ");
console.log(`\n--- hello-guest summary ---`);
console.log(`outcome:        ${result.outcome}`);
console.log(`exits:          ${exits || "none"}`);
console.log(`vm_run returns: ${result.vmRunReturns}`);
console.log(`virtual time:   ${(result.virtualNs / 1e6).toFixed(3)} ms`);
console.log(`wall time:      ${wallMs.toFixed(1)} ms`);
console.log(`instructions:   not reported by the kernel sim yet`);
if (result.error) for (const line of format_guest_error_report(result.error)) console.log(line);
process.exitCode = result.outcome === "powered-off" ? 0 : 1;
