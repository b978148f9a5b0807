// Which Markdown files the doc tests read, and the runnable programs their code blocks make.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { RUNNABLE_LANGS, codeBlocks, type CodeBlock } from "./markdown";

export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** The READMEs and docs a user reads: root *.md, docs/*.md, and the README of every workspace package. */
export function docFiles(): string[] {
  const files = readdirSync(repoRoot).filter((f) => f.endsWith(".md")).map((f) => join(repoRoot, f));
  const docs = join(repoRoot, "docs");
  if (existsSync(docs)) files.push(...readdirSync(docs).filter((f) => f.endsWith(".md")).map((f) => join(docs, f)));
  for (const group of ["packages", "examples", "tools"]) {
    const dir = join(repoRoot, group);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      const readme = join(dir, name, "README.md");
      if (existsSync(readme)) files.push(readme);
    }
  }
  return files;
}

/** A program made of one README block (and the blocks it continues). */
export interface DocProgram {
  /** `<file>:<line>` of its last block. */
  readonly name: string;
  readonly file: string;
  readonly block: CodeBlock;
  /** The module text: the imports of every block first, then the bodies in order. */
  readonly source: string;
  /** The output the README shows for it (a following `doc-test: stdout` block), if any. */
  readonly stdout: string | null;
}

const IMPORT = /^import\s[\s\S]*?from\s*["'][^"']+["'];?$|^import\s*["'][^"']+["'];?$/gm;

/** Splits a block into its import statements and the rest. */
function splitImports(code: string): { imports: string[]; body: string } {
  const imports = code.match(IMPORT) ?? [];
  return { imports, body: code.replace(IMPORT, "") };
}

/** The runnable programs of one Markdown file, and its skipped runnable-language blocks with their reasons. */
export function docPrograms(file: string): { programs: DocProgram[]; skipped: { name: string; reason: string }[] } {
  const name = relative(repoRoot, file);
  const blocks = codeBlocks(readFileSync(file, "utf8"), name);
  const programs: DocProgram[] = [];
  const skipped: { name: string; reason: string }[] = [];
  let previous: { imports: string[]; bodies: string[] } | null = null;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (!RUNNABLE_LANGS.has(block.lang)) continue;
    const where = `${name}:${block.line}`;
    if (block.marker.kind === "skip") {
      skipped.push({ name: where, reason: block.marker.reason });
      continue;
    }
    if (block.marker.kind === "continues" && !previous) throw new Error(`${where}: "doc-test: continues" but no block before it runs`);
    const own = splitImports(block.code);
    const base: { imports: string[]; bodies: string[] } = block.marker.kind === "continues" && previous ? previous : { imports: [], bodies: [] };
    const combined = { imports: [...new Set([...base.imports, ...own.imports])], bodies: [...base.bodies, own.body] };
    previous = combined;
    const next = blocks[i + 1];
    const stdout = next?.marker.kind === "stdout" ? next.code : null;
    const source = `${combined.imports.join("\n")}\n${combined.bodies.join("\n")}\nexport {};\n`;
    programs.push({ name: where, file, block, source, stdout });
  }
  return { programs, skipped };
}
