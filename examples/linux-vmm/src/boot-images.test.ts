import { gzipSync } from "node:zlib";
import { Fdt } from "@sel4ts/fdt";
import { describe, expect, it } from "vitest";
import { prepareLinuxBoot } from "./boot-images.js";
import { BootInputError } from "./image.js";
import { checkInitramfs } from "./initrd.js";

const kernel = new Uint8Array(0x1000);
new DataView(kernel.buffer).setBigUint64(0x10, 0x2a0_0000n, true);
new DataView(kernel.buffer).setBigUint64(0x18, 0xan, true);
new DataView(kernel.buffer).setUint32(0x38, 0x644d5241, true);
const initrd = gzipSync(new TextEncoder().encode("070701" + "0".repeat(200)));

describe("prepareLinuxBoot", () => {
  it("places the images and describes them in the DTB", () => {
    const boot = prepareLinuxBoot({
      kernel, kernelSource: "Image", initrd, initrdSource: "initrd.gz",
      bootargs: "console=ttyAMA0 rdinit=/init", memorySize: 512 << 20, psciMethod: "smc",
    });
    expect(boot.kernel).toBe(0x4020_0000);
    const fdt = Fdt.parse(boot.dtbBlob);
    const chosen = fdt.getNode("/chosen");
    expect(chosen.getProperty("linux,initrd-start").asU64()).toBe(BigInt(boot.initrd!.start));
    expect(chosen.getProperty("linux,initrd-end").asU64()).toBe(BigInt(boot.initrd!.start + initrd.length));
    expect(chosen.getProperty("bootargs").asString()).toBe("console=ttyAMA0 rdinit=/init");
    expect(chosen.getProperty("rng-seed").asBytes()).toHaveLength(32);
    expect(fdt.getNode("/psci").getProperty("method").asString()).toBe("smc");
    expect(fdt.getNode("/memory").reg()).toEqual([{ address: 0x4000_0000n, size: 0x2000_0000n }]);
    expect(boot.dtbBlob.length).toBeLessThan(0x1_0000);
    expect(boot.dtb).toBeGreaterThanOrEqual(boot.initrd!.end);
  });
});

describe("checkInitramfs", () => {
  it("accepts gzip'd newc and plain newc", () => {
    expect(() => checkInitramfs(initrd, "a")).not.toThrow();
    expect(() => checkInitramfs(new TextEncoder().encode("070701xx"), "a")).not.toThrow();
  });
  it.each([
    ["not gzip", new TextEncoder().encode("hello world"), /x: not an initramfs: expected gzip/],
    ["corrupt gzip", initrd.subarray(0, initrd.length - 9), /x: corrupt gzip/],
    ["gzip of something else", gzipSync(new TextEncoder().encode("not cpio")), /does not hold a newc cpio archive/],
  ])("rejects %s", (_what, bytes, message) => {
    expect(() => checkInitramfs(bytes, "x")).toThrow(BootInputError);
    expect(() => checkInitramfs(bytes, "x")).toThrow(message);
  });
});
