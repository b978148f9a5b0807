import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("../", import.meta.url));

describe("the hello-guest command", () => {
  it("prints the committed transcript and the wall time, and exits 0", () => {
    // execFileSync throws on a non-zero exit status.
    const stdout = execFileSync(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd: packageDir, encoding: "utf8" });
    const expected = readFileSync(new URL("./hello-guest.transcript.txt", import.meta.url), "utf8");
    expect(stdout.startsWith(expected)).toBe(true);
    expect(stdout.slice(expected.length)).toMatch(/^wall time: +\d+\.\d ms\n$/);
  });
});
