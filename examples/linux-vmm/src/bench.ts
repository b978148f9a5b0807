/**
 * `pnpm bench` row "Linux boot to init": boots the default guest (pnpm guest-images) on the libvmm
 * VMM until the shell prompt, types `poweroff -f`, and records wall and CPU time, instructions,
 * MIPS, the wall time to "Run /init", the whole process's wall time (what QEMU's figure, spawn to
 * exit, compares with) and the process's peak RSS (issue 15: below 2 x guest RAM + 150 MB),
 * beside QEMU TCG's wall time for the same images: a figure measured on the development
 * machine ({@link QEMU_TCG}), so QEMU is not needed here. Writes <repo root>/bench-results/linux-vmm.json.
 * SEL4TS_BENCH_SKIP_LINUX=1 skips it; so does a machine without guest images (no apt).
 */
import { readFileSync } from "node:fs";
import { ensureGuestImages } from "@sel4ts-tools/guest-images";
import { tuneV8ForTranslatedCode } from "@sel4ts/cpu-aarch64/node";
import { prepareLinuxBoot } from "./boot-images.js";
import { DEFAULT_APPEND, DEFAULT_SYSTEM } from "./cli.js";
import { ConsoleInput } from "./console-input.js";
import { SHELL_PROMPT } from "./console-session.js";
import { mips } from "./run-stats.js";
import { loadLinuxSystem } from "./system.js";
import { LinuxVmm } from "./vmm.js";
import { removeBenchResults, writeBenchResults } from "../../../bench.shared";

const RESULTS_FILE = "linux-vmm.json";

/**
 * QEMU 7.2.22 TCG (Debian's qemu-system-arm 1:7.2+dfsg-7+deb12u18+b3) on the 2-core development
 * machine, the images of golden/images.json: `qemu-system-aarch64 -M virt -cpu cortex-a53 -m 512
 * -nographic -no-reboot -net none -kernel Image -initrd initramfs.cpio.gz -append
 * "console=ttyAMA0 rdinit=/init nokaslr"` with `poweroff -f` typed at the first prompt (by
 * console-session.ts, as golden/regenerate.ts does), wall time from start to exit and to the
 * "Run /init" line. 2026-12-06 on the quiet machine, between runs of this bench: three series of
 * `pnpm exec tsx golden/qemu-boot-time.ts` (9, 9 and 5 boots, 1.64–1.93 s each) with medians
 * 1.74, 1.79 and 1.88 s; the middle one is here. (The earlier figure, 2.27 s, was measured while
 * other jobs ran, load average about 8: it flattered the ratio.)
 */
const QEMU_TCG = { wallSeconds: 1.79, toInitSeconds: 1.62, runs: 9, qemu: "7.2.22" } as const;
const INIT_LINE = "Run /init as init process";
/** Console characters the prompt and "Run /init" checks look at (longer than either line). */
const TAIL_LENGTH = 64;
/** Far above a boot (about 0.9 G instructions): a guest that never powers off ends the bench. */
const MAX_INSTRUCTIONS = 5e9;


