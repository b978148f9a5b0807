import { describe, expect, it } from "vitest";
import { buildElf } from "./elf-builder.test-helper.js";
import { PF_R, PF_X, PT_INTERP, parseElf, requireStaticExecutable } from "./elf.js";
import { LinuxUserError } from "./errors.js";

const code = new Uint8Array([0x00, 0x00, 0x80, 0xd2]);

function errorOf(run: () => unknown): LinuxUserError {
  try {
    run();
  } catch (error) {
    if (error instanceof LinuxUserError) return error;
    throw error;
  }
  throw new Error("expected a LinuxUserError");
}

describe("parseElf", () => {
  it("reads the header and program headers of a static executable", () => {
    const elf = parseElf(buildElf({ entry: 0x400078, segments: [{ flags: PF_R | PF_X, vaddr: 0x400078, data: code, memSize: 0x20 }] }));
    expect(elf.type).toBe(2);
    expect(elf.entry).toBe(0x400078);
    expect(elf.programHeaderCount).toBe(1);
    expect(elf.segments[0]).toMatchObject({ type: 1, vaddr: 0x400078, fileSize: 4, memSize: 0x20, flags: 5 });
    expect(elf.interpreter).toBeNull();
  });

  it("accepts a bss-only PT_LOAD whose file offset lies past the end of the file", () => {
    const image = buildElf({ entry: 0x1000, segments: [{ flags: PF_R, vaddr: 0x1000, data: code }, { flags: PF_R, vaddr: 0x20000, data: new Uint8Array(0), memSize: 0x400 }] });
    new DataView(image.buffer).setBigUint64(64 + 56 + 8, 0xffe8n, true);
    expect(parseElf(image).segments[1]).toMatchObject({ offset: 0xffe8, fileSize: 0, memSize: 0x400 });
  });

  it("rejects a file without the ELF magic", () => {
    const error = errorOf(() => parseElf(new TextEncoder().encode("#!/bin/sh\necho hi\n"), "script.sh"));
    expect(error.kind).toBe("notElf");
    expect(error.message).toContain("script.sh: not an ELF file");
  });

  it("rejects 32-bit and non-AArch64 files, naming the field", () => {
    const arm32 = buildElf({ elfClass: 1, entry: 0x1000, segments: [{ flags: PF_R, vaddr: 0x1000, data: code }] });
    expect(errorOf(() => parseElf(arm32, "a.out")).message).toContain("EI_CLASS 1 at offset 4");
    const x86 = buildElf({ machine: 62, entry: 0x1000, segments: [{ flags: PF_R, vaddr: 0x1000, data: code }] });
    const error = errorOf(() => parseElf(x86, "x86prog"));
    expect(error.kind).toBe("notAarch64");
    expect(error.message).toContain("x86prog: not an AArch64 executable (e_machine 62 at offset 18");
  });

  it("rejects relocatable objects", () => {
    const object = buildElf({ type: 1, entry: 0, segments: [{ flags: PF_R, vaddr: 0x1000, data: code }] });
    expect(errorOf(() => parseElf(object)).kind).toBe("unsupportedElf");
  });

  it("rejects program headers that run past the end of the file", () => {
    const image = buildElf({ entry: 0x1000, segments: [{ flags: PF_R, vaddr: 0x1000, data: code }] });
    new DataView(image.buffer).setUint16(56, 200, true);
    expect(errorOf(() => parseElf(image, "cut")).message).toMatch(/cut: program headers at 0x40 run past the end/);
  });

  it("names the interpreter a dynamically linked program wants", () => {
    const interp = new TextEncoder().encode("/lib/ld-linux-aarch64.so.1\0");
    const elf = parseElf(
      buildElf({
        entry: 0x1000,
        segments: [
          { type: PT_INTERP, flags: PF_R, vaddr: 0x2000, data: interp },
          { flags: PF_R | PF_X, vaddr: 0x1000, data: code },
        ],
      }),
    );
    expect(elf.interpreter).toBe("/lib/ld-linux-aarch64.so.1");
    const error = errorOf(() => requireStaticExecutable(elf, "hello"));
    expect(error.kind).toBe("dynamicallyLinked");
    expect(error.message).toContain("hello: not a static executable (dynamically linked, wants interpreter /lib/ld-linux-aarch64.so.1)");
  });
});
