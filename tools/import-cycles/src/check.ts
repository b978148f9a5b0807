// `pnpm --filter @sel4ts-tools/import-cycles check [--verbose]`: prints the largest import circle of
// every workspace package; exit status 1 if one is over its limit in limits.json.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { checkWorkspace, formatReport, type CycleLimits } from "./import-cycles";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const limits = JSON.parse(readFileSync(new URL("../limits.json", import.meta.url), "utf8")) as CycleLimits;
const reports = checkWorkspace(root, limits);
for (const line of formatReport(reports, process.argv.includes("--verbose"))) console.log(line);
if (reports.some((r) => r.over)) {
  console.error("import-cycles: over the limit. Give the low module a narrow interface of what it needs instead of importing the module that composes it (docs/ARCHITECTURE.md).");
  process.exitCode = 1;
}
