// PAR_EL1 formats (Arm ARM PAR_EL1; spec §3: F = bit 0, PA[47:12], SH[8:7], ATTR[63:56], FST[6:1]).
import { describe, expect, it } from "vitest";
import { parFromResult } from "./par.js";
import { permissionsFromMask, PERM_ALL } from "./permissions.js";
import type { Stage1Success } from "./types.js";

function success(over: Partial<Stage1Success>): Stage1Success {
  return {
    ok: true, pa: 0x4123_4567, attrIndx: 0, memAttr: 0xff, shareability: 3, global: true, asid: 0,
    perms: permissionsFromMask(PERM_ALL), permMask: PERM_ALL, blockSize: 4096, ...over,
  };
}

describe("parFromResult", () => {
  it("formats a successful translation: PA[47:12], SH, NS, RES1 bit 11, ATTR", () => {
    expect(parFromResult(success({ pa: 0xab_cdef_1234, memAttr: 0xff, shareability: 3 }))).toBe(
      (0xffn << 56n) | 0xab_cdef_1000n | (1n << 11n) | (1n << 9n) | (3n << 7n),
    );
    expect(parFromResult(success({ pa: 0x1000 }), { nonSecure: false }) & (1n << 9n)).toBe(0n);
  });

  it("reports Device and Normal non-cacheable memory as Outer Shareable whatever SH says", () => {
    expect((parFromResult(success({ memAttr: 0x04, shareability: 0 })) >> 7n) & 3n).toBe(2n);
    expect((parFromResult(success({ memAttr: 0x44, shareability: 3 })) >> 7n) & 3n).toBe(2n);
    expect((parFromResult(success({ memAttr: 0xff, shareability: 0 })) >> 7n) & 3n).toBe(0n);
  });

  it("formats faults: F = 1, FST, and PTW + S for a walk that hit a stage-2 hole", () => {
    expect(parFromResult({ ok: false, fault: "translation", level: 3, s1ptw: false })).toBe(1n | (0x07n << 1n) | (1n << 11n));
    expect(parFromResult({ ok: false, fault: "permission", level: 2, s1ptw: false })).toBe(1n | (0x0en << 1n) | (1n << 11n));
    expect(parFromResult({ ok: false, fault: "accessFlag", level: 1, s1ptw: false })).toBe(1n | (0x09n << 1n) | (1n << 11n));
    expect(parFromResult({ ok: false, fault: "addressSize", level: 0, s1ptw: false })).toBe(1n | (1n << 11n));
    expect(parFromResult({ ok: false, fault: "translation", level: 1, s1ptw: true, ipa: 0x9000_0000 })).toBe(
      1n | (0x05n << 1n) | (1n << 8n) | (1n << 9n) | (1n << 11n),
    );
  });
});
