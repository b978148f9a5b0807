import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EACCES, EEXIST, EINVAL, ENOMEM } from "../errno.js";
import { MMAP_TOP } from "../layout.js";
import { SCRATCH, createHarness } from "./harness.test-helper.js";

const PROT_RW = 3;
const MAP_PRIVATE_ANON = 0x22;
const dir = mkdtempSync(join(tmpdir(), "sel4ts-mmap-"));
writeFileSync(join(dir, "blob"), Buffer.from(Array.from({ length: 6000 }, (_, i) => i & 0xff)));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("brk", () => {
  it("starts after the executable, grows with zeroed pages and shrinks", () => {
    const h = createHarness();
    expect(h.call("brk", 0)).toBe(0x401000);
    expect(h.call("brk", 0x403800)).toBe(0x403800);
    expect(h.memory.read(0x403000, 0x800)).toEqual(new Uint8Array(0x800));
    h.memory.write(0x401000, new Uint8Array([7]));
    expect(h.call("brk", 0x402000)).toBe(0x402000);
    expect(h.memory.isMapped(0x402000)).toBe(false);
    expect(h.memory.read(0x401000, 1)[0]).toBe(7);
    expect(h.call("brk", 0x1000)).toBe(0x402000);
  });

  it("refuses to grow into another mapping", () => {
    const h = createHarness();
    expect(h.call("mmap", 0x405000, 0x1000, PROT_RW, MAP_PRIVATE_ANON | 0x10, -1, 0)).toBe(0x405000);
    expect(h.call("brk", 0x408000)).toBe(0x401000);
  });
});

describe("mmap family", () => {
  it("places anonymous maps top-down and zero-fills them", () => {
    const h = createHarness();
    const a = h.call("mmap", 0, 0x2000, PROT_RW, MAP_PRIVATE_ANON, -1, 0);
    const b = h.call("mmap", 0, 100, PROT_RW, MAP_PRIVATE_ANON, -1, 0);
    expect(a).toBe(MMAP_TOP - 0x2000);
    expect(b).toBe(a - 0x1000);
    expect(h.memory.read(a, 0x2000)).toEqual(new Uint8Array(0x2000));
    expect(h.call("munmap", a, 0x2000)).toBe(0);
    expect(h.memory.isMapped(a)).toBe(false);
    expect(h.call("mmap", 0, 0x1000, PROT_RW, MAP_PRIVATE_ANON, -1, 0)).toBe(MMAP_TOP - 0x1000);
  });

  it("validates arguments like Linux", () => {
    const h = createHarness();
    expect(h.call("mmap", 0, 0, PROT_RW, MAP_PRIVATE_ANON, -1, 0)).toBe(-EINVAL);
    expect(h.call("mmap", 0, 0x1000, PROT_RW, 0x20, -1, 0)).toBe(-EINVAL);
    expect(h.call("mmap", 0x123, 0x1000, PROT_RW, MAP_PRIVATE_ANON | 0x10, -1, 0)).toBe(-EINVAL);
    expect(h.call("mmap", SCRATCH, 0x1000, PROT_RW, MAP_PRIVATE_ANON | 0x100000, -1, 0)).toBe(-EEXIST);
    expect(h.call("munmap", 0x1001, 0x1000)).toBe(-EINVAL);
  });

  it("maps a private copy of a file, short at end of file", () => {
    const h = createHarness({ cwd: dir });
    h.putString(SCRATCH, "blob");
    const fd = h.call("openat", -100, SCRATCH, 0, 0);
    const at = h.call("mmap", 0, 0x2000, 1, 0x02, fd, 0x1000);
    expect(at).toBeGreaterThan(0);
    const bytes = h.memory.read(at, 0x2000);
    expect(bytes[0]).toBe(0x1000 & 0xff);
    expect(bytes[6000 - 0x1000 - 1]).toBe((6000 - 1) & 0xff);
    expect(bytes[6000 - 0x1000]).toBe(0);
    expect(h.call("mmap", 0, 0x1000, PROT_RW, 0x01, fd, 0)).toBe(-EACCES);
  });

  it("changes protection of mapped ranges only", () => {
    const h = createHarness();
    const a = h.call("mmap", 0, 0x3000, PROT_RW, MAP_PRIVATE_ANON, -1, 0);
    expect(h.call("mprotect", a + 0x1000, 0x1000, 1)).toBe(0);
    expect(h.state.space.regionAt(a + 0x1000)?.prot).toBe(1);
    expect(h.state.space.regionAt(a)?.prot).toBe(PROT_RW);
    expect(h.call("mprotect", a + 0x2000, 0x2000, 1)).toBe(-ENOMEM);
  });

  it("grows in place when it can and moves the contents when it must", () => {
    const h = createHarness();
    const a = h.call("mmap", 0, 0x1000, PROT_RW, MAP_PRIVATE_ANON, -1, 0);
    h.memory.write(a, new Uint8Array([1, 2, 3]));
    const blocker = h.call("mmap", a + 0x1000, 0x1000, PROT_RW, MAP_PRIVATE_ANON | 0x10, -1, 0);
    expect(blocker).toBe(a + 0x1000);
    expect(h.call("mremap", a, 0x1000, 0x3000, 0, 0)).toBe(-ENOMEM);
    const moved = h.call("mremap", a, 0x1000, 0x3000, 1, 0);
    expect(moved).not.toBe(a);
    expect(h.memory.read(moved, 3)).toEqual(new Uint8Array([1, 2, 3]));
    expect(h.memory.isMapped(a)).toBe(false);
    expect(h.call("mremap", moved, 0x3000, 0x1000, 0, 0)).toBe(moved);
    expect(h.memory.isMapped(moved + 0x1000)).toBe(false);
  });

  it("moves a mapping to a fixed address with MREMAP_FIXED", () => {
    const h = createHarness();
    const a = h.call("mmap", 0, 0x2000, PROT_RW, MAP_PRIVATE_ANON, -1, 0);
    h.memory.write(a + 0x1000, new Uint8Array([4, 5]));
    expect(h.call("mremap", a, 0x2000, 0x2000, 3, 0x5000_0000)).toBe(0x5000_0000);
    expect(h.memory.read(0x5000_1000, 2)).toEqual(new Uint8Array([4, 5]));
    expect(h.memory.isMapped(a)).toBe(false);
    expect(h.call("mremap", 0x5000_0000, 0x2000, 0x2000, 2, 0x6000_0000)).toBe(-EINVAL);
    expect(h.call("mremap", 0x7000_0000, 0x1000, 0x2000, 1, 0)).toBe(-14); // EFAULT: nothing mapped there
  });

  it("zeroes memory on MADV_DONTNEED", () => {
    const h = createHarness();
    const a = h.call("mmap", 0, 0x1000, PROT_RW, MAP_PRIVATE_ANON, -1, 0);
    h.memory.write(a, new Uint8Array([9, 9]));
    expect(h.call("madvise", a, 0x1000, 4)).toBe(0);
    expect(h.memory.read(a, 2)).toEqual(new Uint8Array(2));
  });
});
