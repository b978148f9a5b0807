// The default guest under QEMU TCG: its command line (for every golden script), and one boot to
// the shell prompt with `poweroff -f` typed at the first prompt (what qemu-boot-time.ts and
// qemu-pairs.ts time). Needs qemu-system-aarch64 (Debian's qemu-system-arm) on PATH.
import { spawn } from "node:child_process";
import { ensureGuestImages } from "@sel4ts-tools/guest-images";
import { DEFAULT_APPEND } from "../src/cli.js";
import { SHELL_PROMPT, qemuVirtArgs } from "../src/console-session.js";

/** qemu-system-aarch64's arguments for the default guest (`pnpm guest-images`) with this VMM's default bootargs. */
export async function defaultGuestQemuArgs(): Promise<string[]> {
  const images = await ensureGuestImages({ log: (line) => process.stderr.write(`guest-images: ${line}\n`) });
  return qemuVirtArgs(images.kernel, images.initrd, DEFAULT_APPEND);
}

/** Wall time from spawn to exit, and to the "Run /init" line, of one QEMU boot with `args`. */
export function qemuBootOnce(args: readonly string[]): Promise<{ wallSeconds: number; toInitSeconds: number }> {
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

/** The median of `values` (the mean of the middle two of an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
