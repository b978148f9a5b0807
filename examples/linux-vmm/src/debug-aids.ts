/**
 * The debugging flags of `pnpm linux`, kept apart from the VMM: `--trace-diff FILE` (compare every
 * guest instruction with a QEMU trace), `--system-map FILE` (kernel symbols in reports),
 * `--guest-profile [N]` (the kernel functions that run most), `--dump-dtb FILE` (the generated
 * device tree) and `--stats`. A VMM only has to pass
 * {@link DebugAids.kernelOptions} to its Kernel and check {@link DebugAids.shouldStop}.
 */
import { readFileSync, writeFileSync } from "node:fs";
import type { Cpu } from "@sel4ts/cpu-aarch64";
import { QemuTraceFormatError, TraceDiff, attachTraceDiff, openQemuTrace, type QemuTraceSource } from "@sel4ts/cpu-aarch64/node";
import type { Command } from "commander";
import { Fdt, FdtError } from "@sel4ts/fdt";
import { DTB_MAX_SIZE, type LinuxBootImages } from "./boot-images.js";
import { BootInputError } from "./image.js";
import { DEFAULT_PROFILE_INTERVAL, GuestProfile } from "./guest-profile.js";
import { formatRunStats, type RunStatsInput } from "./run-stats.js";
import { SystemMap } from "./system-map.js";

/** The flags' values as commander parses them. */
export interface DebugFlags {
  readonly traceDiff?: string;
  readonly traceDiffSysregs?: boolean;
  readonly systemMap?: string;
  readonly dumpDtb?: string;
  readonly dtb?: string;
  /** --guest-profile: true (the default interval) or the interval as typed. */
  readonly guestProfile?: boolean | string;
  readonly stats: boolean;
}

/** Adds the debugging flags to the `pnpm linux` command. */
export function addDebugOptions(program: Command): Command {
  return program
    .option("--stats", "print instructions, MIPS, wall time and exits by class at the end", false)
    .option("--trace-diff <file>", "compare every guest instruction with a QEMU trace (qemu-system-aarch64 -d exec,cpu,nochain, one instruction per block; see the README) and report the first divergence")
    .option("--trace-diff-sysregs", "with --trace-diff: take QEMU's value after any system register read that alone differs (not only ID registers), to look past a known difference", false)
    .option("--guest-profile [interval]", `sample the guest PC every INTERVAL instructions (default ${DEFAULT_PROFILE_INTERVAL}) and print the kernel functions that ran most (names from the System.map)`)
    .option("--system-map <file>", "the kernel's System.map: symbols in fault and trace-diff reports (pnpm guest-images --symbols fetches Debian's)")
    .option("--dump-dtb <file>", "write the generated device tree blob to FILE")
    .option("--dtb <file>", "boot with this device tree blob instead of the generated one (e.g. QEMU's, for --trace-diff)");
}

/** The set-up debugging aids of one run. */
export interface DebugAids {
  /** The images to boot: the given ones, with --dtb's blob in place of the generated one. */
  readonly images: LinuxBootImages;
  /** Options for the VMM's Kernel (empty unless --trace-diff or --guest-profile). */
  readonly kernelOptions: { onGuestCore?: (cpu: Cpu) => void };
  /** True once the run should end for a debugging reason (the trace comparison is over). */
  shouldStop(): boolean;
  /** The exit status when the trace comparison ended the run: 1 after a divergence, 0 when all of the trace matched; null otherwise. */
  traceDiffExitStatus(): number | null;
  /** `name+0xoff` for a guest code address, when --system-map was given. */
  symbolize(address: bigint): string | null;
  /** The report lines for stderr at the end of the run (stats, trace comparison). */
  finish(stats: RunStatsInput): string[];
}

function readText(path: string, flag: string): string {
  try {
    return readFileSync(path, "latin1");
  } catch (error) {
    throw new BootInputError(`${flag} ${path}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`);
  }
}

