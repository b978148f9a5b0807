import { GuestMemoryError } from "../core/errors.js";
import { PageTable } from "./page-table.js";
import type { MmioDevice, PageEntry, PagePerms, WasmRam } from "./types.js";
import { CODE_SLOTS, PAGE_SIZE, PERM_READ, PERM_WRITE, permBits } from "./types.js";

const ALL_PERMS: PagePerms = { read: true, write: true, exec: true };
/** Mappings must end at or below 2^53 so that every mapped address is an exact number. */
const ADDRESS_LIMIT = 2 ** 53;

function hex(n: number): string {
  return `0x${n.toString(16)}`;
}

/**
 * A guest address space made of 4 KiB pages, each backed by RAM (an ArrayBuffer slice) or an
 * MMIO device. CPUs read it through their own TLBs; `epoch` changes whenever a mapping or
 * permission changes (or a page starts holding decoded code) so that CPUs know to flush them.
 */
export class GuestMemory {
  /** Page number → page. Read by the CPU's slow paths; change it only through the methods. */
  readonly pages = new PageTable();
  /** Bumped on every change that invalidates a CPU's TLB. */
  epoch = 0;
  /** Pages that have a decoded-code array (`codeOf`): what forgetting all code must visit. */
  private readonly codePages = new Set<PageEntry>();
  /** The WebAssembly memory this guest's RAM lies in, if any (see WasmRam): set by whoever maps it. */
  wasm: WasmRam | null = null;

  /** Maps fresh zeroed RAM at [base, base+size) and returns the bytes backing it. */
  mapRam(base: number, size: number, perms: PagePerms = ALL_PERMS): Uint8Array {
    this.checkRange("mapRam", base, size);
    const buffer = new ArrayBuffer(size);
    this.mapPages(base, buffer, 0, size, perms);
    return new Uint8Array(buffer);
  }

  /**
   * Maps zeroed RAM at [base, base+size) whose storage is made 2 MiB at a time when the guest
   * (or the host through read/write) first touches it: RAM larger than one ArrayBuffer can be
   * (above 4 GiB), costing only what is used. If the host runs out of memory for a chunk, the
   * access throws GuestMemoryError.
   */
  mapSparseRam(base: number, size: number, perms: PagePerms = ALL_PERMS): void {
    this.checkRange("mapSparseRam", base, size);
    this.checkFree("mapSparseRam", base, size);
    this.pages.addSparse(base / PAGE_SIZE, (base + size) / PAGE_SIZE, permBits(perms));
    this.epoch++;
  }

  /** Maps [base, base+size) onto existing storage (how the kernel sim maps frames). */
  mapPages(base: number, buffer: ArrayBuffer, byteOffset: number, size: number, perms: PagePerms = ALL_PERMS): void {
    this.checkRange("mapPages", base, size);
    if (!Number.isInteger(byteOffset) || byteOffset < 0 || byteOffset + size > buffer.byteLength) {
      throw new GuestMemoryError(
        `mapPages: storage offset ${byteOffset} + size ${hex(size)} exceeds the buffer's ${buffer.byteLength} bytes`,
      );
    }
    this.checkFree("mapPages", base, size);
    // The pages' entries are made 2 MiB at a time on first use (a Linux guest maps 10^5 pages).
    const storage = { bytes: new Uint8Array(buffer, byteOffset, size), view: new DataView(buffer, byteOffset, size) };
    this.pages.addBacked(base / PAGE_SIZE, (base + size) / PAGE_SIZE, permBits(perms), storage);
    this.epoch++;
  }

  /** Maps an MMIO device: accesses call device.read/write with the offset from base. */
  mapDevice(base: number, size: number, device: MmioDevice): void {
    this.checkRange("mapDevice", base, size);
    this.checkFree("mapDevice", base, size);
    for (let off = 0; off < size; off += PAGE_SIZE) {
      this.pages.set((base + off) / PAGE_SIZE, {
        bytes: null,
        view: null,
        offset: 0,
        perms: PERM_READ | PERM_WRITE,
        device,
        deviceOffset: off,
        code: null,
        decoded: false,
        jit: null,
      });
    }
    this.epoch++;
  }

  /** Removes every mapping in [base, base+size); unmapped pages in the range are ignored. */
  unmap(base: number, size: number): void {
    this.checkRange("unmap", base, size);
    this.pages.removeSparse(base / PAGE_SIZE, (base + size) / PAGE_SIZE);
    for (let off = 0; off < size; off += PAGE_SIZE) {
      const key = (base + off) / PAGE_SIZE;
      const entry = this.pages.get(key);
      if (!entry) continue;
      // A CPU may still hold this page's code array: emptying it sends it back to a lookup.
      forgetCode(entry);
      entry.code = null;
      entry.jit = null;
      this.codePages.delete(entry);
      this.pages.delete(key);
    }
    this.epoch++;
  }

  /** Changes the permissions of the mapped pages in [base, base+size). */
  protect(base: number, size: number, perms: PagePerms): void {
    this.checkRange("protect", base, size);
    const bits = permBits(perms);
    for (let off = 0; off < size; off += PAGE_SIZE) {
      const entry = this.pages.get((base + off) / PAGE_SIZE);
      if (!entry) throw new GuestMemoryError(`protect: ${hex(base + off)} is not mapped`);
      if (entry.device === null) entry.perms = bits;
      forgetCode(entry);
    }
    this.epoch++;
  }

