// Operation-stream property test: any sequence of syscalls with hostile arguments gets a
// 64-bit result back (often a negative errno) and never throws into the host.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ENOMEM } from "../errno.js";
import { SCRATCH, createHarness } from "./harness.test-helper.js";
import { SYSCALLS } from "./table.js";

const interesting = [
  0n, 1n, 2n, 3n, 8n, 24n, 0x22n, 0x1000n, 0x1001n, BigInt(SCRATCH), BigInt(SCRATCH + 0xff8), 0x400000n,
  0xffff_ffff_ffff_ff9cn /* AT_FDCWD */, 0xffff_ffff_ffff_ffffn, 1n << 40n, 1n << 63n, 0x7fff_ffff_f000n,
];
const syscallNumbers = [...SYSCALLS.keys(), 435, 9999];

describe("dispatchSyscall on hostile arguments", () => {
  it("always returns a value and leaves the process usable", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.constantFrom(...syscallNumbers), fc.array(fc.constantFrom(...interesting), { minLength: 6, maxLength: 6 })),
          { minLength: 1, maxLength: 12 },
        ),
        (calls) => {
          const h = createHarness();
          for (const [number, args] of calls) {
            const result = h.callNumber(number, ...args);
            expect(Number.isFinite(result)).toBe(true);
          }
          // Still a working process afterwards (whatever the calls unmapped).
          h.state.exitStatus = null;
          return h.call("getpid") === 1000;
        },
      ),
      { numRuns: 300 },
    );
  });

  it("answers ENOMEM for a mapping the host cannot or may not provide", () => {
    const h = createHarness();
    expect(h.call("mmap", 0, 2 ** 40, 3, 0x22, -1, 0)).toBe(-ENOMEM);
    expect(h.call("brk", 0x401000 + 2 ** 40)).toBe(0x401000);
  });
});
