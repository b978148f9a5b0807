import { FdtError } from "./errors.js";

const UTF8 = new TextEncoder();
const U64_MAX = (1n << 64n) - 1n;

/** Throws a `bad-value` error unless `value` is an integer in [0, 2^32). */
export function checkU32(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new FdtError("bad-value", `${what}: ${value} is not a u32 (an integer from 0 to 0xffffffff)`);
  }
}

/** Converts a u64 given as a safe integer or a bigint to a bigint, checking its range. */
export function toU64(value: number | bigint, what: string): bigint {
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new FdtError("bad-value", `${what}: ${value} is not a u64 given as a number (use a bigint above 2^53 - 1)`);
    }
    return BigInt(value);
  }
  if (value < 0n || value > U64_MAX) {
    throw new FdtError("bad-value", `${what}: ${value} is not a u64 (0 to 2^64 - 1)`);
  }
  return value;
}

/** Big-endian cells (u32 each), the encoding of `<a b c>`. */
export function encodeCells(values: readonly number[], what: string): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((value, i) => {
    checkU32(value, what);
    view.setUint32(i * 4, value);
  });
  return bytes;
}

/** Big-endian u64 values, the encoding of `/bits/ 64 <a b>` (two cells each). */
export function encodeU64s(values: readonly (number | bigint)[], what: string): Uint8Array {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  values.forEach((value, i) => view.setBigUint64(i * 8, toU64(value, what)));
  return bytes;
}

/** NUL-terminated UTF-8 strings one after another, the encoding of `"a", "b"`. */
export function encodeStrings(values: readonly string[], what: string): Uint8Array {
  const parts = values.map((value) => {
    if (value.includes("\0")) {
      throw new FdtError("bad-value", `${what}: a string must not contain NUL (use a string list)`);
    }
    return UTF8.encode(value);
  });
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length + 1, 0));
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length + 1;
  }
  return bytes;
}

/** Raw bytes given as a Uint8Array (used as is) or as numbers, each checked to be 0..255. */
export function encodeBytes(value: Uint8Array | readonly number[], what: string): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (value.some((byte) => !Number.isInteger(byte) || byte < 0 || byte > 0xff)) {
    throw new FdtError("bad-value", `${what}: every byte must be an integer from 0 to 255`);
  }
  return Uint8Array.from(value);
}
