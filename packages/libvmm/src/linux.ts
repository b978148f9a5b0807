// linux_setup_images: places an arm64 Linux Image, a DTB and an initrd in guest RAM as Linux's
// booting.rst requires (Image at a 2 MiB aligned base + text_offset, DTB 8-byte aligned, ≤ 2 MiB).
import { hex, type VmmLog } from "./pd";
import type { GuestRam } from "./guest-ram";

/** The arm64 Image header: magic "ARM\x64" at byte 56, text_offset at 8, image_size at 16. */
export const LINUX_IMAGE_MAGIC = 0x644d_5241;
export const LINUX_IMAGE_HEADER_SIZE = 64;
/** 0xD00DFEED, the big-endian magic as a little-endian load sees it. */
export const DTB_MAGIC = 0xedfe_0dd0;
export const DTB_MAX_SIZE = 0x20_0000;

export interface ImageSources {
  readonly kernel: Uint8Array;
  readonly dtb: Uint8Array;
  readonly initrd: Uint8Array;
}

const overlaps = (a: number, asize: number, b: number, bsize: number): boolean => asize > 0 && bsize > 0 && a < b + bsize && b < a + asize;

/** The entry point (guest physical) or -1, with one LOG_VMM_ERR line naming what is wrong. */
export function setupLinuxImages(
  ram: GuestRam,
  log: VmmLog,
  ram_start: number,
  src: ImageSources,
  kernel_size: number,
  dtb_dest: number,
  dtb_size: number,
  initrd_dest: number,
  initrd_size: number,
): number {
  const fail = (text: string): number => {
    log.error("linux_setup_images", text);
    return -1;
  };
  const { kernel, dtb, initrd } = src;
  if (kernel_size > kernel.length) return fail(`kernel_size ${kernel_size} is larger than the kernel buffer (${kernel.length} bytes)`);
  if (kernel_size < LINUX_IMAGE_HEADER_SIZE) return fail(`the kernel (${kernel_size} bytes) is too small for an arm64 Image header (64 bytes)`);
  const header = new DataView(kernel.buffer, kernel.byteOffset, LINUX_IMAGE_HEADER_SIZE);
  const magic = header.getUint32(56, true);
  if (magic !== LINUX_IMAGE_MAGIC) return fail(`the kernel is not an arm64 Linux Image: magic at offset 56 is ${hex(magic)}, expected ${hex(LINUX_IMAGE_MAGIC)} ("ARM\\x64")`);
  const textOffset = Number(header.getBigUint64(8, true));
  const imageSize = Number(header.getBigUint64(16, true));
  if (ram_start % 0x20_0000 !== 0) return fail(`guest RAM start ${hex(ram_start)} is not 2 MiB aligned`);
  const kernelDest = ram_start + textOffset;
  // image_size (0 in kernels before 3.17) is the memory the kernel claims, bss included.
  const kernelSpan = Math.max(kernel_size, imageSize);
  if (!ram.contains(kernelDest, kernelSpan)) return fail(`the kernel at ${hex(kernelDest)}+${hex(kernelSpan)} does not fit in guest RAM ${hex(ram.vaddr)}+${hex(ram.size)}`);
  if (overlaps(kernelDest, kernelSpan, dtb_dest, dtb_size)) return fail(`the DTB at ${hex(dtb_dest)}+${hex(dtb_size)} overlaps the kernel at ${hex(kernelDest)}+${hex(kernelSpan)}`);
  if (overlaps(kernelDest, kernelSpan, initrd_dest, initrd_size)) return fail(`the initrd at ${hex(initrd_dest)}+${hex(initrd_size)} overlaps the kernel at ${hex(kernelDest)}+${hex(kernelSpan)}`);
  if (overlaps(dtb_dest, dtb_size, initrd_dest, initrd_size)) return fail(`the DTB at ${hex(dtb_dest)}+${hex(dtb_size)} overlaps the initrd at ${hex(initrd_dest)}+${hex(initrd_size)}`);
  if (dtb_size > 0) {
    if (dtb_size > dtb.length || dtb_size < 4) return fail(`dtb_size ${dtb_size} does not match the DTB buffer (${dtb.length} bytes)`);
    const dtbMagic = new DataView(dtb.buffer, dtb.byteOffset, 4).getUint32(0, true);
    if (dtbMagic !== DTB_MAGIC) return fail(`the DTB is not a flattened device tree: magic ${hex(dtbMagic)}, expected 0xd00dfeed (big-endian)`);
    if (dtb_size > DTB_MAX_SIZE) return fail(`the DTB is ${dtb_size} bytes; Linux accepts at most 2 MiB`);
    if (dtb_dest % 8 !== 0) return fail(`the DTB destination ${hex(dtb_dest)} is not 8-byte aligned`);
    if (!ram.contains(dtb_dest, dtb_size)) return fail(`the DTB at ${hex(dtb_dest)}+${hex(dtb_size)} does not fit in guest RAM ${hex(ram.vaddr)}+${hex(ram.size)}`);
  }
  if (initrd_size > 0) {
    if (initrd_size > initrd.length) return fail(`initrd_size ${initrd_size} is larger than the initrd buffer (${initrd.length} bytes)`);
    if (!ram.contains(initrd_dest, initrd_size)) return fail(`the initrd at ${hex(initrd_dest)}+${hex(initrd_size)} does not fit in guest RAM ${hex(ram.vaddr)}+${hex(ram.size)}`);
  }
  ram.write(kernelDest, kernel.subarray(0, kernel_size));
  if (dtb_size > 0) ram.write(dtb_dest, dtb.subarray(0, dtb_size));
  if (initrd_size > 0) ram.write(initrd_dest, initrd.subarray(0, initrd_size));
  return kernelDest;
}
