import { sel4tsTsupConfig } from "../../tsup.shared";

export default sel4tsTsupConfig({
  // index: browser-safe main entry; node: Node-only entry (@sel4ts/cpu-aarch64/node: QEMU trace files).
  // The CLI entry starts with a `#!/usr/bin/env node` line, which esbuild keeps in dist/cli.js.
  entry: { index: "src/index.ts", node: "src/node/index.ts", cli: "src/cli/index.ts" },
  dts: { entry: { index: "src/index.ts", node: "src/node/index.ts" } },
});
