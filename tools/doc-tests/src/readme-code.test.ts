import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { afterAll, describe, expect, it, vi } from "vitest";
import { docFiles, docPrograms, repoRoot, type DocProgram } from "./docs";

// Every TypeScript/JavaScript block of the READMEs is a program that must type-check under the
// repository's strict settings and run (imports of @sel4ts/* resolve to the packages' sources).
// A block that is not meant to run says why in a `<!-- doc-test: skip (reason) -->` line before it.

// Outside the repository, so that the linters never see them.
const outDir = mkdtempSync(join(tmpdir(), "sel4ts-doc-tests-"));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const all = docFiles().map((file) => docPrograms(file));
const programs = all.flatMap((d) => d.programs);
const paths = new Map<DocProgram, string>();
for (const program of programs) {
  const path = join(outDir, `${program.name.replace(/[^A-Za-z0-9]+/g, "_")}.ts`);
  writeFileSync(path, `// Generated from ${program.name} by @sel4ts-tools/doc-tests. Do not edit.\n${program.source}`);
  paths.set(program, path);
}

describe("README code blocks", () => {
  it("every runnable block either runs or says why not", () => {
    expect(programs.length).toBeGreaterThan(5);
    for (const s of all.flatMap((d) => d.skipped)) expect(s.reason, `${s.name}: give a reason: <!-- doc-test: skip (why) -->`).not.toBe("");
  });

  it("type-check under the repository's strict settings", () => {
    const config = ts.readConfigFile(join(repoRoot, "tsconfig.base.json"), (p) => ts.sys.readFile(p));
    const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, repoRoot);
    // Examples may leave a result unused (`const result = await kernel.run()` shows what it returns).
    const options = { ...parsed.options, noUnusedLocals: false, noUnusedParameters: false, noEmit: true };
    const program = ts.createProgram([...paths.values()], options);
    // Only the generated files are checked (the packages' own sources are checked by their typecheck).
    const errors = [...paths.values()]
      .map((path) => program.getSourceFile(path)!)
      .flatMap((file) => [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)])
      .map((d) => {
        const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
        const origin = [...paths].find(([, path]) => path === d.file!.fileName)![0];
        return `${origin.name} (generated line ${line + 1}): ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
      });
    expect(errors).toEqual([]);
  });

  for (const program of programs) {
    it(`runs ${program.name}`, async () => {
      const printed: string[] = [];
      const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
        printed.push(args.map((a) => (typeof a === "string" ? a : typeof a === "bigint" ? `${a}n` : JSON.stringify(a))).join(" "));
      });
      try {
        await import(pathToFileURL(paths.get(program)!).href);
      } finally {
        spy.mockRestore();
      }
      if (program.stdout !== null) expect(printed.join("\n")).toBe(program.stdout.trimEnd());
    });
  }
});
