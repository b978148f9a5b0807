// The hand-written and C conformance programs on our CPU must print exactly what they print
// under qemu-aarch64 (conformance/golden/) and exit with the same status.
import { assert, describe, expect, it } from "vitest";
import { isRandomProgram, loadProgram, programNames } from "./conformance-programs";
import { checkProgram } from "./run-conformance";

const names = programNames().filter((name) => !isRandomProgram(name));

describe("conformance programs match QEMU user mode", () => {
  it("has the hand-written and C programs", () => {
    for (const expected of ["addsub", "branch", "c-crc-checksum", "c-sort-format", "loadstore", "system"]) {
      assert.include(names, expected);
    }
  });

  for (const name of names) {
    it(name, () => {
      const report = checkProgram(loadProgram(name));
      if (report !== null) assert.fail(report);
    });
  }

  it("reports a wrong result precisely (every MADD turned into MSUB)", () => {
    const program = loadProgram("muldiv");
    const words = new DataView(program.image.buffer, program.image.byteOffset, program.image.byteLength);
    let patched = 0;
    for (let offset = 0; offset + 4 <= words.byteLength; offset += 4) {
      const insn = words.getUint32(offset, true);
      if ((insn & 0xffe0_8000) >>> 0 === 0x9b00_0000) {
        words.setUint32(offset, (insn | 0x8000) >>> 0, true); // o0 = 1: MSUB
        patched++;
      }
    }
    expect(patched).toBeGreaterThan(0);
    const report = checkProgram(program) ?? "";
    // 0 * 0 is the same either way; the first pair that tells MADD from MSUB is 1 * 1.
    expect(report).toContain('dump block #8 "mul/div family 1, 1');
    expect(report).toContain("x00: expected 1111111111111112, actual 1111111111111110");
    expect(report).toContain("x02: expected 0000000000000001, actual ffffffffffffffff");
    expect(report).not.toContain("x01:");
  });
});
