import { defineConfig } from "tsup";

export default defineConfig({
  // index: browser-safe main entry; node: Node-only entry (@sel4ts/cpu-aarch64/node: QEMU trace files).
  // The CLI entry starts with a `#!/usr/bin/env node` line, which esbuild keeps in dist/cli.js.
  entry: { index: "src/index.ts", node: "src/node/index.ts", cli: "src/cli/index.ts" },
  format: ["esm", "cjs"],
  dts: { entry: { index: "src/index.ts", node: "src/node/index.ts" } },
  clean: true,
  sourcemap: true,
  target: "node20",
  tsconfig: "tsconfig.build.json",
});
