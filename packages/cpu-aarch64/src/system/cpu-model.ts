/**
 * A CPU model is data: the values of its identification registers, keyed by encoding. What the
 * guest may use is decided by predicates over those values, so a second model (or a model with
 * one more feature) is a new table, not new code paths.
 */
import { sysregKey } from "./sysreg-key.js";

/** Identification data of one CPU type. */
export interface CpuModelData {
  /** Human-readable name, for reports. */
  readonly name: string;
  /**
   * ID register values keyed by {@link sysregKey}: MIDR, MPIDR (affinity 0; the CPU index is
   * added by {@link readIdRegister}), REVIDR, the ID_AA64* registers, CTR, DCZID, CLIDR, AIDR.
   * An encoding of the ID space (op0=3, op1=0, CRn=0, CRm=0..7) that is missing reads as zero.
   */
  readonly idRegisters: ReadonlyMap<number, bigint>;
  /** CCSIDR_EL1 values keyed by the CSSELR_EL1 value that selects them (Level<<1 | InD). */
  readonly ccsidr: ReadonlyMap<number, bigint>;
}

/** Encodings of the identification registers a model lists. */
export const ID_REG = {
  MIDR_EL1: sysregKey(3, 0, 0, 0, 0),
  MPIDR_EL1: sysregKey(3, 0, 0, 0, 5),
  REVIDR_EL1: sysregKey(3, 0, 0, 0, 6),
  MVFR0_EL1: sysregKey(3, 0, 0, 3, 0),
  MVFR1_EL1: sysregKey(3, 0, 0, 3, 1),
  MVFR2_EL1: sysregKey(3, 0, 0, 3, 2),
  ID_AA64PFR0_EL1: sysregKey(3, 0, 0, 4, 0),
  ID_AA64PFR1_EL1: sysregKey(3, 0, 0, 4, 1),
  ID_AA64DFR0_EL1: sysregKey(3, 0, 0, 5, 0),
  ID_AA64ISAR0_EL1: sysregKey(3, 0, 0, 6, 0),
  ID_AA64ISAR1_EL1: sysregKey(3, 0, 0, 6, 1),
  ID_AA64ISAR2_EL1: sysregKey(3, 0, 0, 6, 2),
  ID_AA64MMFR0_EL1: sysregKey(3, 0, 0, 7, 0),
  ID_AA64MMFR1_EL1: sysregKey(3, 0, 0, 7, 1),
  ID_AA64MMFR2_EL1: sysregKey(3, 0, 0, 7, 2),
  CTR_EL0: sysregKey(3, 3, 0, 0, 1),
  DCZID_EL0: sysregKey(3, 3, 0, 0, 7),
  CLIDR_EL1: sysregKey(3, 1, 0, 0, 1),
  AIDR_EL1: sysregKey(3, 1, 0, 0, 7),
} as const;

/**
 * Cortex-A53 r0p4 as the guest sees it (values: spec aarch64-linux-boot.md §2, "Recommended
 * values"). FP and AdvSIMD (PFR0 fields = 0), and the cryptographic extension and CRC32 as QEMU's
 * cortex-a53 reports them: ID_AA64ISAR0 = 0x11120 (AES with PMULL, SHA1, SHA256, CRC32) and the
 * MVFR0-2 media and VFP feature registers of QEMU's model (0x10110222, 0x12111111, 0x43), and its
 * debug resources: ID_AA64DFR0 = 0x10305006 is QEMU's 0x10305106 (6 breakpoints, 4 watchpoints, 2
 * context-aware breakpoints, Debug v8) without the PMU, i.e. `-cpu cortex-a53,pmu=off`. Less than
 * the real part elsewhere: AArch64 only at EL0/EL1, no LSE atomics, no PMU (PMUVer = 0), 40-bit PA,
 * 16-bit ASIDs, 4 KiB granule only.
 */
