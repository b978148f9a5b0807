import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Cpu } from "@sel4ts/cpu-aarch64";
import { describe, expect, it } from "vitest";
import { prepareLinuxBoot } from "./boot-images.js";
import { setUpDebugAids } from "./debug-aids.js";
import { BootInputError } from "./image.js";

const dir = mkdtempSync(join(tmpdir(), "linux-debug-"));
const kernel = new Uint8Array(0x1000);
new DataView(kernel.buffer).setBigUint64(0x10, 0x2a0_0000n, true);
new DataView(kernel.buffer).setUint32(0x38, 0x644d5241, true);
const initrd = gzipSync(new TextEncoder().encode("070701" + "0".repeat(104)));
const images = prepareLinuxBoot({
  kernel, kernelSource: "Image", initrd, initrdSource: "initrd.gz",
  bootargs: "console=ttyAMA0 rdinit=/init", memorySize: 512 << 20, psciMethod: "smc",
});

function hasDtc(): boolean {
  try {
    execFileSync("dtc", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describe("pnpm linux debugging aids", () => {
  it("--dump-dtb writes the DTB the guest gets; dtc reads it back (where installed)", () => {
    const path = join(dir, "guest.dtb");
    setUpDebugAids({ dumpDtb: path, stats: false }, images);
    const written = readFileSync(path);
    expect(Buffer.compare(written, Buffer.from(images.dtbBlob))).toBe(0);
    if (!hasDtc()) return;
    const source = execFileSync("dtc", ["-I", "dtb", "-O", "dts", path], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    expect(source).toContain('bootargs = "console=ttyAMA0 rdinit=/init";');
    expect(source).toContain('compatible = "arm,pl011\\0arm,primecell";');
  });

  it("--system-map names code addresses; bad or missing files are bad input", () => {
    const map = join(dir, "System.map");
    writeFileSync(map, "ffff800008000000 T _text\nffff800008c0a000 T __cpu_setup\n");
    const aids = setUpDebugAids({ systemMap: map, stats: false }, images);
    expect(aids.symbolize(BigInt(images.kernel) + 0xc0a004n)).toBe("__cpu_setup+0x4");
    expect(() => setUpDebugAids({ systemMap: join(dir, "none.map"), stats: false }, images)).toThrow(BootInputError);
    writeFileSync(join(dir, "bad.map"), "not a map\n");
    expect(() => setUpDebugAids({ systemMap: join(dir, "bad.map"), stats: false }, images)).toThrow(/--system-map .*bad\.map:1: expected "ADDRESS TYPE NAME"/);
  });

  it("--trace-diff needs a readable QEMU log; without the flag the kernel gets no hook", () => {
    expect(() => setUpDebugAids({ traceDiff: join(dir, "none.log"), stats: false }, images)).toThrow(/^--trace-diff .*none\.log: no such file$/);
    const plain = setUpDebugAids({ stats: true }, images);
    expect(plain.kernelOptions).toEqual({});
    expect(plain.shouldStop()).toBe(false);
    expect(plain.finish({ outcome: "powered-off", instructions: 0, wallSeconds: 1, virtualNs: 0, boots: 1, exits: {} })).toEqual([
      "[linux] powered-off: 0 instructions in 1.0 s (0.00 MIPS), virtual 0.00 s, 1 boot; exits: none",
    ]);
  });

  it("--guest-profile hands the kernel a hook that attaches the sampler; a bad interval is bad input", () => {
    const aids = setUpDebugAids({ guestProfile: "500", stats: false }, images);
    const core = { pcSampler: null } as unknown as Cpu;
    aids.kernelOptions.onGuestCore!(core);
    expect(core.pcSampler?.interval).toBe(500);
    core.pcSampler!.sample(0xffff800008000010n);
    expect(aids.finish({ outcome: "powered-off", instructions: 500, wallSeconds: 1, virtualNs: 0, boots: 1, exits: {} })[0]).toMatch(/^\[guest-profile\] 1 samples, one each 500 instructions; by kernel function \(no System\.map/);
    expect(() => setUpDebugAids({ guestProfile: "0", stats: false }, images)).toThrow(/^--guest-profile 0: expected a whole number/);
    expect(() => setUpDebugAids({ guestProfile: "x", stats: false }, images)).toThrow(BootInputError);
  });

  it("--dtb boots with a given device tree blob in place of the generated one; one that does not parse or fit is bad input", () => {
    const path = join(dir, "given.dtb");
    const given = new Uint8Array(images.dtbBlob);
    given[given.length - 1] = 0; // still a valid blob (the end of the strings block)
    writeFileSync(path, given);
    const aids = setUpDebugAids({ dtb: path, stats: false }, images);
    expect(aids.images.dtbBlob).toEqual(given);
    expect(aids.images.kernel).toBe(images.kernel);
    expect(setUpDebugAids({ stats: false }, images).images).toBe(images);
    writeFileSync(join(dir, "garbage.dtb"), "not a device tree");
    expect(() => setUpDebugAids({ dtb: join(dir, "garbage.dtb"), stats: false }, images)).toThrow(/^--dtb: /);
    const big = new Uint8Array(0x2_0000);
    big.set(images.dtbBlob);
    new DataView(big.buffer).setUint32(4, big.length); // totalsize
    writeFileSync(join(dir, "big.dtb"), big);
    expect(() => setUpDebugAids({ dtb: join(dir, "big.dtb"), stats: false }, images)).toThrow(/big\.dtb: 131072 bytes; at most 65536 fit/);
  });
});
