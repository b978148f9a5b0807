// Bring-up driver: boots the cached default guest with an instruction limit and prints where it stopped.
import { readFileSync } from "node:fs";
import { ensureGuestImages } from "@sel4ts-tools/guest-images";
import { prepareLinuxBoot } from "./boot-images.js";
import { DEFAULT_SYSTEM } from "./cli.js";
import { loadLinuxSystem } from "./system.js";
import { LinuxVmm } from "./vmm.js";

const limit = Number(process.argv[2] ?? 50_000_000);
const guest = await ensureGuestImages({ log: (l) => process.stderr.write(`${l}\n`) });
const kernelImage = readFileSync(guest.kernel);
const initrd = readFileSync(guest.initrd);
const system = loadLinuxSystem(DEFAULT_SYSTEM, readFileSync(DEFAULT_SYSTEM, "utf8"));
const images = prepareLinuxBoot({
  kernel: kernelImage, kernelSource: guest.kernel, initrd, initrdSource: guest.initrd,
  bootargs: process.env.BOOTARGS ?? "console=ttyAMA0 rdinit=/init nokaslr", memorySize: system.guestRamSize, psciMethod: "smc",
});
const t0 = performance.now();
const result = await new LinuxVmm({
  system, images, kernelImage, initrd, maxInstructions: limit,
  onOutput: (b) => process.stdout.write(String.fromCharCode(b)),
  log: (l) => process.stderr.write(`${l}\n`),
}).run();
const s = (performance.now() - t0) / 1000;
console.error(`\n[bringup] ${result.outcome} after ${result.instructions} instructions, ${s.toFixed(1)} s (${(result.instructions / s / 1e6).toFixed(2)} MIPS), pc=${result.pc?.toString(16)} exits=${JSON.stringify(result.exits)} error=${result.error}`);
