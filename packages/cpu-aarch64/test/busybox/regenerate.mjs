// Records qemu-aarch64's output for every case of cases.json: golden/<name>.out (stdout bytes)
// and golden/<name>.exit (exit status; 128 + signal for a killed program). Each case runs
// `busybox <argv...>` (argv[0] = "busybox") with an empty environment and stdin from
// inputs/<stdin>, or the literal `stdinText`, or nothing.
//   node regenerate.mjs            (needs qemu-user-static)
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { constants } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const cases = JSON.parse(readFileSync(join(here, "cases.json"), "utf8"));
const golden = join(here, "golden");
mkdirSync(golden, { recursive: true });
for (const file of readdirSync(golden)) rmSync(join(golden, file));
for (const c of cases) {
  const input = c.stdin !== undefined ? readFileSync(join(here, "inputs", c.stdin)) : Buffer.from(c.stdinText ?? "");
  const run = spawnSync("qemu-aarch64-static", ["-cpu", "cortex-a53", "-0", "busybox", join(here, "busybox"), ...c.argv], {
    input,
    env: {},
    maxBuffer: 64 * 1024 * 1024,
  });
  const status = run.signal ? 128 + constants.signals[run.signal] : run.status;
  writeFileSync(join(golden, `${c.name}.out`), run.stdout);
  writeFileSync(join(golden, `${c.name}.exit`), `${status}\n`);
}
console.log(`regenerated ${cases.length} cases`);