export const CORTEX_A53: CpuModelData = {
  name: "Cortex-A53 r0p4",
  idRegisters: new Map<number, bigint>([
    [ID_REG.MIDR_EL1, 0x410fd034n],
    [ID_REG.MPIDR_EL1, 0x80000000n],
    [ID_REG.REVIDR_EL1, 0n],
    [ID_REG.MVFR0_EL1, 0x10110222n],
    [ID_REG.MVFR1_EL1, 0x12111111n],
    [ID_REG.MVFR2_EL1, 0x43n],
    [ID_REG.ID_AA64PFR0_EL1, 0x11n],
    [ID_REG.ID_AA64PFR1_EL1, 0n],
    [ID_REG.ID_AA64DFR0_EL1, 0x10305006n],
    [ID_REG.ID_AA64ISAR0_EL1, 0x11120n],
    [ID_REG.ID_AA64ISAR1_EL1, 0n],
    [ID_REG.ID_AA64ISAR2_EL1, 0n],
    [ID_REG.ID_AA64MMFR0_EL1, 0x0f000022n],
    [ID_REG.ID_AA64MMFR1_EL1, 0n],
    [ID_REG.ID_AA64MMFR2_EL1, 0n],
    [ID_REG.CTR_EL0, 0x84448004n],
    [ID_REG.DCZID_EL0, 4n],
    [ID_REG.CLIDR_EL1, 0x0a200023n],
    [ID_REG.AIDR_EL1, 0n],
  ]),
  ccsidr: new Map<number, bigint>([
    [0, 0x700fe01an], // L1 data: 32 KiB, 4-way, 64-byte lines
    [1, 0x201fe00an], // L1 instruction: 32 KiB, 2-way
    [2, 0x707fe07an], // L2 unified: 1 MiB, 16-way
  ]),
};

/** True for an encoding in the ID space op0=3, op1=0, CRn=0, CRm=0..7 (reads as zero if unlisted). */
export function isIdSpace(key: number): boolean {
  return key >>> 6 === sysregKey(3, 0, 0, 0, 0) >>> 6;
}

/**
 * MPIDR_EL1 affinity of CPU `cpuIndex` on QEMU `virt`: Aff0 = index % 8, Aff1 = index / 8
 * (spec §2, "MPIDR on virt").
 */
export function mpidrAffinity(cpuIndex: number): bigint {
  return BigInt(((Math.floor(cpuIndex / 8) & 0xff) << 8) | cpuIndex % 8);
}

/**
 * The value of an identification register for CPU `cpuIndex`, or null when `key` is not one.
 * Unlisted encodings of the ID space read as zero; MPIDR gets the CPU's affinity.
 */
export function readIdRegister(model: CpuModelData, key: number, cpuIndex = 0): bigint | null {
  const listed = model.idRegisters.get(key);
  if (key === ID_REG.MPIDR_EL1) return (listed ?? 0n) | mpidrAffinity(cpuIndex);
  if (listed !== undefined) return listed;
  return isIdSpace(key) ? 0n : null;
}

/** Fields of ID_AA64PFR0_EL1 user space sees: FP, AdvSIMD, SVE, DIT (EL0/EL1 are fixed at "AArch64 only"). */
const PFR0_USER_FIELDS = 0x000f_000f_00ff_0000n;

/**
 * What an EL0 `MRS` of an identification register returns under Linux's ID-register emulation
 * (HWCAP_CPUID), as qemu-aarch64 implements it: MIDR, MPIDR (0x80000000, no affinity) and REVIDR
 * in CRm = 0; every register of CRm = 4..7 with only the user-visible fields (ID_AA64PFR0 keeps FP,
 * AdvSIMD, SVE, DIT and reads EL0 = EL1 = 1; ID_AA64ISAR0/1 are exported whole; ID_AA64DFR0 reads
 * 6 (Debug v8) and ID_AA64MMFR0 0xff000000, the rest zero). Null (UNDEFINED: SIGILL) for the rest
 * of the ID space, as QEMU has it. Null when `key` is not in the ID space.
 */
export function userIdRegister(model: CpuModelData, key: number): bigint | null {
  if (!isIdSpace(key)) return null;
  const crm = (key >>> 3) & 15;
  switch (key) {
    case ID_REG.MIDR_EL1:
      return readIdRegister(model, key);
    case ID_REG.MPIDR_EL1:
      return 0x80000000n;
    case ID_REG.REVIDR_EL1:
      return readIdRegister(model, key);
    case ID_REG.ID_AA64PFR0_EL1:
      return ((readIdRegister(model, key) ?? 0n) & PFR0_USER_FIELDS) | 0x11n;
    case ID_REG.ID_AA64DFR0_EL1:
      return 6n;
    case ID_REG.ID_AA64ISAR0_EL1:
    case ID_REG.ID_AA64ISAR1_EL1:
      return readIdRegister(model, key);
    case ID_REG.ID_AA64MMFR0_EL1:
      return 0xff000000n;
    default:
      return crm >= 4 ? 0n : null;
  }
}

/** CCSIDR_EL1 for the cache CSSELR_EL1 selects; zero for a cache the model does not have. */
export function readCcsidr(model: CpuModelData, csselr: bigint): bigint {
  return model.ccsidr.get(Number(csselr & 0xfn)) ?? 0n;
}

