// The stage-1 permission table for a regime with two privilege levels (EL1&0), written out row by
// row from the Arm ARM (DDI 0487, D5.4 "Memory access control": the data access permissions table
// for AP[2:1] and the instruction execution table for UXN/PXN with AP[2:1], SCTLR_EL1.WXN = 0).
// "EL0-writable implies PXN" shows in the AP = 01 rows. Only tests import this file.

/** One row: what EL1 and EL0 may do, as strings of r/w/x. */
export interface PermissionRow {
  uxn: 0 | 1;
  pxn: 0 | 1;
  ap: 0 | 1 | 2 | 3;
  el1: string;
  el0: string;
}

export const ARM_PERMISSION_TABLE: readonly PermissionRow[] = [
  { uxn: 0, pxn: 0, ap: 0b00, el1: "rwx", el0: "x" },
  { uxn: 0, pxn: 0, ap: 0b01, el1: "rw", el0: "rwx" },
  { uxn: 0, pxn: 0, ap: 0b10, el1: "rx", el0: "x" },
  { uxn: 0, pxn: 0, ap: 0b11, el1: "rx", el0: "rx" },
  { uxn: 0, pxn: 1, ap: 0b00, el1: "rw", el0: "x" },
  { uxn: 0, pxn: 1, ap: 0b01, el1: "rw", el0: "rwx" },
  { uxn: 0, pxn: 1, ap: 0b10, el1: "r", el0: "x" },
  { uxn: 0, pxn: 1, ap: 0b11, el1: "r", el0: "rx" },
  { uxn: 1, pxn: 0, ap: 0b00, el1: "rwx", el0: "" },
  { uxn: 1, pxn: 0, ap: 0b01, el1: "rw", el0: "rw" },
  { uxn: 1, pxn: 0, ap: 0b10, el1: "rx", el0: "" },
  { uxn: 1, pxn: 0, ap: 0b11, el1: "rx", el0: "r" },
  { uxn: 1, pxn: 1, ap: 0b00, el1: "rw", el0: "" },
  { uxn: 1, pxn: 1, ap: 0b01, el1: "rw", el0: "rw" },
  { uxn: 1, pxn: 1, ap: 0b10, el1: "r", el0: "" },
  { uxn: 1, pxn: 1, ap: 0b11, el1: "r", el0: "r" },
];

/** The row for a leaf's UXN/PXN/AP. */
export function armPermissionRow(uxn: boolean, pxn: boolean, ap: number): PermissionRow {
  return ARM_PERMISSION_TABLE.find((r) => r.uxn === (uxn ? 1 : 0) && r.pxn === (pxn ? 1 : 0) && r.ap === ap)!;
}

/** Whether the row allows an access ("r", "w" or "x") at an EL. */
export function armAllows(row: PermissionRow, el0: boolean, kind: "r" | "w" | "x"): boolean {
  return (el0 ? row.el0 : row.el1).includes(kind);
}
