/** Constants of the flattened device tree format (Devicetree Specification v0.4, chapter 5). */

/** The header's first word, big-endian. */
export const FDT_MAGIC = 0xd00dfeed;
/** Version this package writes. */
export const FDT_VERSION = 17;
/** Oldest version a reader must understand to read what this package writes. */
export const FDT_LAST_COMP_VERSION = 16;
/** Size of a version-17 header: ten big-endian u32 fields. */
export const FDT_HEADER_SIZE = 40;
/** Size of one memory reservation entry: two big-endian u64 (address, size). */
export const FDT_RESERVE_ENTRY_SIZE = 16;

/** Structure-block token: start of a node, followed by its NUL-terminated name. */
export const FDT_BEGIN_NODE = 0x1;
/** Structure-block token: end of the innermost open node. */
export const FDT_END_NODE = 0x2;
/** Structure-block token: a property (u32 length, u32 name offset, value). */
export const FDT_PROP = 0x3;
/** Structure-block token: ignored by readers. */
export const FDT_NOP = 0x4;
/** Structure-block token: end of the structure block. */
export const FDT_END = 0x9;

/** Header field byte offsets. */
export const HEADER = {
  magic: 0,
  totalsize: 4,
  offDtStruct: 8,
  offDtStrings: 12,
  offMemRsvmap: 16,
  version: 20,
  lastCompVersion: 24,
  bootCpuidPhys: 28,
  sizeDtStrings: 32,
  sizeDtStruct: 36,
} as const;

/** Rounds `n` up to a multiple of `align` (a power of two). */
export function alignUp(n: number, align: number): number {
  return (n + align - 1) & ~(align - 1);
}

/** One entry of the memory reservation block. */
export interface MemoryReservation {
  /** Physical address of the reserved range. */
  readonly address: bigint;
  /** Size of the reserved range in bytes. */
  readonly size: bigint;
}
