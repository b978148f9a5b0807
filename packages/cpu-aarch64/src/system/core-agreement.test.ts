/**
 * Until the system level is wired into the core, the EL0 core keeps its own copies of a few
 * values. These tests keep the two in step; once the core imports them from `src/system/` and
 * `src/timer/`, they check an identity and can go.
 */
import { describe, expect, it } from "vitest";
import * as core from "../core/sysregs.js";
import { CNTFRQ_HZ, INSTRUCTIONS_PER_TICK } from "../timer/virtual-time.js";
import { CORTEX_A53, ID_REG, readIdRegister } from "./cpu-model.js";
import { FPCR_WRITABLE, FPSR_WRITABLE } from "./sysreg-table.js";

describe("values the EL0 core duplicates today", () => {
  it("virtual time: frequency and instructions per tick", () => {
    expect(core.CNTFRQ_HZ).toBe(CNTFRQ_HZ);
    expect(core.INSTRUCTIONS_PER_TICK).toBe(INSTRUCTIONS_PER_TICK);
  });
  it("CTR_EL0 and DCZID_EL0 of the model", () => {
    expect(BigInt(core.CTR_EL0_VALUE)).toBe(readIdRegister(CORTEX_A53, ID_REG.CTR_EL0));
    expect(BigInt(core.DCZID_EL0_VALUE)).toBe(readIdRegister(CORTEX_A53, ID_REG.DCZID_EL0));
  });
  it("FPCR/FPSR write masks", () => {
    expect(BigInt(core.FPCR_MASK)).toBe(FPCR_WRITABLE);
    expect(BigInt(core.FPSR_MASK)).toBe(FPSR_WRITABLE);
  });
});
