import { describe, expect, it } from "vitest";
import { BLOCK_MARK, PageTranslations } from "./page-translations.js";
import type { Block } from "./page-translations.js";

function block(page: PageTranslations, slot: number, length: number): Block {
  return { run: () => 0, length, valid: true, page, slot, runs: 0, ids: [], words: [] };
}

describe("PageTranslations", () => {
  it("marks the entry count of a slot where a block starts, and unmarks it when the block goes", () => {
    const page = new PageTranslations(100);
    page.hits[10] = 42;
    const b = block(page, 10, 4);
    page.put(10, b);
    expect(page.hits[10]).toBe(BLOCK_MARK);
    expect(page.blocks[10]).toBe(b);
    page.invalidate(12, 12); // a store into its third instruction
    expect(b.valid).toBe(false);
    expect(page.blocks[10]).toBeUndefined();
    expect(page.hits[10]).toBe(0);
  });

  it("parks its blocks on a whole-page invalidation, one entry short of the threshold", () => {
    const page = new PageTranslations(100);
    const b = block(page, 3, 2);
    page.put(3, b);
    page.invalidateAll();
    expect(page.blocks[3]).toBeUndefined();
    expect(page.parked[3]).toBe(b);
    expect(page.hits[3]).toBe(99);
  });
});
