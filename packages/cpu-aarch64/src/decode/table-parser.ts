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
}

const FIELD_TOKEN = /^([A-Za-z_][A-Za-z0-9_]*):(s?)(\d+)$/;
const BITS_TOKEN = /^[01-]+$/;
const NAME = /^[A-Z][A-Za-z0-9_]*$/;

/**
 * Parses an encoding table (see `a64-table.ts` for the syntax) and checks it: every line covers
 * 32 bits, names are unique, fields do not repeat, and no two patterns overlap unless they are
 * members of the same `{…}` group. Throws CpuError naming the line on any violation.
 */
export function parseEncodingTable(source: string): PatternSpec[] {
  const patterns: PatternSpec[] = [];
  const names = new Set<string>();
  let group = -1;
  let groupCount = 0;
  const lines = source.split("\n");
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const text = raw.replace(/#.*/, "").trim();
    if (text === "") return;
    if (text === "{") {
      if (group !== -1) throw new CpuError(`encoding table line ${lineNo}: nested groups are not supported`);
      group = groupCount++;
      return;
    }
    if (text === "}") {
      if (group === -1) throw new CpuError(`encoding table line ${lineNo}: '}' without '{'`);
      group = -1;
      return;
    }
    const [name, ...tokens] = text.split(/\s+/);
    if (name === undefined || !NAME.test(name)) {
      throw new CpuError(`encoding table line ${lineNo}: expected a pattern name, got '${name}'`);
    }
    if (names.has(name)) throw new CpuError(`encoding table line ${lineNo}: duplicate pattern name ${name}`);
    names.add(name);
    patterns.push(parsePatternTokens(name, tokens, group, lineNo));
  });
  if (group !== -1) throw new CpuError("encoding table: unterminated '{' group");
  checkOverlaps(patterns);
  return patterns;
}

function parsePatternTokens(name: string, tokens: string[], group: number, line: number): PatternSpec {
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
  return { name, mask: mask >>> 0, value: value >>> 0, fields, group, line };
}

/** Two patterns overlap when some instruction word matches both. */
export function patternsOverlap(a: PatternSpec, b: PatternSpec): boolean {
  return ((a.value ^ b.value) & a.mask & b.mask) === 0;
}

function checkOverlaps(patterns: readonly PatternSpec[]): void {
  for (let i = 0; i < patterns.length; i++) {
    for (let j = i + 1; j < patterns.length; j++) {
      const a = patterns[i]!;
      const b = patterns[j]!;
      if (a.group !== -1 && a.group === b.group) continue;
      if (patternsOverlap(a, b)) {
        throw new CpuError(
          `encoding table: ${a.name} (line ${a.line}) overlaps ${b.name} (line ${b.line}); ` +
            "put them in one '{…}' group if the overlap is intended",
        );
      }
    }
  }
}
