import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const launcher = fileURLToPath(new URL("../bin/linux-vmm.mjs", import.meta.url));

describe("bin/linux-vmm.mjs (pnpm linux)", () => {
  it("runs the command, compiled or from the sources, and passes its arguments and exit status on", () => {
    const help = spawnSync(process.execPath, [launcher, "--help"], { encoding: "utf8", timeout: 60_000 });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("--kernel <file>");
    const bad = spawnSync(process.execPath, [launcher, "--max-instructions", "0"], { encoding: "utf8", timeout: 60_000 });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--max-instructions 0: expected a positive number");
  });
});
