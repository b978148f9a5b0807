import { describe, expect, it } from "vitest";
import { GuestMemoryError } from "../core/errors.js";
import { GuestMemory } from "./guest-memory.js";

describe("GuestMemory", () => {
  it("maps RAM and copies in and out across page boundaries", () => {
    const memory = new GuestMemory();
    const ram = memory.mapRam(0x1000, 0x2000);
    memory.write(0x1ffe, new Uint8Array([1, 2, 3, 4]));
    expect([...ram.subarray(0xffe, 0x1002)]).toEqual([1, 2, 3, 4]);
    expect([...memory.read(0x1ffd, 6)]).toEqual([0, 1, 2, 3, 4, 0]);
  });

  it("maps existing storage at an offset (shared with the host)", () => {
    const memory = new GuestMemory();
    const buffer = new ArrayBuffer(0x3000);
    memory.mapPages(0x40000, buffer, 0x1000, 0x2000);
    new Uint8Array(buffer)[0x1005] = 9;
    expect(memory.read(0x40005, 1)[0]).toBe(9);
  });

  it("throws GuestMemoryError naming the address for holes, MMIO and bad ranges", () => {
    const memory = new GuestMemory();
    memory.mapRam(0x1000, 0x1000);
    memory.mapDevice(0x9000, 0x1000, { read: () => 0n, write: () => undefined });
    expect(() => memory.read(0x1ff0, 0x20)).toThrow(new GuestMemoryError("read: guest address 0x2000 is not mapped"));
    expect(() => memory.write(0x9000, new Uint8Array(1))).toThrow(/0x9000 is MMIO/);
    expect(() => memory.mapRam(0x1800, 0x1000)).toThrow(/not 4 KiB aligned/);
    expect(() => memory.mapRam(0x1000, 0x1000)).toThrow(/0x1000 is already mapped/);
    expect(() => memory.mapRam(2 ** 53, 0x1000)).toThrow(/above 2\^53/);
    expect(() => memory.protect(0x5000, 0x1000, { read: true, write: true, exec: true })).toThrow(/0x5000 is not mapped/);
  });

  it("a failed write changes nothing", () => {
    const memory = new GuestMemory();
    const ram = memory.mapRam(0x1000, 0x1000);
    expect(() => memory.write(0x1ffe, new Uint8Array([1, 2, 3]))).toThrow(GuestMemoryError);
    expect(ram[0xffe]).toBe(0);
  });

  it("unmap and isMapped; every mapping change bumps the epoch", () => {
    const memory = new GuestMemory();
    const e0 = memory.epoch;
    memory.mapRam(0x1000, 0x3000);
    expect(memory.isMapped(0x2fff)).toBe(true);
    memory.unmap(0x2000, 0x1000);
    expect([memory.isMapped(0x1000), memory.isMapped(0x2000), memory.isMapped(0x3000)]).toEqual([true, false, true]);
    memory.protect(0x1000, 0x1000, { read: true, write: false, exec: false });
    expect(memory.epoch).toBe(e0 + 3);
  });

  it("several memories are independent (no shared state)", () => {
    const a = new GuestMemory();
    const b = new GuestMemory();
    a.mapRam(0x1000, 0x1000);
    expect(b.isMapped(0x1000)).toBe(false);
  });
});
