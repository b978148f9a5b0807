import { describe, expect, it } from "vitest";
import { KernelSimError } from "../errors";
import { PhysicalMemory } from "./physical-memory";

describe("PhysicalMemory", () => {
  it("allocates nothing until a page is touched", () => {
    const memory = new PhysicalMemory([{ base: 0x4000_0000, size: 0x4000_0000 }]);
    expect(memory.allocatedChunks).toBe(0);
    memory.zero(0x4000_0000, 0x4000_0000);
    expect(memory.allocatedChunks).toBe(0);
    memory.write(0x4020_0ffe, new Uint8Array([1, 2, 3, 4]));
    expect(memory.allocatedChunks).toBe(1);
    expect([...memory.read(0x4020_0ffe, 4)]).toEqual([1, 2, 3, 4]);
  });

  it("hands out page backings that alias the same bytes", () => {
    const memory = new PhysicalMemory([{ base: 0x4000_0000, size: 0x80_0000 }]);
    const { buffer, byteOffset } = memory.pageBacking(0x4021_3abc);
    expect(byteOffset % 4096).toBe(0);
    new Uint8Array(buffer, byteOffset + 0xabc, 1)[0] = 0x5a;
    expect(memory.read(0x4021_3abc, 1)[0]).toBe(0x5a);
  });

  it("keeps the chunks cut from one buffer apart", () => {
    const memory = new PhysicalMemory([{ base: 0x4000_0000, size: 0x400_0000 }]);
    const first = memory.pageBacking(0x4000_0000);
    const second = memory.pageBacking(0x4020_0000);
    // Both chunks lie in one 64 MiB buffer, at their own offsets.
    expect(second.buffer).toBe(first.buffer);
    expect(second.byteOffset - first.byteOffset).toBe(0x20_0000);
    memory.write(0x401f_ffff, new Uint8Array([1, 2]));
    expect(memory.bytes(0x4020_0000, 1)[0]).toBe(2);
    expect(memory.bytes(0x401f_f000, 0x1000)[0xfff]).toBe(1);
    expect(memory.allocatedChunks).toBe(2);
    expect(() => memory.bytes(0x4020_0000, 0x20_0001)).toThrow(KernelSimError);
  });

  it("reads and writes across chunk boundaries and zeroes ranges", () => {
    const memory = new PhysicalMemory([{ base: 0x4000_0000, size: 0x80_0000 }]);
    const data = Uint8Array.from({ length: 16 }, (_, i) => i + 1);
    memory.write(0x401f_fff8, data);
    expect([...memory.read(0x401f_fff8, 16)]).toEqual([...data]);
    memory.zero(0x401f_fffc, 8);
    expect([...memory.read(0x401f_fff8, 16)]).toEqual([1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 13, 14, 15, 16]);
    expect(() => memory.bytes(0x401f_fff8, 16)).toThrow(KernelSimError);
  });

  it("zeroes a large range by visiting only the chunks that exist", () => {
    const memory = new PhysicalMemory([{ base: 0x4000_0000, size: 0x4000_0000 }]);
    memory.write(0x4000_0000, new Uint8Array([7]));
    memory.write(0x4060_0010, new Uint8Array([8, 9]));
    memory.zero(0x4060_0011, 0x3000_0000);
    expect([...memory.read(0x4060_0010, 2)]).toEqual([8, 0]);
    expect(memory.read(0x4000_0000, 1)[0]).toBe(7);
  });

  it("rejects addresses outside RAM and unaligned regions", () => {
    const memory = new PhysicalMemory([{ base: 0x4000_0000, size: 0x1000 }]);
    expect(() => memory.read(0x3fff_f000, 4)).toThrow(/not RAM/);
    expect(() => new PhysicalMemory([{ base: 0x4000_0001, size: 0x1000 }])).toThrow(/not page aligned/);
  });
});
