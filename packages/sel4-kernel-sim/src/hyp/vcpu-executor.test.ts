import { describe, expect, it } from "vitest";
import { faultForSyndrome } from "./vcpu-executor";

describe("faultForSyndrome (handleVCPUFault)", () => {
  it("EC 0 is a UserException carrying the ESR; any other EC is a VCPUFault with the HSR", () => {
    expect(faultForSyndrome(0x0200_0000)).toEqual({ kind: "userException", number: 0x0200_0000n, code: 0n });
    expect(faultForSyndrome(0x5e00_0000)).toEqual({ kind: "vcpu", hsr: 0x5e00_0000n }); // SMC, EC 0x17
    expect(faultForSyndrome(0x87e0_0000 | 0)).toEqual({ kind: "vcpu", hsr: 0x87e0_0000n }); // top bit set stays unsigned
  });
});
