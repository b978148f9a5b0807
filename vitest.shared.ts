import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const packagesDir = fileURLToPath(new URL("./packages/", import.meta.url));
const workspacePackages = [
  "cpu-aarch64",
  "fdt",
  "sel4-kernel-sim",
  "microkit",
  "libsel4vm",
  "libsel4vmmplatsupport",
  "libvmm",
  "vmm-common",
];
/** Packages with a Node-only `./node` entry (`@sel4ts/x/node`). */
const nodeEntries = ["cpu-aarch64", "microkit"];

/**
 * Shared vitest settings: tests import sibling packages from their TypeScript sources
 * (no build-before-test). Files named `*.slow.test.ts` are end-to-end tests; `test:fast`
 * leaves them out, `test` (and CI) runs them.
 */
export function sel4tsVitestConfig() {
  const fast = process.env.SEL4TS_FAST_TESTS === "1";
  // CI collects one JSON report per package to print a single "N passed, N failed" line at the end.
  const reportDir = process.env.SEL4TS_TEST_REPORT_DIR;

  return defineConfig({
    resolve: {
      // The `/node` entries come first: an alias also matches its key followed by a path.
      alias: Object.fromEntries<string>([
        ...nodeEntries.map((name): [string, string] => [`@sel4ts/${name}/node`, `${packagesDir}${name}/src/node/index.ts`]),
        ...workspacePackages.map((name): [string, string] => [`@sel4ts/${name}`, `${packagesDir}${name}/src/index.ts`]),
      ]),
    },
    test: {
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
      exclude: fast ? ["**/node_modules/**", "**/*.slow.test.ts"] : ["**/node_modules/**"],
      testTimeout: 120_000,
      hookTimeout: 120_000,
      pool: "forks",
      reporters: reportDir
        ? ["default", ["json", { outputFile: `${reportDir}/${basename(process.cwd())}.json` }]]
        : ["default"],
    },
  });
}
