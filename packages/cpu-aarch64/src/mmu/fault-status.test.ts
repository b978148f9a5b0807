import { describe, expect, it } from "vitest";
import { decodeFaultStatusCode, faultStatusCode } from "./fault-status.js";

describe("faultStatusCode", () => {
  it("uses the Arm ARM DFSC groups 0b0000LL/0b0001LL/0b0010LL/0b0011LL (spec §4)", () => {
    expect(faultStatusCode("addressSize", 0)).toBe(0x00);
    expect(faultStatusCode("translation", 0)).toBe(0x04);
    expect(faultStatusCode("translation", 3)).toBe(0x07);
    expect(faultStatusCode("accessFlag", 1)).toBe(0x09);
    expect(faultStatusCode("permission", 2)).toBe(0x0e);
  });

  it("decodes what it encodes and rejects other codes", () => {
    for (const kind of ["addressSize", "translation", "accessFlag", "permission"] as const) {
      for (const level of [0, 1, 2, 3] as const) expect(decodeFaultStatusCode(faultStatusCode(kind, level))).toEqual({ kind, level });
    }
    expect(decodeFaultStatusCode(0x21)).toBeNull(); // alignment
    expect(decodeFaultStatusCode(0x10)).toBeNull(); // synchronous external abort
  });
});
