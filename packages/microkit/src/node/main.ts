#!/usr/bin/env node
// Entry point of the `sel4ts-microkit` command (built to dist/cli.js; bin/sel4ts-microkit.mjs runs it).
import { runCli } from "./cli.js";

void runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then((status) => {
  process.exitCode = status;
});
