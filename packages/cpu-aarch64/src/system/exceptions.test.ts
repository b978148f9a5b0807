import { describe, expect, it } from "vitest";
import {
  eretTarget,
  packSpsr,
  preferredReturnAddress,
  pstateAfterEntry,
  takenInterrupt,
  unpackSpsr,
  vectorOffset,
  wfeWakes,
  wfiWakes,
  type ExceptionCause,
} from "./exceptions.js";
import { resetPstate, type Pstate } from "./pstate.js";

const EL0: Pstate = { ...resetPstate(), el: 0, spSel: 0, daif: 0 };
const EL1H: Pstate = resetPstate();
const NONE = { irq: false, fiq: false, serror: false };

describe("vectorOffset (spec §4: VBAR + kind, +0 SP0, +0x200 SPx, +0x400 lower A64, +0x600 lower A32)", () => {
  it.each([
    ["sync", 1, 0, false, 0x000],
    ["irq", 1, 0, false, 0x080],
    ["fiq", 1, 1, false, 0x300],
    ["sync", 1, 1, false, 0x200],
    ["irq", 1, 1, false, 0x280],
    ["serror", 1, 1, false, 0x380],
    ["sync", 0, 0, false, 0x400],
    ["irq", 0, 0, false, 0x480],
    ["serror", 0, 0, false, 0x580],
    ["fiq", 0, 0, true, 0x700],
  ] as const)("%s from EL%d SPSel=%d aarch32=%s → %#x", (kind, el, spSel, aarch32, offset) => {
    expect(vectorOffset(kind, { el, spSel, aarch32 })).toBe(offset);
  });
});

describe("SPSR packing (spec §4 table)", () => {
  it("EL1h with DAIF masked is Linux's 0x3C5", () => {
    expect(packSpsr(EL1H)).toBe(0x3c5);
    expect(unpackSpsr(0x3c5)).toEqual(EL1H);
  });

  it("mode M[3:0] is 0 EL0t, 4 EL1t, 5 EL1h", () => {
    expect(packSpsr({ ...EL0 }) & 0xf).toBe(0);
    expect(packSpsr({ ...EL1H, spSel: 0 }) & 0xf).toBe(4);
    expect(packSpsr(EL1H) & 0xf).toBe(5);
  });

  it("each field lands on its bits and unpacks again", () => {
    const fields: [Partial<Pstate>, number][] = [
      [{ nzcv: 0b1000 }, 1 << 31],
      [{ nzcv: 0b0001 }, 1 << 28],
      [{ pan: true }, 1 << 22],
      [{ ss: true }, 1 << 21],
      [{ il: true }, 1 << 20],
      [{ ssbs: true }, 1 << 12],
      [{ btype: 3 }, 3 << 10],
      [{ daif: 0b1000 }, 1 << 9],
      [{ daif: 0b0001 }, 1 << 6],
    ];
    const zero: Pstate = { ...EL0 };
    for (const [change, bits] of fields) {
      const p = { ...zero, ...change };
      expect(packSpsr(p) >>> 0, JSON.stringify(change)).toBe(bits >>> 0);
      expect(unpackSpsr(bits >>> 0)).toEqual(p);
    }
  });
});

describe("PSTATE after entry (spec §4: DAIF = 1111, SPSel = 1, SS = IL = 0)", () => {
  it("from EL0 with flags set", () => {
    const from: Pstate = { ...EL0, nzcv: 0b0110, ss: true, il: true, btype: 2 };
    expect(pstateAfterEntry(from)).toEqual({ ...EL1H, nzcv: 0b0110 });
  });
  it("PAN is set only when asked (FEAT_PAN with SPAN = 0); SSBS follows DSSBS when given", () => {
    expect(pstateAfterEntry(EL0).pan).toBe(false);
    expect(pstateAfterEntry(EL0, { setPan: true }).pan).toBe(true);
    expect(pstateAfterEntry(EL0, { ssbs: true }).ssbs).toBe(true);
  });
});

