// Test helper (not a test file): builds small ELF64 images in memory for loader and parser tests.

/** One segment of a synthetic ELF image. */
export interface SyntheticSegment {
  type?: number;
  flags: number;
  vaddr: number;
  data: Uint8Array;
  memSize?: number;
}

/** Options of a synthetic ELF image. */
export interface SyntheticElf {
  type?: number;
  machine?: number;
  elfClass?: number;
  entry: number;
  segments: SyntheticSegment[];
}

/**
 * Lays out an ELF64 image: header, program headers at 64, then each segment's bytes at a file
 * offset congruent to its vaddr modulo 4096 (as a linker does). A PT_LOAD whose vaddr is the
 * first page gets the headers inside it so that AT_PHDR can be computed.
 */
export function buildElf(options: SyntheticElf): Uint8Array {
  const phoff = 64;
  const tableEnd = phoff + options.segments.length * 56;
  const offsets: number[] = [];
  let cursor = tableEnd;
  for (const segment of options.segments) {
    const want = segment.vaddr % 4096;
    while (cursor % 4096 !== want) cursor++;
    offsets.push(cursor);
    cursor += segment.data.length;
  }
  const image = new Uint8Array(cursor);
  const view = new DataView(image.buffer);
  image.set([0x7f, 0x45, 0x4c, 0x46, options.elfClass ?? 2, 1, 1, 0]);
  view.setUint16(16, options.type ?? 2, true);
  view.setUint16(18, options.machine ?? 183, true);
  view.setUint32(20, 1, true);
  view.setBigUint64(24, BigInt(options.entry), true);
  view.setBigUint64(32, BigInt(phoff), true);
  view.setUint16(52, 64, true);
  view.setUint16(54, 56, true);
  view.setUint16(56, options.segments.length, true);
  options.segments.forEach((segment, i) => {
    const at = phoff + i * 56;
    view.setUint32(at, segment.type ?? 1, true);
    view.setUint32(at + 4, segment.flags, true);
    view.setBigUint64(at + 8, BigInt(offsets[i]!), true);
    view.setBigUint64(at + 16, BigInt(segment.vaddr), true);
    view.setBigUint64(at + 24, BigInt(segment.vaddr), true);
    view.setBigUint64(at + 32, BigInt(segment.data.length), true);
    view.setBigUint64(at + 40, BigInt(segment.memSize ?? segment.data.length), true);
    view.setBigUint64(at + 48, 0x1000n, true);
    image.set(segment.data, offsets[i]);
  });
  return image;
}
