import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { vm_guest_ram_read_callback, vm_ram_touch } from "@sel4ts/libsel4vm";
import { describe, expect, it } from "vitest";
import { hasHostTool } from "../../../test-tools.shared";
import { vm_load_guest_kernel, vm_load_guest_module, type guest_image_t, type guest_kernel_image_t } from "./guest-image";
import { image_get_type, parse_arm64_image_header } from "./image-format";
import { TEST_RAM_BASE, withVm } from "./test-support/vm-harness";

const fixtures = fileURLToPath(new URL("./fixtures/", import.meta.url));
const tinyElf = readFileSync(join(fixtures, "tiny.elf"));

/** An arm64 Image per Linux's booting.rst: header fields at 0x08 text_offset, 0x10 image_size, 0x18 flags, magic at 0x38. */
function arm64Image(body: number, fields: { text_offset?: number; image_size?: number; flags?: number } = {}): Uint8Array {
  const bytes = new Uint8Array(0x40 + body);
  const v = new DataView(bytes.buffer);
  v.setUint32(0, 0x1400_0010, true); // b +0x40
  v.setBigUint64(0x08, BigInt(fields.text_offset ?? 0), true);
  v.setBigUint64(0x10, BigInt(fields.image_size ?? 0x2000), true);
  v.setBigUint64(0x18, BigInt(fields.flags ?? 0), true);
  bytes.set([0x41, 0x52, 0x4d, 0x64], 0x38);
  bytes.fill(0xaa, 0x40);
  return bytes;
}

const emptyKernel = (): guest_kernel_image_t => ({ kernel_image: { load_paddr: 0, alignment: 0, size: 0 }, kernel_image_arch: {} });

describe("image formats", () => {
  it("recognises ELF, arm64 Image, DTB, gzip and raw bytes", () => {
    expect(image_get_type(tinyElf)).toBe("elf");
    expect(image_get_type(arm64Image(0x100))).toBe("arm64-image");
    expect(image_get_type(Uint8Array.of(0xd0, 0x0d, 0xfe, 0xed))).toBe("dtb");
    expect(image_get_type(Uint8Array.of(0x1f, 0x8b, 8, 0))).toBe("gzip");
    expect(image_get_type(Uint8Array.of(0x1f, 0x20, 0x03, 0xd5))).toBe("bin");
  });

  it("checks the arm64 Image header and names the offset of what is wrong", () => {
    expect(parse_arm64_image_header(arm64Image(0x100))).toEqual({ text_offset: 0, image_size: 0x2000, flags: 0 });
    expect(parse_arm64_image_header(arm64Image(0x100, { flags: 1 }))).toMatch(/^at byte 0x18: flags say the kernel is big endian/);
    expect(parse_arm64_image_header(arm64Image(0x100, { text_offset: 0x123 }))).toMatch(/^at byte 0x8: text_offset 0x123/);
    expect(parse_arm64_image_header(arm64Image(0x4000, { image_size: 0x1000 }))).toMatch(/^at byte 0x10: image_size 0x1000 is smaller than the file/);
    expect(parse_arm64_image_header(arm64Image(0x100, { image_size: 0 }))).toEqual({ text_offset: 0, image_size: 0x140, flags: 0 });
  });
});

