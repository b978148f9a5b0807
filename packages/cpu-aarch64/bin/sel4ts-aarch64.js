#!/usr/bin/env node
// Launcher of the `sel4ts-aarch64` command. It is committed (not built) so that `pnpm install`
// can link it before the package is built; it loads the built CLI only when run.
import { existsSync } from "node:fs";

const cli = new URL("../dist/cli.js", import.meta.url);
if (!existsSync(cli)) {
  console.error("sel4ts-aarch64: @sel4ts/cpu-aarch64 is not built yet (no dist/cli.js). Run `pnpm build` (or `pnpm demo`) at the repository root first.");
  process.exitCode = 1;
} else {
  await import(cli.href);
}
