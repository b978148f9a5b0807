/** pnpm linux: see cli.ts. */
import { tuneV8ForTranslatedCode } from "@sel4ts/cpu-aarch64/node";
import { runLinuxCli } from "./cli.js";

tuneV8ForTranslatedCode();
runLinuxCli(process.argv.slice(2)).then(
  (status) => process.exit(status),
  (error: unknown) => {
    process.stderr.write(`linux: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  }
);
