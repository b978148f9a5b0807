#!/usr/bin/env node
// Runs system/gicv3.system on a kernel whose board has a GICv3 (QEMU virt, gic-version=3) and
// prints what the guest writes to the PL011, then the VMM's one-line summary. The guest's output
// is the same as under `qemu-system-aarch64 -M virt,gic-version=3 -cpu cortex-a53 -nographic
// -kernel guest-gicv3/guest.bin` (guest-gicv3/qemu.golden.txt). Exit status 0 after SYSTEM_OFF.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Libvmm } from "@sel4ts/libvmm";
import { buildSystem, parseSdf } from "@sel4ts/microkit";
import { QemuVirtBoard } from "@sel4ts/sel4-kernel-sim";
import { gicv3Vmm } from "../system/vmm-gicv3.js";

/** Runs the GICv3 guest under libvmm; returns the guest's UART output and whether it powered off. */
export async function runGicv3Guest(log: (text: string) => void = () => undefined): Promise<{ uart: string; poweredOff: boolean }> {
  const file = fileURLToPath(new URL("../system/gicv3.system", import.meta.url));
  const description = parseSdf("gicv3.system", readFileSync(file, "utf8"));
  let uart = "";
  const board = new QemuVirtBoard({ gicVersion: 3, ramSize: 256 << 20, uartOutput: (byte) => (uart += String.fromCharCode(byte)) });
  let vmm: Libvmm | null = null;
  const system = buildSystem(description, { "vmm-gicv3.elf": gicv3Vmm((v) => (vmm = v)) }, { kernel: { platform: board, consoleOutput: log } });
  await system.run();
  return { uart, poweredOff: (vmm as Libvmm | null)?.stats.powered_off ?? false };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { uart, poweredOff } = await runGicv3Guest((text) => process.stderr.write(text));
  process.stdout.write(uart);
  process.exitCode = poweredOff ? 0 : 1;
}
