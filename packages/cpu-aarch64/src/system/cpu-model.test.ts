import { describe, expect, it } from "vitest";
import {
  CORTEX_A53,
  ID_REG,
  asidBits,
  breakpointCount,
  hasAdvSimd,
  hasAtomics,
  hasCrc32,
  hasDit,
  hasFp,
  hasMte,
  hasPan,
  hasPmu,
  hasSsbs,
  hasUao,
  isIdSpace,
  physicalAddressBits,
  readCcsidr,
  readIdRegister,
  supports4kGranule,
  watchpointCount,
  type CpuModelData,
} from "./cpu-model.js";
import { decodeSysregKey, genericSysregName, sysregKey, sysregKeyOfInstruction } from "./sysreg-key.js";

function withId(base: CpuModelData, key: number, value: bigint): CpuModelData {
  return { ...base, idRegisters: new Map([...base.idRegisters, [key, value]]) };
}

describe("sysregKey", () => {
  it("packs op0<<14|op1<<11|CRn<<7|CRm<<3|op2 (SYSTEM.md) and round-trips", () => {
    expect(sysregKey(3, 0, 1, 0, 0)).toBe(0xc080); // SCTLR_EL1
    expect(sysregKey(3, 3, 13, 0, 2)).toBe(0xde82); // TPIDR_EL0
    expect(decodeSysregKey(sysregKey(2, 5, 9, 14, 6))).toEqual({ op0: 2, op1: 5, crn: 9, crm: 14, op2: 6 });
    expect(genericSysregName(sysregKey(3, 0, 0, 7, 3))).toBe("S3_0_C0_C7_3");
  });

  it("equals bits 20..5 of an MRS instruction", () => {
    // mrs x0, midr_el1 = 0xd5380000; mrs x1, tpidr_el0 = 0xd53bd041
    expect(sysregKeyOfInstruction(0xd5380000)).toBe(ID_REG.MIDR_EL1);
    expect(sysregKeyOfInstruction(0xd53bd041)).toBe(sysregKey(3, 3, 13, 0, 2));
  });
});

describe("CORTEX_A53 ID values (spec §2, recommended values)", () => {
  const a53 = CORTEX_A53;
  it.each([
    ["MIDR", ID_REG.MIDR_EL1, 0x410fd034n],
    ["REVIDR", ID_REG.REVIDR_EL1, 0n],
    ["PFR0", ID_REG.ID_AA64PFR0_EL1, 0x11n],
    ["PFR1", ID_REG.ID_AA64PFR1_EL1, 0n],
    // QEMU's cortex-a53 (0x10305106: 6 BRPs, 4 WRPs, 2 CTX_CMPs, PMUv3) with pmu=off: PMUVer = 0.
    ["DFR0", ID_REG.ID_AA64DFR0_EL1, 0x10305006n],
    ["ISAR0", ID_REG.ID_AA64ISAR0_EL1, 0x11120n],
    ["ISAR1", ID_REG.ID_AA64ISAR1_EL1, 0n],
    ["ISAR2", ID_REG.ID_AA64ISAR2_EL1, 0n],
    ["MMFR0", ID_REG.ID_AA64MMFR0_EL1, 0x0f000022n],
    ["MMFR1", ID_REG.ID_AA64MMFR1_EL1, 0n],
    ["MMFR2", ID_REG.ID_AA64MMFR2_EL1, 0n],
    ["CTR_EL0", ID_REG.CTR_EL0, 0x84448004n],
    ["DCZID_EL0", ID_REG.DCZID_EL0, 4n],
    ["CLIDR", ID_REG.CLIDR_EL1, 0x0a200023n],
    ["AIDR", ID_REG.AIDR_EL1, 0n],
  ])("%s", (_name, key, value) => {
    expect(readIdRegister(a53, key)).toBe(value);
  });

  it("MPIDR is 0x80000000 | Aff1<<8 | Aff0 with Aff0 = cpu % 8, Aff1 = cpu / 8", () => {
    expect(readIdRegister(a53, ID_REG.MPIDR_EL1, 0)).toBe(0x80000000n);
    expect(readIdRegister(a53, ID_REG.MPIDR_EL1, 3)).toBe(0x80000003n);
    expect(readIdRegister(a53, ID_REG.MPIDR_EL1, 9)).toBe(0x80000101n);
  });

  it("every unallocated encoding in op0=3, op1=0, CRn=0, CRm=0..7 reads zero (6.1 reads them all)", () => {
    let zeros = 0;
    for (let crm = 0; crm < 8; crm++) {
      for (let op2 = 0; op2 < 8; op2++) {
        const key = sysregKey(3, 0, 0, crm, op2);
        expect(isIdSpace(key)).toBe(true);
        const v = readIdRegister(a53, key);
        expect(v).not.toBeNull();
        if (!a53.idRegisters.has(key)) {
          expect(v).toBe(0n);
          zeros++;
        }
      }
    }
    expect(zeros).toBe(64 - 15); // the 15 listed registers of the ID space
  });

  it("outside the ID space an unlisted encoding is not an ID register", () => {
    expect(isIdSpace(sysregKey(3, 0, 0, 8, 0))).toBe(false);
    expect(isIdSpace(sysregKey(3, 1, 0, 0, 0))).toBe(false);
    expect(readIdRegister(a53, sysregKey(3, 0, 1, 0, 0))).toBeNull(); // SCTLR
    expect(readIdRegister(a53, sysregKey(3, 0, 0, 8, 0))).toBeNull();
  });

  it("CCSIDR follows CSSELR: L1D, L1I, L2 values of QEMU's cortex-a53, zero otherwise", () => {
    expect(readCcsidr(a53, 0n)).toBe(0x700fe01an);
    expect(readCcsidr(a53, 1n)).toBe(0x201fe00an);
    expect(readCcsidr(a53, 2n)).toBe(0x707fe07an);
    expect(readCcsidr(a53, 4n)).toBe(0n);
  });
});

