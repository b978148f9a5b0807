// The hand-written and C conformance programs on our CPU must print exactly what they print
// under qemu-aarch64 (conformance/golden/) and exit with the same status.
import { assert, describe, it } from "vitest";
import { isRandomProgram, loadProgram, programNames } from "./conformance-programs";
import { checkProgram, findRunner } from "./run-conformance";

const runner = await findRunner();
const names = programNames().filter((name) => !isRandomProgram(name));

describe("conformance programs match QEMU user mode", () => {
  it("has the hand-written and C programs", () => {
    for (const expected of ["addsub", "branch", "c-crc-checksum", "c-sort-format", "loadstore", "system"]) {
      assert.include(names, expected);
    }
  });

  for (const name of names) {
    it.skipIf(runner === null)(name, () => {
      const report = checkProgram(runner!, loadProgram(name));
      if (report !== null) assert.fail(report);
    });
  }
});
