import { describe, expect, it } from "vitest";
import { PageTable } from "./page-table.js";
import type { PageEntry } from "./types.js";

function page(tag: number): PageEntry {
  return { bytes: null, view: null, offset: tag, perms: 0, device: null, deviceOffset: 0, code: null, decoded: false, jit: null };
}

describe("PageTable", () => {
  it("finds, replaces and forgets pages below and above 4 GiB alike", () => {
    const table = new PageTable();
    const numbers = [0, 1, 511, 512, 0x40000, 0xfffff, 0x100000, 0x123456789];
    numbers.forEach((n, i) => table.set(n, page(i)));
    numbers.forEach((n, i) => expect(table.get(n)?.offset).toBe(i));
    expect(table.get(2)).toBeUndefined();
    table.set(512, page(99));
    expect(table.get(512)?.offset).toBe(99);
    for (const n of numbers) table.delete(n);
    for (const n of numbers) expect(table.get(n)).toBeUndefined();
    expect(table.size).toBe(0);
    table.set(7, page(7));
    table.clear();
    expect(table.get(7)).toBeUndefined();
  });

  it("makes sparse pages on first use and then finds them as mapped pages", () => {
    const table = new PageTable();
    table.addSparse(0x40000, 0x40400, 7);
    const made = table.get(0x40201)!;
    expect(made.perms).toBe(7);
    expect(table.get(0x40201)).toBe(made);
    expect(table.size).toBe(512); // one 2 MiB chunk
    table.delete(0x40201);
    expect(table.get(0x40201)).toBeUndefined(); // made once: a deleted page stays unmapped
  });
});
