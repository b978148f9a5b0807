import { describe, expect, it } from "vitest";
import {
  EC,
  FSC,
  describeEsr,
  describeFsc,
  esrBrk,
  esrClass,
  esrDataAbort,
  esrFpAccess,
  esrHvc,
  esrIllegalState,
  esrInstructionAbort,
  esrIss,
  esrPcAlignment,
  esrSmc,
  esrSpAlignment,
  esrSvc,
  esrSysregTrap,
  esrSysregTrapForKey,
  esrUndefined,
  esrWfx,
  loadStoreSyndrome,
  sysregTrapOperands,
  type LoadStoreShape,
} from "./syndrome.js";
import { sysregKey } from "./sysreg-key.js";

const LDR_W1: LoadStoreShape = {
  sizeLog2: 2,
  registerKind: "gpr",
  registerCount: 1,
  writeback: false,
  exclusive: false,
  acquireRelease: false,
  signed: false,
  rt: 1,
  rt64: false,
};

describe("simple syndromes: EC[31:26] | IL=1 | ISS (spec §4 EC table)", () => {
  it("UNDEFINED is 0x02000000 (seL4: HSR == 0x2000000 → UserException)", () => {
    expect(esrUndefined()).toBe(0x02000000);
  });
  it("SVC/HVC/SMC/BRK carry imm16", () => {
    expect(esrSvc(0)).toBe(0x56000000);
    expect(esrHvc(0)).toBe(0x5a000000);
    expect(esrSmc(0)).toBe(0x5e000000);
    expect(esrBrk(0x800)).toBe(0xf2000800); // Linux BUG/WARN
    expect(esrSvc(0x1ffff)).toBe(0x5600ffff); // only 16 bits
  });
  it("WFI/WFE: EC 0x01, CV=1, COND=0xE, TI = 0 WFI / 1 WFE", () => {
    expect(esrWfx(false)).toBe(0x07e00000);
    expect(esrWfx(true)).toBe(0x07e00001);
  });
  it("FP access (0x07), illegal state (0x0E), PC (0x22) and SP (0x26) alignment", () => {
    expect(esrFpAccess()).toBe(0x1fe00000);
    expect(esrIllegalState()).toBe(0x3a000000);
    expect(esrPcAlignment()).toBe(0x8a000000);
    expect(esrSpAlignment()).toBe(0x9a000000);
  });
  it("esrClass and esrIss split a value", () => {
    expect(esrClass(0x96000045)).toBe(EC.DATA_ABORT_SAME);
    expect(esrIss(0x96000045)).toBe(0x45);
  });
});

describe("data and instruction aborts (ISS bit positions of the Arm ARM)", () => {
  it("a same-EL write translation fault at level 1 is Linux's classic 0x96000045", () => {
    expect(esrDataAbort({ ec: 0x25, isv: false, wnr: true, dfsc: FSC.translation(1) })).toBe(0x96000045);
  });
  it("each flag lands on its bit", () => {
    const base = esrDataAbort({ ec: 0x24, isv: false, wnr: false, dfsc: 0 });
    expect(base).toBe(0x92000000);
    expect(esrDataAbort({ ec: 0x24, isv: false, wnr: false, dfsc: 0, fnv: true }) - base).toBe(1 << 10);
    expect(esrDataAbort({ ec: 0x24, isv: false, wnr: false, dfsc: 0, ea: true }) - base).toBe(1 << 9);
    expect(esrDataAbort({ ec: 0x24, isv: false, wnr: false, dfsc: 0, cm: true }) - base).toBe(1 << 8);
    expect(esrDataAbort({ ec: 0x24, isv: false, wnr: false, dfsc: 0, s1ptw: true }) - base).toBe(1 << 7);
    expect(esrDataAbort({ ec: 0x24, isv: false, wnr: true, dfsc: 0 }) - base).toBe(1 << 6);
  });
  it("ISV=1 reports SAS[23:22], SSE 21, SRT[20:16], SF 15, AR 14", () => {
    const v = esrDataAbort({
      ec: 0x24,
      isv: true,
      sas: 3,
      sse: true,
      srt: 30,
      sf: true,
      ar: true,
      wnr: false,
      dfsc: 7,
    });
    expect(v).toBe((0x92000000 | (1 << 24) | (3 << 22) | (1 << 21) | (30 << 16) | (1 << 15) | (1 << 14) | 7) >>> 0);
  });
  it("without ISV the access fields stay zero even if given", () => {
    expect(esrDataAbort({ ec: 0x24, isv: false, sas: 3, srt: 5, sf: true, wnr: false, dfsc: 7 })).toBe(0x92000007);
  });
  it("instruction abort: IFSC, S1PTW, EA, FnV", () => {
    expect(esrInstructionAbort({ ec: 0x21, ifsc: FSC.translation(3) })).toBe(0x86000007);
    expect(esrInstructionAbort({ ec: 0x20, ifsc: FSC.permission(2), s1ptw: true })).toBe(0x8200008e);
  });
});

