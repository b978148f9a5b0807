/** Access permissions of a guest page. */
export interface PagePerms {
  read: boolean;
  write: boolean;
  exec: boolean;
}

/** Access size of a memory-mapped device register access, in bytes. */
export type MmioSize = 1 | 2 | 4 | 8;

/** A memory-mapped device; offsets are relative to the base it was mapped at. */
export interface MmioDevice {
  read(offset: number, size: MmioSize): bigint;
  write(offset: number, size: MmioSize, value: bigint): void;
}

/** 4 KiB: the granule of every mapping. */
export const PAGE_SIZE = 4096;
export const PAGE_SHIFT = 12;
/** Instruction slots of a page's decoded-code array: executor ids then the instruction words. */
export const CODE_SLOTS = PAGE_SIZE / 4;

/** Permission bits as stored in a PageEntry. */
export const PERM_READ = 1;
export const PERM_WRITE = 2;
export const PERM_EXEC = 4;

/**
 * One mapped 4 KiB page. RAM pages point into their backing storage; device pages name the
 * device. `code` is the page's decoded-instruction cache (created on first execution): slots
 * 0..1023 hold executor ids (0 = not decoded), 1024..2047 the instruction words.
 */
export interface PageEntry {
  readonly bytes: Uint8Array | null;
  readonly view: DataView | null;
  /** Byte offset of the page within `bytes`/`view`. */
  readonly offset: number;
  perms: number;
  readonly device: MmioDevice | null;
  /** Offset of this page from the device's base. */
  readonly deviceOffset: number;
  code: Int32Array | null;
  /**
   * False while every slot of `code` is "not decoded" (IC IALLU then has nothing to forget here):
   * set by whoever decodes into it, cleared when the page's code is forgotten.
   */
  decoded: boolean;
  /** What a CPU's block translator keeps for this page (null until it translates code here). */
  jit: CodeTranslations | null;
}

/**
 * Translated code a CPU keeps for one page (see core/jit/): told whenever the page's decoded code
 * is forgotten, so that no translation outlives the instructions it was made from.
 */
export interface CodeTranslations {
  /** The instructions in slots [first, last] (word indexes within the page) may have changed. */
  invalidate(first: number, last: number): void;
  /** Every instruction of the page may have changed, or the page left the map. */
  invalidateAll(): void;
}

/** Encodes a PagePerms object as PERM_* bits. */
export function permBits(perms: PagePerms): number {
  return (perms.read ? PERM_READ : 0) | (perms.write ? PERM_WRITE : 0) | (perms.exec ? PERM_EXEC : 0);
}

/**
 * Guest RAM that lies in one WebAssembly memory (whoever maps the RAM provides it: the kernel
 * sim's physical memory), and a scratch area there for the block translator's WebAssembly loops:
 * their register copies and access-site caches. A page whose buffer is not `memory.buffer` is
 * never reached from WebAssembly.
 */
export interface WasmRam {
  /** A WebAssembly.Memory (typed structurally: the packages' lib settings do not declare the API). */
  readonly memory: { readonly buffer: ArrayBuffer };
  /** Byte offset of the scratch area in the memory, and its end. */
  readonly scratch: number;
  readonly scratchEnd: number;
  /** The next free byte of the scratch area (the translator takes its site caches from here). */
  next: number;
}
