// Comparing a program's output with its golden and explaining the first difference in terms of
// the register dumps printed by conformance/src/harness.inc.

/** One dump block: a `== label` header and the `name=value` fields that follow it. */
export interface DumpBlock {
  /** 0-based position among the blocks of the output. */
  ordinal: number;
  label: string;
  /** 0-based index of the header among the output's lines. */
  firstLine: number;
  /** Index one past the block's last line. */
  endLine: number;
  fields: Map<string, string>;
}

const HEADER = "== ";

/** Splits program output into its dump blocks (lines outside blocks are ignored). */
export function parseDumpBlocks(output: string): DumpBlock[] {
  const lines = output.split("\n");
  const blocks: DumpBlock[] = [];
  let current: DumpBlock | null = null;
  lines.forEach((line, index) => {
    if (line.startsWith(HEADER)) {
      if (current) current.endLine = index;
      current = { ordinal: blocks.length, label: line.slice(HEADER.length), firstLine: index, endLine: index + 1, fields: new Map() };
      blocks.push(current);
      return;
    }
    if (!current) return;
    current.endLine = index + 1;
    for (const token of line.split(" ")) {
      const eq = token.indexOf("=");
      if (eq > 0) current.fields.set(token.slice(0, eq), token.slice(eq + 1));
    }
  });
  return blocks;
}

/** The lines of a random program's source that run between the previous dump and the dump
 * labelled `label`, numbered; null when the label is not written literally in the source. */
export function sourceContext(source: string, label: string): string | null {
  const lines = source.split("\n");
  const at = lines.findIndex((line) => /^\s*DUMP\b/.test(line) && line.includes(`"${label}"`));
  if (at < 0) return null;
  let start = at;
  while (start > 0 && !/^\s*DUMP\b/.test(lines[start - 1] ?? "")) start--;
  start = Math.max(start, at - 40);
  return lines
    .slice(start, at + 1)
    .map((line, i) => `  ${String(start + i + 1).padStart(5)}: ${line.trim()}`)
    .join("\n");
}

function firstDifferentLine(expected: string[], actual: string[]): number {
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n; i++) if (expected[i] !== actual[i]) return i;
  return -1;
}

function excerpt(lines: string[], from: number, to: number): string {
  return lines
    .slice(Math.max(0, from), Math.min(lines.length, to))
    .map((line) => `    | ${line}`)
    .join("\n");
}

/**
 * Null when `actual` equals `expected`; otherwise a report of the first difference: which dump
 * block (ordinal and label), which registers or flags differ (expected vs actual), the source
 * instructions that produced it when `source` names the block, and both blocks in full. Output
 * that is not inside a dump block is reported as the first differing line with context.
 */
export function describeOutputMismatch(expected: string, actual: string, source: string | null = null): string | null {
  if (expected === actual) return null;
  const expectedLines = expected.split("\n");
  const actualLines = actual.split("\n");
  const line = firstDifferentLine(expectedLines, actualLines);
  const expectedBlocks = parseDumpBlocks(expected);
  const actualBlocks = parseDumpBlocks(actual);
  const block = expectedBlocks.find((b) => line >= b.firstLine && line < b.endLine);
  const report: string[] = [];

  if (line >= actualLines.length - 1 && actualLines.length < expectedLines.length) {
    report.push(`output stops early: ${actualLines.length - 1} lines instead of ${expectedLines.length - 1}`);
  }
  if (!block) {
    report.push(`first difference at output line ${line + 1}`);
    report.push(`  expected: ${JSON.stringify(expectedLines[line] ?? "<end of output>")}`);
    report.push(`  actual:   ${JSON.stringify(actualLines[line] ?? "<end of output>")}`);
    report.push("  expected context:", excerpt(expectedLines, line - 3, line + 4));
    report.push("  actual context:", excerpt(actualLines, line - 3, line + 4));
    return report.join("\n");
  }

  const other = actualBlocks[block.ordinal];
  report.push(`first difference in dump block #${block.ordinal} "${block.label}" (output line ${line + 1})`);
  if (!other) {
    report.push("  the actual output has no such block");
  } else {
    if (other.label !== block.label) report.push(`  actual block is labelled "${other.label}"`);
    const names = new Set([...block.fields.keys(), ...other.fields.keys()]);
    for (const name of names) {
      const want = block.fields.get(name) ?? "<missing>";
      const got = other.fields.get(name) ?? "<missing>";
      if (want !== got) report.push(`  ${name}: expected ${want}, actual ${got}`);
    }
  }
  const context = source === null ? null : sourceContext(source, block.label);
  if (context) report.push("  instructions since the previous dump:", context);
  report.push("  expected block:", excerpt(expectedLines, block.firstLine, block.endLine));
  if (other) report.push("  actual block:", excerpt(actualLines, other.firstLine, other.endLine));
  return report.join("\n");
}
