// Issue 15's bound on this machine: alternates a QEMU TCG boot of the default guest (qemu-boot.ts)
// with this VMM's bench (`node dist/bench.js`, as `pnpm bench` runs it; its whole-process time,
// which like QEMU's runs from spawn to exit) and prints each pair's ratio and their median. On a
// shared host the same boot's time moves by half from one run to the next, so only alternated
// pairs compare the two fairly. Needs qemu-system-aarch64 and a build (`pnpm -s turbo run build`
// at the root). Run: pnpm exec tsx golden/qemu-pairs.ts [pairs]
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { defaultGuestQemuArgs, median, qemuBootOnce } from "./qemu-boot.js";

const pairs = Number(process.argv[2] ?? 5);
if (!(Number.isInteger(pairs) && pairs > 0)) throw new Error(`qemu-pairs: expected a positive number of pairs, got "${process.argv[2]}"`);
const args = await defaultGuestQemuArgs();
const exampleDir = fileURLToPath(new URL("..", import.meta.url));

/** One run of the built bench: its whole-process seconds (the line "whole process N s"). */
async function sel4tsBootOnce(): Promise<number> {
  const { stdout } = await promisify(execFile)(process.execPath, ["dist/bench.js"], { cwd: exampleDir, maxBuffer: 1 << 24 });
  const seconds = /whole process ([\d.]+) s/.exec(stdout)?.[1];
  if (seconds === undefined) throw new Error(`qemu-pairs: no "whole process" figure in the bench's output (was it built?):\n${stdout}`);
  return Number(seconds);
}

const qemu: number[] = [];
const sel4ts: number[] = [];
const ratios: number[] = [];
for (let i = 0; i < pairs; i++) {
  const q = (await qemuBootOnce(args)).wallSeconds;
  const ours = await sel4tsBootOnce();
  qemu.push(q);
  sel4ts.push(ours);
  ratios.push(ours / q);
  console.log(`pair ${i + 1}: QEMU TCG ${q.toFixed(2)} s, sel4ts ${ours.toFixed(1)} s whole process: ${(ours / q).toFixed(2)}x`);
}
console.log(
  `${pairs} pairs: per pair ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}x, median ${median(ratios).toFixed(2)}x ` +
    `(QEMU median ${median(qemu).toFixed(2)} s, sel4ts median ${median(sel4ts).toFixed(1)} s)`,
);
