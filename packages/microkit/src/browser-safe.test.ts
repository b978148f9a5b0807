import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const src = fileURLToPath(new URL("./", import.meta.url));

/** Files the main entry can reach: everything but the Node entry, the bench and tests. */
function mainEntryFiles(): string[] {
  return readdirSync(src, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !f.startsWith("node/") && !f.startsWith("bench/") && f !== "runtime/test-system.ts");
}

describe("the main entry is browser-safe", () => {
  it.each(mainEntryFiles())("%s imports no node: module and touches no process", (file) => {
    const text = readFileSync(`${src}${file}`, "utf8");
    expect(text).not.toMatch(/from "node:|import\("node:|\bprocess\./);
    expect(text).not.toMatch(/from "\.\.?\/node\//);
  });
});
