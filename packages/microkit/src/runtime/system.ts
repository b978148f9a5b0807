/**
 * `buildSystem(description, programs)`: a Microkit system on an MCS kernel sim. The root task
 * plays the Microkit tool's initialiser (it makes every object and cap with real invocations)
 * and then the monitor; each PD is a native thread running libmicrokit's event loop over its
 * TypeScript program.
 */
import { Kernel, QemuVirtBoard, type KernelOptions, type RunOptions, type RunResult, type Sel4 } from "@sel4ts/sel4-kernel-sim";
import type { SdfConfig } from "../sdf/config.js";
import type { ProtectionDomain, SystemDescription } from "../sdf/types.js";
import { SystemBuilder, type BuiltPd, type BuiltSystem } from "./builder.js";
import { MicrokitError } from "./errors.js";
import { microkitMain } from "./event-loop.js";
import { MicrokitPd } from "./libmicrokit.js";
import { runMonitor } from "./monitor.js";
import type { MicrokitProgram } from "./program.js";

/** RAM of the default board: 2 GiB, as libvmm's examples run QEMU (`-m 2G`); allocated lazily. */
export const DEFAULT_RAM_SIZE = 2 * 1024 ** 3;

export interface BuildSystemOptions {
  /** Options of the MCS kernel the system is built on (`mcs` is always true). */
  readonly kernel?: Omit<KernelOptions, "mcs">;
  /** RAM of the default qemu-virt board (ignored when `kernel.platform` is given); default 2 GiB */
  readonly ramSize?: number;
  /** Kernel configuration the description was checked against (cores, SMC); defaults as `parseSdf`. */
  readonly config?: Partial<SdfConfig>;
}

/** A built system: run it with `run()`; `built` describes its objects once the root task has made them. */
export interface MicrokitSystem {
  readonly kernel: Kernel;
  readonly description: SystemDescription;
  readonly built: BuiltSystem | null;
  run(options?: RunOptions): Promise<RunResult>;
}

/** The program of a PD: by its `program_image` path, else by the PD's name. */
function programFor(programs: Readonly<Record<string, MicrokitProgram>>, pd: ProtectionDomain): MicrokitProgram | undefined {
  return programs[pd.programImage] ?? programs[pd.name];
}

/**
 * Builds `description` on a new MCS kernel. `programs` maps each PD's `program_image` path (or
 * its name) to its program. Nothing is made if a program is missing.
 */
export function buildSystem(
  description: SystemDescription,
  programs: Readonly<Record<string, MicrokitProgram>>,
  options: BuildSystemOptions = {},
): MicrokitSystem {
  const missing = description.protectionDomains.filter((pd) => programFor(programs, pd) === undefined);
  if (missing.length > 0) {
    const list = missing.map((pd) => `'${pd.name}' (program_image '${pd.programImage}')`).join(", ");
    throw new MicrokitError("program", `${description.fileName}: no program for protection domain ${list}`);
  }
  // Microkit's kernels have a large root CNode (2^17 slots): every frame of every region is a cap.
  const consoleOutput = options.kernel?.consoleOutput;
  const platform =
    options.kernel?.platform ??
    new QemuVirtBoard({
      ramSize: options.ramSize ?? DEFAULT_RAM_SIZE,
      ...(consoleOutput ? { uartOutput: (byte: number) => consoleOutput(String.fromCharCode(byte)) } : {}),
    });
  const kernel = new Kernel({ rootCNodeSizeBits: 17, ...options.kernel, platform, mcs: true });
  const names = description.protectionDomains.map((pd) => pd.name);
  let built: BuiltSystem | null = null;

  kernel.createRootTask(async (sel4: Sel4) => {
    const builder = new SystemBuilder(sel4, sel4.seL4_GetBootInfo(), description, options.config);
    let result: BuiltSystem | null = null;
    // A PD's thread starts only after the root task (priority 255) waits in the monitor, so the
    // whole system exists by then.
    const startPd = (pd: BuiltPd, program: MicrokitProgram) => (self: Sel4) => {
      const system = result!;
      const microkit = new MicrokitPd(self, {
        name: pd.plan.pd.name,
        irqs: pd.plan.irqs,
        notifications: pd.plan.notifications,
        pps: pd.plan.pps,
        passive: pd.plan.pd.passive,
        setvars: setvarValues(description, pd.plan.index, system),
        debugOutput: (text) => debugPuts(self, text),
        childEntry: (child) => system.pds.find((p) => p.plan.pd.parent === pd.plan.index && p.plan.pd.id === child)?.entry,
      });
      return microkitMain(microkit, program);
    };
    result = builder.build((pd) => sel4.nativeEntry(startPd(pd, programFor(programs, pd.plan.pd)!)));
    built = result;
    await runMonitor(sel4, result, names, (text) => debugPuts(sel4, text));
  });

  return {
    kernel,
    description,
    get built() {
      return built;
    },
    // A build failure happens in the root task; report it as the MicrokitError it is.
    run: (runOptions) =>
      kernel.run(runOptions).catch((error: unknown) => {
        const cause = (error as { cause?: unknown }).cause;
        throw cause instanceof MicrokitError ? cause : error;
      }),
  };
}

function debugPuts(sel4: Sel4, text: string): void {
  for (const c of text) sel4.seL4_DebugPutChar(c);
}

/** The values the Microkit tool would patch into the PD's `setvar` symbols. */
function setvarValues(description: SystemDescription, index: number, built: BuiltSystem): Record<string, bigint> {
  const values: Record<string, bigint> = {};
  for (const setvar of description.protectionDomains[index]!.setvars) {
    switch (setvar.kind) {
      case "vaddr":
        values[setvar.symbol] = BigInt(setvar.address);
        break;
      case "id":
        values[setvar.symbol] = BigInt(setvar.id);
        break;
      case "size":
      case "prefillSize": {
        const mr = description.memoryRegions.find((m) => m.name === setvar.mr);
        values[setvar.symbol] = BigInt(setvar.kind === "size" ? (mr?.size ?? 0) : (mr?.prefill?.length ?? 0));
        break;
      }
      case "paddr":
        values[setvar.symbol] = BigInt(built.regionPaddrs.get(setvar.region) ?? 0);
        break;
    }
  }
  return values;
}
