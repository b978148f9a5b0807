#!/usr/bin/env node
// Entry point of the `sel4ts-aarch64` command (built to dist/cli.js with a node shebang).
import { runCli } from "./main.js";

process.exitCode = runCli(process.argv.slice(2));
