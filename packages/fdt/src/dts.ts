import type { Fdt } from "./fdt.js";
import type { FdtNode, FdtProperty } from "./node.js";

/** Control characters a DTS string can spell with a backslash escape. */
const ESCAPES: Readonly<Record<number, string>> = {
  0x07: "\\a",
  0x08: "\\b",
  0x09: "\\t",
  0x0a: "\\n",
  0x0b: "\\v",
  0x0c: "\\f",
  0x0d: "\\r",
  0x22: '\\"',
  0x5c: "\\\\",
};

const isPrintable = (byte: number): boolean => byte >= 0x20 && byte < 0x7f;
const hex = (value: number | bigint, width: number): string => value.toString(16).padStart(width, "0");

/**
 * Whether a value reads as NUL-terminated text, by dtc's rule when it decompiles: it ends with
 * NUL, every byte is printable, NUL or an escapable control character, and at most half are NUL.
 */
function looksLikeStrings(value: Uint8Array): boolean {
  if (value[value.length - 1] !== 0) return false;
  let nuls = 0;
  for (const byte of value) {
    if (byte === 0) nuls++;
    else if (!isPrintable(byte) && ESCAPES[byte] === undefined) return false;
  }
  return nuls <= value.length - nuls;
}

/** One DTS string literal for `bytes` (no NUL inside). */
function quote(bytes: Uint8Array): string {
  let text = '"';
  for (const byte of bytes)
    text += ESCAPES[byte] ?? (isPrintable(byte) ? String.fromCharCode(byte) : `\\x${hex(byte, 2)}`);
  return `${text}"`;
}

/** The DTS spelling of a property's value: strings, cells or bytes, guessed from the bytes. */
function formatValue(property: FdtProperty): string {
  const value = property.asBytes();
  if (looksLikeStrings(value)) {
    const strings: string[] = [];
    for (let start = 0; start < value.length; ) {
      const end = value.indexOf(0, start);
      strings.push(quote(value.subarray(start, end)));
      start = end + 1;
    }
    return strings.join(", ");
  }
  if (value.length % 4 === 0)
    return `<${property
      .asCells()
      .map((cell) => `0x${hex(cell, 2)}`)
      .join(" ")}>`;
  return `[${Array.from(value, (byte) => hex(byte, 2)).join(" ")}]`;
}

/**
 * Appends `node` and its subtree to `lines`. Iterative (an explicit stack of open nodes), so that
 * a tree parsed with a large maxDepth cannot overflow the call stack.
 */
function formatNode(root: FdtNode, lines: string[]): void {
  const open = (node: FdtNode, depth: number): { node: FdtNode; depth: number; next: number } => {
    const indent = "\t".repeat(depth);
    lines.push(`${indent}${node.parent === undefined ? "/" : node.name} {`);
    for (const property of node.properties) {
      lines.push(property.isEmpty ? `${indent}\t${property.name};` : `${indent}\t${property.name} = ${formatValue(property)};`);
    }
    return { node, depth, next: 0 };
  };
  const stack = [open(root, 0)];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const child = top.node.children[top.next++];
    if (child !== undefined) {
      lines.push("");
      stack.push(open(child, top.depth + 1));
    } else {
      lines.push(`${"\t".repeat(top.depth)}};`);
      stack.pop();
    }
  }
}

/**
 * The tree as device tree source, laid out as `dtc -I dtb -O dts` lays it out: text-like values
 * as (lists of) strings, values of whole cells as `<0x..>`, anything else as `[..]`, phandles
 * as plain numbers. dtc compiles the text back to the same blob (given `-b` for a non-zero boot
 * CPU, which DTS cannot say). Meant for reading and debugging a tree.
 */
export function formatDts(fdt: Fdt): string {
  const lines = ["/dts-v1/;", ""];
  for (const { address, size } of fdt.memoryReservations) {
    lines.push(`/memreserve/\t0x${hex(address, 16)} 0x${hex(size, 16)};`);
  }
  formatNode(fdt.root, lines);
  return `${lines.join("\n")}\n`;
}
