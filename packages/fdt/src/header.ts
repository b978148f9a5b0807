import { FdtError } from "./errors.js";
import type { FdtErrorKind } from "./errors.js";
import { FDT_HEADER_SIZE, FDT_MAGIC, FDT_VERSION, HEADER } from "./format.js";

/** The header fields of a device tree blob. */
export interface FdtHeader {
  /** Size of the whole blob in bytes, as the header states it. */
  readonly totalsize: number;
  /** Offset of the structure block. */
  readonly offDtStruct: number;
  /** Offset of the strings block. */
  readonly offDtStrings: number;
  /** Offset of the memory reservation block. */
  readonly offMemRsvmap: number;
  /** Format version of the blob. */
  readonly version: number;
  /** Oldest version the blob is compatible with. */
  readonly lastCompVersion: number;
  /** Physical id of the boot CPU. */
  readonly bootCpuidPhys: number;
  /** Size of the strings block. */
  readonly sizeDtStrings: number;
  /** Size of the structure block (for a version-16 blob: the bytes from its offset to `totalsize`). */
  readonly sizeDtStruct: number;
}

/** Oldest blob version this reader parses: version 16 introduced the current node-name layout. */
const OLDEST_READABLE_VERSION = 16;
/** A version-16 header has no `size_dt_struct` field. */
const VERSION_16_HEADER_SIZE = 36;

/** Reads and validates the header of `blob`; every block it describes lies within `totalsize`. */
export function parseHeader(blob: Uint8Array, source: string | undefined): FdtHeader {
  const fail = (kind: FdtErrorKind, detail: string, offset: number): never => {
    throw new FdtError(kind, detail, offset, source);
  };
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const field = (offset: number): number => view.getUint32(offset);

  if (blob.length < 4) {
    fail("truncated", `expected the 4-byte magic 0xd00dfeed, but the blob has ${blob.length} bytes`, 0);
  }
  const magic = field(HEADER.magic);
  if (magic !== FDT_MAGIC) {
    fail("bad-magic", `expected magic 0xd00dfeed, found 0x${magic.toString(16).padStart(8, "0")}`, HEADER.magic);
  }
  if (blob.length < HEADER.lastCompVersion + 4) {
    fail("truncated", `expected a header with version fields, but the blob has ${blob.length} bytes`, blob.length);
  }
  const version = field(HEADER.version);
  const lastCompVersion = field(HEADER.lastCompVersion);
  if (version < OLDEST_READABLE_VERSION) {
    fail("bad-version", `expected version ${OLDEST_READABLE_VERSION} or later, found ${version}`, HEADER.version);
  }
  const newestAccepted = Math.min(FDT_VERSION, version);
  if (lastCompVersion > newestAccepted) {
    const detail = `expected last_comp_version at most ${newestAccepted} (this reader knows version ${FDT_VERSION})`;
    fail("bad-version", `${detail}, found ${lastCompVersion}`, HEADER.lastCompVersion);
  }
  const headerSize = version >= 17 ? FDT_HEADER_SIZE : VERSION_16_HEADER_SIZE;
  if (blob.length < headerSize) {
    fail("truncated", `expected a ${headerSize}-byte header, but the blob has ${blob.length} bytes`, blob.length);
  }

  const totalsize = field(HEADER.totalsize);
  if (totalsize < headerSize) {
    fail(
      "bad-header",
      `expected totalsize of at least the ${headerSize}-byte header, found ${totalsize}`,
      HEADER.totalsize
    );
  }
  if (totalsize > blob.length) {
    fail("truncated", `header says totalsize is ${totalsize} bytes, but the blob has ${blob.length}`, HEADER.totalsize);
  }

  /** Checks that a block starts inside the blob, aligned, and that its size stays inside. */
  const block = (
    name: string,
    start: number,
    startField: number,
    align: number,
    size: number,
    sizeField: number
  ): void => {
    if (start < headerSize || start > totalsize) {
      fail(
        "bad-header",
        `expected ${name} offset between ${headerSize} and totalsize ${totalsize}, found ${start}`,
        startField
      );
    }
    if (start % align !== 0) {
      fail("misaligned", `expected ${name} offset to be a multiple of ${align}, found ${start}`, startField);
    }
    if (size > totalsize - start) {
      fail("bad-header", `${name} block of ${size} bytes at ${start} runs past totalsize ${totalsize}`, sizeField);
    }
  };

  const offMemRsvmap = field(HEADER.offMemRsvmap);
  block("memory reservation", offMemRsvmap, HEADER.offMemRsvmap, 8, 0, HEADER.offMemRsvmap);
  const offDtStruct = field(HEADER.offDtStruct);
  const sizeDtStruct = version >= 17 ? field(HEADER.sizeDtStruct) : Math.max(0, totalsize - offDtStruct);
  block("structure", offDtStruct, HEADER.offDtStruct, 4, sizeDtStruct, HEADER.sizeDtStruct);
  const offDtStrings = field(HEADER.offDtStrings);
  const sizeDtStrings = field(HEADER.sizeDtStrings);
  block("strings", offDtStrings, HEADER.offDtStrings, 1, sizeDtStrings, HEADER.sizeDtStrings);

  return {
    totalsize,
    offDtStruct,
    offDtStrings,
    offMemRsvmap,
    version,
    lastCompVersion,
    bootCpuidPhys: field(HEADER.bootCpuidPhys),
    sizeDtStrings,
    sizeDtStruct,
  };
}
