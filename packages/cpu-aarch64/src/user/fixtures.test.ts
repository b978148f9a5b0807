// The committed test binaries must be what their build scripts make from the sources. Runs only
// where the cross toolchain is installed; CI without it uses the committed binaries as they are.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const fixturesDir = fileURLToPath(new URL("./fixtures/", import.meta.url));
const benchDir = fileURLToPath(new URL("../../bench/", import.meta.url));
const hasToolchain = ["aarch64-linux-gnu-as", "aarch64-linux-gnu-ld", "aarch64-linux-gnu-gcc"].every(
  (tool) => spawnSync(tool, ["--version"], { stdio: "ignore" }).status === 0,
);
const scratch = mkdtempSync(join(tmpdir(), "sel4ts-user-fixtures-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function build(script: string, out: string): void {
  const run = spawnSync("sh", [script, out], { encoding: "utf8" });
  expect(run.status, run.stderr).toBe(0);
}

describe.skipIf(!hasToolchain)("committed binaries are up to date", () => {
  it("src/user/fixtures/bin matches build.sh", () => {
    const out = join(scratch, "fixtures");
    build(join(fixturesDir, "build.sh"), out);
    const names = readdirSync(out).sort();
    expect(readdirSync(join(fixturesDir, "bin")).sort()).toEqual(names);
    for (const name of names) {
      expect(readFileSync(join(out, name)).equals(readFileSync(join(fixturesDir, "bin", name))), `bin/${name} is stale: run build.sh`).toBe(true);
    }
  });

  it("bench/workload matches bench/build.sh", () => {
    const out = join(scratch, "bench");
    build(join(benchDir, "build.sh"), out);
    expect(readFileSync(join(out, "workload")).equals(readFileSync(join(benchDir, "workload"))), "bench/workload is stale").toBe(true);
  });
});
