// Measures QEMU TCG's boot of the default guest (pnpm guest-images) to the shell prompt: the
// figure src/bench.ts prints beside this VMM's (QEMU_TCG there). Boots it `runs` times under
// qemu-system-aarch64 -M virt -cpu cortex-a53 -m 512, types `poweroff -f` at the first prompt, and
// prints the wall time to exit and to the "Run /init" line of each run and their medians.
// Needs qemu-system-aarch64 (Debian's qemu-system-arm). Run: pnpm exec tsx golden/qemu-boot-time.ts [runs]
import { defaultGuestQemuArgs, median, qemuBootOnce } from "./qemu-boot.js";

const runs = Number(process.argv[2] ?? 5);
const args = await defaultGuestQemuArgs();

const results = [];
for (let i = 0; i < runs; i++) {
  const run = await qemuBootOnce(args);
  results.push(run);
  process.stderr.write(`run ${i + 1}: ${run.wallSeconds.toFixed(2)} s to exit, "Run /init" after ${run.toInitSeconds.toFixed(2)} s\n`);
}
console.log(`median of ${runs}: ${median(results.map((r) => r.wallSeconds)).toFixed(2)} s wall, "Run /init" after ${median(results.map((r) => r.toInitSeconds)).toFixed(2)} s`);
