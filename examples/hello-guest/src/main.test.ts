import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("../", import.meta.url));
const WALL_LINES = /^wall time: +\d+\.\d ms\nspeed: +\d+\.\d MIPS\n$/;

/** Runs the command under tsx; execFileSync throws on a non-zero exit status. */
function run(args: string[], input = ""): string {
  return execFileSync(process.execPath, ["--import", "tsx", "src/main.ts", ...args], { cwd: packageDir, encoding: "utf8", input });
}

function expectTranscript(stdout: string, file: string): void {
  const expected = readFileSync(new URL(file, import.meta.url), "utf8");
  expect(stdout.startsWith(expected)).toBe(true);
  expect(stdout.slice(expected.length)).toMatch(WALL_LINES);
}

describe("the hello-guest command", () => {
  it("prints the committed transcript, the wall time and the speed, and exits 0", () => {
    expectTranscript(run([]), "./hello-guest.transcript.txt");
  });

  it("echo: echoes standard input and powers off at its end (the Ctrl-D the command adds)", () => {
    expectTranscript(run(["echo"], "hi there\r\nsel4x\x7f\x7fts\r"), "./echo-guest.transcript.txt");
  });

  it("primes: counts the primes below 300000 (25997) in tens of millions of instructions", () => {
    const stdout = run(["primes"]);
    expect(stdout).toMatch(/^Counting the primes below 300000 by trial division\.\.\.\n25997 primes found\.\n/);
    expect(stdout).toMatch(/outcome: +powered-off\ninstructions: +\d{8}\n/);
  });

  it("names the guests it knows when given another", () => {
    expect(() => execFileSync(process.execPath, ["--import", "tsx", "src/main.ts", "linux"], { cwd: packageDir, encoding: "utf8", stdio: "pipe" })).toThrow(
      /unknown guest "linux" \(expected one of: hello, echo, primes\)/,
    );
  });
});
