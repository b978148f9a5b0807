/** Hints, barriers, CLREX, MRS/MSR and the cache-maintenance SYS operations EL0 may use. */
import { PAGE_SIZE } from "../../memory/types.js";
import { NEXT, STOP, T0 } from "../layout.js";
import type { CoreState } from "../state.js";
import { readSysreg, writeSysreg } from "../sysregs.js";
import type { Handler } from "./handler.js";

const DC_ZVA_BYTES = 64;

/** NOP, YIELD, SEV, BTI, PACIASP, … : every hint without an effect here is a NOP. */
function nop(_s: CoreState, _insn: number): number {
  return NEXT;
}

function waitFor(kind: "wfi" | "wfe"): Handler {
  return (s) => {
    s.exit = { kind, pc: s.pcBig() };
    s.pc += 4;
    return STOP;
  };
}

function clrex(s: CoreState): number {
  s.exclusiveArmed = false;
  return NEXT;
}

function mrs(s: CoreState, insn: number): number {
  if (!readSysreg(s, (insn >>> 5) & 0xffff)) return s.undefinedInstruction(insn);
  const t = insn & 31;
  if (t !== 31) {
    s.u32[2 * t] = s.u32[2 * T0]!;
    s.u32[2 * t + 1] = s.u32[2 * T0 + 1]!;
  }
  return NEXT;
}

function msr(s: CoreState, insn: number): number {
  const t = insn & 31;
  if (!writeSysreg(s, (insn >>> 5) & 0xffff, s.u32[2 * t]!, s.u32[2 * t + 1]!, false)) {
    return s.undefinedInstruction(insn);
  }
  return NEXT;
}

/** SYS with op1=3, CRn=7, op2=1: DC ZVA, IC IVAU and the DC clean/invalidate-by-VA operations. */
function sys(s: CoreState, insn: number): number {
  const op1 = (insn >>> 16) & 7;
  const crn = (insn >>> 12) & 15;
  const crm = (insn >>> 8) & 15;
  const op2 = (insn >>> 5) & 7;
  if (op1 !== 3 || crn !== 7 || op2 !== 1) return s.undefinedInstruction(insn);
  const t = insn & 31;
  const lo = s.u32[2 * t]!;
  const hi = s.u32[2 * t + 1]!;
  switch (crm) {
    case 4:
      return zeroBlock(s, (lo & ~(DC_ZVA_BYTES - 1)) >>> 0, hi);
    case 5: {
      // IC IVAU: forget decoded instructions of the page (more than the line: always allowed).
      const entry = s.memory.pages.get(hi * 1048576 + (lo >>> 12));
      entry?.code?.fill(0, 0, PAGE_SIZE / 4);
      return NEXT;
    }
    case 10: // DC CVAC
    case 11: // DC CVAU
    case 12: // DC CVAP
    case 13: // DC CVADP
    case 14: // DC CIVAC
      return NEXT;
    default:
      return s.undefinedInstruction(insn);
  }
}

/** DC ZVA: zero the 64-byte block, faulting before any byte changes. */
function zeroBlock(s: CoreState, lo: number, hi: number): number {
  if (!s.probeWrite(lo, hi, DC_ZVA_BYTES)) return s.dataAbort();
  for (let off = 0; off < DC_ZVA_BYTES; off += 8) {
    if (!s.write64((lo + off) >>> 0, hi, 0, 0)) return s.dataAbort();
  }
  return NEXT;
}

function undefinedAtEl0(s: CoreState, insn: number): number {
  return s.undefinedInstruction(insn);
}

/** Handlers of this group by pattern name. */
export const SYSTEM_HANDLERS = {
  WFE: waitFor("wfe"),
  WFI: waitFor("wfi"),
  HINT: nop,
  CLREX: clrex,
  DSB: nop,
  DMB: nop,
  ISB: nop,
  SB: nop,
  MSR_i: undefinedAtEl0,
  SYS: sys,
  SYSL: undefinedAtEl0,
  MSR_r: msr,
  MRS: mrs,
} satisfies Record<string, Handler>;
