// The main entry must run in a browser: no module it reaches imports a node: built-in.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const srcDir = dirname(fileURLToPath(import.meta.url));

function reachable(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const [, spec] of readFileSync(file, "utf8").matchAll(/from "(\.[^"]+)"/g)) reachable(resolve(dirname(file), `${spec!}.ts`), seen);
  return seen;
}

describe("browser safety", () => {
  it("nothing reachable from src/index.ts imports node: modules", () => {
    const offenders = [...reachable(join(srcDir, "index.ts"))].filter((f) => /from "node:/.test(readFileSync(f, "utf8")));
    expect(offenders).toEqual([]);
  });
});
