import { CpuError } from "../core/errors.js";

/** One named bit field of an encoding, as written in the table. */
export interface FieldSpec {
  readonly name: string;
  /** Bit position of the field's least significant bit. */
  readonly lsb: number;
  readonly len: number;
  /** Sign-extend when extracted (written `name:sLEN`). */
  readonly signed: boolean;
}

/** One encoding pattern of the table. */
export interface PatternSpec {
  readonly name: string;
  /** Bits that must have the value in `value` (unsigned 32-bit). */
  readonly mask: number;
  readonly value: number;
  readonly fields: readonly FieldSpec[];
  /** Index of the `{…}` group the pattern belongs to, or -1. */
  readonly group: number;
  /** 1-based line in the table source, for messages. */
  readonly line: number;
  /** The table source the pattern comes from ("" for a lone table), for messages. */
  readonly file: string;
}

/** One table of a decoder made of several (each group of instructions keeps its own file). */
export interface TableSource {
  /** Where the table lives (named in error messages). */
  readonly file: string;
  readonly text: string;
}

const FIELD_TOKEN = /^([A-Za-z_][A-Za-z0-9_]*):(s?)(\d+)$/;
const BITS_TOKEN = /^[01-]+$/;
const NAME = /^[A-Z][A-Za-z0-9_]*$/;

/**
 * Parses an encoding table (see `a64-table.ts` for the syntax), or several tables making one
 * decoder, and checks them: every line covers 32 bits, names are unique, fields do not repeat,
 * and no two patterns overlap (across all the tables) unless they are members of the same `{…}`
 * group. Throws CpuError naming the table and line on any violation.
 */
export function parseEncodingTable(source: string | readonly TableSource[]): PatternSpec[] {
  const sources = typeof source === "string" ? [{ file: "", text: source }] : source;
  const patterns: PatternSpec[] = [];
  const names = new Set<string>();
  let groupCount = 0;
  for (const { file, text } of sources) {
    let group = -1;
    const where = (lineNo: number) => `encoding table ${file === "" ? "" : `${file} `}line ${lineNo}`;
    text.split("\n").forEach((raw, index) => {
      const lineNo = index + 1;
      const line = raw.replace(/#.*/, "").trim();
      if (line === "") return;
      if (line === "{") {
        if (group !== -1) throw new CpuError(`${where(lineNo)}: nested groups are not supported`);
        group = groupCount++;
        return;
      }
      if (line === "}") {
        if (group === -1) throw new CpuError(`${where(lineNo)}: '}' without '{'`);
        group = -1;
        return;
      }
      const [name, ...tokens] = line.split(/\s+/);
      if (name === undefined || !NAME.test(name)) {
        throw new CpuError(`${where(lineNo)}: expected a pattern name, got '${name}'`);
      }
      if (names.has(name)) throw new CpuError(`${where(lineNo)}: duplicate pattern name ${name}`);
      names.add(name);
      patterns.push(parsePatternTokens(name, tokens, group, lineNo, file));
    });
    if (group !== -1) throw new CpuError(`encoding table${file === "" ? "" : ` ${file}`}: unterminated '{' group`);
  }
  checkOverlaps(patterns);
  return patterns;
}

function parsePatternTokens(name: string, tokens: string[], group: number, lineNo: number, file: string): PatternSpec {
  const line = file === "" ? `${lineNo}` : `${lineNo} of ${file}`;
  let bit = 32;
  let mask = 0;
  let value = 0;
  const fields: FieldSpec[] = [];
  for (const token of tokens) {
    const field = FIELD_TOKEN.exec(token);
    if (field) {
      const len = Number(field[3]);
      bit -= len;
      if (len < 1 || bit < 0) throw new CpuError(`encoding table line ${line}: ${name}: field ${token} runs past bit 0`);
      const fieldName = field[1]!;
      if (fields.some((f) => f.name === fieldName)) {
        throw new CpuError(`encoding table line ${line}: ${name}: field ${fieldName} appears twice`);
      }
      fields.push({ name: fieldName, lsb: bit, len, signed: field[2] === "s" });
    } else if (BITS_TOKEN.test(token)) {
      for (const ch of token) {
        bit--;
        if (bit < 0) throw new CpuError(`encoding table line ${line}: ${name}: more than 32 bits`);
        if (ch !== "-") {
          mask |= 1 << bit;
          if (ch === "1") value |= 1 << bit;
        }
      }
    } else {
      throw new CpuError(`encoding table line ${line}: ${name}: cannot read token '${token}'`);
    }
  }
  if (bit !== 0) throw new CpuError(`encoding table line ${line}: ${name}: covers ${32 - bit} bits, expected 32`);
  return { name, mask: mask >>> 0, value: value >>> 0, fields, group, line: lineNo, file };
}

/** Two patterns overlap when some instruction word matches both. */
export function patternsOverlap(a: PatternSpec, b: PatternSpec): boolean {
  return ((a.value ^ b.value) & a.mask & b.mask) === 0;
}

function lineOf(p: PatternSpec): string {
  return p.file === "" ? `line ${p.line}` : `${p.file} line ${p.line}`;
}

function checkOverlaps(patterns: readonly PatternSpec[]): void {
  for (let i = 0; i < patterns.length; i++) {
    for (let j = i + 1; j < patterns.length; j++) {
      const a = patterns[i]!;
      const b = patterns[j]!;
      if (a.group !== -1 && a.group === b.group) continue;
      if (patternsOverlap(a, b)) {
        throw new CpuError(
          `encoding table: ${a.name} (${lineOf(a)}) overlaps ${b.name} (${lineOf(b)}); ` +
            "put them in one '{…}' group if the overlap is intended",
        );
      }
    }
  }
}
