import { describe, expect, it } from "vitest";
import { GuestProfile } from "./guest-profile.js";

const symbols = new Map([[0xffff800008670f40n, "mpihelp_addmul_1"], [0xffff800008670fe0n, "mpihelp_submul_1"]]);
function symbolize(pc: bigint): string | null {
  const at = [...symbols.keys()].filter((a) => a <= pc).pop();
  return at === undefined ? null : `${symbols.get(at)}+0x${(pc - at).toString(16)}`;
}

describe("--guest-profile", () => {
  it("counts samples by kernel function, most first; EL0 and unnamed addresses are grouped apart", () => {
    const profile = new GuestProfile(100);
    for (const pc of [0xffff800008671010n, 0xffff800008671014n, 0xffff800008671010n, 0xffff800008670f70n, 0x400000n, 0xffff000000000004n]) profile.sample(pc);
    expect(profile.samples).toBe(6);
    expect(profile.byFunction(symbolize)).toEqual([
      ["mpihelp_submul_1", 3],
      ["(EL0 or MMU off)", 1],
      ["0xffff000000000004", 1],
      ["mpihelp_addmul_1", 1],
    ]);
    expect(profile.report(symbolize, 2)).toEqual([
      "[guest-profile] 6 samples, one each 100 instructions; by kernel function:",
      "  50.0%        3  mpihelp_submul_1",
      "  16.7%        1  (EL0 or MMU off)",
      "  ... 2 more",
    ]);
    expect(profile.report(null)[0]).toMatch(/no System\.map: addresses; pnpm guest-images --symbols/);
  });

  it("takes a whole number of instructions >= 1 between samples", () => {
    expect(new GuestProfile().interval).toBe(1000);
    expect(() => new GuestProfile(0)).toThrow(RangeError);
    expect(() => new GuestProfile(2.5)).toThrow(RangeError);
  });
});
