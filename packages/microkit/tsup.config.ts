import { defineConfig } from "tsup";

export default defineConfig({
  // index: browser-safe main entry; node: Node-only entry (@sel4ts/microkit/node); cli: the command
  // (bin/sel4ts-microkit.mjs runs it).
  entry: { index: "src/index.ts", node: "src/node/index.ts", cli: "src/node/main.ts" },
  format: ["esm", "cjs"],
  dts: { entry: { index: "src/index.ts", node: "src/node/index.ts" } },
  clean: true,
  sourcemap: true,
  target: "node20",
  tsconfig: "tsconfig.build.json",
});