describe("feature predicates read the ID fields", () => {
  it("the A53 model advertises FP/AdvSIMD, 4K granule, 40-bit PA, 16-bit ASID, 6 BRPs and 4 WRPs (as QEMU's and the Cortex-A53 TRM's)", () => {
    expect(hasFp(CORTEX_A53)).toBe(true);
    expect(hasAdvSimd(CORTEX_A53)).toBe(true);
    expect(supports4kGranule(CORTEX_A53)).toBe(true);
    expect(physicalAddressBits(CORTEX_A53)).toBe(40);
    expect(asidBits(CORTEX_A53)).toBe(16);
    expect(breakpointCount(CORTEX_A53)).toBe(6);
    expect(watchpointCount(CORTEX_A53)).toBe(4);
  });

  it("CRC32 (implemented, as QEMU's cortex-a53 has it) and none of the features spec §2 says not to advertise", () => {
    expect(hasCrc32(CORTEX_A53)).toBe(true);
    for (const p of [hasAtomics, hasPan, hasUao, hasSsbs, hasDit, hasMte, hasPmu]) {
      expect(p(CORTEX_A53), p.name).toBe(false);
    }
  });

  it("a model is just data: changing one field flips the predicate", () => {
    expect(hasCrc32(withId(CORTEX_A53, ID_REG.ID_AA64ISAR0_EL1, 0x10000n))).toBe(true);
    expect(hasAtomics(withId(CORTEX_A53, ID_REG.ID_AA64ISAR0_EL1, 0x200000n))).toBe(true);
    expect(hasAtomics(withId(CORTEX_A53, ID_REG.ID_AA64ISAR0_EL1, 0x100000n))).toBe(false);
    expect(hasFp(withId(CORTEX_A53, ID_REG.ID_AA64PFR0_EL1, 0xf0011n))).toBe(false);
    expect(hasAdvSimd(withId(CORTEX_A53, ID_REG.ID_AA64PFR0_EL1, 0xf00011n))).toBe(false);
    expect(hasPan(withId(CORTEX_A53, ID_REG.ID_AA64MMFR1_EL1, 0x100000n))).toBe(true);
    expect(hasPmu(withId(CORTEX_A53, ID_REG.ID_AA64DFR0_EL1, 0x00101106n))).toBe(true);
    expect(supports4kGranule(withId(CORTEX_A53, ID_REG.ID_AA64MMFR0_EL1, 0xf0000022n))).toBe(false);
    expect(physicalAddressBits(withId(CORTEX_A53, ID_REG.ID_AA64MMFR0_EL1, 0x5n))).toBe(48);
  });
});
