// Property tests: whatever bytes arrive, the ELF parser answers with an ElfImage or a
// LinuxUserError, never another exception (no RangeError from DataView, no TypeError).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, it } from "vitest";
import { parseElf, requireStaticExecutable } from "./elf.js";
import { LinuxUserError } from "./errors.js";

/** `pnpm fuzz` (SEL4TS_FUZZ_SCALE=100) runs this many times the cases of `pnpm test`; a failure prints fast-check's seed and shrunk input. */
const FUZZ_SCALE = Number(process.env.SEL4TS_FUZZ_SCALE ?? "1");

const executable = new Uint8Array(readFileSync(fileURLToPath(new URL("./fixtures/bin/wc", import.meta.url))));

function parsesOrRefuses(image: Uint8Array): boolean {
  try {
    requireStaticExecutable(parseElf(image, "fuzz"), "fuzz");
    return true;
  } catch (error) {
    if (error instanceof LinuxUserError) return true;
    throw error;
  }
}

describe("parseElf on hostile input", () => {
  it("random bytes behind a valid or invalid magic", () => {
    fc.assert(
      fc.property(fc.boolean(), fc.uint8Array({ maxLength: 600 }), (withMagic, bytes) => {
        const image = withMagic ? new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...bytes]) : bytes;
        return parsesOrRefuses(image);
      }),
      { numRuns: 500 * FUZZ_SCALE },
    );
  });

  it("a real executable with header bytes overwritten or the file cut short", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: 64 + 56 * 4 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.nat({ max: executable.length }),
        (edits, cut) => {
          const image = executable.slice(0, Math.max(cut, 64));
          for (const [offset, value] of edits) if (offset < image.length) image[offset] = value;
          return parsesOrRefuses(image);
        },
      ),
      { numRuns: 1000 * FUZZ_SCALE },
    );
  });
});
