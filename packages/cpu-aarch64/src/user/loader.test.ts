import { describe, expect, it } from "vitest";
import { GuestMemory } from "../memory/guest-memory.js";
import { AddressSpace, PROT_EXEC, PROT_READ, PROT_WRITE } from "./address-space.js";
import { buildElf } from "./elf-builder.test-helper.js";
import { PF_R, PF_W, PF_X, parseElf } from "./elf.js";
import { LinuxUserError } from "./errors.js";
import { PIE_LOAD_BASE, STACK_TOP } from "./layout.js";
import { MAX_IMAGE_BYTES, loadElf } from "./loader.js";

const text = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
const data = new Uint8Array([0xaa, 0xbb]);

function load(type: number) {
  const image = buildElf({
    type,
    entry: 0x400000 + 0xb0,
    segments: [
      { flags: PF_R | PF_X, vaddr: 0x400000 + 0xb0, data: text },
      { flags: PF_R | PF_W, vaddr: 0x410000 + 0xb8, data, memSize: 0x3000 },
    ],
  });
  const memory = new GuestMemory();
  const space = new AddressSpace(memory);
  const loaded = loadElf(space, parseElf(image), image);
  return { memory, space, loaded };
}

describe("loadElf", () => {
  it("maps ET_EXEC segments at their addresses with their permissions, bss zeroed", () => {
    const { memory, space, loaded } = load(2);
    expect(loaded.loadBias).toBe(0);
    expect(loaded.entry).toBe(0x4000b0);
    expect(memory.read(0x4000b0, 8)).toEqual(text);
    expect(memory.read(0x4100b8, 4)).toEqual(new Uint8Array([0xaa, 0xbb, 0, 0]));
    expect(memory.read(0x4130b0, 8)).toEqual(new Uint8Array(8));
    expect(space.mappings()).toEqual([
      { start: 0x400000, end: 0x401000, prot: PROT_READ | PROT_EXEC },
      { start: 0x410000, end: 0x414000, prot: PROT_READ | PROT_WRITE },
    ]);
    expect(loaded.brkStart).toBe(0x414000);
  });

  it("finds the program headers for AT_PHDR inside the first PT_LOAD", () => {
    // buildElf puts the headers at file offset 64 and the text at offset 0xb0 of page 0x400000.
    const { loaded } = load(2);
    expect(loaded.programHeaderAddress).toBe(0x400000 + 64);
  });

  it("loads a static-pie (ET_DYN) image at the fixed PIE base", () => {
    const { memory, loaded } = load(3);
    expect(loaded.loadBias).toBe(PIE_LOAD_BASE);
    expect(loaded.entry).toBe(PIE_LOAD_BASE + 0x4000b0);
    expect(memory.read(PIE_LOAD_BASE + 0x4000b0, 8)).toEqual(text);
    expect(memory.isMapped(0x4000b0)).toBe(false);
  });
});

describe("loadElf refuses images it cannot place", () => {
  const refuse = (vaddr: number, memSize: number): string => {
    const image = buildElf({ entry: vaddr, segments: [{ flags: PF_R, vaddr, data: text, memSize }] });
    try {
      loadElf(new AddressSpace(new GuestMemory()), parseElf(image, "big"), image, "big");
    } catch (error) {
      if (error instanceof LinuxUserError) return error.message;
      throw error;
    }
    throw new Error("expected a LinuxUserError");
  };

  it("in the null page or over the stack", () => {
    expect(refuse(0x10, 8)).toMatch(/big: PT_LOAD at 0x10\+0x8 cannot be placed/);
    expect(refuse(STACK_TOP - 0x2000, 8)).toMatch(/cannot be placed/);
  });

  it("when its segments ask for more memory than the limit", () => {
    expect(refuse(0x400000, MAX_IMAGE_BYTES + 1)).toMatch(/beyond 1024 MiB of memory/);
  });
});
