import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { checkWorkspace, formatReport, largestCycle, stronglyConnected, type CycleLimits } from "./import-cycles";

const scratch = mkdtempSync(join(tmpdir(), "import-cycles-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A package folder with the given src files (path → content). */
function fixture(name: string, files: Record<string, string>): string {
  const dir = join(scratch, name);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, "src", path, ".."), { recursive: true });
    writeFileSync(join(dir, "src", path), content);
  }
  return dir;
}

describe("largestCycle", () => {
  it("finds a circle through type-only imports, re-exports and index files", () => {
    const dir = fixture("circle", {
      "a.ts": 'import type { B } from "./b";\nexport type A = B;',
      "b.ts": 'export { c } from "./sub";\nexport type B = number;',
      "sub/index.ts": 'import "../a.js";\nexport const c = 1;',
      "leaf.ts": 'import { c } from "./sub";\nexport const d = c;',
      "a.test.ts": 'import "./leaf";',
    });
    expect(largestCycle(dir)).toEqual(["src/a.ts", "src/b.ts", "src/sub/index.ts"]);
  });

  it("reports nothing for a tree of imports and ignores other packages", () => {
    const dir = fixture("tree", {
      "a.ts": 'import { b } from "./b";\nimport x from "typescript";\nexport const a = b + x;',
      "b.ts": "export const b = 1;",
    });
    expect(largestCycle(dir)).toEqual([]);
  });

  it("counts a file that imports itself", () => {
    const dir = fixture("self", { "a.ts": 'import "./a";' });
    expect(largestCycle(dir)).toEqual(["src/a.ts"]);
  });
});

describe("stronglyConnected", () => {
  it("handles a chain of 20,000 nodes without recursion", () => {
    const graph = new Map<number, Set<number>>();
    for (let i = 0; i < 20_000; i++) graph.set(i, new Set([(i + 1) % 20_000]));
    expect(stronglyConnected(graph).map((c) => c.length)).toEqual([20_000]);
  });
});

describe("the workspace", () => {
  it("has no package whose largest import circle is over its limit in limits.json", () => {
    const root = fileURLToPath(new URL("../../../", import.meta.url));
    const limits = JSON.parse(readFileSync(new URL("../limits.json", import.meta.url), "utf8")) as CycleLimits;
    const reports = checkWorkspace(root, limits);
    console.log(formatReport(reports).join("\n"));
    expect(reports.length).toBeGreaterThan(5);
    expect(formatReport(reports.filter((r) => r.over))).toEqual([]);
  });
});
