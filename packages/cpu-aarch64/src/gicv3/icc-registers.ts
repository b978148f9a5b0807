/**
 * The GICv3 CPU interface system registers (ICC_*, IHI 0069 §12.2) this CPU implements, keyed
 * like every other system register ({@link sysregKey}). At EL1 with HCR_EL2.IMO (group 1 and
 * common registers) or HCR_EL2.FMO (group 0) set, an ICC_* access reaches the virtual CPU
 * interface (ICV_*) instead; the SGI generation registers then trap to EL2.
 */
import { sysregKey } from "../system/sysreg-key.js";

/** Which HCR_EL2 routing bit sends a register to the virtual interface. */
export type IccGroup = "group0" | "group1" | "common";

/** One ICC_* register: its encoding, directions and routing group. */
export interface IccRegisterInfo {
  readonly name: IccRegister;
  readonly enc: readonly [number, number, number, number, number];
  readonly access: "rw" | "ro" | "wo";
  readonly group: IccGroup;
  /** SGI generation: a write at EL1 with the routing bit set traps to EL2 (EC 0x18). */
  readonly trapsWhenVirtual?: boolean;
}

/** The ICC_* registers, as the assembler names them. */
export const ICC_REGISTERS = [
  { name: "ICC_PMR_EL1", enc: [3, 0, 4, 6, 0], access: "rw", group: "common" },
  { name: "ICC_IAR0_EL1", enc: [3, 0, 12, 8, 0], access: "ro", group: "group0" },
  { name: "ICC_EOIR0_EL1", enc: [3, 0, 12, 8, 1], access: "wo", group: "group0" },
  { name: "ICC_HPPIR0_EL1", enc: [3, 0, 12, 8, 2], access: "ro", group: "group0" },
  { name: "ICC_BPR0_EL1", enc: [3, 0, 12, 8, 3], access: "rw", group: "group0" },
  { name: "ICC_AP0R0_EL1", enc: [3, 0, 12, 8, 4], access: "rw", group: "group0" },
  { name: "ICC_AP1R0_EL1", enc: [3, 0, 12, 9, 0], access: "rw", group: "group1" },
  { name: "ICC_DIR_EL1", enc: [3, 0, 12, 11, 1], access: "wo", group: "common" },
  { name: "ICC_RPR_EL1", enc: [3, 0, 12, 11, 3], access: "ro", group: "common" },
  { name: "ICC_SGI1R_EL1", enc: [3, 0, 12, 11, 5], access: "wo", group: "group1", trapsWhenVirtual: true },
  { name: "ICC_ASGI1R_EL1", enc: [3, 0, 12, 11, 6], access: "wo", group: "group1", trapsWhenVirtual: true },
  { name: "ICC_SGI0R_EL1", enc: [3, 0, 12, 11, 7], access: "wo", group: "group0", trapsWhenVirtual: true },
  { name: "ICC_IAR1_EL1", enc: [3, 0, 12, 12, 0], access: "ro", group: "group1" },
  { name: "ICC_EOIR1_EL1", enc: [3, 0, 12, 12, 1], access: "wo", group: "group1" },
  { name: "ICC_HPPIR1_EL1", enc: [3, 0, 12, 12, 2], access: "ro", group: "group1" },
  { name: "ICC_BPR1_EL1", enc: [3, 0, 12, 12, 3], access: "rw", group: "group1" },
  { name: "ICC_CTLR_EL1", enc: [3, 0, 12, 12, 4], access: "rw", group: "common" },
  { name: "ICC_SRE_EL1", enc: [3, 0, 12, 12, 5], access: "rw", group: "common" },
  { name: "ICC_IGRPEN0_EL1", enc: [3, 0, 12, 12, 6], access: "rw", group: "group0" },
  { name: "ICC_IGRPEN1_EL1", enc: [3, 0, 12, 12, 7], access: "rw", group: "group1" },
] as const;

/** An ICC_* register name. */
export type IccRegister = (typeof ICC_REGISTERS)[number]["name"];

/** The key ({@link sysregKey}) of an ICC_* register. */
export function iccKey(name: IccRegister): number {
  const [op0, op1, crn, crm, op2] = ICC_REGISTERS.find((r) => r.name === name)!.enc;
  return sysregKey(op0, op1, crn, crm, op2);
}

/**
 * A GIC CPU interface reached through the ICC_* system registers: the CPU asks it for the
 * virtual interface's view (ICV_*, when HCR_EL2 routes the register's group to EL2) or the
 * physical one. A CPU given no physical view treats physical ICC_* accesses as UNDEFINED.
 */
export interface GicSystemRegisterPort {
  /** ICV_* read (the register's ICC_* name). */
  readVirtual(name: IccRegister): bigint;
  /** ICV_* write. */
  writeVirtual(name: IccRegister, value: bigint): void;
  /** ICC_* read of the physical CPU interface, if the machine has one the CPU may use. */
  readPhysical?(name: IccRegister): bigint;
  /** ICC_* write of the physical CPU interface. */
  writePhysical?(name: IccRegister, value: bigint): void;
}
