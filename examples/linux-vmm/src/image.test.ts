import { describe, expect, it } from "vitest";
import { BootInputError, parseArm64Image, parseMemSize, placeBootImages } from "./image.js";

/** A 64-byte arm64 Image header as booting.rst lays it out. */
function header(fields: { textOffset?: bigint; imageSize?: bigint; flags?: bigint; magic?: number } = {}, length = 0x1000): Uint8Array {
  const bytes = new Uint8Array(length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0xfa405a4d, true); // ccmp x18, #0, #0xd, pl ("MZ")
  view.setBigUint64(0x08, fields.textOffset ?? 0n, true);
  view.setBigUint64(0x10, fields.imageSize ?? 0x2a0_0000n, true);
  view.setBigUint64(0x18, fields.flags ?? 0xan, true);
  view.setUint32(0x38, fields.magic ?? 0x644d5241, true);
  return bytes;
}

const MiB = 1 << 20;

describe("parseArm64Image", () => {
  it("reads text_offset, image_size and flags", () => {
    expect(parseArm64Image(header(), "Image")).toEqual({ textOffset: 0, imageSize: 0x2a0_0000, flags: 0xa });
  });
  it("assumes text_offset 0x80000 when image_size is 0 (pre-3.17 kernels)", () => {
    expect(parseArm64Image(header({ imageSize: 0n, textOffset: 0x1234n }), "old").textOffset).toBe(0x80000);
  });
  it.each([
    ["a short file", new Uint8Array(10), /x: not an arm64 Linux Image \(10 bytes/],
    ["a wrong magic", header({ magic: 0x12345678 }), /offset 0x38 holds 0x12345678, expected the magic 0x644d5241/],
    ["gzip", Uint8Array.of(0x1f, 0x8b, ...new Uint8Array(100)), /it is gzip: decompress it first/],
    ["big-endian", header({ flags: 0xbn }), /big-endian kernel/],
    ["64K pages", header({ flags: 0x6n | 0x8n }), /built for 64K pages/],
  ])("rejects %s", (_what, bytes, message) => {
    expect(() => parseArm64Image(bytes, "x")).toThrow(BootInputError);
    expect(() => parseArm64Image(bytes, "x")).toThrow(message);
  });
});

describe("placeBootImages (QEMU virt's loader)", () => {
  const h = parseArm64Image(header(), "Image");
  it("puts the kernel 2 MiB above the RAM base, the initrd at RAM/2 capped at 128 MiB, the DTB 2 MiB-aligned after", () => {
    // QEMU 512M: kernel 0x40200000, initrd 0x48000000, DTB after the initrd.
    expect(placeBootImages({ ramBase: 0x4000_0000, ramSize: 512 * MiB, header: h, initrdSize: 0x10_0001, dtbMaxSize: 0x1_0000 })).toEqual({
      kernel: 0x4020_0000,
      initrd: { start: 0x4800_0000, end: 0x4810_0001 },
      dtb: 0x4820_0000,
    });
    expect(placeBootImages({ ramBase: 0x4000_0000, ramSize: 128 * MiB, header: h, initrdSize: MiB, dtbMaxSize: 0x1_0000 }).initrd).toEqual({
      start: 0x4400_0000,
      end: 0x4410_0000,
    });
  });
  it("moves the initrd above the kernel's image_size when RAM/2 would overlap it", () => {
    const big = { ...h, imageSize: 40 * MiB };
    const placed = placeBootImages({ ramBase: 0x4000_0000, ramSize: 64 * MiB, header: big, initrdSize: MiB, dtbMaxSize: 0x1_0000 });
    expect(placed.initrd!.start).toBe(0x4000_0000 + 42 * MiB);
    expect(placed.dtb % (2 * MiB)).toBe(0);
  });
  it("honours text_offset and works without an initrd", () => {
    const placed = placeBootImages({ ramBase: 0x4000_0000, ramSize: 64 * MiB, header: { ...h, textOffset: 0x80000 }, initrdSize: 0, dtbMaxSize: 0x1_0000 });
    expect(placed).toEqual({ kernel: 0x4028_0000, initrd: null, dtb: 0x4000_0000 + 46 * MiB });
  });
  it("says --mem is too small", () => {
    expect(() => placeBootImages({ ramBase: 0x4000_0000, ramSize: 32 * MiB, header: h, initrdSize: MiB, dtbMaxSize: 0x1_0000 })).toThrow(
      /--mem 32M is too small/
    );
  });
});

describe("parseMemSize", () => {
  it.each([
    ["512M", 512 * MiB],
    ["512", 512 * MiB],
    ["1G", 1 << 30],
    ["65536K", 64 * MiB],
  ])("%s", (text, bytes) => expect(parseMemSize(text)).toBe(bytes));
  it("rejects nonsense", () => {
    expect(() => parseMemSize("lots")).toThrow(/expected a size such as 512M/);
    expect(() => parseMemSize("1001K")).toThrow(/multiple of 4K/);
  });
});
