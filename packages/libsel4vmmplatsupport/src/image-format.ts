/**
 * Recognising and parsing guest image formats (no VM here: pure functions over bytes). Every
 * problem is a `string` naming the byte offset and what was expected there.
 */

/** What vm_load_guest_kernel / vm_load_guest_module recognise (C's img_type_t). */
export type image_type = "elf" | "arm64-image" | "zimage" | "uimage" | "dtb" | "gzip" | "bin";

const u32le = (b: Uint8Array, at: number): number => new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(at, true);
const u32be = (b: Uint8Array, at: number): number => new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(at, false);
const u64le = (b: Uint8Array, at: number): number => Number(new DataView(b.buffer, b.byteOffset, b.byteLength).getBigUint64(at, true));

/** The arm64 Image header magic "ARM\x64" at offset 0x38 (Linux Documentation/arch/arm64/booting.rst). */
export const ARM64_IMAGE_MAGIC = 0x644d_5241;
const ZIMAGE_MAGIC = 0x016f_2818;
const UIMAGE_MAGIC = 0x2705_1956;
const FDT_MAGIC = 0xd00d_feed;

/** Sniffs the format of `bytes` (C's image_get_type, plus the arm64 Image header). */
export function image_get_type(bytes: Uint8Array): image_type {
  if (bytes.length >= 4 && bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46) return "elf";
  if (bytes.length >= 0x40 && u32le(bytes, 0x38) === ARM64_IMAGE_MAGIC) return "arm64-image";
  if (bytes.length >= 0x28 && u32le(bytes, 0x24) === ZIMAGE_MAGIC) return "zimage";
  if (bytes.length >= 4 && u32be(bytes, 0) === UIMAGE_MAGIC) return "uimage";
  if (bytes.length >= 4 && u32be(bytes, 0) === FDT_MAGIC) return "dtb";
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return "gzip";
  return "bin";
}

/** The fields of an arm64 Image header a loader needs. */
export interface arm64_image_header {
  /** Where the image sits above a 2 MiB aligned base. */
  readonly text_offset: number;
  /** Bytes the kernel occupies including BSS (0 in pre-3.17 kernels: then the file size). */
  readonly image_size: number;
  /** Bit 0: big endian kernel. */
  readonly flags: number;
}

/** Parses and checks an arm64 Image header; the header, or a problem. */
export function parse_arm64_image_header(bytes: Uint8Array): arm64_image_header | string {
  if (bytes.length < 0x40) return `at byte 0x0: expected a 64-byte arm64 Image header, found ${bytes.length} bytes`;
  if (u32le(bytes, 0x38) !== ARM64_IMAGE_MAGIC) return `at byte 0x38: expected the arm64 Image magic "ARM\\x64", found 0x${u32le(bytes, 0x38).toString(16)}`;
  const text_offset = u64le(bytes, 0x08);
  const image_size = u64le(bytes, 0x10);
  const flags = u64le(bytes, 0x18);
  if (flags & 1) return "at byte 0x18: flags say the kernel is big endian; guests here are little endian";
  if (text_offset % 0x1000 !== 0 || text_offset >= 0x20_0000) return `at byte 0x8: text_offset 0x${text_offset.toString(16)} is not a page offset within 2 MiB`;
  if (image_size !== 0 && image_size < bytes.length) return `at byte 0x10: image_size 0x${image_size.toString(16)} is smaller than the file (0x${bytes.length.toString(16)} bytes)`;
  return { text_offset, image_size: image_size || bytes.length, flags };
}

/** One PT_LOAD segment of an ELF image. */
export interface elf_segment {
  readonly paddr: number;
  readonly file_offset: number;
  readonly file_size: number;
  readonly mem_size: number;
}

/** A parsed AArch64 ELF64 executable. */
export interface elf_image {
  readonly entry: number;
  readonly segments: readonly elf_segment[];
}

const PT_LOAD = 1;
const EM_AARCH64 = 183;

/** Parses an ELF64 little-endian AArch64 executable's loadable segments; the image, or a problem. */
export function parse_elf_image(bytes: Uint8Array): elf_image | string {
  if (bytes.length < 64) return `at byte 0x0: expected a 64-byte ELF64 header, found ${bytes.length} bytes`;
  if (bytes[4] !== 2) return `at byte 0x4: expected ELFCLASS64 (2), found ${bytes[4]}`;
  if (bytes[5] !== 1) return `at byte 0x5: expected little endian (1), found ${bytes[5]}`;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const machine = view.getUint16(0x12, true);
  if (machine !== EM_AARCH64) return `at byte 0x12: expected machine EM_AARCH64 (183), found ${machine}`;
  const entry = u64le(bytes, 0x18);
  const phoff = u64le(bytes, 0x20);
  const phentsize = view.getUint16(0x36, true);
  const phnum = view.getUint16(0x38, true);
  if (phentsize < 56 || phoff + phnum * phentsize > bytes.length) return `at byte 0x20: program headers (${phnum} × ${phentsize} at 0x${phoff.toString(16)}) run past the file`;
  const segments: elf_segment[] = [];
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phentsize;
    if (view.getUint32(at, true) !== PT_LOAD) continue;
    const segment = { file_offset: u64le(bytes, at + 0x08), paddr: u64le(bytes, at + 0x18), file_size: u64le(bytes, at + 0x20), mem_size: u64le(bytes, at + 0x28) };
    if (segment.file_offset + segment.file_size > bytes.length) return `at byte 0x${at.toString(16)}: segment ${i} data (0x${segment.file_size.toString(16)} bytes at 0x${segment.file_offset.toString(16)}) runs past the file`;
    if (segment.mem_size < segment.file_size) return `at byte 0x${(at + 0x28).toString(16)}: segment ${i} memory size is smaller than its file size`;
    segments.push(segment);
  }
  if (segments.length === 0) return "no PT_LOAD segment";
  return { entry, segments };
}
