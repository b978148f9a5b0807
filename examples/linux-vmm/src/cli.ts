/**
 * The `pnpm linux` command: boots an arm64 Linux kernel with an initramfs under the example VMM. stdout is the
 * guest console; stdin is its input (raw when a TTY: Ctrl-A x quits, as QEMU -nographic).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Writable } from "node:stream";
import { Command, CommanderError, Option } from "commander";
import { ensureGuestImages } from "@sel4ts-tools/guest-images";
import { prepareLinuxBoot } from "./boot-images.js";
import { ConsoleInput } from "./console-input.js";
import { ConsoleOutput } from "./console-output.js";
import { ConsoleWatch } from "./console-watch.js";
import { addDebugOptions, setUpDebugAids, type DebugFlags } from "./debug-aids.js";
import { BootInputError, parseMemSize } from "./image.js";
import { attachStdin } from "./stdin.js";
import { loadLinuxSystem } from "./system.js";
import { LinuxVmm } from "./vmm.js";

export const DEFAULT_APPEND = "console=ttyAMA0 rdinit=/init nokaslr";
/** The system the VMM runs by default: one VMM PD with 512 MiB of guest RAM and the PL011 passed through. */
export const DEFAULT_SYSTEM = fileURLToPath(new URL("../system/linux.system", import.meta.url));

interface CliOptions extends DebugFlags {
  kernel?: string;
  initrd?: string;
  append: string;
  mem?: string;
  system: string;
  jit: boolean;
  maxInstructions?: string;
  maxReboots?: string;
}

function readInput(path: string, what: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new BootInputError(`--${what} ${path}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`);
  }
}

/** Where the command writes and reads; process streams by default, memory in tests. */
export interface CliIo {
  readonly stdout: Pick<Writable, "write">;
  readonly stderr: Pick<Writable, "write">;
  readonly stdin: NodeJS.ReadStream;
}

