#!/usr/bin/env node
// Launcher of the `hello-guest` command. It is committed (not built) so that `pnpm install` can
// link it before the example is built; it loads the built program only when run.
import { existsSync } from "node:fs";

const main = new URL("../dist/main.js", import.meta.url);
if (!existsSync(main)) {
  console.error("hello-guest: the example is not built yet (no dist/main.js). Run `pnpm demo` (or `pnpm build`) at the repository root first.");
  process.exitCode = 1;
} else {
  await import(main.href);
}
