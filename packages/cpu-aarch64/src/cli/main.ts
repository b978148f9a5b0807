import * as fs from "node:fs";
import { readFileSync, realpathSync, statSync } from "node:fs";
import * as path from "node:path";
import { disassemble } from "../disasm/index.js";
import { LinuxUserError } from "../user/errors.js";
import { createNodeHostFileSystem } from "../user/host-fs.js";
import type { UserIo } from "../user/io.js";
import { runLinuxUserProgram } from "../user/run.js";
import { USAGE, parseCliArgs } from "./args.js";
import { runBareCommand } from "./bare.js";
import { LineSink } from "./line-sink.js";
import { HostOutputError, NodeProcessIo } from "./node-io.js";

/** Exit status for bad command lines and unusable input files. */
export const EXIT_USAGE = 2;
/** What a shell reports for a command killed by SIGPIPE (128 + 13): `cat big | head` ends so. */
export const EXIT_BROKEN_PIPE = 141;
const NAME = "sel4ts-aarch64";
const encoder = new TextEncoder();

function hex64(value: bigint): string {
  return value.toString(16).padStart(16, "0");
}

/** Checks FILE and reads it; returns an error line instead when it is not a readable regular file. */
function readProgramFile(file: string): Uint8Array | string {
  let isFile: boolean;
  try {
    isFile = statSync(file).isFile();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return `${file}: ${code === "ENOENT" ? "no such file" : `cannot stat (${String(code)})`}`;
  }
  if (!isFile) return `${file}: not a file`;
  try {
    return new Uint8Array(readFileSync(file));
  } catch (error) {
    return `${file}: cannot read (${String((error as { code?: unknown }).code)})`;
  }
}

/**
 * The `sel4ts-aarch64` command: parses `argv` (without node and the script), runs the program
 * with `io` as its standard streams and returns the exit status for the host process.
 */
export function runCli(argv: readonly string[], io: UserIo = new NodeProcessIo(), environment = process.env): number {
  try {
    return runCommand(argv, io, environment);
  } catch (error) {
    if (!(error instanceof HostOutputError)) throw error;
    // A reader that went away (`| head`) ends the run quietly, as SIGPIPE ends coreutils; any
    // other refused write gets coreutils' one line ("write error: No space left on device").
    if (error.code === "EPIPE") return EXIT_BROKEN_PIPE;
    if (error.fd === 1) {
      try {
        io.write(2, encoder.encode(`${NAME}: ${error.message}\n`));
      } catch {
        // stderr is gone too: nothing more can be said.
      }
    }
    return 1;
  }
}

function runCommand(argv: readonly string[], io: UserIo, environment: NodeJS.ProcessEnv): number {
  const stderrText = (text: string): void => io.write(2, encoder.encode(text));
  const command = parseCliArgs(argv);
  if (command.kind === "help") {
    io.write(1, encoder.encode(USAGE));
    return 0;
  }
  if (command.kind === "usageError") {
    stderrText(`${NAME}: ${command.message} (see ${NAME} --help)\n`);
    return EXIT_USAGE;
  }
  if (command.kind === "bare") return runBareCommand(command, io, readProgramFile, NAME);
  const image = readProgramFile(command.file);
  if (typeof image === "string") {
    stderrText(`${NAME}: ${image}\n`);
    return EXIT_USAGE;
  }
  const diagnostics = new LineSink(stderrText);
  // Buffered trace/strace lines go out before any guest output, so the two stay in order.
  const guestIo: UserIo = {
    readStdin: (buffer) => io.readStdin(buffer),
    write: (fd, bytes) => {
      diagnostics.flush();
      io.write(fd, bytes);
    },
    isTerminal: (fd) => io.isTerminal?.(fd) ?? false,
    terminalSize: (fd) => io.terminalSize?.(fd) ?? null,
  };
  const started = performance.now();
  let result;
  try {
    result = runLinuxUserProgram({
      image,
      path: command.file,
      exePath: realpathSync(command.file),
      argv: [command.file, ...command.args],
      env: Object.entries(environment).map(([key, value]) => `${key}=${value ?? ""}`),
      io: guestIo,
      hostFs: createNodeHostFileSystem(fs, path),
      ...(command.seed !== undefined ? { seed: command.seed } : {}),
      clock: command.hostClock ? "host" : "virtual",
      jit: command.jit,
      ...(command.strace ? { strace: (line: string) => diagnostics.line(line) } : {}),
      ...(command.trace
        ? {
            trace: (pc: bigint, insn: number) =>
              diagnostics.line(`${hex64(pc)}: ${(insn >>> 0).toString(16).padStart(8, "0")}  ${disassemble(insn, pc)}`),
          }
        : {}),
    });
  } catch (error) {
    diagnostics.flush();
    if (!(error instanceof LinuxUserError)) throw error;
    stderrText(`${NAME}: ${error.detail}\n`);
    return EXIT_USAGE;
  }
  diagnostics.flush();
  if (command.stats) {
    const seconds = (performance.now() - started) / 1000;
    const mips = result.instructions / seconds / 1e6;
    stderrText(`${NAME}: ${result.instructions} instructions retired in ${seconds.toFixed(3)} s (${mips.toFixed(2)} MIPS)\n`);
  }
  return result.exitCode;
}