/** Runs the command; resolves with the exit status (0 power-off or reset limit, 1 panic/oops/error, 2 bad input, 3 instruction limit). */
export async function runLinuxCli(argv: readonly string[], io: CliIo = process): Promise<number> {
  try {
    return await main(argv, io);
  } catch (error) {
    if (error instanceof BootInputError) {
      io.stderr.write(`linux: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const program = new Command("linux")
    .description("Boots an arm64 Linux Image with an initramfs on the simulated qemu-virt board (default: Debian's cloud kernel and a busybox initramfs from pnpm guest-images).")
    .option("--kernel <file>", "an arm64 Linux Image (uncompressed)")
    .option("--initrd <file>", "an initramfs: gzip'd or plain newc cpio")
    .option("--append <string>", "the kernel command line", DEFAULT_APPEND)
    .option("--mem <size>", "guest RAM, e.g. 512M or 1G, a multiple of 2M (default: the size of guest_ram in the .system file, 512M)")
    .option("--system <file.system>", "the Microkit system description the VMM runs", DEFAULT_SYSTEM)
    .option("--max-reboots <n>", "reboot the guest (PSCI SYSTEM_RESET, libvmm's guest_restart) at most n times; the next reset ends the run (default: no limit)")
    .option("--jit", "run the guest with cpu-aarch64's block translator, hot code compiled to JavaScript (the default)", true)
    .option("--no-jit", "run the guest with the interpreter only")
    .addOption(new Option("--max-instructions <n>", "stop after this many guest instructions (bring-up aid)"))
    .exitOverride()
    .configureOutput({ writeErr: (text) => io.stderr.write(text), writeOut: (text) => io.stdout.write(text) });
  addDebugOptions(program);
  try {
    program.parse(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  const opts = program.opts<CliOptions>();
  const mem = opts.mem === undefined ? undefined : parseMemSize(opts.mem);
  const maxInstructions = opts.maxInstructions === undefined ? undefined : Number(opts.maxInstructions);
  if (maxInstructions !== undefined && !(maxInstructions > 0)) throw new BootInputError(`--max-instructions ${opts.maxInstructions}: expected a positive number`);
  const maxReboots = opts.maxReboots === undefined ? undefined : Number(opts.maxReboots);
  if (maxReboots !== undefined && !(Number.isInteger(maxReboots) && maxReboots >= 0)) throw new BootInputError(`--max-reboots ${opts.maxReboots}: expected a whole number (0 or more)`);
  const system = loadLinuxSystem(opts.system, new TextDecoder().decode(readInput(opts.system, "system")), mem);
  const memorySize = system.guestRamSize;

  let kernelPath = opts.kernel;
  let initrdPath = opts.initrd;
  let systemMap = opts.systemMap;
  if (kernelPath === undefined || initrdPath === undefined) {
    const images = await ensureGuestImages({ log: (line) => io.stderr.write(`guest-images: ${line}\n`) });
    if (kernelPath === undefined) systemMap ??= images.systemMap; // from pnpm guest-images --symbols
    kernelPath ??= images.kernel;
    initrdPath ??= images.initrd;
  }
  const kernelImage = readInput(kernelPath, "kernel");
  const initrd = readInput(initrdPath, "initrd");
  const images = prepareLinuxBoot({
    kernel: kernelImage, kernelSource: kernelPath, initrd, initrdSource: initrdPath,
    bootargs: opts.append, memorySize, psciMethod: "smc",
  });
  const debug = setUpDebugAids({ ...opts, ...(systemMap !== undefined ? { systemMap } : {}) }, images);

  const input = new ConsoleInput();
  const watch = new ConsoleWatch();
  let quit = false;
  const consoleOut = new ConsoleOutput((text) => io.stdout.write(text));
  const vmm = new LinuxVmm({
    system, images: debug.images, kernelImage, initrd, input,
    kernelOptions: debug.kernelOptions,
    realtime: io.stdin.isTTY === true,
    keepAlive: true,
    jit: opts.jit,
    ...(maxInstructions !== undefined ? { maxInstructions } : {}),
    ...(maxReboots !== undefined ? { maxReboots } : {}),
    shouldStop: () => quit || watch.failure === "panic" || debug.shouldStop(),
    onOutput: (byte) => {
      consoleOut.push(byte);
      watch.byte(byte);
    },
    // The VMM's and the monitor's INFO lines only with --stats; errors always. The console
    // so far goes out first, so that a terminal shows the two in the order they happened.
    log: (line) => {
      if (!opts.stats && !/\|ERROR\b|threw/.test(line)) return;
      consoleOut.flush();
      io.stderr.write(`${line}\n`);
    },
  });
  const detach = attachStdin({
    onData: (bytes) => {
      input.push(bytes);
      vmm.kickInput();
    },
    onQuit: () => {
      quit = true;
      vmm.kernel.wake();
    },
  }, io.stdin);
  const started = performance.now();
  let result;
  try {
    result = await vmm.run();
  } finally {
    consoleOut.flush();
    detach();
  }
  const wallSeconds = (performance.now() - started) / 1000;
  for (const line of debug.finish({ ...result, wallSeconds })) io.stderr.write(`\n${line}\n`);
  const symbolAt = (pc: bigint | null): string => {
    const name = pc === null ? null : debug.symbolize(pc);
    return name === null ? "" : ` <${name}>`;
  };
  const failure = watch.failure ?? (result.outcome === "guest-error" ? "guest error" : null);
  if (failure !== null) {
    io.stderr.write(`\nlinux: the guest stopped with a ${failure}${result.error ? ` (${result.error})` : ""} at pc 0x${result.pc?.toString(16) ?? "?"}${symbolAt(result.pc)}; last console lines:\n`);
    for (const line of watch.lastLines()) io.stderr.write(`  | ${line}\n`);
    return 1;
  }
  if (result.outcome === "powered-off" || quit) return 0;
  if (result.outcome === "stopped") return debug.traceDiffExitStatus() ?? 1;
  if (result.outcome === "reset") {
    io.stderr.write(`\nlinux: the guest asked for a reset after ${result.boots - 1} reboot(s) (--max-reboots ${maxReboots})\n`);
    return 0;
  }
  if (result.outcome === "instruction-limit") {
    io.stderr.write(`\nlinux: stopped after ${result.instructions} instructions (--max-instructions) at pc 0x${result.pc?.toString(16) ?? "?"}${symbolAt(result.pc)}\n`);
    return 3;
  }
  io.stderr.write(`\nlinux: the guest ended with "${result.outcome}"\n`);
  return 1;
}
