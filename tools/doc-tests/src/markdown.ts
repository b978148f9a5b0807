// The fenced code blocks of a Markdown file, with the doc-test marker (an HTML comment on the
// lines just before the opening fence) that says how the doc tests treat each one.

/** How a block is treated: run it, run it after the previous run block of the file, skip it, or compare it with the previous block's output. */
export type DocTestMarker = { kind: "run" } | { kind: "continues" } | { kind: "skip"; reason: string } | { kind: "stdout" };

/** One fenced block. */
export interface CodeBlock {
  /** The info string's first word ("ts", "sh", "" …). */
  readonly lang: string;
  readonly code: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly marker: DocTestMarker;
}

const MARKER = /^<!--\s*doc-test:\s*(skip|continues|stdout)\b\s*(.*?)\s*-->$/;

/** The fenced code blocks of `markdown`; throws on an unknown doc-test marker or an unclosed fence. */
export function codeBlocks(markdown: string, source: string): CodeBlock[] {
  const lines = markdown.split("\n");
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,}|~{3,})\s*([^\s`]*)/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[1]!;
    const start = i;
    let end = i + 1;
    while (end < lines.length && !lines[end]!.startsWith(fence)) end++;
    if (end >= lines.length) throw new Error(`${source}:${start + 1}: code block not closed`);
    let marker: DocTestMarker = { kind: "run" };
    let above = start - 1;
    while (above >= 0 && lines[above]!.trim() === "") above--;
    const text = above >= 0 ? lines[above]!.trim() : "";
    if (text.startsWith("<!--") && text.includes("doc-test")) {
      const m = MARKER.exec(text);
      if (!m) throw new Error(`${source}:${above + 1}: unknown doc-test marker ${text} (use skip (reason), continues or stdout)`);
      marker = m[1] === "skip" ? { kind: "skip", reason: m[2]!.replace(/^\((.*)\)$/, "$1") } : { kind: m[1] as "continues" | "stdout" };
    }
    blocks.push({ lang: open[2]!.toLowerCase(), code: lines.slice(start + 1, end).join("\n"), line: start + 1, marker });
    i = end;
  }
  return blocks;
}

/** Languages whose blocks are programs the doc tests run (shell blocks are commands to type). */
export const RUNNABLE_LANGS: ReadonlySet<string> = new Set(["ts", "typescript", "js", "javascript", "mjs"]);
