#!/usr/bin/env node
// Entry point of the `sel4ts-aarch64` command (built to dist/cli.js with a node shebang).
import { tuneV8ForTranslatedCode } from "../node/v8-tuning.js";
import { runCli } from "./main.js";

tuneV8ForTranslatedCode();
process.exitCode = runCli(process.argv.slice(2));
