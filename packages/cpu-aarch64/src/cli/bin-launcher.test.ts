import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

// The committed launcher that package.json's "bin" names: pnpm links it at install time, before
// any build, so it must exist in the source tree and load dist/cli.js only when run.
const launcher = fileURLToPath(new URL("../../bin/sel4ts-aarch64.js", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "sel4ts-bin-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A package folder holding a copy of the launcher, with dist/cli.js if `cli` is given. */
function packageWith(name: string, cli: string | null): string {
  const dir = join(scratch, name);
  mkdirSync(join(dir, "bin"), { recursive: true });
  writeFileSync(join(dir, "package.json"), '{ "type": "module" }');
  copyFileSync(launcher, join(dir, "bin", "sel4ts-aarch64.js"));
  if (cli !== null) {
    mkdirSync(join(dir, "dist"));
    writeFileSync(join(dir, "dist", "cli.js"), cli);
  }
  return join(dir, "bin", "sel4ts-aarch64.js");
}

describe("bin/sel4ts-aarch64.js", () => {
  it("is what package.json declares, and executable", async () => {
    const manifest = (await import("../../package.json", { with: { type: "json" } })).default as { bin: Record<string, string>; files: string[] };
    expect(manifest.bin["sel4ts-aarch64"]).toBe("./bin/sel4ts-aarch64.js");
    expect(manifest.files).toContain("bin");
    expect(statSync(launcher).mode & 0o111).not.toBe(0);
  });

  it("runs the built CLI with the arguments and exit status it was given", () => {
    const bin = packageWith("built", "console.log(JSON.stringify(process.argv.slice(2))); process.exitCode = 3;");
    const run = spawnSync(process.execPath, [bin, "bare", "--help"], { encoding: "utf8" });
    expect(run.stdout.trim()).toBe('["bare","--help"]');
    expect(run.status).toBe(3);
  });

  it("says how to build when dist/cli.js is missing", () => {
    const run = spawnSync(process.execPath, [packageWith("unbuilt", null), "--help"], { encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/not built yet.*pnpm build/);
  });
});
