/**
 * The arm64 Linux boot protocol's part that needs no VM: reading the Image header and placing the
 * kernel, initrd and DTB in guest RAM (Documentation/arch/arm64/booting.rst, and where QEMU's
 * `virt` loader puts them, so console logs compare line for line).
 */

/** Bad input from a file: the CLI prints the message and exits with status 2. */
export class BootInputError extends Error {
  override name = "BootInputError";
}

/** What the 64-byte Image header says. */
export interface Arm64ImageHeader {
  /** Offset from a 2 MiB-aligned base at which the Image must be loaded. */
  readonly textOffset: number;
  /** Bytes the kernel needs from its load address, BSS and early page tables included. */
  readonly imageSize: number;
  /** Bit 0 big-endian, bits [2:1] page size, bit 3 "anywhere in RAM". */
  readonly flags: number;
}

const ARM64_MAGIC = 0x644d5241; // "ARM\x64"
const MiB = 1 << 20;
const SZ_2M = 2 * MiB;

/** Reads and checks an arm64 Image header; throws {@link BootInputError} naming `source`. */
export function parseArm64Image(image: Uint8Array, source: string): Arm64ImageHeader {
  if (image.length < 64) throw new BootInputError(`${source}: not an arm64 Linux Image (${image.length} bytes, the header alone is 64)`);
  const view = new DataView(image.buffer, image.byteOffset, image.byteLength);
  const magic = view.getUint32(0x38, true);
  if (magic !== ARM64_MAGIC) {
    const hint = image[0] === 0x1f && image[1] === 0x8b ? " (it is gzip: decompress it first, e.g. zcat vmlinuz > Image)" : "";
    throw new BootInputError(`${source}: not an arm64 Linux Image: offset 0x38 holds 0x${magic.toString(16)}, expected the magic 0x644d5241 ("ARM\\x64")${hint}`);
  }
  const textOffset = Number(view.getBigUint64(0x08, true));
  const headerImageSize = Number(view.getBigUint64(0x10, true));
  const flags = Number(view.getBigUint64(0x18, true));
  if (flags & 1) throw new BootInputError(`${source}: a big-endian kernel (Image flags 0x${flags.toString(16)}); only little-endian guests run here`);
  const pageSize = (flags >> 1) & 3;
  if (pageSize !== 0 && pageSize !== 1) throw new BootInputError(`${source}: built for ${pageSize === 2 ? "16K" : "64K"} pages; the simulated CPU implements the 4K granule only`);
  // booting.rst: image_size 0 means a pre-3.17 kernel with text_offset 0x80000.
  return {
    textOffset: headerImageSize === 0 ? 0x80000 : textOffset,
    imageSize: Math.max(headerImageSize, image.length),
    flags,
  };
}

/** Guest-physical addresses of the boot images. */
export interface BootPlacement {
  readonly kernel: number;
  readonly initrd: { readonly start: number; readonly end: number } | null;
  readonly dtb: number;
}

export interface PlacementInput {
  readonly ramBase: number;
  readonly ramSize: number;
  readonly header: Arm64ImageHeader;
  readonly initrdSize: number;
  /** An upper bound of the DTB's size (it is built after placement, which it names). */
  readonly dtbMaxSize: number;
}

/**
 * Places the images as QEMU's `virt` loader does: the kernel at base + 2 MiB + text_offset (QEMU
 * keeps its boot stub in the first 2 MiB), the initrd at base + min(RAM/2, 128 MiB) or above the
 * kernel's image_size, the DTB 2 MiB-aligned after the initrd (Linux maps it with 2 MiB blocks).
 */
export function placeBootImages(input: PlacementInput): BootPlacement {
  const { ramBase, ramSize, header } = input;
  const ramEnd = ramBase + ramSize;
  const kernel = ramBase + SZ_2M + header.textOffset;
  const kernelEnd = kernel + header.imageSize;
  let next = kernelEnd;
  let initrd: BootPlacement["initrd"] = null;
  if (input.initrdSize > 0) {
    const start = Math.max(ramBase + Math.min(Math.floor(ramSize / 2), 128 * MiB), alignUp(kernelEnd, 4096));
    initrd = { start, end: start + input.initrdSize };
    next = initrd.end;
  }
  const dtb = alignUp(next, SZ_2M);
  const needed = dtb + input.dtbMaxSize - ramBase;
  if (dtb + input.dtbMaxSize > ramEnd) {
    throw new BootInputError(
      `--mem ${formatSize(ramSize)} is too small: the kernel (${formatSize(header.imageSize)} with BSS)` +
        `${initrd ? `, the initrd (${formatSize(input.initrdSize)})` : ""} and the DTB need ${formatSize(needed)} from the RAM base, and Linux more to run`
    );
  }
  return { kernel, initrd, dtb };
}

function alignUp(value: number, align: number): number {
  return Math.ceil(value / align) * align;
}

/** "512M", "1.5G", "37.2M" */
export function formatSize(bytes: number): string {
  if (bytes >= 1 << 30) return `${+(bytes / (1 << 30)).toFixed(1)}G`;
  return `${+(bytes / MiB).toFixed(1)}M`;
}

/** Parses --mem: a number of bytes with an optional K, M or G suffix (MiB when no suffix, as QEMU's -m). */
export function parseMemSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([KMG]?)i?B?$/i.exec(text.trim());
  if (!match) throw new BootInputError(`--mem ${JSON.stringify(text)}: expected a size such as 512M or 1G`);
  const unit = { "": MiB, K: 1024, M: MiB, G: 1 << 30 }[match[2]!.toUpperCase() as "" | "K" | "M" | "G"];
  const bytes = Math.floor(Number(match[1]) * unit);
  if (bytes % 4096 !== 0) throw new BootInputError(`--mem ${text}: must be a multiple of 4K`);
  return bytes;
}
