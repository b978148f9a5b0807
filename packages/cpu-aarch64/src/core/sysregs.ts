/**
 * The system registers EL0 can reach, keyed by their MRS/MSR encoding
 * (op0:op1:CRn:CRm:op2 = bits 20..5 of the instruction).
 */
import { CORTEX_A53, ID_REG, readIdRegister, userIdRegister } from "../system/cpu-model.js";
import { FPCR_WRITABLE, FPSR_WRITABLE } from "../system/sysreg-table.js";
import { CNTFRQ_HZ, INSTRUCTIONS_PER_TICK } from "../timer/virtual-time.js";
import { FPCR, FPSR, T0, TPIDRRO_EL0, TPIDR_EL0 } from "./layout.js";
import type { CoreState } from "./state.js";

function key(op0: number, op1: number, crn: number, crm: number, op2: number): number {
  return (op0 << 14) | (op1 << 11) | (crn << 7) | (crm << 3) | op2;
}

/** Names accepted by Cpu.getSysreg/setSysreg, with their encodings. */
export const SYSREG_KEYS = {
  NZCV: key(3, 3, 4, 2, 0),
  FPCR: key(3, 3, 4, 4, 0),
  FPSR: key(3, 3, 4, 4, 1),
  TPIDR_EL0: key(3, 3, 13, 0, 2),
  TPIDRRO_EL0: key(3, 3, 13, 0, 3),
  CNTFRQ_EL0: key(3, 3, 14, 0, 0),
  CNTVCT_EL0: key(3, 3, 14, 0, 2),
  CTR_EL0: key(3, 3, 0, 0, 1),
  DCZID_EL0: key(3, 3, 0, 0, 7),
} as const;

/** A system register name EL0 code can use. */
export type SysregName = keyof typeof SYSREG_KEYS;

export { CNTFRQ_HZ, INSTRUCTIONS_PER_TICK };
/** The model's CTR_EL0 and DCZID_EL0 (EL0 reads them on the user-level fast path). */
export const CTR_EL0_VALUE = Number(readIdRegister(CORTEX_A53, ID_REG.CTR_EL0));
export const DCZID_EL0_VALUE = Number(readIdRegister(CORTEX_A53, ID_REG.DCZID_EL0));
/** FPCR/FPSR bits that hold state (the system register table's write masks). */
export const FPCR_MASK = Number(FPCR_WRITABLE);
export const FPSR_MASK = Number(FPSR_WRITABLE);

/**
 * Reads a system register into the scratch slot T0. Returns false when the register does not
 * exist or is not readable at EL0 (the MRS is then UNDEFINED).
 */
export function readSysreg(s: CoreState, sysregKey: number): boolean {
  const u32 = s.u32;
  let lo = 0;
  let hi = 0;
  switch (sysregKey) {
    case SYSREG_KEYS.NZCV:
      lo = (s.nzcv << 28) >>> 0;
      break;
    case SYSREG_KEYS.FPCR:
      lo = u32[2 * FPCR]!;
      break;
    case SYSREG_KEYS.FPSR:
      lo = u32[2 * FPSR]!;
      break;
    case SYSREG_KEYS.TPIDR_EL0:
      lo = u32[2 * TPIDR_EL0]!;
      hi = u32[2 * TPIDR_EL0 + 1]!;
      break;
    case SYSREG_KEYS.TPIDRRO_EL0:
      lo = u32[2 * TPIDRRO_EL0]!;
      hi = u32[2 * TPIDRRO_EL0 + 1]!;
      break;
    case SYSREG_KEYS.CNTFRQ_EL0:
      lo = CNTFRQ_HZ;
      break;
    case SYSREG_KEYS.CNTVCT_EL0: {
      const ticks = Math.floor(s.retired / INSTRUCTIONS_PER_TICK);
      lo = ticks % 4294967296;
      hi = Math.floor(ticks / 4294967296);
      break;
    }
    case SYSREG_KEYS.CTR_EL0:
      lo = CTR_EL0_VALUE;
      break;
    case SYSREG_KEYS.DCZID_EL0:
      lo = DCZID_EL0_VALUE;
      break;
    default: {
      // Linux's emulation of EL0 reads of the identification registers (HWCAP_CPUID).
      const id = userIdRegister(CORTEX_A53, sysregKey);
      if (id === null) return false;
      lo = Number(id & 0xffffffffn);
      hi = Number(id >> 32n);
    }
  }
  u32[2 * T0] = lo;
  u32[2 * T0 + 1] = hi;
  return true;
}

/**
 * Writes (lo, hi) to a system register. Returns false when the register is not writable at EL0.
 * `privileged` allows host-side writes of registers EL0 can only read (TPIDRRO_EL0).
 */
export function writeSysreg(s: CoreState, sysregKey: number, lo: number, hi: number, privileged: boolean): boolean {
  const u32 = s.u32;
  switch (sysregKey) {
    case SYSREG_KEYS.NZCV:
      s.nzcv = (lo >>> 28) & 15;
      return true;
    case SYSREG_KEYS.FPCR:
      u32[2 * FPCR] = lo & FPCR_MASK;
      return true;
    case SYSREG_KEYS.FPSR:
      u32[2 * FPSR] = lo & FPSR_MASK;
      return true;
    case SYSREG_KEYS.TPIDR_EL0:
      u32[2 * TPIDR_EL0] = lo;
      u32[2 * TPIDR_EL0 + 1] = hi;
      return true;
    case SYSREG_KEYS.TPIDRRO_EL0:
      if (!privileged) return false;
      u32[2 * TPIDRRO_EL0] = lo;
      u32[2 * TPIDRRO_EL0 + 1] = hi;
      return true;
    default:
      return false;
  }
}
