import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkGuestImage } from "./guest-image";

const bin = (name: string) => readFileSync(new URL(`../../hello-guest/guest/${name}.bin`, import.meta.url));

describe("checkGuestImage", () => {
  it("accepts the bundled guests", () => {
    for (const name of ["hello", "echo", "primes"]) expect(checkGuestImage(name, bin(name))).toBeNull();
  });

  it("names what a file is when it is certainly not a flat guest image", () => {
    expect(checkGuestImage("a.elf", Uint8Array.of(0x7f, 0x45, 0x4c, 0x46, 2, 1))).toMatch(/^a\.elf is not a guest image: it is an ELF file: .*objcopy -O binary/);
    const image = new Uint8Array(0x40);
    image.set([0x41, 0x52, 0x4d, 0x64], 0x38);
    expect(checkGuestImage("Image", image)).toMatch(/arm64 Linux kernel Image/);
    expect(checkGuestImage("x.png", Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a))).toMatch(/PNG image/);
    expect(checkGuestImage("index.html", new TextEncoder().encode("<!doctype html>"))).toMatch(/HTML page/);
  });

  it("refuses an empty file and one larger than guest RAM", () => {
    expect(checkGuestImage("empty.bin", new Uint8Array(0))).toBe("empty.bin is empty");
    expect(checkGuestImage("big.bin", new Uint8Array(0x20_0001))).toBe("big.bin is 2097153 bytes, more than the guest's 2 MiB of RAM");
  });
});