describe("vm_load_guest_kernel / vm_load_guest_module", () => {
  it("loads an ELF by its PT_LOAD segments (as readelf -l lists them), zeroes BSS and enters at e_entry", async () => {
    const { value } = await withVm((vm) => {
      const image = emptyKernel();
      const status = vm_load_guest_kernel(vm, "tiny.elf", TEST_RAM_BASE, 0, image, { files: () => tinyElf });
      const code = new Uint8Array(8);
      const data = new Uint8Array(0x104);
      vm_ram_touch(vm, 0x4008_0000, 8, vm_guest_ram_read_callback, code);
      vm_ram_touch(vm, 0x4010_0000, 0x104, vm_guest_ram_read_callback, data);
      return { status, entry: vm.entry, image: image.kernel_image, code: Array.from(code), data: new TextDecoder().decode(data.subarray(0, 4)), bss: data.subarray(4).every((b) => b === 0) };
    });
    expect(value.status).toBe(0);
    expect(value.entry).toBe(0x4008_0004);
    expect(value.image).toEqual({ load_paddr: 0x4008_0000, alignment: 0, size: 0x8_0104 });
    expect(value.code).toEqual([0x1f, 0x20, 0x03, 0xd5, 0x00, 0x00, 0x00, 0x14]);
    expect(value.data).toBe("DATA");
    expect(value.bss).toBe(true);
  });

  it("loads an arm64 Image at a 2 MiB aligned address and marks image_size (with BSS) allocated", async () => {
    const { value } = await withVm((vm) => {
      const image = emptyKernel();
      const status = vm_load_guest_kernel(vm, "Image", TEST_RAM_BASE, 0, image, { files: () => arm64Image(0x100) });
      return { status, entry: vm.entry, size: image.kernel_image.size, regions: vm.mem.ram_regions.map((r) => ({ ...r })) };
    });
    expect(value.status).toBe(0);
    expect(value.entry).toBe(TEST_RAM_BASE);
    expect(value.size).toBe(0x2000);
    expect(value.regions[0]).toEqual({ start: TEST_RAM_BASE, size: 0x2000, allocated: 1 });
  });

  const failures: [string, () => Uint8Array | null, string, number, string][] = [
    ["a missing file", () => null, "kernel", TEST_RAM_BASE, "test|ERROR: vm_load_guest_kernel: kernel: no such file"],
    ["an Image off its 2 MiB alignment", () => arm64Image(0x100), "Image", TEST_RAM_BASE + 0x1000, "test|ERROR: vm_load_guest_kernel: Image: load address 0x40001000 is not 2 MiB aligned plus text_offset 0x0"],
    ["a big-endian Image", () => arm64Image(0x100, { flags: 1 }), "Image", TEST_RAM_BASE, "test|ERROR: vm_load_guest_kernel: Image: at byte 0x18: flags say the kernel is big endian; guests here are little endian"],
    ["an ELF for another machine", () => Uint8Array.from(tinyElf).fill(0x3e, 0x12, 0x13), "x86.elf", TEST_RAM_BASE, "test|ERROR: vm_load_guest_kernel: x86.elf: at byte 0x12: expected machine EM_AARCH64 (183), found 62"],
    ["a raw image outside RAM", () => new Uint8Array(0x300000), "big.bin", TEST_RAM_BASE, "test|ERROR: vm_load_guest_kernel: big.bin: 0x40000000+0x300000 is not inside guest RAM"],
  ];
  for (const [what, file, name, at, line] of failures) {
    it(`fails with -1 and names the file for ${what}`, async () => {
      const { value, log } = await withVm((vm) => vm_load_guest_kernel(vm, name, at, 0, emptyKernel(), { files: file }));
      expect(value).toBe(-1);
      expect(log).toContain(line);
    });
  }

  it("loads a DTB module and refuses a raw one", async () => {
    const { value, log } = await withVm((vm) => {
      const dtb: guest_image_t = { load_paddr: 0, alignment: 0, size: 0 };
      const ok = vm_load_guest_module(vm, "guest.dtb", 0x4010_0000, 0, dtb, { files: () => Uint8Array.of(0xd0, 0x0d, 0xfe, 0xed, 0, 0, 0, 8) });
      const bad = vm_load_guest_module(vm, "initrd.cpio", 0x4011_0000, 0, dtb, { files: () => new TextEncoder().encode("070701") });
      return { ok, bad, dtb };
    });
    expect(value).toEqual({ ok: 0, bad: -1, dtb: { load_paddr: 0x4010_0000, alignment: 0, size: 8 } });
    expect(log).toContain("test|ERROR: vm_load_guest_module: initrd.cpio: at byte 0x0: expected a DTB (d00dfeed) or gzip (1f8b) module, found a bin image");
  });

  it.skipIf(!hasHostTool("aarch64-linux-gnu-as"))("the committed tiny.elf is what regenerate.sh makes of tiny.S", () => {
    const dir = mkdtempSync(join(tmpdir(), "tiny-elf-"));
    try {
      execFileSync("sh", [join(fixtures, "regenerate.sh"), join(dir, "tiny.elf")]);
      expect(readFileSync(join(dir, "tiny.elf"))).toEqual(tinyElf);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
