// Measures QEMU TCG's boot of the default guest (pnpm guest-images) to the shell prompt: the
// figure src/bench.ts prints beside this VMM's (QEMU_TCG there). Boots it `runs` times under
// qemu-system-aarch64 -M virt -cpu cortex-a53 -m 512, types `poweroff -f` at the first prompt, and
// prints the wall time to exit and to the "Run /init" line of each run and their medians.
// Needs qemu-system-aarch64 (Debian's qemu-system-arm). Run: pnpm exec tsx golden/qemu-boot-time.ts [runs]
import { spawn } from "node:child_process";
import { ensureGuestImages } from "@sel4ts-tools/guest-images";
import { SHELL_PROMPT, qemuVirtArgs } from "../src/console-session.js";

const runs = Number(process.argv[2] ?? 5);
const images = await ensureGuestImages({ log: (line) => process.stderr.write(`guest-images: ${line}\n`) });
const args = qemuVirtArgs(images.kernel, images.initrd, "console=ttyAMA0 rdinit=/init nokaslr");

function bootOnce(): Promise<{ wallSeconds: number; toInitSeconds: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn("qemu-system-aarch64", args, { stdio: ["pipe", "pipe", "inherit"] });
    let console = "";
    let toInitSeconds = NaN;
    let typed = false;
    child.stdout.on("data", (chunk: Buffer) => {
      console += chunk.toString("latin1");
      if (Number.isNaN(toInitSeconds) && console.includes("Run /init as init process")) toInitSeconds = (performance.now() - started) / 1000;
      if (!typed && console.includes(SHELL_PROMPT)) {
        typed = true;
        child.stdin.write("poweroff -f\n");
      }
    });
    child.on("error", reject);
    child.on("close", (status) => {
      if (status !== 0 || !console.includes("reboot: Power down")) reject(new Error(`qemu-system-aarch64 exited with ${status}`));
      else resolve({ wallSeconds: (performance.now() - started) / 1000, toInitSeconds });
    });
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const results = [];
for (let i = 0; i < runs; i++) {
  const run = await bootOnce();
  results.push(run);
  process.stderr.write(`run ${i + 1}: ${run.wallSeconds.toFixed(2)} s to exit, "Run /init" after ${run.toInitSeconds.toFixed(2)} s\n`);
}
console.log(`median of ${runs}: ${median(results.map((r) => r.wallSeconds)).toFixed(2)} s wall, "Run /init" after ${median(results.map((r) => r.toInitSeconds)).toFixed(2)} s`);