async function bootToInit(kernelPath: string, initrdPath: string) {
  const kernelImage = readFileSync(kernelPath);
  const initrd = readFileSync(initrdPath);
  const system = loadLinuxSystem(DEFAULT_SYSTEM, readFileSync(DEFAULT_SYSTEM, "utf8"));
  const images = prepareLinuxBoot({
    kernel: kernelImage, kernelSource: kernelPath, initrd, initrdSource: initrdPath,
    bootargs: DEFAULT_APPEND, memorySize: system.guestRamSize, psciMethod: "smc",
  });
  const input = new ConsoleInput();
  let console = "";
  // The console's last characters: the checks below look only at these (an endsWith on the whole
  // console flattened a string as long as the boot log at every space and newline).
  let tail = "";
  let toInitSeconds = null as number | null;
  let typed = false;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const vmm: LinuxVmm = new LinuxVmm({
    system, images, kernelImage, initrd, input, keepAlive: true, maxInstructions: MAX_INSTRUCTIONS,
    onOutput: (byte) => {
      const char = String.fromCharCode(byte);
      console += char;
      tail = (tail + char).slice(-TAIL_LENGTH);
      if (byte !== 0x0a && byte !== 0x20) return;
      if (toInitSeconds === null && tail.replace(/\r\n$/, "\n").endsWith(`${INIT_LINE}\n`)) toInitSeconds = (performance.now() - started) / 1000;
      if (!typed && tail.endsWith(SHELL_PROMPT)) {
        typed = true;
        input.push(new TextEncoder().encode("poweroff -f\n"));
        vmm.kickInput();
      }
    },
  });
  const result = await vmm.run();
  const wallSeconds = (performance.now() - started) / 1000;
  // Since the process started (Node's time origin): with its start-up, reading the images and
  // building the DTB, as QEMU's figure includes QEMU's own start-up.
  const processSeconds = performance.now() / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  if (result.outcome !== "powered-off") throw new Error(`linux-vmm bench: the guest ended with "${result.outcome}" (${result.error ?? "no error"}); last output: ${console.slice(-400)}`);
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  const rssLimitMiB = (2 * system.guestRamSize) / 2 ** 20 + 150;
  return {
    wallSeconds,
    /** Wall time of the whole process so far: what QEMU's figure (spawn to exit) compares with. */
    processSeconds,
    cpuSeconds,
    toInitSeconds,
    instructions: result.instructions,
    mips: mips(result.instructions, wallSeconds),
    /** Per CPU second: on a loaded machine the wall time says more about the load than the VMM. */
    mipsPerCpuSecond: mips(result.instructions, cpuSeconds),
    virtualSeconds: result.virtualNs / 1e9,
    exits: Object.values(result.exits).reduce((sum, n) => sum + n, 0),
    peakRssMiB,
    /** Issue 15's bound: 2 x guest RAM + 150 MB. */
    rssLimitMiB,
    rssWithinLimit: peakRssMiB < rssLimitMiB ? 1 : 0,
  };
}

async function main(): Promise<void> {
  // A skipped row leaves no figures behind: an earlier run's would be recorded as this run's.
  const skip = (why: string) => {
    removeBenchResults(RESULTS_FILE);
    console.log(`linux-vmm: Linux boot to init skipped (${why})`);
  };
  if (process.env.SEL4TS_BENCH_SKIP_LINUX === "1") return skip("SEL4TS_BENCH_SKIP_LINUX=1");
  let guest;
  try {
    guest = await ensureGuestImages({ log: (line) => process.stderr.write(`guest-images: ${line}\n`) });
  } catch (error) {
    return skip(`no guest images: ${(error as Error).message.split("\n")[0]}`);
  }
  const sel4ts = await bootToInit(guest.kernel, guest.initrd);
  const row = {
    name: "Linux boot to init",
    images: `${guest.kernelPackage} ${guest.kernelVersion}, busybox-static ${guest.busyboxVersion}`,
    sel4ts,
    qemuTcg: QEMU_TCG,
    slowdown: sel4ts.wallSeconds / QEMU_TCG.wallSeconds,
    /** Issue 15's figure: whole process against whole process. */
    processSlowdown: sel4ts.processSeconds / QEMU_TCG.wallSeconds,
  };
  console.log("linux-vmm: the default Linux guest on the libvmm VMM (block translator on, the default): boot to the shell prompt, then poweroff -f");
  console.log(
    `${row.name}: ${sel4ts.wallSeconds.toFixed(1)} s wall (${sel4ts.cpuSeconds.toFixed(1)} CPU s; "Run /init" after ${sel4ts.toInitSeconds?.toFixed(1) ?? "?"} s), ` +
      `${sel4ts.instructions} instructions, ${sel4ts.mips.toFixed(2)} MIPS (${sel4ts.mipsPerCpuSecond.toFixed(1)} per CPU s), ` +
      `peak RSS ${sel4ts.peakRssMiB.toFixed(0)} MiB (limit ${sel4ts.rssLimitMiB} MiB: ${sel4ts.rssWithinLimit ? "within" : "OVER"}) | ` +
      `QEMU TCG ${QEMU_TCG.wallSeconds.toFixed(2)} s (measured ${QEMU_TCG.qemu}; "Run /init" after ${QEMU_TCG.toInitSeconds.toFixed(2)} s) | ${row.slowdown.toFixed(1)}x; ` +
      `whole process ${sel4ts.processSeconds.toFixed(1)} s: ${row.processSlowdown.toFixed(1)}x`,
  );
  writeBenchResults(RESULTS_FILE, "@sel4ts-examples/linux-vmm", { results: [row] });
}

tuneV8ForTranslatedCode();
await main();
