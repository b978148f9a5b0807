// The committed conformance artefacts must be what their scripts produce: the random sources
// from the generator (always checked: it needs only node), the binaries from the sources (where
// the cross toolchain is installed) and the goldens from QEMU (where qemu-aarch64-static is).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { constants, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, assert, describe, it } from "vitest";
import { conformanceDir, isRandomProgram, loadProgram, programNames } from "./conformance-programs";

function installed(tool: string): boolean {
  return spawnSync(tool, ["--version"], { stdio: "ignore" }).status === 0;
}

const hasToolchain = ["aarch64-linux-gnu-as", "aarch64-linux-gnu-ld", "aarch64-linux-gnu-gcc"].every(installed);
const hasQemu = installed("qemu-aarch64-static");

const scratch = mkdtempSync(join(tmpdir(), "sel4ts-conformance-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

describe("conformance artefacts are up to date", () => {
  it("every source has a binary and a golden, and nothing else does", () => {
    const sources = readdirSync(join(conformanceDir, "src"))
      .filter((file) => /\.(S|c)$/.test(file))
      .map((file) => file.replace(/\.(S|c)$/, ""))
      .sort();
    const goldens = readdirSync(join(conformanceDir, "golden")).sort();
    assert.deepEqual(programNames(), sources);
    assert.deepEqual(goldens, sources.flatMap((name) => [`${name}.exit`, `${name}.out`]).sort());
  });

  it("the random sources are what the seeded generator writes, with >= 20,000 instructions", () => {
    const out = join(scratch, "rand-src");
    const run = spawnSync(process.execPath, [join(conformanceDir, "gen", "random-programs.mjs"), out], { encoding: "utf8" });
    assert.strictEqual(run.status, 0, run.stderr);
    const total = Number(/(\d+) random instructions/.exec(run.stdout)?.[1]);
    assert.isAtLeast(total, 20_000);
    const generated = readdirSync(out).sort();
    const committed = readdirSync(join(conformanceDir, "src")).filter((f) => f.startsWith("rand-")).sort();
    assert.deepEqual(generated, committed);
    for (const file of generated) {
      const fresh = readFileSync(join(out, file), "utf8");
      const kept = readFileSync(join(conformanceDir, "src", file), "utf8");
      assert.ok(fresh === kept, `src/${file} differs from the generator's output: run conformance/regenerate.sh`);
    }
    assert.deepEqual(
      generated.map((f) => f.replace(/\.S$/, "")),
      programNames().filter(isRandomProgram),
      "every random source has a committed binary",
    );
  });

  it.skipIf(!hasToolchain)("the committed binaries are what build.sh makes from the sources", () => {
    const out = join(scratch, "bin");
    const run = spawnSync("sh", [join(conformanceDir, "build.sh"), out], { encoding: "utf8" });
    assert.strictEqual(run.status, 0, run.stderr);
    assert.deepEqual(readdirSync(out).sort(), programNames());
    for (const name of programNames()) {
      const fresh = new Uint8Array(readFileSync(join(out, name)));
      assert.ok(sameBytes(fresh, loadProgram(name).image), `bin/${name} does not match its source: run conformance/regenerate.sh`);
    }
  });

  it.skipIf(!hasQemu)("the goldens are what qemu-aarch64-static prints", () => {
    for (const name of programNames()) {
      const program = loadProgram(name);
      const run = spawnSync("sh", ["-c", 'ulimit -c 0; exec env -i qemu-aarch64-static -cpu cortex-a53 -0 "$0" "$1"', name, join(conformanceDir, "bin", name)], {
        encoding: "utf8",
        env: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
        maxBuffer: 16 * 1024 * 1024,
      });
      // As the shell reports it (and golden/*.exit records it): 128 + signal for a killed program.
      const status = run.signal ? 128 + constants.signals[run.signal] : run.status;
      assert.strictEqual(status, program.expectedExitCode, `${name}: exit status differs from golden/${name}.exit`);
      assert.ok(run.stdout === program.expectedStdout, `${name}: QEMU's output differs from golden/${name}.out`);
    }
  });
});
