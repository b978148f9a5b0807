import { describe, expect, it } from "vitest";
import { dataAbortMask, dataAbortWidth, emulateDataAbort } from "./data-abort";
import { describeHsr, hsrSrt } from "./hsr";
import { smcccFunction, smcccService, SMC_SERVICE_STANDARD } from "./psci";

// ESR_EL2 values the Arm ARM's ISS encoding for a data abort gives (EC 0x24, IL, ISV, SAS, SRT, WnR).
const esr = (sas: number, srt: number, write: boolean): number => ((0x24 << 26) | (1 << 25) | (1 << 24) | (sas << 22) | (srt << 16) | (write ? 1 << 6 : 0)) >>> 0;

describe("data-abort emulation", () => {
  it("width and mask follow SAS and the byte offset in the word", () => {
    expect(dataAbortWidth(esr(0, 1, false))).toBe(1);
    expect(dataAbortWidth(esr(3, 1, false))).toBe(8);
    expect(dataAbortMask(0x1001, esr(0, 1, false))).toBe(0xff00n);
    expect(dataAbortMask(0x1002, esr(1, 1, false))).toBe(0xffff_0000n);
    expect(dataAbortMask(0x1000, esr(3, 1, false))).toBe(0xffff_ffff_ffff_ffffn);
  });
  it("a byte store into byte 2 of a register merges; a halfword load extracts", () => {
    expect(emulateDataAbort(0x1122_3344n, 0x2, esr(0, 3, true), 0xabn)).toBe(0x11ab_3344n);
    expect(emulateDataAbort(0xffff_ffffn, 0x2, esr(1, 3, false), 0x1234_0000n)).toBe(0xffff_1234n);
  });
  it("SRT and the one-line description", () => {
    expect(hsrSrt(esr(2, 30, true))).toBe(30);
    expect(describeHsr(esr(2, 1, true) | 0x7)).toBe("EC 0x24 (data abort from a lower EL), IL32, ISV, 4 bytes, w1, write, translation fault, level 3");
  });
  it("SMCCC fields of PSCI_CPU_ON (SMC64)", () => {
    expect(smcccService(0xc400_0003)).toBe(SMC_SERVICE_STANDARD);
    expect(smcccFunction(0xc400_0003)).toBe(3);
  });
});
