/**
 * Types commands into a guest's console the way a person would: each line once the shell shows
 * its prompt. Used for both sides of the QEMU comparison (golden/regenerate.ts runs QEMU, the slow
 * test runs `pnpm linux`), so the two consoles differ only where the machines do.
 */
import { spawn } from "node:child_process";

/** busybox ash's prompt for root in / (PS1 unset). */
export const SHELL_PROMPT = "/ # ";

export interface ConsoleSession {
  /** Exit status (null when killed). */
  readonly status: number | null;
  /** The console as printed, carriage returns removed. */
  readonly console: string;
  readonly stderr: string;
  /** Commands that were typed. */
  readonly typed: number;
}

/** The lines of a command script, without blank lines and `#` comments. */
export function scriptLines(script: string): string[] {
  return script.split("\n").map((line) => line.trimEnd()).filter((line) => line !== "" && !line.startsWith("#"));
}

/** Runs `command args`, typing `commands` one per prompt; kills it after `timeoutMs`. */
export function runConsoleSession(command: string, args: readonly string[], commands: readonly string[], options: { cwd?: string; timeoutMs: number }): Promise<ConsoleSession> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, stdio: ["pipe", "pipe", "pipe"] });
    let console = "";
    let stderr = "";
    let typed = 0;
    let prompts = 0;
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs);
    child.stdout.on("data", (chunk: Buffer) => {
      console += chunk.toString("latin1");
      const seen = console.split(SHELL_PROMPT).length - 1;
      while (prompts < seen) {
        prompts++;
        if (typed < commands.length) child.stdin.write(`${commands[typed++]}\n`);
      }
    });
    child.stdin.on("error", () => undefined); // the guest may power off before the last write lands
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, console: console.replace(/\r/g, ""), stderr, typed });
    });
  });
}

/** The console with kernel timestamps (`[    0.123456] `) removed, for comparing runs. */
export function stripTimestamps(console: string): string {
  return console.replace(/^\[ *\d+\.\d+\] /gm, "");
}

/** `qemu-system-aarch64`'s arguments for the boot `pnpm linux` makes: the virt machine, a Cortex-A53, 512 MiB, the console on stdio. */
export function qemuVirtArgs(kernel: string, initrd: string, append: string): string[] {
  return [
    "-M", "virt", "-cpu", "cortex-a53", "-m", "512", "-nographic", "-no-reboot", "-net", "none",
    "-kernel", kernel, "-initrd", initrd, "-append", append,
  ];
}
