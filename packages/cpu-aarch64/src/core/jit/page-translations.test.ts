import { describe, expect, it } from "vitest";
import { BLOCK_MARK, PageTranslations, newBlock } from "./page-translations.js";
import type { Block } from "./page-translations.js";

function block(page: PageTranslations, slot: number, length: number): Block {
  const ids = new Array<number>(length).fill(0);
  return newBlock(page, slot, ids, ids, 0, () => 0);
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
    expect(page.blocks[10]).toBe(page.none);
    expect(page.hits[10]).toBe(0);
  });

  it("holds an empty block that returns to the run loop where no block starts", () => {
    const page = new PageTranslations(100);
    expect(page.blocks.every((b) => b === page.none)).toBe(true);
    expect(page.none.length).toBe(0);
    expect(page.none.valid).toBe(false);
    expect(page.none.run(undefined as never, 0)).toBe(0);
    page.invalidate(0, 1023);
    page.invalidateAll();
    expect(page.none.valid).toBe(false);
    expect(page.blocks.every((b) => b === page.none)).toBe(true);
  });

  it("parks its blocks on a whole-page invalidation, one entry short of the threshold", () => {
    const page = new PageTranslations(100);
    const b = block(page, 3, 2);
    page.put(3, b);
    page.invalidateAll();
    expect(page.blocks[3]).toBe(page.none);
    expect(page.parked[3]).toBe(b);
    expect(page.hits[3]).toBe(99);
  });
});
