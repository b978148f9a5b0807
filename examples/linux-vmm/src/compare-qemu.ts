/**
 * pnpm compare-qemu: the default guest's console under this VMM beside QEMU's, line by line with
 * timestamps stripped, each differing line with its known reason (console-compare.ts) or marked
 * UNEXPLAINED. Both sides type golden/commands.sh one line per prompt (console-session.ts). QEMU's
 * side is golden/qemu-virt-a53-console.txt unless --qemu boots qemu-system-aarch64 now. Exit status
 * 0 when every difference is known, 1 otherwise, 2 on bad input.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Command, CommanderError } from "commander";
import { ensureGuestImages } from "@sel4ts-tools/guest-images";
import { DEFAULT_APPEND } from "./cli.js";
import { compareConsoles } from "./console-compare.js";
import { qemuVirtArgs, runConsoleSession, scriptLines, stripTimestamps } from "./console-session.js";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

interface Options {
  qemu: boolean;
  qemuLog?: string;
  sel4tsLog?: string;
  save?: string;
  timeout: string;
}

async function boot(name: string, command: string, args: readonly string[], commands: readonly string[], timeoutMs: number, cwd?: string): Promise<string> {
  process.stderr.write(`compare-qemu: booting under ${name}...\n`);
  const started = performance.now();
  const run = await runConsoleSession(command, args, commands, { timeoutMs, ...(cwd !== undefined ? { cwd } : {}) });
  process.stderr.write(`compare-qemu: ${name}: exit ${run.status ?? "(killed at the timeout)"} after ${((performance.now() - started) / 1000).toFixed(1)} s, ${run.typed} commands typed\n`);
  return stripTimestamps(run.console);
}

async function main(argv: readonly string[]): Promise<number> {
  const program = new Command("compare-qemu")
    .description("Compares the default guest's console under this VMM with QEMU's (golden/qemu-virt-a53-console.txt, or a fresh QEMU boot with --qemu).")
    .option("--qemu", "boot the same images under qemu-system-aarch64 now instead of reading the golden console", false)
    .option("--qemu-log <file>", "QEMU's console from this file (timestamps are stripped)")
    .option("--sel4ts-log <file>", "this VMM's console from this file instead of booting it")
    .option("--save <file>", "write this VMM's console (timestamps stripped) to FILE")
    .option("--timeout <seconds>", "per boot", "1200")
    .exitOverride();
  try {
    program.parse(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  const opts = program.opts<Options>();
  const timeoutMs = Number(opts.timeout) * 1000;
  if (!(timeoutMs > 0)) {
    process.stderr.write(`compare-qemu: --timeout ${opts.timeout}: expected a positive number of seconds\n`);
    return 2;
  }
  const commands = scriptLines(readFileSync(here("../golden/commands.sh"), "utf8"));
  const read = (path: string, flag: string): string | null => {
    try {
      return stripTimestamps(readFileSync(path, "latin1").replace(/\r/g, ""));
    } catch (error) {
      process.stderr.write(`compare-qemu: ${flag} ${path}: ${(error as Error).message}\n`);
      return null;
    }
  };

  let qemu: string | null;
  if (opts.qemu) {
    const images = await ensureGuestImages({ log: (line) => process.stderr.write(`guest-images: ${line}\n`) });
    qemu = await boot("qemu-system-aarch64", "qemu-system-aarch64", qemuVirtArgs(images.kernel, images.initrd, DEFAULT_APPEND), commands, timeoutMs);
  } else {
    qemu = read(opts.qemuLog ?? here("../golden/qemu-virt-a53-console.txt"), "--qemu-log");
  }
  const ours = opts.sel4tsLog !== undefined
    ? read(opts.sel4tsLog, "--sel4ts-log")
    : await boot("pnpm linux", process.execPath, ["--import", "tsx", "src/main.ts"], commands, timeoutMs, here(".."));
  if (qemu === null || ours === null) return 2;
  if (opts.save !== undefined) writeFileSync(opts.save, ours);

  const { same, hunks } = compareConsoles(ours, qemu);
  const unexplained = hunks.flatMap((hunk) => hunk.unexplained);
  for (const hunk of hunks) {
    process.stdout.write(`\n@ sel4ts line ${hunk.at + 1}: ${hunk.unexplained.length > 0 ? "UNEXPLAINED" : hunk.why.join("; ")}\n`);
    for (const line of hunk.ours) process.stdout.write(`- sel4ts | ${line}\n`);
    for (const line of hunk.qemu) process.stdout.write(`+ qemu   | ${line}\n`);
  }
  process.stdout.write(`\n${same} lines the same, ${hunks.length} runs of differing lines, ${unexplained.length} line(s) unexplained\n`);
  return unexplained.length > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (status) => process.exit(status),
  (error: unknown) => {
    process.stderr.write(`compare-qemu: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
