import { SdfError } from "./errors.js";
import type { SdfNode } from "./xml.js";

const U64_MAX = (1n << 64n) - 1n;
const I64_MAX = (1n << 63n) - 1n;
const I64_MIN = -(1n << 63n);

/** Rust's integer-parse error wording, which the Microkit tool prints after the number. */
function parseDigits(digits: string, radix: 10 | 16, signed: boolean): bigint | string {
  let body = digits;
  let negative = false;
  if (body.startsWith("+")) body = body.slice(1);
  else if (signed && body.startsWith("-")) {
    negative = true;
    body = body.slice(1);
  }
  if (digits === "") return "cannot parse integer from empty string";
  if (body === "") return "invalid digit found in string";
  const valid = radix === 16 ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/;
  if (!valid.test(body)) return "invalid digit found in string";
  const magnitude = BigInt(radix === 16 ? `0x${body}` : body);
  const value = negative ? -magnitude : magnitude;
  if (signed ? value > I64_MAX : value > U64_MAX) return "number too large to fit in target type";
  if (signed && value < I64_MIN) return "number too small to fit in target type";
  return value;
}

function location(fileName: string, node: SdfNode): string {
  return `${fileName}:${node.location.line}:${node.location.column}`;
}

/**
 * The Microkit tool's `sdf_parse_number`: decimal or `0x` hexadecimal, underscores ignored
 * (`0x1_000`), an unsigned 64-bit value.
 */
export function sdfParseNumber(fileName: string, text: string, node: SdfNode): bigint {
  const stripped = text.replaceAll("_", "");
  const hex = stripped.startsWith("0x");
  const result = parseDigits(hex ? stripped.slice(2) : stripped, hex ? 16 : 10, false);
  if (typeof result === "string") {
    throw new SdfError(
      `Error: failed to parse integer '${text}' on element '${node.tag}': ${result}: ${location(fileName, node)}`,
    );
  }
  return result;
}

/**
 * Ids (`irq`, `end`, `vcpu` ids, the `irq` number) are read by the Microkit tool as plain decimal
 * (Rust `parse::<i64>()` / `parse::<u64>()`); where it would panic on a bad value we report it.
 */
export function sdfParseDecimal(fileName: string, text: string, node: SdfNode, signed: boolean): bigint {
  const result = parseDigits(text, 10, signed);
  if (typeof result === "string") {
    throw new SdfError(
      `Error: failed to parse integer '${text}' on element '${node.tag}': ${result}: ${location(fileName, node)}`,
    );
  }
  return result;
}

/** The Microkit tool's `str_to_bool`: exactly `true` or `false`. */
export function strToBool(text: string): boolean | undefined {
  if (text === "true") return true;
  if (text === "false") return false;
  return undefined;
}

/** `0x…` in lower case, as Rust's `{:#x}` prints. */
export function hex(value: bigint | number): string {
  return `0x${value.toString(16)}`;
}
