import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("../", import.meta.url));
const transcript = readFileSync(new URL("./microkit-hello.transcript.txt", import.meta.url), "utf8");

describe("the microkit-hello command", () => {
  it("prints the committed transcript and exits 0", () => {
    // execFileSync throws on a non-zero exit status; the run is deterministic (virtual time).
    const stdout = execFileSync(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd: packageDir, encoding: "utf8" });
    expect(stdout).toBe(transcript);
  });

  it("runs the same system through sel4ts-microkit run, programs found beside the .system file", () => {
    const bin = fileURLToPath(new URL("../../../packages/microkit/bin/sel4ts-microkit.mjs", import.meta.url));
    const stdout = execFileSync(process.execPath, [bin, "run", "system/hello.system"], { cwd: packageDir, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    // Everything but the example's own summary line.
    expect(stdout).toBe(transcript.slice(0, transcript.lastIndexOf("microkit-hello:")));
  });
});
