import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { docFiles, repoRoot } from "./docs";
import { REPOSITORY_URL, linkProblems, linkTargets } from "./links";

describe("links in the READMEs and docs", () => {
  it("the repository URL is the one the packages declare", () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, "packages/libsel4vm/package.json"), "utf8")) as { repository: { url: string } };
    expect(manifest.repository.url).toBe(`git+${REPOSITORY_URL}.git`);
  });

  it("point at files that exist: in the repository, and for a published package's README in its tarball", () => {
    expect(docFiles().flatMap(linkProblems)).toEqual([]);
  });

  it("nothing a user reads points at notes outside the repository", () => {
    const outside = docFiles().filter((f) => /shared\s+notes|\/work\/shared/.test(readFileSync(f, "utf8")));
    expect(outside).toEqual([]);
  });

  it("the checker finds a source link that a tarball would not contain", () => {
    const dir = mkdtempSync(join(repoRoot, "packages", ".links-fixture-"));
    try {
      mkdirSync(join(dir, "src"));
      writeFileSync(join(dir, "src", "a.ts"), "");
      writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "x", files: ["dist"] }));
      writeFileSync(join(dir, "README.md"), "See [a](src/a.ts), [gone](missing.md) and `[not a link](x)`.\n```\n[in code](y)\n```\n");
      expect(linkTargets(readFileSync(join(dir, "README.md"), "utf8")).map((l) => l.target)).toEqual(["src/a.ts", "missing.md"]);
      const problems = linkProblems(join(dir, "README.md"));
      expect(problems).toHaveLength(2);
      expect(problems[0]).toMatch(/src\/a\.ts: not in the published package .* link https:\/\/github\.com\/sel4ts\/sel4ts\/blob\/main\/packages\/\.links-fixture-\w+\/src\/a\.ts instead/);
      expect(problems[1]).toMatch(/missing\.md: no such file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
