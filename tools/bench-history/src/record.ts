// `pnpm bench`'s last step: gathers bench-results/*.json into bench-results/history/<time>.json
// and prints every figure beside the previous run's. bench-results/ is git-ignored: the history
// belongs to the machine it was measured on.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { findRepoRoot } from "../../../bench.shared";
import { compare, flatten, type Figures, type HistoryEntry } from "./history";

function headCommit(root: string): string | null {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).trim();
  } catch {
    return null;
  }
}

const root = findRepoRoot();
const results = join(root, "bench-results");
const historyDir = join(results, "history");
if (!existsSync(results)) throw new Error("bench-history: no bench-results/ directory; run `pnpm bench` first");
const files = readdirSync(results).filter((f) => f.endsWith(".json")).sort();
if (files.length === 0) throw new Error("bench-history: bench-results/ holds no JSON; run `pnpm bench` first");
const figures: Figures = {};
for (const file of files) flatten(JSON.parse(readFileSync(join(results, file), "utf8")), file.replace(/\.json$/, ""), figures);

mkdirSync(historyDir, { recursive: true });
const earlier = readdirSync(historyDir).filter((f) => f.endsWith(".json")).sort();
const previous = earlier.length === 0 ? null : (JSON.parse(readFileSync(join(historyDir, earlier.at(-1)!), "utf8")) as HistoryEntry);
const entry: HistoryEntry = { date: new Date().toISOString(), commit: headCommit(root), figures };
const name = `${entry.date.replace(/[:.]/g, "-")}.json`;
writeFileSync(join(historyDir, name), `${JSON.stringify(entry, null, 2)}\n`);

console.log(previous === null ? "bench history: first run (nothing to compare with)" : `bench history: previous run ${previous.date} (${previous.commit ?? "no commit"}), this run ${entry.commit ?? "no commit"}`);
console.log(compare(previous?.figures ?? null, figures).join("\n"));
console.log(`wrote ${join(historyDir, name)} (${earlier.length + 1} runs kept)`);
