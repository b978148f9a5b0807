// Hand-assembles blobs with arbitrary structure blocks, to build trees the writer refuses to.
import { ByteSink } from "../src/byte-sink.js";

/** Structure-block tokens, for hand-assembled blobs. */
export const T = { BEGIN: 1, END_NODE: 2, PROP: 3, NOP: 4, END: 9 } as const;

/** Structure-block words: numbers are big-endian u32s, strings are NUL-terminated and padded to 4. */
export type RawWord = number | string;

/** A version-17 blob around `struct` and `strings`, laid out like the writer's. */
export function rawBlob(struct: readonly RawWord[], strings = ""): Uint8Array {
  const body = new ByteSink();
  for (const word of struct) {
    if (typeof word === "number") body.u32(word);
    else {
      body.append(new TextEncoder().encode(`${word}\0`));
      body.padTo(4);
    }
  }
  const structBytes = body.toBytes();
  const stringBytes = new TextEncoder().encode(strings);
  const offStruct = 40 + 16;
  const offStrings = offStruct + structBytes.length;
  const out = new ByteSink();
  for (const field of [
    0xd00dfeed,
    offStrings + stringBytes.length,
    offStruct,
    offStrings,
    40,
    17,
    16,
    0,
    stringBytes.length,
    structBytes.length,
  ]) {
    out.u32(field);
  }
  out.u64(0n);
  out.u64(0n);
  out.append(structBytes);
  out.append(stringBytes);
  return out.toBytes();
}

/** A copy of `blob` with the big-endian u32 at `offset` replaced. */
export function patchU32(blob: Uint8Array, offset: number, value: number): Uint8Array {
  const copy = blob.slice();
  new DataView(copy.buffer).setUint32(offset, value);
  return copy;
}

/** The big-endian u32 at `offset`. */
export function readU32(blob: Uint8Array, offset: number): number {
  return new DataView(blob.buffer, blob.byteOffset, blob.byteLength).getUint32(offset);
}
