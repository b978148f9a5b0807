/**
 * System register encodings. A register is named by (op0, op1, CRn, CRm, op2); packed as
 * op0<<14 | op1<<11 | CRn<<7 | CRm<<3 | op2 it equals bits 20..5 of the MRS/MSR/SYS instruction,
 * so the core can take the key straight from the instruction word.
 */

/** The five fields of a system register or SYS operation encoding. */
export interface SysregEncoding {
  op0: number;
  op1: number;
  crn: number;
  crm: number;
  op2: number;
}

/** Packs an encoding into the 16-bit key used by every table in `src/system/`. */
export function sysregKey(op0: number, op1: number, crn: number, crm: number, op2: number): number {
  return ((op0 & 3) << 14) | ((op1 & 7) << 11) | ((crn & 15) << 7) | ((crm & 15) << 3) | (op2 & 7);
}

/** Unpacks a key made by {@link sysregKey}. */
export function decodeSysregKey(key: number): SysregEncoding {
  return {
    op0: (key >>> 14) & 3,
    op1: (key >>> 11) & 7,
    crn: (key >>> 7) & 15,
    crm: (key >>> 3) & 15,
    op2: key & 7,
  };
}

/** The key of an MRS, MSR (register) or SYS/SYSL instruction word: its bits 20..5. */
export function sysregKeyOfInstruction(insn: number): number {
  return (insn >>> 5) & 0xffff;
}

/** Generic name in the assembler's form, `S3_0_C1_C0_0`, for messages about unnamed encodings. */
export function genericSysregName(key: number): string {
  const e = decodeSysregKey(key);
  return `S${e.op0}_${e.op1}_C${e.crn}_C${e.crm}_${e.op2}`;
}