describe("preferred return address (spec §4: faulting insn vs next)", () => {
  const pc = 0xffff_8000_0800_1000n;
  it.each(["svc", "hvc", "smc"] as ExceptionCause[])("%s returns to the next instruction", (cause) => {
    expect(preferredReturnAddress(cause, pc)).toBe(pc + 4n);
  });
  it.each([
    "smcTrapped",
    "irq",
    "undefined",
    "dataAbort",
    "instructionAbort",
    "brk",
    "sysregTrap",
    "wfxTrap",
    "fpAccess",
    "illegalState",
    "pcAlignment",
  ] as ExceptionCause[])("%s returns to the instruction itself", (cause) => {
    expect(preferredReturnAddress(cause, pc)).toBe(pc);
  });
  it("wraps at 2^64", () => {
    expect(preferredReturnAddress("svc", (1n << 64n) - 4n)).toBe(0n);
  });
});

describe("eretTarget", () => {
  it("EL1 → EL1h (Linux init_kernel_el) and EL1 → EL0t are legal", () => {
    expect(eretTarget(0x3c5, EL1H)).toEqual({ pstate: EL1H, illegal: false });
    const r = eretTarget(0x2000_0000, EL1H);
    expect(r.illegal).toBe(false);
    expect(r.pstate).toMatchObject({ el: 0, spSel: 0, nzcv: 0b0010, daif: 0 });
  });

  it.each([
    ["to EL2", 0x3c9, "higherEl"],
    ["to EL3", 0x3cd, "higherEl"],
    ["to AArch32 (M[4])", 0x3d0, "aarch32"],
    ["reserved M[1]", 0x3c6, "reservedMode"],
    ["EL0 with SP_EL1", 0x3c1, "el0WithSpx"],
  ] as const)("%s is illegal: EL and SPSel kept, IL set, the rest from SPSR", (_n, spsr, reason) => {
    const current: Pstate = { ...EL1H, spSel: 0, daif: 0 };
    const r = eretTarget(spsr | 0x8000_0000, current);
    expect(r).toMatchObject({ illegal: true, reason });
    expect(r.pstate).toMatchObject({ el: 1, spSel: 0, il: true, daif: 0xf, nzcv: 0b1000 });
  });

  it("from EL0 any return to EL1 is to a higher EL", () => {
    expect(eretTarget(0x3c5, EL0)).toMatchObject({ illegal: true, reason: "higherEl", pstate: { el: 0 } });
  });

  it("a legal return copies SPSR.IL (the next instruction then raises EC 0x0E)", () => {
    expect(eretTarget(0x3c5 | (1 << 20), EL1H)).toMatchObject({ illegal: false, pstate: { il: true } });
  });
});

describe("interrupts and wake-up", () => {
  it("WFI wakes on a pending interrupt even when PSTATE masks it (spec §4)", () => {
    expect(wfiWakes(NONE)).toBe(false);
    expect(wfiWakes({ ...NONE, irq: true })).toBe(true);
    expect(wfiWakes({ ...NONE, fiq: true })).toBe(true);
    expect(wfiWakes({ ...NONE, serror: true })).toBe(true);
  });

  it("WFE wakes on the event register or an unmasked interrupt", () => {
    expect(wfeWakes(true, NONE, 0xf)).toBe(true);
    expect(wfeWakes(false, { ...NONE, irq: true }, 0xf)).toBe(false);
    expect(wfeWakes(false, { ...NONE, irq: true }, 0xd)).toBe(true);
  });

  it("takenInterrupt honours A, F, I and prefers SError, then FIQ, then IRQ", () => {
    const all = { irq: true, fiq: true, serror: true };
    expect(takenInterrupt(all, 0)).toBe("serror");
    expect(takenInterrupt(all, 0b0100)).toBe("fiq");
    expect(takenInterrupt(all, 0b0101)).toBe("irq");
    expect(takenInterrupt(all, 0b0111)).toBeNull();
    expect(takenInterrupt({ ...NONE, irq: true }, 0b1000)).toBe("irq"); // D does not mask IRQ
  });
});
