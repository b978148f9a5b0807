import { defineConfig, type Options } from "tsup";

/**
 * Shared tsup settings of the published packages: ESM and CommonJS builds of `src/index.ts` with
 * type declarations and source maps for Node 20, compiled with the package's tsconfig.build.json.
 * A package with more entry points (a `./node` entry, a CLI) passes its own `entry` and `dts`.
 */
export function sel4tsTsupConfig(overrides: Pick<Options, "entry" | "dts"> = {}) {
  return defineConfig({
    entry: ["src/index.ts"],
    format: ["esm", "cjs"],
    dts: true,
    clean: true,
    sourcemap: true,
    target: "node20",
    tsconfig: "tsconfig.build.json",
    ...overrides,
  });
}
