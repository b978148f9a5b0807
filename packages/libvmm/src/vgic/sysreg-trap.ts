// The ISS of a trapped MSR/MRS (HSR EC 0x18, Arm ARM D17.2.37 "ISS encoding for an exception
// from MSR, MRS, or System instruction"), as libvmm's handle_sysreg_64_fault reads it.

/** The trapped access: register encoding, transfer register and direction. */
export interface SysregTrap {
  readonly op0: number;
  readonly op1: number;
  readonly crn: number;
  readonly crm: number;
  readonly op2: number;
  readonly rt: number;
  /** Direction [0]: 1 = MRS (read). */
  readonly isRead: boolean;
}

/** Op0 [21:20], Op2 [19:17], Op1 [16:14], CRn [13:10], Rt [9:5], CRm [4:1], Direction [0]. */
export function decodeSysregTrap(hsr: number): SysregTrap {
  return {
    op0: (hsr >>> 20) & 3,
    op2: (hsr >>> 17) & 7,
    op1: (hsr >>> 14) & 7,
    crn: (hsr >>> 10) & 15,
    rt: (hsr >>> 5) & 31,
    crm: (hsr >>> 1) & 15,
    isRead: (hsr & 1) === 1,
  };
}

/** Whether the trap is of the register (op0, op1, CRn, CRm, op2). */
export function isSysreg(trap: SysregTrap, op0: number, op1: number, crn: number, crm: number, op2: number): boolean {
  return trap.op0 === op0 && trap.op1 === op1 && trap.crn === crn && trap.crm === crm && trap.op2 === op2;
}

/** ICC_SGI1R_EL1 and ICC_SRE_EL1, the two GICv3 registers libvmm emulates on a trap. */
export const ICC_SGI1R_EL1 = [3, 0, 12, 11, 5] as const;
export const ICC_SRE_EL1 = [3, 0, 12, 12, 5] as const;
