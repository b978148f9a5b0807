// Does the CommonJS build of @sel4ts/cpu-aarch64 run slower than its ESM build? Runs the
// cpu-aarch64 bench workload (CRC-32 + SHA-256, Linux user mode) through each build's public
// `runLinuxUserProgram`, each in a fresh Node process, alternating, and prints CPU seconds.
// Usage: pnpm --filter @sel4ts-tools/bench-history module-formats [runs] [kib]
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const runs = Number(process.argv[2] ?? "3");
const kib = process.argv[3] ?? "64";
const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve("@sel4ts/cpu-aarch64/package.json"));
const workload = join(pkgDir, "bench", "workload");
for (const file of ["dist/index.js", "dist/index.cjs"]) {
  if (!existsSync(join(pkgDir, file))) throw new Error(`module-formats: ${file} is missing; build @sel4ts/cpu-aarch64 first (pnpm turbo run build)`);
}

/** The child: loads the build one way, runs the workload twice (cold, then warm) and prints JSON. */
const child = (load: string): string => `
const { readFileSync } = require("node:fs");
(async () => {
  const t0 = process.cpuUsage();
  const mod = ${load};
  const loaded = process.cpuUsage(t0);
  const image = new Uint8Array(readFileSync(${JSON.stringify(workload)}));
  const times = [];
  for (let i = 0; i < 2; i++) {
    const c = process.cpuUsage();
    const r = mod.runLinuxUserProgram({ image, argv: ["workload", ${JSON.stringify(kib)}] });
    const u = process.cpuUsage(c);
    times.push({ cpu: (u.user + u.system) / 1e6, instructions: r.instructions });
  }
  console.log(JSON.stringify({ loadSeconds: (loaded.user + loaded.system) / 1e6, times }));
})();`;

const formats = {
  esm: `await import(${JSON.stringify(join(pkgDir, "dist/index.js"))})`,
  cjs: `require(${JSON.stringify(join(pkgDir, "dist/index.cjs"))})`,
};
const results: Record<string, { load: number[]; cold: number[]; warm: number[]; mips: number[] }> = {};
for (let i = 0; i < runs; i++) {
  for (const [name, load] of Object.entries(formats)) {
    const out = JSON.parse(execFileSync(process.execPath, ["-e", child(load)], { encoding: "utf8" })) as {
      loadSeconds: number;
      times: { cpu: number; instructions: number }[];
    };
    const r = (results[name] ??= { load: [], cold: [], warm: [], mips: [] });
    r.load.push(out.loadSeconds);
    r.cold.push(out.times[0]!.cpu);
    r.warm.push(out.times[1]!.cpu);
    r.mips.push(out.times[1]!.instructions / out.times[1]!.cpu / 1e6);
  }
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`cpu-aarch64 workload (${kib} KiB), ${runs} alternating runs per build, medians of CPU seconds`);
console.log(`${"build".padEnd(6)}${"load s".padStart(10)}${"cold s".padStart(10)}${"warm s".padStart(10)}${"warm MIPS".padStart(12)}`);
for (const [name, r] of Object.entries(results)) {
  console.log(`${name.padEnd(6)}${median(r.load).toFixed(3).padStart(10)}${median(r.cold).toFixed(3).padStart(10)}${median(r.warm).toFixed(3).padStart(10)}${median(r.mips).toFixed(1).padStart(12)}`);
}
