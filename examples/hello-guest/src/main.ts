#!/usr/bin/env node
/**
 * hello-guest [hello|echo|primes]: runs the example VMM with one of its guests and prints the
 * guest's output and a summary. `echo` reads what it echoes from standard input (a terminal in raw
 * mode: Ctrl-D powers the guest off; a pipe: its bytes, then Ctrl-D).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { formatSummary, formatWallTime } from "./summary";
import { ECHO_GUEST, GuestSession, HELLO_GUEST, PRIMES_GUEST, type GuestConfig } from "./vmm";

const GUESTS: Record<string, GuestConfig> = { hello: HELLO_GUEST, echo: ECHO_GUEST, primes: PRIMES_GUEST };
const name = process.argv[2] ?? "hello";
const config = GUESTS[name];
if (!config) {
  console.error(`hello-guest: unknown guest "${name}" (expected one of: ${Object.keys(GUESTS).join(", ")})`);
  process.exit(2);
}

const image = readFileSync(fileURLToPath(new URL(`../guest/${name}.bin`, import.meta.url)));
const session = new GuestSession({ name, image, config, onOutput: (c) => process.stdout.write(c) });
const input = config.uart === "passthrough" ? standardInput() : null;
const wallStart = performance.now();
let waitMs = 0;
while ((await session.run()) === "waiting-for-input") {
  const waitStart = performance.now();
  const bytes = input ? await input.next() : null;
  waitMs += performance.now() - waitStart;
  if (!bytes) break;
  session.input(bytes);
}
input?.close();
const result = session.result;
const wallMs = performance.now() - wallStart - waitMs;
if (!result) {
  console.error("\nhello-guest: the guest waits for input and standard input has ended");
  process.exit(1);
}
console.log(`\n${formatSummary(result).join("\n")}\n${formatWallTime(wallMs, result.instructions)}`);
process.exitCode = result.outcome === "powered-off" ? 0 : 1;

/** Standard input as chunks (raw mode on a terminal); after its end, one Ctrl-D so the guest powers off. */
function standardInput() {
  const stdin = process.stdin;
  if (stdin.isTTY) stdin.setRawMode(true);
  const chunks: Uint8Array[] = [];
  let ended = false;
  let waiting: (() => void) | null = null;
  const wake = () => {
    waiting?.();
    waiting = null;
  };
  stdin.on("data", (chunk: Buffer) => {
    chunks.push(chunk);
    wake();
  });
  stdin.on("end", () => {
    chunks.push(Uint8Array.of(4));
    ended = true;
    wake();
  });
  return {
    async next(): Promise<Uint8Array | null> {
      while (chunks.length === 0 && !ended) await new Promise<void>((resolve) => (waiting = resolve));
      return chunks.shift() ?? null;
    },
    close() {
      if (stdin.isTTY) stdin.setRawMode(false);
      stdin.pause();
    },
  };
}
