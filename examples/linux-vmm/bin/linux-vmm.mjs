#!/usr/bin/env node
// `pnpm linux` and the example's `linux-vmm` command: runs the compiled dist/main.js (built by
// `pnpm build`, `pnpm test` or `pnpm bench`) when it is newer than every source it was compiled
// from, else the TypeScript sources through tsx. tsx's loader and transform cost about 1 s of
// start-up and about 10 % of a boot (see the README's Bench section), so a built example starts
// sooner; a stale dist/main.js is never run, so an edited source takes effect at once.
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const built = join(root, "dist", "main.js");
// What tsup compiles into dist/main.js: this example's sources and guest-images' (bundled in).
// The @sel4ts packages stay external: either way they load from their own dist.
const sourceDirs = [join(root, "src"), join(root, "..", "..", "tools", "guest-images", "src")];

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function builtIsCurrent() {
  if (!existsSync(built)) return false;
  const builtAt = statSync(built).mtimeMs;
  return sourceDirs.every((dir) => !existsSync(dir) || newestSource(dir) <= builtAt);
}

if (builtIsCurrent()) {
  await import(pathToFileURL(built).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(pathToFileURL(join(root, "src", "main.ts")).href);
}