/** A DTB file for --dtb: it must parse and fit the room the placement leaves. */
function readDtb(path: string): Uint8Array {
  let blob: Uint8Array;
  try {
    blob = new Uint8Array(readFileSync(path));
  } catch (error) {
    throw new BootInputError(`--dtb ${path}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`);
  }
  try {
    Fdt.parse(blob, { source: path });
  } catch (error) {
    if (error instanceof FdtError) throw new BootInputError(`--dtb: ${error.message}`);
    throw error;
  }
  if (blob.length > DTB_MAX_SIZE) throw new BootInputError(`--dtb ${path}: ${blob.length} bytes; at most ${DTB_MAX_SIZE} fit where the DTB is placed`);
  return blob;
}

function profileInterval(flag: true | string): number {
  if (flag === true) return DEFAULT_PROFILE_INTERVAL;
  const interval = Number(flag);
  if (!(Number.isInteger(interval) && interval >= 1)) throw new BootInputError(`--guest-profile ${flag}: expected a whole number of instructions (1 or more)`);
  return interval;
}

/** Applies the flags for `images` (writes --dump-dtb, loads --system-map, opens --trace-diff). Bad input: BootInputError. */
export function setUpDebugAids(flags: DebugFlags, generated: LinuxBootImages): DebugAids {
  const images = flags.dtb === undefined ? generated : { ...generated, dtbBlob: readDtb(flags.dtb) };
  if (flags.dumpDtb !== undefined) {
    try {
      writeFileSync(flags.dumpDtb, images.dtbBlob);
    } catch (error) {
      throw new BootInputError(`--dump-dtb ${flags.dumpDtb}: ${(error as Error).message}`);
    }
  }
  let symbolize: (address: bigint) => string | null = () => null;
  if (flags.systemMap !== undefined) {
    let map: SystemMap;
    try {
      map = SystemMap.parse(readText(flags.systemMap, "--system-map"), flags.systemMap);
    } catch (error) {
      if (error instanceof BootInputError) throw error;
      throw new BootInputError(`--system-map ${(error as Error).message}`);
    }
    symbolize = map.kernelSymbolizer(images.kernel);
  }
  let source: QemuTraceSource | null = null;
  if (flags.traceDiff !== undefined) {
    try {
      source = openQemuTrace(flags.traceDiff);
    } catch (error) {
      throw new BootInputError(`--trace-diff ${flags.traceDiff}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`);
    }
  }
  const profile = flags.guestProfile === undefined || flags.guestProfile === false ? null : new GuestProfile(profileInterval(flags.guestProfile));
  const trace = source;
  let traceError: string | null = null;
  const next = () => {
    try {
      return trace!.next();
    } catch (error) {
      if (!(error instanceof QemuTraceFormatError)) throw error;
      traceError = error.message;
      return null; // ends the comparison; the report says why
    }
  };
  const diff = trace === null ? null : new TraceDiff(next, { symbolize, adoptSystemRegisterReads: flags.traceDiffSysregs === true });
  const onGuestCore = (cpu: Cpu) => {
    if (diff !== null) attachTraceDiff(cpu, diff);
    if (profile !== null) cpu.pcSampler = profile;
  };
  return {
    images,
    kernelOptions: diff === null && profile === null ? {} : { onGuestCore },
    shouldStop: () => diff !== null && !diff.active,
    traceDiffExitStatus: () => (diff === null || diff.active ? null : diff.status === "trace-ended" ? 0 : 1),
    symbolize,
    finish(stats) {
      const lines: string[] = [];
      if (flags.stats) lines.push(formatRunStats(stats));
      if (profile !== null) lines.push(profile.report(flags.systemMap === undefined ? null : symbolize).join("\n"));
      if (diff !== null) {
        diff.finish();
        trace!.close();
        if (traceError !== null) lines.push(`trace-diff: ${flags.traceDiff}: ${traceError}`);
        lines.push(diff.report());
      }
      return lines;
    },
  };
}
