import { describe, expect, it } from "vitest";
import { ARM_PERMISSION_TABLE, armAllows } from "./arm-permissions.test-helper.js";
import {
  leafPermissions,
  PERM_EL0_EXEC,
  PERM_EL0_READ,
  PERM_EL0_WRITE,
  PERM_EL1_EXEC,
  PERM_EL1_READ,
  PERM_EL1_WRITE,
  permissionsFromMask,
  requiredPermission,
} from "./permissions.js";

const BITS = { el0: { r: PERM_EL0_READ, w: PERM_EL0_WRITE, x: PERM_EL0_EXEC }, el1: { r: PERM_EL1_READ, w: PERM_EL1_WRITE, x: PERM_EL1_EXEC } };

describe("leafPermissions", () => {
  it.each(ARM_PERMISSION_TABLE)("UXN=$uxn PXN=$pxn AP=$ap → EL1 '$el1', EL0 '$el0' (Arm ARM D5.4)", (row) => {
    const mask = leafPermissions({ ap: row.ap, uxn: row.uxn === 1, pxn: row.pxn === 1, wxn: false });
    for (const el0 of [false, true]) {
      for (const kind of ["r", "w", "x"] as const) {
        expect((mask & BITS[el0 ? "el0" : "el1"][kind]) !== 0, `${el0 ? "EL0" : "EL1"} ${kind}`).toBe(armAllows(row, el0, kind));
      }
    }
  });

  it("SCTLR.WXN removes execute from memory writable at the accessing EL (QEMU get_S1prot behaviour)", () => {
    // AP = 00: EL1 RW → no EL1 execute; EL0 cannot write, so its execute-only access stays.
    expect(leafPermissions({ ap: 0, uxn: false, pxn: false, wxn: true })).toBe(PERM_EL1_READ | PERM_EL1_WRITE | PERM_EL0_EXEC);
    // AP = 01: EL0 RW → no EL0 execute (EL1 execute was already gone: implicit PXN).
    expect(leafPermissions({ ap: 1, uxn: false, pxn: false, wxn: true })).toBe(
      PERM_EL1_READ | PERM_EL1_WRITE | PERM_EL0_READ | PERM_EL0_WRITE,
    );
    // Read-only memory keeps execute.
    expect(leafPermissions({ ap: 3, uxn: false, pxn: false, wxn: true })).toBe(
      PERM_EL1_READ | PERM_EL1_EXEC | PERM_EL0_READ | PERM_EL0_EXEC,
    );
  });
});

describe("requiredPermission / permissionsFromMask", () => {
  it("picks the EL0 bit for EL0 and LDTR/STTR accesses and the EL1 bit otherwise", () => {
    expect(requiredPermission({ write: false, fetch: false, el0: true })).toBe(PERM_EL0_READ);
    expect(requiredPermission({ write: true, fetch: false, el0: true })).toBe(PERM_EL0_WRITE);
    expect(requiredPermission({ write: false, fetch: true, el0: true })).toBe(PERM_EL0_EXEC);
    expect(requiredPermission({ write: false, fetch: false, el0: false })).toBe(PERM_EL1_READ);
    expect(requiredPermission({ write: true, fetch: false, el0: false })).toBe(PERM_EL1_WRITE);
    expect(requiredPermission({ write: false, fetch: true, el0: false })).toBe(PERM_EL1_EXEC);
  });

  it("names each bit", () => {
    expect(permissionsFromMask(PERM_EL0_WRITE | PERM_EL1_EXEC)).toEqual({
      el0r: false, el0w: true, el0x: false, el1r: false, el1w: false, el1x: true,
    });
  });
});
