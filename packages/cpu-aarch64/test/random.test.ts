// The generated random programs (conformance/src/rand-*.S) on our CPU must print exactly the
// register dumps they print under qemu-aarch64 and exit with the same status.
import { assert, describe, it } from "vitest";
import { isRandomProgram, loadProgram, programNames } from "./conformance-programs";
import { checkProgram } from "./run-conformance";

const names = programNames().filter(isRandomProgram);

describe("random programs match QEMU user mode", () => {
  it("has the random programs", () => {
    assert.isAtLeast(names.length, 10);
  });

  for (const name of names) {
    it(name, () => {
      const report = checkProgram(loadProgram(name));
      if (report !== null) assert.fail(report);
    });
  }
});
