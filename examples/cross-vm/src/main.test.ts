import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("../", import.meta.url));

describe("the cross-vm command", () => {
  it("prints the committed transcript and the wall time, and exits 0", () => {
    const stdout = execFileSync(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd: packageDir, encoding: "utf8" });
    const expected = readFileSync(new URL("./cross-vm.transcript.txt", import.meta.url), "utf8");
    expect(stdout.startsWith(expected)).toBe(true);
    expect(stdout.slice(expected.length)).toMatch(/^wall time: +\d+\.\d ms\n$/);
  });

  it("refuses a round count that is not a whole number, with exit status 2", () => {
    expect(() => execFileSync(process.execPath, ["--import", "tsx", "src/main.ts", "many"], { cwd: packageDir, encoding: "utf8", stdio: "pipe" })).toThrow(/rounds: a whole number/);
  });
});
