/** Arguments of `sel4ts-aarch64 bare IMAGE --load ADDR [--entry ADDR] [--dtb FILE] [--mem SIZE]`. */

/** A parsed `bare` command line. */
export interface BareCommand {
  kind: "bare";
  file: string;
  load: number;
  entry: number | undefined;
  dtb: string | undefined;
  mem: number | undefined;
  trace: boolean;
  stats: boolean;
  jit: boolean;
  /** A QEMU `-d exec,cpu,nochain` log to compare every instruction with. */
  traceDiff: string | undefined;
}

/** The `bare` part of `--help`. */
export const BARE_USAGE = `Usage: sel4ts-aarch64 bare [OPTIONS] IMAGE --load ADDR

Runs a raw bare-metal AArch64 image on the test machine: RAM at 0x40000000, a PL011 UART at
0x09000000 (printed on stdout), PSCI over HVC (SYSTEM_OFF ends the run with status 0). The CPU
starts at EL1h with the MMU off and DAIF masked, x0 = the DTB's address (or 0). A guest that
cannot go on (an exception it cannot handle, the instruction limit) gets a report on stderr and
status 1.

Options:
  --load ADDR  where IMAGE is copied (required)
  --entry ADDR where execution starts (default: the load address)
  --dtb FILE   a flattened device tree to place in RAM and pass in x0 (checked first)
  --mem SIZE   RAM size, e.g. 128M (default), 1G, 8G, 0x8000000; at most the host's memory
               (above 1G it is made 2 MiB at a time as the guest touches it)
  --trace      print PC, encoding and disassembly of every instruction to stderr
  --stats      print instructions retired, seconds and MIPS to stderr at exit
  --jit        run hot code as translated blocks (the default; same results and instruction
               counts as the interpreter, faster)
  --no-jit     interpret every instruction (--trace always does)
  --trace-diff FILE
               compare every instruction with a QEMU trace of the same image
               (qemu-system-aarch64 -M virt -cpu cortex-a53 -kernel IMAGE -d exec,cpu,nochain
               -accel tcg,one-insn-per-tb=on -D FILE; -singlestep before QEMU 8.1) and report
               the first divergence with both register states (status 1), or how far it matched
`;

const SIZE_UNITS: Readonly<Record<string, number>> = { "": 1, k: 1 << 10, m: 1 << 20, g: 1 << 30 };

/** A decimal or 0x-hex address, or null. */
export function parseAddress(text: string): number | null {
  if (!/^(0x[0-9a-f]+|\d+)$/i.test(text)) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : null;
}

/** A size such as 128M, 1G, 65536 or 0x8000000, or null. */
export function parseSize(text: string): number | null {
  const match = /^(0x[0-9a-f]+|\d+)([kmg]?)$/i.exec(text);
  if (match === null) return null;
  const value = Number(match[1]) * SIZE_UNITS[match[2]!.toLowerCase()]!;
  return Number.isSafeInteger(value) && value > 0 ? value : null;
}

/**
 * Parses what follows `bare` (options in any order, one IMAGE). `flags` carries --trace/--stats
 * (and --jit/--no-jit) given before the command. Returns the command or a usage error message.
 */
export function parseBareArgs(
  argv: readonly string[],
  flags: { trace: boolean; stats: boolean; jit: boolean },
): BareCommand | { kind: "usageError"; message: string } {
  const command: BareCommand = { kind: "bare", file: "", load: -1, entry: undefined, dtb: undefined, mem: undefined, traceDiff: undefined, ...flags };
  const error = (message: string): { kind: "usageError"; message: string } => ({ kind: "usageError", message });
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--trace" || arg === "--stats") {
      command[arg === "--trace" ? "trace" : "stats"] = true;
      continue;
    }
    if (arg === "--jit" || arg === "--no-jit") {
      command.jit = arg === "--jit";
      continue;
    }
    if (arg === "--load" || arg === "--entry" || arg === "--dtb" || arg === "--mem" || arg === "--trace-diff") {
      const value = argv[++i];
      if (value === undefined) return error(`${arg} needs a value`);
      if (arg === "--dtb") {
        command.dtb = value;
      } else if (arg === "--trace-diff") {
        command.traceDiff = value;
      } else if (arg === "--mem") {
        const size = parseSize(value);
        if (size === null) return error(`--mem needs a size such as 128M, got ${value}`);
        command.mem = size;
      } else {
        const address = parseAddress(value);
        if (address === null) return error(`${arg} needs an address such as 0x40080000, got ${value}`);
        if (arg === "--load") command.load = address;
        else command.entry = address;
      }
      continue;
    }
    if (arg.startsWith("-")) return error(`unknown option ${arg}`);
    if (command.file !== "") return error(`bare takes one IMAGE, got ${command.file} and ${arg}`);
    command.file = arg;
  }
  if (command.file === "") return error("missing IMAGE");
  if (command.load < 0) return error("bare needs --load ADDR");
  return command;
}
