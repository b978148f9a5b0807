import type { WasmRam } from "@sel4ts/cpu-aarch64";
import { KernelSimError } from "../errors";

/** A region of physical address space. */
export interface PhysicalRegion {
  readonly base: number;
  readonly size: number;
}

/** Where a physical page lives on the host: an ArrayBuffer and the page's offset in it. */
export interface PageBacking {
  readonly buffer: ArrayBuffer;
  readonly byteOffset: number;
}

/** Bytes per lazily allocated chunk (2 MiB: a large page is one contiguous buffer). */
export const PHYSICAL_CHUNK_BITS = 21;
const CHUNK_SIZE = 2 ** PHYSICAL_CHUNK_BITS;
const PAGE_SIZE = 4096;
/**
 * Chunks are cut from buffers of this many bytes (64 MiB), one made when the first of its chunks
 * is used. A buffer this large is above every C allocator's threshold for fresh zero pages from
 * the OS, so its pages cost nothing until touched; 2 MiB buffers came from the allocator's heap,
 * which zero-fills them at once (a Linux guest's 512 MiB: 0.2 s and all of it resident).
 */
const RESERVATION_SIZE = 2 ** 26;
/** RAM in one WebAssembly memory at most: a 32-bit memory holds 4 GiB (a host that gives less makes the allocation fail, and the reservations are used). */
const WASM_RAM_LIMIT = 2 ** 32;
/** Bytes after the RAM for the block translator's WebAssembly loops (WasmRam.scratch). */
const WASM_SCRATCH = 65536;

/**
 * The machine's RAM as lazily allocated 2 MiB chunks: nothing is allocated until a page is
 * touched, so a simulated board may have gigabytes of RAM (chunks are slices of 64 MiB buffers
 * whose pages the host commits only when written). Any page can be handed out as
 * `{ buffer, byteOffset }` so that a CPU can map guest frames directly onto it.
 */
export class PhysicalMemory {
  /** The RAM regions, sorted by base. */
  readonly regions: readonly PhysicalRegion[];
  /** Where each chunk lives: a slice of a reservation or, if that failed, a buffer of its own. */
  private readonly chunks = new Map<number, PageBacking>();
  /** RESERVATION_SIZE buffers by base address; chunks are slices of them. */
  private readonly reservations = new Map<number, ArrayBuffer>();
  /**
   * All RAM in one WebAssembly memory, when the host has WebAssembly and the RAM fits (then every
   * chunk is a slice of it, and the CPU's block translator may run loops as WebAssembly on it);
   * else null, and the chunks come from the reservations.
   */
  readonly wasm: WasmRam | null;
  /** Where each region's 2 MiB-aligned span starts in the WebAssembly memory. */
  private readonly wasmOffsets: number[] = [];

  /** Creates RAM covering `regions` (each chunk-aligned is not required, page-aligned is). */
  constructor(regions: readonly PhysicalRegion[]) {
    for (const r of regions) {
      if (r.base % PAGE_SIZE !== 0 || r.size % PAGE_SIZE !== 0 || r.size <= 0) {
        throw new KernelSimError("config", `RAM region 0x${r.base.toString(16)}+0x${r.size.toString(16)} is not page aligned`);
      }
    }
    this.regions = [...regions].sort((a, b) => a.base - b.base);
    this.wasm = this.wasmRam();
  }

  private wasmRam(): WasmRam | null {
    const api = (globalThis as { WebAssembly?: { Memory: new (descriptor: { initial: number }) => { readonly buffer: ArrayBuffer } } }).WebAssembly;
    if (api === undefined) return null;
    let end = 0;
    let lastChunkEnd = -1;
    for (const r of this.regions) {
      const start = r.base - (r.base % CHUNK_SIZE);
      if (start < lastChunkEnd) return null; // two regions share a chunk: keep the reservations
      lastChunkEnd = Math.ceil((r.base + r.size) / CHUNK_SIZE) * CHUNK_SIZE;
      this.wasmOffsets.push(end);
      end += lastChunkEnd - start;
    }
    if (end + WASM_SCRATCH > WASM_RAM_LIMIT) return null;
    try {
      const memory = new api.Memory({ initial: (end + WASM_SCRATCH) / 65536 });
      return { memory, scratch: end, scratchEnd: end + WASM_SCRATCH, next: end };
    } catch {
      return null; // the host would not reserve it: the reservations instead
    }
  }

  /** True when [paddr, paddr+size) lies inside one RAM region. */
  isRam(paddr: number, size = 1): boolean {
    return this.regions.some((r) => paddr >= r.base && paddr + size <= r.base + r.size);
  }

  /** Number of chunks allocated so far (for tests of laziness). */
  get allocatedChunks(): number {
    return this.chunks.size;
  }

