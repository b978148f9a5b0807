import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The environment without npm/pnpm script variables, so child tools use their own defaults. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(npm|pnpm)_/i.test(key) && key !== "NODE_OPTIONS")
  );
  return { ...env, npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" };
}

/** Runs a command; throws with its output if it fails. Returns stdout. */
export function run(command: string, args: readonly string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", env: cleanEnv() });
  if (result.error !== undefined) throw result.error;
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} (in ${cwd}) exited with ${result.status}:\n${result.stdout}\n${result.stderr}`
    );
  }
  return result.stdout;
}

/** Packs the package in `dir` (which must be built) into `destination`; returns the tarball's path. */
export function packPackage(dir: string, destination: string): string {
  if (!existsSync(join(dir, "dist"))) {
    throw new Error(`${dir} has no dist/: build it first (turbo's test task does, through ^build)`);
  }
  const before = new Set(readdirSync(destination));
  run("pnpm", ["pack", "--pack-destination", destination], dir);
  const made = readdirSync(destination).filter((file) => file.endsWith(".tgz") && !before.has(file));
  if (made.length !== 1) throw new Error(`pnpm pack in ${dir} made ${made.length} tarballs: ${made.join(", ")}`);
  return join(destination, made[0]!);
}

/** Creates a bare npm project in `dir` and installs `tarballs` into it from the files alone. */
export function installTarballs(dir: string, tarballs: readonly string[]): void {
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "pack-check-consumer", private: true }, null, 2));
  run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--no-package-lock", ...tarballs], dir);
}

/** Runs `body` (which uses `mod`) with the package imported from ESM; returns stdout. */
export function runEsm(dir: string, name: string, body: string): string {
  return run("node", ["--input-type=module", "-e", `import * as mod from ${JSON.stringify(name)};\n${body}`], dir);
}

/** Runs `body` (which uses `mod`) with the package loaded by `require()`; returns stdout. */
export function runCommonJs(dir: string, name: string, body: string): string {
  return run("node", ["--input-type=commonjs", "-e", `const mod = require(${JSON.stringify(name)});\n${body}`], dir);
}