describe("FSC codes (spec §4 DFSC list)", () => {
  it("level-encoded families and fixed codes", () => {
    expect([0, 1, 2, 3].map(FSC.translation)).toEqual([4, 5, 6, 7]);
    expect(FSC.accessFlag(3)).toBe(0x0b);
    expect(FSC.permission(1)).toBe(0x0d);
    expect(FSC.addressSize(0)).toBe(0);
    expect(FSC.synchronousExternalOnWalk(2)).toBe(0x16);
    expect(FSC.alignment).toBe(0x21);
    expect(() => FSC.translation(4)).toThrow(RangeError);
  });
  it("are named", () => {
    expect(describeFsc(0x07)).toBe("translation fault, level 3");
    expect(describeFsc(0x0b)).toBe("access flag fault, level 3");
    expect(describeFsc(0x0f)).toBe("permission fault, level 3");
    expect(describeFsc(0x21)).toBe("alignment fault");
    expect(describeFsc(0x3f)).toBe("unknown fault status");
  });
});

describe("sysreg trap ISS: Op0[21:20] Op2[19:17] Op1[16:14] CRn[13:10] Rt[9:5] CRm[4:1] Dir[0]", () => {
  it("mrs x0, cntvct_el0 trapped from EL0", () => {
    expect(esrSysregTrap({ op0: 3, op1: 3, crn: 14, crm: 0, op2: 2, rt: 0, isRead: true })).toBe(0x6234f801);
  });
  it("every field is independent and round-trips through sysregTrapOperands", () => {
    const key = sysregKey(2, 5, 9, 14, 6);
    const v = esrSysregTrapForKey(key, 17, false);
    expect(v).toBe((0x62000000 | (2 << 20) | (6 << 17) | (5 << 14) | (9 << 10) | (17 << 5) | (14 << 1)) >>> 0);
    expect(sysregTrapOperands(v)).toEqual({ key, rt: 17, isRead: false });
  });
});

describe("loadStoreSyndrome: which accesses give ISV = 1 (spec §4)", () => {
  it("a single GPR load without writeback is described in full", () => {
    expect(loadStoreSyndrome(LDR_W1)).toEqual({ isv: true, sas: 2, sse: false, srt: 1, sf: false, ar: false });
    const v = esrDataAbort({ ec: 0x24, wnr: false, dfsc: 7, ...loadStoreSyndrome(LDR_W1) });
    expect(v).toBe(0x93810007);
  });
  it("sign-extending and acquire/release forms keep ISV with SSE / AR", () => {
    expect(loadStoreSyndrome({ ...LDR_W1, sizeLog2: 0, signed: true, rt64: true })).toMatchObject({
      isv: true,
      sas: 0,
      sse: true,
      sf: true,
    });
    expect(loadStoreSyndrome({ ...LDR_W1, acquireRelease: true })).toMatchObject({ isv: true, ar: true });
  });
  it("pairs, writeback, exclusives and SIMD registers give ISV = 0", () => {
    expect(loadStoreSyndrome({ ...LDR_W1, registerCount: 2 })).toEqual({ isv: false });
    expect(loadStoreSyndrome({ ...LDR_W1, writeback: true })).toEqual({ isv: false });
    expect(loadStoreSyndrome({ ...LDR_W1, exclusive: true })).toEqual({ isv: false });
    expect(loadStoreSyndrome({ ...LDR_W1, registerKind: "simd" })).toEqual({ isv: false });
  });
});

describe("describeEsr", () => {
  it("data abort from lower EL with WnR and DFSC", () => {
    expect(describeEsr(esrDataAbort({ ec: 0x24, isv: false, wnr: true, dfsc: 7 }))).toBe(
      "EC 0x24 data abort from lower EL: ISV=0 WnR=1 CM=0 S1PTW=0 EA=0 FnV=0 DFSC=0x07 (translation fault, level 3)"
    );
    expect(describeEsr(0x93810007)).toBe(
      "EC 0x24 data abort from lower EL: ISV=1 SAS=2 (4 bytes) SSE=0 SRT=1 SF=0 AR=0 WnR=0 CM=0 S1PTW=0 EA=0 FnV=0 DFSC=0x07 (translation fault, level 3)"
    );
  });
  it("sysreg traps show the instruction, with a caller-supplied name", () => {
    expect(describeEsr(0x6234f801)).toBe("EC 0x18 trapped MSR/MRS/SYS: MRS x0, S3_3_C14_C0_2");
    const named = describeEsr(esrSysregTrapForKey(sysregKey(3, 0, 1, 0, 0), 31, false), () => "SCTLR_EL1");
    expect(named).toBe("EC 0x18 trapped MSR/MRS/SYS: MSR SCTLR_EL1, xzr");
    expect(describeEsr(esrSysregTrapForKey(sysregKey(1, 3, 7, 4, 1), 2, false))).toBe(
      "EC 0x18 trapped MSR/MRS/SYS: SYS S1_3_C7_C4_1, x2"
    );
  });
  it("other classes", () => {
    expect(describeEsr(esrUndefined())).toBe("EC 0x00 unknown reason (UNDEFINED instruction): ISS=0x0000000");
    expect(describeEsr(esrWfx(true))).toBe("EC 0x01 trapped WFI/WFE: WFE");
    expect(describeEsr(esrHvc(0x12))).toBe("EC 0x16 HVC: imm16=0x0012");
    expect(describeEsr(esrInstructionAbort({ ec: 0x20, ifsc: 0x0f }))).toBe(
      "EC 0x20 instruction abort from lower EL: S1PTW=0 EA=0 FnV=0 IFSC=0x0F (permission fault, level 3)"
    );
    expect(describeEsr(0x0a000000 & ~0x02000000)).toContain("(IL=0)");
    expect(describeEsr(0x3f << 26)).toContain("unallocated exception class");
  });
});
