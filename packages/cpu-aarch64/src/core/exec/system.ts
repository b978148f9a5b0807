/** Hints, barriers, CLREX, MRS/MSR and the cache-maintenance SYS operations EL0 may use. */
import { PAGE_SIZE } from "../../memory/types.js";
import { invalidateCode } from "../../memory/guest-memory.js";
import { NEXT, STOP, T0 } from "../layout.js";
import type { CoreState } from "../state.js";
import type { SystemLevel } from "../system-level.js";
import { CTR_EL0_VALUE, SYSREG_KEYS, readSysreg, writeSysreg } from "../sysregs.js";
import type { Handler } from "./handler.js";
import {
  systemAddressTranslate,
  systemMrs,
  systemMsr,
  systemMsrImmediate,
  systemSysCheck,
  systemTlbi,
} from "./system-registers.js";

const DC_ZVA_BYTES = 64;
/** The instruction cache line IC IVAU works on: CTR_EL0.IminLine (log2 of words) of the model. */
const IC_LINE_BYTES = 4 << (CTR_EL0_VALUE & 0xf);

/** Barriers: a NOP on one in-order core. */
function nop(_s: CoreState, _insn: number): number {
  return NEXT;
}

const HINT_SEV = 4;
const HINT_SEVL = 5;

/** NOP, YIELD, BTI, PACIASP, … are NOPs; SEV/SEVL set the system level's event register. */
function hint(s: CoreState, insn: number): number {
  const system = s.system;
  if (system !== null) {
    const op = (insn >>> 5) & 0x7f;
    if (op === HINT_SEV || op === HINT_SEVL) system.sendEvent();
  }
  return NEXT;
}

function waitFor(kind: "wfi" | "wfe"): Handler {
  return (s) => {
    if (s.system !== null) return s.system.waitFor(kind === "wfe");
    s.exit = { kind, pc: s.pcBig() };
    s.pc += 4;
    return STOP;
  };
}

function clrex(s: CoreState): number {
  s.exclusiveArmed = false;
  return NEXT;
}

/**
 * NZCV and TPIDR_EL0 mean the same at every EL and are never trapped, so the system level keeps
 * them on the core's own path (the SysregFile allocates an outcome per access).
 */
function onCorePath(insn: number): boolean {
  const key = (insn >>> 5) & 0xffff;
  return key === SYSREG_KEYS.NZCV || key === SYSREG_KEYS.TPIDR_EL0;
}

function mrs(s: CoreState, insn: number): number {
  if (s.system !== null && !onCorePath(insn)) return systemMrs(s.system, s, insn);
  if (!readSysreg(s, (insn >>> 5) & 0xffff)) return s.undefinedInstruction(insn);
  const t = insn & 31;
  if (t !== 31) {
    s.u32[2 * t] = s.u32[2 * T0]!;
    s.u32[2 * t + 1] = s.u32[2 * T0 + 1]!;
  }
  return NEXT;
}

function msr(s: CoreState, insn: number): number {
  if (s.system !== null && !onCorePath(insn)) return systemMsr(s.system, s, insn);
  const t = insn & 31;
  if (!writeSysreg(s, (insn >>> 5) & 0xffff, s.u32[2 * t]!, s.u32[2 * t + 1]!, false)) {
    return s.undefinedInstruction(insn);
  }
  return NEXT;
}

/** SYS with op1=3, CRn=7, op2=1: DC ZVA, IC IVAU and the DC clean/invalidate-by-VA operations. */
function sys(s: CoreState, insn: number): number {
  if (s.system !== null) return systemLevelSys(s, s.system, insn);
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
      forgetLine(s, hi * 4294967296 + lo);
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
  if (s.zeroIfCached(lo, hi, DC_ZVA_BYTES)) return NEXT;
  for (let off = 0; off < DC_ZVA_BYTES; off += 8) {
    if (!s.write64((lo + off) >>> 0, hi, 0, 0)) return s.dataAbort();
  }
  return NEXT;
}

/**
 * IC IVAU: forgets the decoded (and translated) instructions of the instruction-cache line holding
 * guest-physical address `pa`, as the architecture asks, not the whole page: Linux runs it once per
 * line after every text patch, and forgetting the page would throw away its hot neighbours' code.
 * Stores through a CPU invalidate exactly what they change by themselves; this is for code changed
 * behind the CPUs' backs.
 */
function forgetLine(s: CoreState, pa: number): void {
  const entry = s.memory.pages.get(Math.floor(pa / PAGE_SIZE));
  if (entry !== undefined) invalidateCode(entry, (pa % PAGE_SIZE) & -IC_LINE_BYTES, IC_LINE_BYTES);
}

/** The 64-bit operand of halves `lo`, `hi` (unsigned). Not a closure in systemLevelSys: one made per SYS (DC ZVA, ~10^6 per Linux boot) costs more than the operation. */
function joinHalves(lo: number, hi: number): bigint {
  return (BigInt(hi) << 32n) | BigInt(lo);
}

/** SYS at the system level: the SysregFile checks it, then the operation runs here. */
function systemLevelSys(s: CoreState, system: SystemLevel, insn: number): number {
  const op = systemSysCheck(system, s, insn);
  if (typeof op === "number") return op;
  // The operand Xt as halves (no BigInt for DC ZVA and IC IVAU, the frequent ones).
  const t = insn & 31;
  const lo = t === 31 ? 0 : s.u32[2 * t]!;
  const hi = t === 31 ? 0 : s.u32[2 * t + 1]!;
  switch (op) {
    case "DC ZVA":
      return zeroBlock(s, (lo & ~(DC_ZVA_BYTES - 1)) >>> 0, hi);
    case "IC IVAU": {
      const pa = s.translator === null ? hi * 4294967296 + lo : s.translator.translate(lo, hi, false, false);
      if (pa >= 0) forgetLine(s, pa);
      else s.clearFault();
      return NEXT;
    }
    case "IC IALLU":
    case "IC IALLUIS":
      s.memory.forgetAllCode();
      return NEXT;
    case "AT S1E1R":
    case "AT S1E1W":
    case "AT S1E0R":
    case "AT S1E0W":
      return systemAddressTranslate(system, s, op, joinHalves(lo, hi));
    default:
      if (op.startsWith("TLBI")) return systemTlbi(system, insn, joinHalves(lo, hi));
      return NEXT; // DC clean/invalidate: no caches to maintain
  }
}

function msrImmediate(s: CoreState, insn: number): number {
  return s.system !== null ? systemMsrImmediate(s.system, insn) : s.undefinedInstruction(insn);
}

function sysl(s: CoreState, insn: number): number {
  return s.system !== null ? systemMrs(s.system, s, insn) : s.undefinedInstruction(insn);
}

/** Handlers of this group by pattern name. */
export const SYSTEM_HANDLERS = {
  WFE: waitFor("wfe"),
  WFI: waitFor("wfi"),
  HINT: hint,
  CLREX: clrex,
  DSB: nop,
  DMB: nop,
  ISB: nop,
  SB: nop,
  MSR_i: msrImmediate,
  SYS: sys,
  SYSL: sysl,
  MSR_r: msr,
  MRS: mrs,
} satisfies Record<string, Handler>;
