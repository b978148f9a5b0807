import { describe, expect, it } from "vitest";
import { Cpu } from "../core/cpu.js";
import { GuestMemoryError } from "../core/errors.js";
import { GuestMemory } from "./guest-memory.js";
import { SPARSE_CHUNK_PAGES } from "./page-table.js";

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

  it("makes the page entries of mapped storage 2 MiB at a time, where the range is used", () => {
    const memory = new GuestMemory();
    const buffer = new ArrayBuffer(0x60_0000);
    memory.mapPages(0x4000_0000, buffer, 0x20_0000, 0x40_0000);
    expect(memory.pages.size).toBe(0);
    new Uint8Array(buffer)[0x20_0000 + 0x30_0123] = 7;
    expect(memory.read(0x4030_0123, 1)[0]).toBe(7);
    expect(memory.pages.size).toBe(SPARSE_CHUNK_PAGES); // the second 2 MiB only
    expect(memory.pageAt(0x4030_0123)!.offset).toBe(0x30_0000);
    // The unmade rest of the range is mapped all the same: a second map over it is refused,
    // naming the first page of the overlap.
    expect(() => memory.mapRam(0x403f_f000, 0x2000)).toThrow(/0x403ff000 is already mapped/);
    expect(() => memory.mapRam(0x3fff_e000, 0x4000)).toThrow(/0x40000000 is already mapped/);
    memory.unmap(0x4000_0000, 0x10_0000);
    expect([memory.isMapped(0x400f_ffff), memory.isMapped(0x4010_0000)]).toEqual([false, true]);
    expect(memory.pageAt(0x4010_0000)!.offset).toBe(0x10_0000);
    memory.mapRam(0x4000_0000, 0x10_0000); // the hole can be mapped again
  });

  it("several memories are independent (no shared state)", () => {
    const a = new GuestMemory();
    const b = new GuestMemory();
    a.mapRam(0x1000, 0x1000);
    expect(b.isMapped(0x1000)).toBe(false);
  });
});

describe("GuestMemory.invalidateCode", () => {
  it("makes a CPU re-decode code changed through the host's own view of the storage", () => {
    const memory = new GuestMemory();
    const bytes = memory.mapRam(0x10000, 0x1000);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, 0xd2800020, true); // movz x0, #1
    const cpu = new Cpu({ memory });
    cpu.setPC(0x10000n);
    cpu.run(1);
    view.setUint32(0, 0xd2800040, true); // movz x0, #2, written behind GuestMemory's back
    cpu.setPC(0x10000n);
    cpu.run(1);
    expect(cpu.getX(0)).toBe(1n); // stale decode: the documented reason for invalidateCode
    memory.invalidateCode(0x10000, 4);
    cpu.setPC(0x10000n);
    cpu.run(1);
    expect(cpu.getX(0)).toBe(2n);
  });

  it("skips unmapped pages", () => {
    const memory = new GuestMemory();
    expect(() => memory.invalidateCode(0x5000, 0x3000)).not.toThrow();
  });
});

describe("GuestMemory.forgetAllCode", () => {
  it("empties the decoded code of every page that has some, and of no unmapped page", () => {
    const memory = new GuestMemory();
    memory.mapRam(0x1000, 0x3000);
    const pages = [1, 3].map((page) => memory.pages.get(page)!);
    const codes = pages.map((entry) => memory.codeOf(entry));
    codes.forEach((code) => code.fill(7, 0, 4));
    pages.forEach((entry) => (entry.decoded = true)); // as a decoder does
    memory.unmap(0x3000, 0x1000);
    memory.forgetAllCode();
    expect([...codes[0]!.subarray(0, 4)]).toEqual([0, 0, 0, 0]);
    // The unmapped page's array was emptied by unmap; forgetAllCode no longer visits it.
    codes[1]!.fill(7, 0, 4);
    memory.forgetAllCode();
    expect([...codes[1]!.subarray(0, 4)]).toEqual([7, 7, 7, 7]);
    expect(memory.pages.get(2)!.code).toBeNull();
  });

  it("fills a page's array only when something was decoded into it since the last forget", () => {
    const memory = new GuestMemory();
    memory.mapRam(0x1000, 0x1000);
    const entry = memory.pages.get(1)!;
    const code = memory.codeOf(entry);
    entry.decoded = true;
    code[5] = 9;
    memory.forgetAllCode();
    expect(code[5]).toBe(0);
    expect(entry.decoded).toBe(false);
    // Nothing decoded since: a second forget has nothing to clear (a stray slot stays).
    code[6] = 9;
    memory.forgetAllCode();
    expect(code[6]).toBe(9);
  });
});
