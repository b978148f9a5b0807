import { BARE_USAGE, parseBareArgs } from "./bare-args.js";
import type { BareCommand } from "./bare-args.js";

/** What the command line asked for. */
export type CliCommand =
  | { kind: "help" }
  | {
      kind: "user";
      file: string;
      args: string[];
      trace: boolean;
      strace: boolean;
      stats: boolean;
      hostClock: boolean;
      jit: boolean;
      seed: number | undefined;
    }
  | BareCommand
  | { kind: "usageError"; message: string };

/** The text `--help` prints. */
export const USAGE = `Usage: sel4ts-aarch64 user [OPTIONS] FILE [ARGS...]

Runs a static AArch64 Linux executable (ET_EXEC or static-pie) on the sel4ts CPU emulator,
with this process's stdin, stdout, stderr and environment; exits with the program's status.

Options:
  --trace      print PC, encoding and disassembly of every instruction to stderr
  --strace     print every syscall (name, arguments, result) to stderr
  --stats      print instructions retired, seconds and MIPS to stderr at exit
  --jit        run hot code as translated blocks (the default; same results and instruction
               counts as the interpreter, faster)
  --no-jit     interpret every instruction (--trace always does)
  --seed N     seed of AT_RANDOM and getrandom (default: fixed)
  --host-clock clock_gettime/gettimeofday/sleeps use the host's clocks (default: virtual time,
               one nanosecond per instruction retired)
  -h, --help   show this help

${BARE_USAGE}`;

/**
 * Parses `sel4ts-aarch64` arguments (without node and the script). Options may come before
 * or after `user` but must precede FILE: everything after FILE belongs to the program.
 */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  const flags = { trace: false, strace: false, stats: false, hostClock: false, jit: true };
  let seed: number | undefined;
  let sawUser = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "-h" || arg === "--help") return { kind: "help" };
    if (arg === "--trace" || arg === "--strace" || arg === "--stats") {
      flags[arg.slice(2) as keyof typeof flags] = true;
    } else if (arg === "--host-clock") {
      flags.hostClock = true;
    } else if (arg === "--jit" || arg === "--no-jit") {
      flags.jit = arg === "--jit";
    } else if (arg === "--seed" || arg.startsWith("--seed=")) {
      const text = arg === "--seed" ? argv[++i] : arg.slice("--seed=".length);
      if (text === undefined || !/^(0x[0-9a-f]+|\d+)$/i.test(text)) {
        return { kind: "usageError", message: `--seed needs a non-negative integer, got ${text ?? "nothing"}` };
      }
      seed = Number(text);
    } else if (!sawUser && arg === "bare") {
      if (flags.strace || flags.hostClock || seed !== undefined) {
        return { kind: "usageError", message: "--strace, --host-clock and --seed are for user programs" };
      }
      return parseBareArgs(argv.slice(i + 1), { trace: flags.trace, stats: flags.stats, jit: flags.jit });
    } else if (!sawUser && arg === "user") {
      sawUser = true;
    } else if (arg === "--" && sawUser) {
      const file = argv[i + 1];
      if (file === undefined) return { kind: "usageError", message: "missing FILE after --" };
      return { kind: "user", file, args: argv.slice(i + 2), ...flags, seed };
    } else if (arg.startsWith("-")) {
      return { kind: "usageError", message: `unknown option ${arg}` };
    } else if (!sawUser) {
      return { kind: "usageError", message: `unknown command ${arg} (expected "user" or "bare")` };
    } else {
      return { kind: "user", file: arg, args: argv.slice(i + 1), ...flags, seed };
    }
  }
  return { kind: "usageError", message: sawUser ? "missing FILE" : "missing command (expected \"user\" or \"bare\")" };
}
