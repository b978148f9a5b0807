// Stage-1 access permissions for the EL1&0 regime (two privilege levels), from the Arm ARM tables
// "Data access permissions" (AP[2:1]) and "Instruction execution permissions" (UXN/PXN):
//   AP[2:1] 00: EL1 RW, EL0 none   01: EL1 RW, EL0 RW   10: EL1 RO, EL0 none   11: EL1 RO, EL0 RO
//   EL0 may execute when UXN = 0 (whatever AP says: execute-only user memory exists in ARMv8.0);
//   EL1 may execute when PXN = 0 and the page is not EL0-writable (AP = 01 implies PXN);
//   SCTLR_EL1.WXN = 1 removes execute from anything writable at the accessing EL.

import type { Access } from "./types.js";

/** One bit per (EL, access kind); a TLB entry stores the OR of the allowed ones. */
export const PERM_EL0_READ = 1 << 0;
export const PERM_EL0_WRITE = 1 << 1;
export const PERM_EL0_EXEC = 1 << 2;
export const PERM_EL1_READ = 1 << 3;
export const PERM_EL1_WRITE = 1 << 4;
export const PERM_EL1_EXEC = 1 << 5;
/** Every permission: what a flat (MMU off) mapping allows. */
export const PERM_ALL = 0b111111;

/** The permission bits of a stage-1 leaf after table attributes have been folded in. */
export interface LeafPermissionBits {
  /** AP[2:1] (descriptor bits 7:6). */
  ap: number;
  uxn: boolean;
  pxn: boolean;
  /** SCTLR_EL1.WXN. */
  wxn: boolean;
}

/** The permission mask (PERM_* bits) a leaf grants. */
export function leafPermissions({ ap, uxn, pxn, wxn }: LeafPermissionBits): number {
  const el0Read = (ap & 1) === 1;
  const el0Write = ap === 0b01;
  const el1Write = (ap & 2) === 0;
  let mask = PERM_EL1_READ;
  if (el1Write) mask |= PERM_EL1_WRITE;
  if (el0Read) mask |= PERM_EL0_READ;
  if (el0Write) mask |= PERM_EL0_WRITE;
  if (!uxn && !(wxn && el0Write)) mask |= PERM_EL0_EXEC;
  if (!pxn && !el0Write && !(wxn && el1Write)) mask |= PERM_EL1_EXEC;
  return mask;
}

/** The permission bit an access needs (EL0 permissions for EL0 code and for LDTR/STTR at EL1). */
export function requiredPermission(access: Access): number {
  if (access.fetch) return access.el0 ? PERM_EL0_EXEC : PERM_EL1_EXEC;
  if (access.write) return access.el0 ? PERM_EL0_WRITE : PERM_EL1_WRITE;
  return access.el0 ? PERM_EL0_READ : PERM_EL1_READ;
}

/** The permission mask as named booleans (the `perms` of a translation result). */
export function permissionsFromMask(mask: number): Stage1Permissions {
  return {
    el0r: (mask & PERM_EL0_READ) !== 0,
    el0w: (mask & PERM_EL0_WRITE) !== 0,
    el0x: (mask & PERM_EL0_EXEC) !== 0,
    el1r: (mask & PERM_EL1_READ) !== 0,
    el1w: (mask & PERM_EL1_WRITE) !== 0,
    el1x: (mask & PERM_EL1_EXEC) !== 0,
  };
}

/** Read/write/execute permission at EL0 and EL1. */
export interface Stage1Permissions {
  el0r: boolean;
  el0w: boolean;
  el0x: boolean;
  el1r: boolean;
  el1w: boolean;
  el1x: boolean;
}
