/** Names objdump prints for hints, system registers and SYS operations. */

/** HINT #imm names (CRm:op2); absent ones print as `hint #0x..`. */
export const HINT_NAMES: ReadonlyMap<number, string> = new Map([
  [0, "nop"], [1, "yield"], [2, "wfe"], [3, "wfi"], [4, "sev"], [5, "sevl"],
  [7, "xpaclri"], [8, "pacia1716"], [10, "pacib1716"], [12, "autia1716"], [14, "autib1716"],
  [16, "esb"], [17, "psb\tcsync"], [18, "tsb\tcsync"], [20, "csdb"], [22, "clearbhb"],
  [24, "paciaz"], [25, "paciasp"], [26, "pacibz"], [27, "pacibsp"],
  [28, "autiaz"], [29, "autiasp"], [30, "autibz"], [31, "autibsp"],
  [32, "bti"], [34, "bti\tc"], [36, "bti\tj"], [38, "bti\tjc"],
]);

function key(op0: number, op1: number, crn: number, crm: number, op2: number): number {
  return (op0 << 14) | (op1 << 11) | (crn << 7) | (crm << 3) | op2;
}

/** System register names by op0:op1:CRn:CRm:op2 (the MRS/MSR encoding bits 20..5). */
export const SYSREG_NAMES: ReadonlyMap<number, string> = new Map([
  [key(3, 3, 4, 2, 0), "nzcv"],
  [key(3, 3, 4, 2, 1), "daif"],
  [key(3, 3, 4, 4, 0), "fpcr"],
  [key(3, 3, 4, 4, 1), "fpsr"],
  [key(3, 3, 13, 0, 2), "tpidr_el0"],
  [key(3, 3, 13, 0, 3), "tpidrro_el0"],
  [key(3, 3, 14, 0, 0), "cntfrq_el0"],
  [key(3, 3, 14, 0, 1), "cntpct_el0"],
  [key(3, 3, 14, 0, 2), "cntvct_el0"],
  [key(3, 3, 14, 3, 0), "cntv_tval_el0"],
  [key(3, 3, 14, 3, 1), "cntv_ctl_el0"],
  [key(3, 3, 14, 3, 2), "cntv_cval_el0"],
  [key(3, 3, 0, 0, 1), "ctr_el0"],
  [key(3, 3, 0, 0, 7), "dczid_el0"],
  [key(3, 0, 0, 0, 0), "midr_el1"],
  [key(3, 0, 0, 0, 5), "mpidr_el1"],
  [key(3, 0, 0, 4, 0), "id_aa64pfr0_el1"],
  [key(3, 0, 0, 6, 0), "id_aa64isar0_el1"],
  [key(3, 0, 0, 7, 0), "id_aa64mmfr0_el1"],
  [key(3, 0, 1, 0, 0), "sctlr_el1"],
  [key(3, 0, 2, 0, 0), "ttbr0_el1"],
  [key(3, 0, 2, 0, 1), "ttbr1_el1"],
  [key(3, 0, 2, 0, 2), "tcr_el1"],
  [key(3, 0, 4, 0, 0), "spsr_el1"],
  [key(3, 0, 4, 0, 1), "elr_el1"],
  [key(3, 0, 4, 1, 0), "sp_el0"],
  [key(3, 0, 4, 2, 0), "spsel"],
  [key(3, 0, 4, 2, 2), "currentel"],
  [key(3, 0, 5, 2, 0), "esr_el1"],
  [key(3, 0, 6, 0, 0), "far_el1"],
  [key(3, 0, 10, 2, 0), "mair_el1"],
  [key(3, 0, 12, 0, 0), "vbar_el1"],
  [key(3, 0, 13, 0, 4), "tpidr_el1"],
  [key(3, 0, 14, 1, 0), "cntkctl_el1"],
]);

/** `sysreg` spelled generically, as objdump does for registers it has no name for. */
export function genericSysreg(op0: number, op1: number, crn: number, crm: number, op2: number): string {
  return `s${op0}_${op1}_c${crn}_c${crm}_${op2}`;
}

/** SYS aliases: op1:CRn:CRm:op2 → [mnemonic, operation, takes a register]. */
export const SYS_ALIASES: ReadonlyMap<number, readonly [string, string, boolean]> = new Map([
  [sysKey(3, 7, 4, 1), ["dc", "zva", true]],
  [sysKey(3, 7, 10, 1), ["dc", "cvac", true]],
  [sysKey(3, 7, 11, 1), ["dc", "cvau", true]],
  [sysKey(3, 7, 12, 1), ["dc", "cvap", true]],
  [sysKey(3, 7, 13, 1), ["dc", "cvadp", true]],
  [sysKey(3, 7, 14, 1), ["dc", "civac", true]],
  [sysKey(0, 7, 6, 1), ["dc", "ivac", true]],
  [sysKey(0, 7, 6, 2), ["dc", "isw", true]],
  [sysKey(0, 7, 10, 2), ["dc", "csw", true]],
  [sysKey(0, 7, 14, 2), ["dc", "cisw", true]],
  [sysKey(3, 7, 5, 1), ["ic", "ivau", true]],
  [sysKey(0, 7, 5, 0), ["ic", "iallu", false]],
  [sysKey(0, 7, 1, 0), ["ic", "ialluis", false]],
  [sysKey(0, 8, 7, 0), ["tlbi", "vmalle1", false]],
  [sysKey(0, 8, 3, 0), ["tlbi", "vmalle1is", false]],
  [sysKey(0, 8, 7, 1), ["tlbi", "vae1", true]],
  [sysKey(0, 8, 3, 1), ["tlbi", "vae1is", true]],
  [sysKey(0, 8, 7, 2), ["tlbi", "aside1", true]],
  [sysKey(0, 8, 3, 2), ["tlbi", "aside1is", true]],
  [sysKey(0, 8, 7, 3), ["tlbi", "vaae1", true]],
  [sysKey(0, 8, 3, 3), ["tlbi", "vaae1is", true]],
  [sysKey(0, 8, 7, 5), ["tlbi", "vale1", true]],
  [sysKey(0, 8, 3, 5), ["tlbi", "vale1is", true]],
  [sysKey(0, 8, 7, 7), ["tlbi", "vaale1", true]],
  [sysKey(0, 8, 3, 7), ["tlbi", "vaale1is", true]],
]);

/** Key of SYS_ALIASES. */
export function sysKey(op1: number, crn: number, crm: number, op2: number): number {
  return (op1 << 11) | (crn << 7) | (crm << 3) | op2;
}

/** MSR (immediate) PSTATE field names by op1:op2. */
export const PSTATE_FIELDS: ReadonlyMap<number, string> = new Map([
  [(0 << 3) | 3, "uao"],
  [(0 << 3) | 4, "pan"],
  [(0 << 3) | 5, "spsel"],
  [(3 << 3) | 1, "ssbs"],
  [(3 << 3) | 2, "dit"],
  [(3 << 3) | 4, "tco"],
  [(3 << 3) | 6, "daifset"],
  [(3 << 3) | 7, "daifclr"],
]);