  /** The host storage of the page containing `paddr` (allocating its chunk on first use). */
  pageBacking(paddr: number): PageBacking {
    const page = paddr - (paddr % PAGE_SIZE);
    const { buffer, offset } = this.chunkFor(page);
    return { buffer, byteOffset: offset };
  }

  /**
   * A byte view of [paddr, paddr+size), which must not cross a 2 MiB chunk boundary
   * (frames are naturally aligned, so any 4 KiB or 2 MiB frame qualifies).
   */
  bytes(paddr: number, size: number): Uint8Array {
    const { buffer, offset, chunkOffset } = this.chunkFor(paddr);
    if (chunkOffset + size > CHUNK_SIZE) {
      throw new KernelSimError("memory", `range 0x${paddr.toString(16)}+0x${size.toString(16)} crosses a memory chunk`);
    }
    return new Uint8Array(buffer, offset, size);
  }

  /** Reads `length` bytes starting at `paddr` (may cross chunks). */
  read(paddr: number, length: number): Uint8Array {
    const out = new Uint8Array(length);
    this.forEachPiece(paddr, length, (view, done) => out.set(view, done));
    return out;
  }

  /** Writes `data` at `paddr` (may cross chunks). */
  write(paddr: number, data: Uint8Array): void {
    this.forEachPiece(paddr, data.length, (view, done) => view.set(data.subarray(done, done + view.length)));
  }

  /** Zeroes [paddr, paddr+size) as seL4 does on retype; untouched chunks cost nothing. */
  zero(paddr: number, size: number): void {
    const end = paddr + size;
    // Visit whichever is fewer: the chunks in the range, or the chunks allocated at all.
    const bases =
      size / CHUNK_SIZE > this.chunks.size
        ? [...this.chunks.keys()].filter((base) => base + CHUNK_SIZE > paddr && base < end)
        : Array.from({ length: Math.ceil((end - (paddr - (paddr % CHUNK_SIZE))) / CHUNK_SIZE) }, (_, i) => paddr - (paddr % CHUNK_SIZE) + i * CHUNK_SIZE);
    for (const base of bases) {
      const chunk = this.chunks.get(base);
      if (!chunk) continue;
      const from = Math.max(paddr, base);
      const to = Math.min(end, base + CHUNK_SIZE);
      new Uint8Array(chunk.buffer, chunk.byteOffset + from - base, to - from).fill(0);
    }
  }

  private forEachPiece(paddr: number, length: number, fn: (view: Uint8Array, done: number) => void): void {
    let done = 0;
    while (done < length) {
      const addr = paddr + done;
      const { buffer, offset, chunkOffset } = this.chunkFor(addr);
      const n = Math.min(length - done, CHUNK_SIZE - chunkOffset);
      fn(new Uint8Array(buffer, offset, n), done);
      done += n;
    }
  }

  /** The buffer holding `paddr`, its offset there, and its offset in its chunk. */
  private chunkFor(paddr: number): { buffer: ArrayBuffer; offset: number; chunkOffset: number } {
    if (!this.isRam(paddr)) {
      throw new KernelSimError("memory", `physical address 0x${paddr.toString(16)} is not RAM`);
    }
    const chunkBase = paddr - (paddr % CHUNK_SIZE);
    let chunk = this.chunks.get(chunkBase);
    if (!chunk) {
      chunk = this.newChunk(chunkBase);
      this.chunks.set(chunkBase, chunk);
    }
    return { buffer: chunk.buffer, offset: chunk.byteOffset + paddr - chunkBase, chunkOffset: paddr - chunkBase };
  }

  /** Storage for the chunk at `chunkBase`: its slice of a reservation, or a buffer of its own. */
  private newChunk(chunkBase: number): PageBacking {
    if (this.wasm !== null) {
      const index = this.regions.findIndex((r) => chunkBase + CHUNK_SIZE > r.base && chunkBase < r.base + r.size);
      const region = this.regions[index]!;
      return { buffer: this.wasm.memory.buffer, byteOffset: this.wasmOffsets[index]! + chunkBase - (region.base - (region.base % CHUNK_SIZE)) };
    }
    const reservationBase = chunkBase - (chunkBase % RESERVATION_SIZE);
    let reservation = this.reservations.get(reservationBase);
    if (!reservation) {
      try {
        reservation = new ArrayBuffer(RESERVATION_SIZE);
      } catch {
        // A host that will not reserve 64 MiB at once may still give 2 MiB.
        return { buffer: new ArrayBuffer(CHUNK_SIZE), byteOffset: 0 };
      }
      this.reservations.set(reservationBase, reservation);
    }
    return { buffer: reservation, byteOffset: chunkBase - reservationBase };
  }
}