  /**
   * The decoded-instruction cache of a page, created on first use. Creating one bumps the epoch
   * so that CPUs drop the page from their write TLBs (stores to code must take the slow path).
   */
  codeOf(entry: PageEntry): Int32Array {
    if (entry.code === null) {
      entry.code = new Int32Array(2 * CODE_SLOTS);
      this.codePages.add(entry);
      this.epoch++;
    }
    return entry.code;
  }

  /**
   * Forgets every decoded (and translated) instruction (IC IALLU): visits only the pages that hold
   * code, not every mapped page (a Linux guest has 10^5 and runs IC IALLU hundreds of times).
   */
  forgetAllCode(): void {
    for (const entry of this.codePages) forgetCode(entry);
  }

  /** True when the page holding `addr` is mapped (RAM or device). */
  isMapped(addr: number): boolean {
    return this.pages.has(Math.floor(addr / PAGE_SIZE));
  }

  /** The page holding `addr`, if mapped. */
  pageAt(addr: number): PageEntry | undefined {
    return this.pages.get(Math.floor(addr / PAGE_SIZE));
  }

  /** Host-side copy out of guest RAM; throws GuestMemoryError naming the first unmapped address. */
  read(addr: number, length: number): Uint8Array {
    const out = new Uint8Array(length);
    this.forEachChunk("read", addr, length, (entry, pageOff, pos, n) => {
      out.set(entry.bytes!.subarray(entry.offset + pageOff, entry.offset + pageOff + n), pos);
    });
    return out;
  }

  /** Host-side copy into guest RAM; also invalidates decoded code on the pages written. */
  write(addr: number, bytes: Uint8Array): void {
    this.forEachChunk("write", addr, bytes.length, (entry, pageOff, pos, n) => {
      entry.bytes!.set(bytes.subarray(pos, pos + n), entry.offset + pageOff);
      invalidateCode(entry, pageOff, n);
    });
  }

  /**
   * Forgets decoded instructions in [addr, addr+length). Call it after changing code through
   * storage the host holds directly (the array `mapRam` returned, a buffer given to `mapPages`):
   * such writes bypass GuestMemory and the CPUs' decode caches cannot see them. Unmapped pages in
   * the range are skipped.
   */
  invalidateCode(addr: number, length: number): void {
    for (let pos = 0; pos < length; ) {
      const pageOff = (addr + pos) % PAGE_SIZE;
      const n = Math.min(PAGE_SIZE - pageOff, length - pos);
      const entry = this.pageAt(addr + pos);
      if (entry !== undefined) invalidateCode(entry, pageOff, n);
      pos += n;
    }
  }

  private forEachChunk(
    what: string,
    addr: number,
    length: number,
    visit: (entry: PageEntry, pageOff: number, pos: number, n: number) => void,
  ): void {
    if (!Number.isInteger(addr) || addr < 0 || !Number.isInteger(length) || length < 0) {
      throw new GuestMemoryError(`${what}: bad range ${addr}+${length}`);
    }
    // Check the whole range first so that a failed write changes nothing.
    for (let pos = 0; pos < length; ) {
      const entry = this.pageAt(addr + pos);
      if (!entry) throw new GuestMemoryError(`${what}: guest address ${hex(addr + pos)} is not mapped`);
      if (entry.bytes === null) throw new GuestMemoryError(`${what}: guest address ${hex(addr + pos)} is MMIO`);
      pos += PAGE_SIZE - ((addr + pos) % PAGE_SIZE);
    }
    for (let pos = 0; pos < length; ) {
      const pageOff = (addr + pos) % PAGE_SIZE;
      const n = Math.min(PAGE_SIZE - pageOff, length - pos);
      visit(this.pageAt(addr + pos)!, pageOff, pos, n);
      pos += n;
    }
  }

  private checkRange(what: string, base: number, size: number): void {
    if (!Number.isInteger(base) || !Number.isInteger(size) || base < 0 || size <= 0) {
      throw new GuestMemoryError(`${what}: bad range ${base}+${size}`);
    }
    if (base % PAGE_SIZE !== 0 || size % PAGE_SIZE !== 0) {
      throw new GuestMemoryError(`${what}: ${hex(base)}+${hex(size)} is not 4 KiB aligned`);
    }
    if (base + size > ADDRESS_LIMIT) {
      throw new GuestMemoryError(`${what}: ${hex(base)}+${hex(size)} ends above 2^53`);
    }
  }

  private checkFree(what: string, base: number, size: number): void {
    const mapped = this.pages.firstMapped(base / PAGE_SIZE, (base + size) / PAGE_SIZE);
    if (mapped !== undefined) throw new GuestMemoryError(`${what}: ${hex(mapped * PAGE_SIZE)} is already mapped (unmap it first)`);
  }
}

/** Forgets decoded instructions overlapping [pageOff, pageOff+length) of a page. */
export function invalidateCode(entry: PageEntry, pageOff: number, length: number): void {
  const code = entry.code;
  if (code === null) return;
  const first = pageOff >>> 2;
  const last = Math.min(CODE_SLOTS - 1, (pageOff + length - 1) >>> 2);
  for (let slot = first; slot <= last; slot++) code[slot] = 0;
  entry.jit?.invalidate(first, last);
}

/** Forgets every decoded (and translated) instruction of a page. */
export function forgetCode(entry: PageEntry): void {
  if (entry.decoded) {
    entry.code?.fill(0, 0, CODE_SLOTS);
    entry.decoded = false;
  }
  entry.jit?.invalidateAll();
}
