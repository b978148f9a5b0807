import { describe, expect, it } from "vitest";
import { describeFsc } from "../system/syndrome.js";
import { faultStatusCode } from "./fault-status.js";

describe("faultStatusCode", () => {
  it("uses the Arm ARM DFSC groups 0b0000LL/0b0001LL/0b0010LL/0b0011LL (spec §4)", () => {
    expect(faultStatusCode("addressSize", 0)).toBe(0x00);
    expect(faultStatusCode("translation", 0)).toBe(0x04);
    expect(faultStatusCode("translation", 3)).toBe(0x07);
    expect(faultStatusCode("accessFlag", 1)).toBe(0x09);
    expect(faultStatusCode("permission", 2)).toBe(0x0e);
  });

  it("agrees with the system unit's description of each code", () => {
    expect(describeFsc(faultStatusCode("permission", 3))).toBe("permission fault, level 3");
    expect(describeFsc(faultStatusCode("accessFlag", 2))).toBe("access flag fault, level 2");
  });
});
