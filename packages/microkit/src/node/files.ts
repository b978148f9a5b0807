import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { parseSdf, type SdfConfig, type SystemDescription } from "../index.js";

export interface LoadSystemFileOptions {
  /** CPU cores of the target (default 1) */
  readonly cores?: number;
  /** directories searched for `program_image` and `prefill_path` files, before the system file's directory and the working directory */
  readonly searchPaths?: readonly string[];
  /** other kernel configuration (hypervisor, SMC) */
  readonly config?: Partial<SdfConfig>;
}

/**
 * Where files named in a system file are looked for: each `--search-path` in order (as the
 * Microkit tool does), then the system file's directory, then the working directory.
 */
export function searchPathsFor(systemFile: string, searchPaths: readonly string[] = []): string[] {
  return [...searchPaths.map((p) => resolve(p)), dirname(resolve(systemFile)), process.cwd()];
}

/** The first existing `dir/path` over the search paths (the Microkit tool's get_full_path). */
export function findInSearchPaths(path: string, searchPaths: readonly string[]): string | undefined {
  if (isAbsolute(path)) return existsSync(path) ? path : undefined;
  return searchPaths.map((dir) => resolve(dir, path)).find((full) => existsSync(full));
}

/** Reads and validates a `.system` file; throws `SdfError` with the Microkit tool's message. */
export function loadSystemFile(path: string, options: LoadSystemFileOptions = {}): SystemDescription {
  const xml = readFileSync(path, "utf8");
  const searchPaths = searchPathsFor(path, options.searchPaths);
  return parseSdf(path, xml, {
    config: { ...options.config, ...(options.cores === undefined ? {} : { numCores: options.cores }) },
    readPrefill: (prefillPath) => {
      const full = findInSearchPaths(prefillPath, searchPaths);
      return full === undefined ? undefined : new Uint8Array(readFileSync(full));
    },
  });
}
