import { MMAP_BOTTOM, MMAP_TOP, PAGE_SIZE, pageCeil } from "./layout.js";

/** Page permissions as GuestMemory takes them. */
export interface UserPagePerms {
  read: boolean;
  write: boolean;
  exec: boolean;
}

/**
 * The part of GuestMemory (see ARCHITECTURE.md) that the user-mode runner uses. Kept as an
 * interface so the runner's pieces can be tested over any page map.
 */
export interface UserMemory {
  mapRam(base: number, size: number, perms?: UserPagePerms): Uint8Array;
  unmap(base: number, size: number): void;
  protect(base: number, size: number, perms: UserPagePerms): void;
  isMapped(addr: number): boolean;
  read(addr: number, length: number): Uint8Array;
  write(addr: number, bytes: Uint8Array): void;
}

/** Linux `PROT_*` bits. */
export const PROT_READ = 1;
/** Linux PROT_WRITE. */
export const PROT_WRITE = 2;
/** Linux PROT_EXEC. */
export const PROT_EXEC = 4;

/** Converts Linux `PROT_*` bits to page permissions. */
export function permsFromProt(prot: number): UserPagePerms {
  return {
    read: (prot & PROT_READ) !== 0,
    write: (prot & PROT_WRITE) !== 0,
    exec: (prot & PROT_EXEC) !== 0,
  };
}

/** Most bytes one process may have mapped at once; mmap/brk/mremap beyond it get ENOMEM. */
export const MAX_MAPPED_BYTES = 4 * 2 ** 30;

/** One mapped range of the process, page aligned, `end` exclusive. */
export interface MappedRegion {
  start: number;
  end: number;
  prot: number;
}

/**
 * The process's view of its mappings, like the kernel's VMA list: it decides where mmap places
 * things, splits ranges for munmap/mprotect, and keeps GuestMemory in step.
 */
export class AddressSpace {
  readonly memory: UserMemory;
  /** Sorted by start, never overlapping. */
  private readonly regions: MappedRegion[] = [];
  private mappedBytes = 0;

  /** @param memory the guest memory the mappings live in */
  constructor(memory: UserMemory) {
    this.memory = memory;
  }

  /** A copy of the current mappings, lowest first. */
  mappings(): MappedRegion[] {
    return this.regions.map((r) => ({ ...r }));
  }

  /** True when no page of [start, start+size) is mapped. */
  isFree(start: number, size: number): boolean {
    const end = start + size;
    return !this.regions.some((r) => r.start < end && start < r.end);
  }

  /** True when every page of [start, start+size) is mapped. */
  isFullyMapped(start: number, size: number): boolean {
    let cursor = start;
    const end = start + size;
    for (const r of this.regions) {
      if (r.end <= cursor) continue;
      if (r.start > cursor) return false;
      cursor = r.end;
      if (cursor >= end) return true;
    }
    return cursor >= end;
  }

  /** The region containing `addr`, if any. */
  regionAt(addr: number): MappedRegion | undefined {
    return this.regions.find((r) => r.start <= addr && addr < r.end);
  }

  /**
   * Maps fresh zeroed pages at a page-aligned [start, start+size), which must be free.
   * Returns the bytes backing them.
   */
  map(start: number, size: number, prot: number): Uint8Array {
    const length = pageCeil(size);
    this.requireFree(start, length);
    return this.insert(start, length, prot, this.memory.mapRam(start, length, permsFromProt(prot)));
  }

  /**
   * Like `map`, for guest requests: false (the guest gets ENOMEM) instead of an exception when
   * the process would exceed MAX_MAPPED_BYTES or the host cannot allocate the memory.
   */
  tryMap(start: number, size: number, prot: number): boolean {
    const length = pageCeil(size);
    this.requireFree(start, length);
    if (this.mappedBytes + length > MAX_MAPPED_BYTES) return false;
    let bytes: Uint8Array;
    try {
      bytes = this.memory.mapRam(start, length, permsFromProt(prot));
    } catch (error) {
      if (error instanceof RangeError) return false; // ArrayBuffer allocation failed
      throw error;
    }
    this.insert(start, length, prot, bytes);
    return true;
  }

  private requireFree(start: number, length: number): void {
    if (!this.isFree(start, length)) {
      throw new RangeError(`map: 0x${start.toString(16)}+0x${length.toString(16)} overlaps an existing mapping`);
    }
  }

  private insert(start: number, length: number, prot: number, bytes: Uint8Array): Uint8Array {
    const index = this.regions.findIndex((r) => r.start > start);
    this.regions.splice(index < 0 ? this.regions.length : index, 0, { start, end: start + length, prot });
    this.mappedBytes += length;
    return bytes;
  }

  /** Unmaps whatever is mapped in the page-aligned [start, start+size); holes are fine. */
  unmap(start: number, size: number): void {
    const end = start + pageCeil(size);
    this.splitAt(start);
    this.splitAt(end);
    for (let i = this.regions.length - 1; i >= 0; i--) {
      const r = this.regions[i]!;
      if (r.start >= start && r.end <= end) {
        this.memory.unmap(r.start, r.end - r.start);
        this.mappedBytes -= r.end - r.start;
        this.regions.splice(i, 1);
      }
    }
  }

  /** Changes the protection of a fully mapped page-aligned range. Returns false on a hole. */
  protect(start: number, size: number, prot: number): boolean {
    const end = start + pageCeil(size);
    if (!this.isFullyMapped(start, end - start)) return false;
    this.splitAt(start);
    this.splitAt(end);
    for (const r of this.regions) {
      if (r.start >= start && r.end <= end) {
        r.prot = prot;
        this.memory.protect(r.start, r.end - r.start, permsFromProt(prot));
      }
    }
    return true;
  }

  /**
   * Finds the highest free page-aligned gap of `size` bytes in [bottom, top), like Linux's
   * top-down mmap layout. Returns null when the area is full.
   */
  findFree(size: number, top = MMAP_TOP, bottom = MMAP_BOTTOM): number | null {
    const length = pageCeil(size);
    let ceiling = top;
    for (let i = this.regions.length - 1; i >= -1; i--) {
      const r = i >= 0 ? this.regions[i]! : null;
      const floor = r === null ? bottom : Math.max(r.end, bottom);
      if (r !== null && r.start >= ceiling) continue;
      if (ceiling - floor >= length) return ceiling - length;
      if (r !== null) ceiling = Math.min(ceiling, r.start);
      if (ceiling <= bottom) return null;
    }
    return null;
  }

  /** Splits the region that straddles `addr` so that a region boundary falls on it. */
  private splitAt(addr: number): void {
    const index = this.regions.findIndex((r) => r.start < addr && addr < r.end);
    if (index < 0) return;
    const r = this.regions[index]!;
    this.regions.splice(index + 1, 0, { start: addr, end: r.end, prot: r.prot });
    r.end = addr;
  }
}

/** True when `value` is a multiple of the page size. */
export function isPageAligned(value: number): boolean {
  return value % PAGE_SIZE === 0;
}
