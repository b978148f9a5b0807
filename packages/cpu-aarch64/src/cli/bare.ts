/** `sel4ts-aarch64 bare`: runs a raw image on the bare-metal test machine. */
import { totalmem } from "node:os";
import { Fdt, FdtError } from "@sel4ts/fdt";
import { runBareMetal } from "../bare/run-bare-metal.js";
import { CpuError } from "../core/errors.js";
import { openQemuTrace, type QemuTraceSource } from "../node/qemu-trace-file.js";
import { QemuTraceFormatError } from "../trace/qemu-trace.js";
import { TraceDiff, attachTraceDiff } from "../trace/trace-diff.js";
import type { UserIo } from "../user/io.js";
import type { BareCommand } from "./bare-args.js";
import { LineSink } from "./line-sink.js";

/** Exit status for bad command lines and unusable input files (as for `user`). */
const EXIT_USAGE = 2;
const NEWLINE = 0x0a;

/**
 * Runs the command: UART output goes to stdout (a line at a time), --trace and reports to
 * stderr. `readFile` returns the bytes of a file or an error line. Returns the exit status.
 */
export function runBareCommand(
  command: BareCommand,
  io: UserIo,
  readFile: (file: string) => Uint8Array | string,
  name: string,
  hostMemory: number = totalmem(),
): number {
  const encoder = new TextEncoder();
  const stderrText = (text: string): void => io.write(2, encoder.encode(text));
  // Guest RAM is made as the guest touches it, so any size up to the host's memory starts; beyond
  // it the guest could not use its RAM, and QEMU refuses such a size up front too.
  if (command.mem !== undefined && command.mem > hostMemory) {
    const gib = (bytes: number): string => `${(bytes / 2 ** 30).toFixed(1)} GiB`;
    stderrText(`${name}: --mem ${gib(command.mem)}: cannot set up guest RAM larger than this host's memory (${gib(hostMemory)})\n`);
    return EXIT_USAGE;
  }
  const image = readFile(command.file);
  const dtb = command.dtb === undefined ? undefined : readFile(command.dtb);
  for (const loaded of [image, dtb]) {
    if (typeof loaded === "string") {
      stderrText(`${name}: ${loaded}\n`);
      return EXIT_USAGE;
    }
  }
  // A DTB the guest would misread is refused here, with the reader's error (offset and expectation).
  if (dtb instanceof Uint8Array) {
    try {
      Fdt.parse(dtb, { source: command.dtb });
    } catch (error) {
      if (!(error instanceof FdtError)) throw error;
      stderrText(`${name}: --dtb: ${error.message}\n`);
      return EXIT_USAGE;
    }
  }
  let trace: QemuTraceSource | null = null;
  if (command.traceDiff !== undefined) {
    try {
      trace = openQemuTrace(command.traceDiff);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      stderrText(`${name}: --trace-diff ${command.traceDiff}: ${code === "ENOENT" ? "no such file" : `cannot open (${String(code)})`}\n`);
      return EXIT_USAGE;
    }
  }
  const diff = trace === null ? null : new TraceDiff(() => trace.next());
  const diagnostics = new LineSink(stderrText);
  let line: number[] = [];
  const flushUart = (): void => {
    if (line.length === 0) return;
    diagnostics.flush();
    io.write(1, Uint8Array.from(line));
    line = [];
  };
  const started = performance.now();
  let result;
  try {
    result = runBareMetal({
      image: image as Uint8Array,
      loadAddress: command.load,
      ...(command.entry !== undefined ? { entry: command.entry } : {}),
      ...(dtb !== undefined ? { dtb: dtb as Uint8Array } : {}),
      ...(command.mem !== undefined ? { memSize: command.mem } : {}),
      jit: command.jit,
      uart: (byte) => {
        line.push(byte);
        if (byte === NEWLINE) flushUart();
      },
      ...(command.trace ? { trace: (text: string) => diagnostics.line(text) } : {}),
      ...(diff !== null ? { observe: (cpu) => attachTraceDiff(cpu, diff), until: () => !diff.active } : {}),
    });
  } catch (error) {
    if (error instanceof QemuTraceFormatError) {
      flushUart();
      diagnostics.flush();
      stderrText(`${name}: --trace-diff ${command.traceDiff}: ${error.message}\n`);
      return EXIT_USAGE;
    }
    // CpuError: the image or DTB does not fit; GuestMemoryError (a CpuError): no host memory left for a RAM chunk.
    if (!(error instanceof CpuError)) throw error;
    flushUart();
    diagnostics.flush();
    stderrText(`${name}: ${error.message}\n`);
    return EXIT_USAGE;
  } finally {
    trace?.close();
  }
  flushUart();
  diagnostics.flush();
  if (diff !== null) {
    diff.finish();
    stderrText(`${name}: ${diff.report()}\n`);
    if (diff.status === "diverged" || diff.status === "no-sync") return 1;
  }
  if (result.exitCode !== 0 && !(diff !== null && result.reason === "stopped")) stderrText(`${name}: ${result.reason}\n`);
  if (command.stats) {
    const seconds = (performance.now() - started) / 1000;
    const mips = result.instructions / seconds / 1e6;
    stderrText(`${name}: ${result.instructions} instructions retired in ${seconds.toFixed(3)} s (${mips.toFixed(2)} MIPS)\n`);
  }
  return result.exitCode;
}
