// The links of a Markdown file and where each must point.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { repoRoot } from "./docs";

/** Where the repository lives (the `repository` field of the packages' package.json files). */
export const REPOSITORY_URL = "https://github.com/sel4ts/sel4ts";

/** The link targets of `markdown` (inline links and images; code spans and fenced blocks skipped). */
export function linkTargets(markdown: string): { target: string; line: number }[] {
  const out: { target: string; line: number }[] = [];
  let inFence = false;
  markdown.split("\n").forEach((text, i) => {
    if (/^(`{3,}|~{3,})/.test(text)) inFence = !inFence;
    if (inFence) return;
    const withoutCode = text.replace(/`[^`]*`/g, "");
    for (const m of withoutCode.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) out.push({ target: m[1]!, line: i + 1 });
  });
  return out;
}

/** The published files of a package (its `files` plus what npm always packs), or null for a private package. */
function tarballRoots(packageDir: string): string[] | null {
  const manifestPath = join(packageDir, "package.json");
  if (!existsSync(manifestPath)) return null;
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { private?: boolean; files?: string[] };
  if (manifest.private) return null;
  return [...(manifest.files ?? []), "package.json", "README.md", "LICENSE", "CHANGELOG.md"];
}

/** Problems with the links of the Markdown file at `file` (empty when every link is fine). */
export function linkProblems(file: string): string[] {
  const name = relative(repoRoot, file);
  const dir = dirname(file);
  const published = tarballRoots(dir);
  const problems: string[] = [];
  for (const { target, line } of linkTargets(readFileSync(file, "utf8"))) {
    const where = `${name}:${line}: ${target}`;
    if (target.startsWith("#") || target.startsWith("mailto:")) continue;
    if (target.startsWith(`${REPOSITORY_URL}/`)) {
      const path = /^\/(?:blob|tree)\/main\/([^#?]*)/.exec(target.slice(REPOSITORY_URL.length))?.[1];
      if (path === undefined) problems.push(`${where}: a repository link must be ${REPOSITORY_URL}/blob/main/<path> or /tree/main/<path>`);
      else if (!existsSync(join(repoRoot, decodeURIComponent(path)))) problems.push(`${where}: ${path} does not exist in the repository`);
      continue;
    }
    if (/^[a-z]+:/i.test(target)) continue; // other sites: not checked here (no network in tests)
    const path = resolve(dir, decodeURIComponent(target.split("#")[0]!));
    if (!path.startsWith(repoRoot)) {
      problems.push(`${where}: points outside the repository`);
      continue;
    }
    if (!existsSync(path)) {
      problems.push(`${where}: no such file`);
      continue;
    }
    if (published) {
      const inPackage = relative(dir, path);
      const shipped = !inPackage.startsWith("..") && published.some((root) => inPackage === root || inPackage.startsWith(`${root}${sep}`));
      if (!shipped) {
        const url = `${REPOSITORY_URL}/blob/main/${relative(repoRoot, path).split(sep).join("/")}`;
        problems.push(`${where}: not in the published package (files: ${published.join(", ")}); link ${url} instead`);
      }
    }
  }
  return problems;
}
