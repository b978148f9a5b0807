import { describe, expect, it } from "vitest";
import {
  NO_HYP_TRAPS,
  SEL4_VCPU_TRAPS,
  hvcOutcome,
  routeInterrupts,
  smcOutcome,
  undefinedInstruction,
  wfxOutcome,
} from "./hyp-traps.js";
import { esrHvc, esrSmc, esrWfx } from "./syndrome.js";
import { SCTLR } from "./sysreg-table.js";

const BOTH = SCTLR.nTWI | SCTLR.nTWE;

describe("WFI/WFE traps", () => {
  it("EL0 WFI traps to EL1 with EC 0x01 when SCTLR.nTWI = 0 (Linux), before any EL2 trap", () => {
    expect(wfxOutcome(false, 0, SCTLR.nTWE, SEL4_VCPU_TRAPS)).toEqual({
      kind: "exception",
      target: 1,
      esr: esrWfx(false),
      cause: "wfxTrap",
    });
    expect(wfxOutcome(true, 0, SCTLR.nTWI, NO_HYP_TRAPS)).toMatchObject({ target: 1, esr: esrWfx(true) });
  });

  it("otherwise HCR TWI/TWE send it to EL2 (seL4 VCPUFault EC 0x01), or it executes", () => {
    expect(wfxOutcome(false, 1, 0n, SEL4_VCPU_TRAPS)).toMatchObject({ target: 2, esr: esrWfx(false) });
    expect(wfxOutcome(true, 0, BOTH, SEL4_VCPU_TRAPS)).toMatchObject({ target: 2, esr: esrWfx(true) });
    expect(wfxOutcome(false, 1, 0n, NO_HYP_TRAPS)).toBe("execute");
    expect(wfxOutcome(true, 0, BOTH, { ...SEL4_VCPU_TRAPS, twe: false })).toBe("execute");
  });

  it("a WFx that would not wait (wake-up already pending) completes without trapping", () => {
    expect(wfxOutcome(false, 0, 0n, SEL4_VCPU_TRAPS, false)).toBe("execute");
    expect(wfxOutcome(false, 1, 0n, SEL4_VCPU_TRAPS, false)).toBe("execute");
  });
});

describe("HVC and SMC (spec sel4-kernel.md §4)", () => {
  it("HVC from EL1 goes to EL2 with EC 0x16 and returns to the next instruction", () => {
    expect(hvcOutcome(1, 0, SEL4_VCPU_TRAPS)).toEqual({ kind: "exception", target: 2, esr: esrHvc(0), cause: "hvc" });
  });
  it("HVC is UNDEFINED at EL0 and with HCD", () => {
    expect(hvcOutcome(0, 0, SEL4_VCPU_TRAPS)).toEqual(undefinedInstruction());
    expect(hvcOutcome(1, 0, { ...SEL4_VCPU_TRAPS, hcd: true })).toEqual(undefinedInstruction());
  });
  it("SMC at EL1 is trapped by TSC (EC 0x17, ELR = the SMC), else UNDEFINED (no EL3)", () => {
    expect(smcOutcome(1, 7, SEL4_VCPU_TRAPS)).toEqual({
      kind: "exception",
      target: 2,
      esr: esrSmc(7),
      cause: "smcTrapped",
    });
    expect(smcOutcome(1, 0, NO_HYP_TRAPS)).toEqual(undefinedInstruction());
    expect(smcOutcome(0, 0, SEL4_VCPU_TRAPS)).toEqual(undefinedInstruction());
  });
});

describe("interrupt routing (IMO/FMO)", () => {
  const physical = { irq: true, fiq: false, serror: false };
  const virtual = { irq: false, fiq: true, serror: false };
  it("with IMO/FMO EL1 sees the virtual lines and physical ones go to EL2", () => {
    expect(routeInterrupts({ physical, virtual }, SEL4_VCPU_TRAPS)).toEqual({
      el1: { irq: false, fiq: true, serror: false },
      el2: { irq: true, fiq: false, serror: false },
    });
  });
  it("without them EL1 sees the physical lines", () => {
    expect(routeInterrupts({ physical, virtual }, NO_HYP_TRAPS)).toEqual({
      el1: physical,
      el2: { irq: false, fiq: false, serror: false },
    });
  });
});
