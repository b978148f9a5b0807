/** `sel4ts-microkit run FILE.system`: load the system and its programs, build it on the kernel sim, run it. */
import { buildSystem } from "../index.js";
import { loadSystemFile, searchPathsFor } from "./files.js";
import { loadPrograms } from "./programs.js";

export interface RunSystemFileOptions {
  readonly cores?: number;
  readonly searchPaths?: readonly string[];
  /** the system's console (PDs' debug output and the monitor) */
  readonly output: (text: string) => void;
  /** warnings and the kernel's debug lines (failed invocations, faults) */
  readonly errors: (text: string) => void;
}

/** Runs until every thread waits (the system is idle); returns the exit status. */
export async function runSystemFile(file: string, options: RunSystemFileOptions): Promise<number> {
  const system = loadSystemFile(file, { ...(options.cores === undefined ? {} : { cores: options.cores }), ...(options.searchPaths ? { searchPaths: options.searchPaths } : {}) });
  for (const warning of system.warnings) options.errors(`${warning}\n`);
  const searchPaths = searchPathsFor(file, options.searchPaths);
  const programs = await loadPrograms(
    system.protectionDomains.map((pd) => pd.programImage),
    searchPaths,
  );
  const built = buildSystem(system, programs, {
    kernel: { consoleOutput: options.output, log: (line) => options.errors(`${line}\n`) },
    ...(options.cores === undefined ? {} : { config: { numCores: options.cores } }),
  });
  await built.run();
  return 0;
}
