import { sel4tsTsupConfig } from "../../tsup.shared";

export default sel4tsTsupConfig({
  // index: browser-safe main entry; node: Node-only entry (@sel4ts/microkit/node); cli: the command
  // (bin/sel4ts-microkit.mjs runs it).
  entry: { index: "src/index.ts", node: "src/node/index.ts", cli: "src/node/main.ts" },
  dts: { entry: { index: "src/index.ts", node: "src/node/index.ts" } },
});