/** An unsigned ID register field. */
export function idField(model: CpuModelData, key: number, lsb: number, width = 4): number {
  const value = readIdRegister(model, key) ?? 0n;
  return Number((value >> BigInt(lsb)) & ((1n << BigInt(width)) - 1n));
}

/** A signed 4-bit ID field (FP, AdvSIMD: 0xF means "not implemented"). */
function signedIdField(model: CpuModelData, key: number, lsb: number): number {
  const v = idField(model, key, lsb);
  return v >= 8 ? v - 16 : v;
}

/** ID_AA64ISAR0.CRC32 ≥ 1: CRC32B/H/W/X and CRC32C* exist. */
export function hasCrc32(model: CpuModelData): boolean {
  return idField(model, ID_REG.ID_AA64ISAR0_EL1, 16) >= 1;
}

/** ID_AA64ISAR0.Atomic ≥ 2: the LSE instructions (CAS, SWP, LDADD, …) exist. */
export function hasAtomics(model: CpuModelData): boolean {
  return idField(model, ID_REG.ID_AA64ISAR0_EL1, 20) >= 2;
}

/** ID_AA64PFR0.FP ≥ 0: scalar floating point exists. */
export function hasFp(model: CpuModelData): boolean {
  return signedIdField(model, ID_REG.ID_AA64PFR0_EL1, 16) >= 0;
}

/** ID_AA64PFR0.AdvSIMD ≥ 0: Advanced SIMD exists. */
export function hasAdvSimd(model: CpuModelData): boolean {
  return signedIdField(model, ID_REG.ID_AA64PFR0_EL1, 20) >= 0;
}

/** ID_AA64MMFR1.PAN ≥ 1: PSTATE.PAN and `MSR PAN, #imm` exist. */
export function hasPan(model: CpuModelData): boolean {
  return idField(model, ID_REG.ID_AA64MMFR1_EL1, 20) >= 1;
}

/** ID_AA64MMFR2.UAO ≥ 1: PSTATE.UAO exists. */
export function hasUao(model: CpuModelData): boolean {
  return idField(model, ID_REG.ID_AA64MMFR2_EL1, 4) >= 1;
}

/** ID_AA64PFR1.SSBS ≥ 1: PSTATE.SSBS exists. */
export function hasSsbs(model: CpuModelData): boolean {
  return idField(model, ID_REG.ID_AA64PFR1_EL1, 4) >= 1;
}

/** ID_AA64PFR0.DIT ≥ 1: PSTATE.DIT exists. */
export function hasDit(model: CpuModelData): boolean {
  return idField(model, ID_REG.ID_AA64PFR0_EL1, 48) >= 1;
}

/** ID_AA64PFR1.MTE ≥ 2: PSTATE.TCO and the tag instructions exist. */
export function hasMte(model: CpuModelData): boolean {
  return idField(model, ID_REG.ID_AA64PFR1_EL1, 8) >= 2;
}

/** ID_AA64DFR0.PMUVer is 1..0xE: the PMU registers exist (0xF is IMPLEMENTATION DEFINED). */
export function hasPmu(model: CpuModelData): boolean {
  const v = idField(model, ID_REG.ID_AA64DFR0_EL1, 8);
  return v >= 1 && v !== 0xf;
}

/** Number of hardware breakpoints: ID_AA64DFR0.BRPs + 1. */
export function breakpointCount(model: CpuModelData): number {
  return idField(model, ID_REG.ID_AA64DFR0_EL1, 12) + 1;
}

/** Number of watchpoints: ID_AA64DFR0.WRPs + 1. */
export function watchpointCount(model: CpuModelData): number {
  return idField(model, ID_REG.ID_AA64DFR0_EL1, 20) + 1;
}

/** ID_AA64MMFR0.TGran4 = 0: the 4 KiB translation granule is supported. */
export function supports4kGranule(model: CpuModelData): boolean {
  return idField(model, ID_REG.ID_AA64MMFR0_EL1, 28) === 0;
}

const PA_RANGE_BITS = [32, 36, 40, 42, 44, 48, 52];

/** Physical address size from ID_AA64MMFR0.PARange (2 → 40 bits). */
export function physicalAddressBits(model: CpuModelData): number {
  return PA_RANGE_BITS[idField(model, ID_REG.ID_AA64MMFR0_EL1, 0)] ?? 48;
}

/** ASID width from ID_AA64MMFR0.ASIDBits (2 → 16 bits, 0 → 8 bits). */
export function asidBits(model: CpuModelData): number {
  return idField(model, ID_REG.ID_AA64MMFR0_EL1, 4) === 2 ? 16 : 8;
}
