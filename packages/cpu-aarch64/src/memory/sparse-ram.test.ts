import { describe, expect, it } from "vitest";
import { GuestMemoryError } from "../core/errors.js";
import { Cpu } from "../core/cpu.js";
import { GuestMemory } from "./guest-memory.js";
import { SPARSE_CHUNK_PAGES } from "./page-table.js";

const GIB = 2 ** 30;

describe("GuestMemory.mapSparseRam", () => {
  it("maps 8 GiB that is made 2 MiB at a time where it is touched", () => {
    const memory = new GuestMemory();
    memory.mapSparseRam(0x4000_0000, 8 * GIB);
    expect(memory.pages.size).toBe(0); // nothing made yet
    expect(memory.isMapped(0x4000_0000 + 8 * GIB - 1)).toBe(true);
    expect(memory.isMapped(0x4000_0000 + 8 * GIB)).toBe(false);
    const high = 0x4000_0000 + 7 * GIB + 0x1234;
    memory.write(high, Uint8Array.from([1, 2, 3]));
    expect(memory.pages.size).toBe(SPARSE_CHUNK_PAGES);
    expect([...memory.read(high, 3)]).toEqual([1, 2, 3]);
    expect([...memory.read(0x4000_0000, 2)]).toEqual([0, 0]); // untouched RAM reads as zeroes
    expect(memory.pages.size).toBe(2 * SPARSE_CHUNK_PAGES);
    expect(() => memory.mapRam(0x4000_0000 + 4 * GIB, 0x1000)).toThrow(GuestMemoryError);
  });

  it("unmaps part of it: those pages are gone, the rest is still made on use", () => {
    const memory = new GuestMemory();
    memory.mapSparseRam(0, 16 << 20);
    memory.write(0x1000, Uint8Array.from([7]));
    memory.unmap(0, 4 << 20);
    expect(memory.isMapped(0x1000)).toBe(false);
    expect(() => memory.read(0x1000, 1)).toThrow(/0x1000 is not mapped/);
    memory.mapRam(0, 0x1000); // the hole can be mapped again
    expect([...memory.read(8 << 20, 1)]).toEqual([0]);
  });

  it("is what a CPU runs from: code and data above 4 GiB", () => {
    const memory = new GuestMemory();
    const base = 0x1_4000_0000; // 5 GiB
    memory.mapSparseRam(0, 8 * GIB);
    const code = new Uint8Array(8);
    new DataView(code.buffer).setUint32(0, 0xf9000020, true); // str x0, [x1]
    new DataView(code.buffer).setUint32(4, 0xd4000001, true); // svc #0
    memory.write(base, code);
    const cpu = new Cpu({ memory });
    cpu.setPC(BigInt(base));
    cpu.setX(0, 0x1122_3344_5566_7788n);
    cpu.setX(1, BigInt(base + 0x10_0000));
    expect(cpu.run(10).kind).toBe("svc");
    expect(new DataView(memory.read(base + 0x10_0000, 8).buffer).getBigUint64(0, true)).toBe(0x1122_3344_5566_7788n);
  });
});
