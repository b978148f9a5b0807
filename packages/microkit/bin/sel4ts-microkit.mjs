#!/usr/bin/env node
// The `sel4ts-microkit` command. It runs the built CLI (dist/cli.js); in a workspace checkout that
// has not been built yet it runs the TypeScript sources through tsx, so the command works right
// after `pnpm install`. SEL4TS_MICROKIT_FROM_SOURCE=1 picks the sources even when dist/ exists
// (the package's own tests use it: a build may be rewriting dist/ meanwhile).
import { existsSync } from "node:fs";

const built = new URL("../dist/cli.js", import.meta.url);
if (existsSync(built) && process.env.SEL4TS_MICROKIT_FROM_SOURCE !== "1") {
  await import(built.href);
} else {
  const { register } = await import("tsx/esm/api");
  // The package tsconfig maps the workspace's @sel4ts/* packages to their sources.
  register({ tsconfig: new URL("../tsconfig.json", import.meta.url).pathname });
  await import(new URL("../src/node/main.ts", import.meta.url).href);
}
