/** Branches and exception-generating instructions. */
import { CONDITION_TABLE } from "../flags.js";
import { JUMP, NEXT, STOP } from "../layout.js";
import type { CoreState } from "../state.js";
import type { Handler } from "./handler.js";

/** B label (also called directly by the run loop, see hot.ts). */
export function b(s: CoreState, insn: number): number {
  return s.jumpTo(s.pc + ((insn << 6) >> 4));
}

/** BL label (also called directly by the run loop). */
export function bl(s: CoreState, insn: number): number {
  s.setXNumber(30, s.pc + 4);
  return s.jumpTo(s.pc + ((insn << 6) >> 4));
}

/** Sign-extended imm19 (bits 23..5) times 4. */
function offset19(insn: number): number {
  return ((insn << 8) >> 13) * 4;
}

/** Generic executor of the bCond pattern (also called directly by the run loop, see hot.ts). */
export function bCond(s: CoreState, insn: number): number {
  if (CONDITION_TABLE[((insn & 15) << 4) | s.nzcv] === 0) return NEXT;
  return s.jumpTo(s.pc + offset19(insn));
}

/** Xt (sf = 1) or Wt of CBZ/CBNZ is zero. */
function testedRegisterIsZero(s: CoreState, insn: number): boolean {
  const t = insn & 31;
  const u32 = s.u32;
  return (insn < 0 ? u32[2 * t]! | u32[2 * t + 1]! : u32[2 * t]!) === 0;
}

/** CBZ Xt/Wt, label (also called directly by the run loop). */
export function cbz(s: CoreState, insn: number): number {
  return testedRegisterIsZero(s, insn) ? s.jumpTo(s.pc + offset19(insn)) : NEXT;
}

/** CBNZ Xt/Wt, label (also called directly by the run loop). */
export function cbnz(s: CoreState, insn: number): number {
  return testedRegisterIsZero(s, insn) ? NEXT : s.jumpTo(s.pc + offset19(insn));
}

/** Bit b5:b40 of Rt, as TBZ/TBNZ test it (0 or 1). */
function testedBit(s: CoreState, insn: number): number {
  const t = insn & 31;
  const bit = ((insn >>> 26) & 32) | ((insn >>> 19) & 31);
  const word = bit >= 32 ? s.u32[2 * t + 1]! : s.u32[2 * t]!;
  return (word >>> (bit & 31)) & 1;
}

/** Sign-extended imm14 (bits 18..5) times 4. */
function offset14(insn: number): number {
  return ((insn << 13) >> 18) * 4;
}

/** TBZ Rt, #bit, label (also called directly by the run loop). */
export function tbz(s: CoreState, insn: number): number {
  return testedBit(s, insn) === 0 ? s.jumpTo(s.pc + offset14(insn)) : NEXT;
}

/** TBNZ Rt, #bit, label (also called directly by the run loop). */
export function tbnz(s: CoreState, insn: number): number {
  return testedBit(s, insn) === 1 ? s.jumpTo(s.pc + offset14(insn)) : NEXT;
}

/** BR/BLR/RET: `link` writes X30. A misaligned target is a PC alignment fault at the target. */
function branchToRegister(s: CoreState, insn: number, link: boolean): number {
  const n = (insn >>> 5) & 31;
  const lo = s.u32[2 * n]!;
  const hi = s.u32[2 * n + 1]!;
  if (link) s.setXNumber(30, s.pc + 4);
  if (s.jumpToHalves(lo, hi) === STOP) return STOP;
  if ((lo & 3) !== 0) {
    if (s.system !== null) return s.system.pcAlignment();
    const pc = s.pcBig();
    s.exit = { kind: "instructionAbort", address: pc, pc, alignment: true };
    return STOP;
  }
  return JUMP;
}

/** BR Xn and RET {Xn} (also called directly by the run loop for RET). */
export function br(s: CoreState, insn: number): number {
  return branchToRegister(s, insn, false);
}

function blr(s: CoreState, insn: number): number {
  return branchToRegister(s, insn, true);
}

function svc(s: CoreState, insn: number): number {
  if (s.system !== null) return s.system.svc((insn >>> 5) & 0xffff);
  s.pc += 4;
  s.exit = { kind: "svc", imm16: (insn >>> 5) & 0xffff };
  return STOP;
}

function brk(s: CoreState, insn: number): number {
  if (s.system !== null) return s.system.brk((insn >>> 5) & 0xffff);
  s.exit = { kind: "brk", imm16: (insn >>> 5) & 0xffff, pc: s.pcBig() };
  return STOP;
}

/** Encodings that exist but are UNDEFINED at EL0 (or not implemented by this CPU model). */
function undefinedAtEl0(s: CoreState, insn: number): number {
  return s.undefinedInstruction(insn);
}

function eret(s: CoreState, insn: number): number {
  return s.system !== null ? s.system.eret(insn) : s.undefinedInstruction(insn);
}

function hvc(s: CoreState, insn: number): number {
  return s.system !== null ? s.system.hvc((insn >>> 5) & 0xffff) : s.undefinedInstruction(insn);
}

function smc(s: CoreState, insn: number): number {
  return s.system !== null ? s.system.smc((insn >>> 5) & 0xffff) : s.undefinedInstruction(insn);
}

/** Handlers of this group by pattern name. */
export const BRANCH_HANDLERS = {
  UDF: undefinedAtEl0,
  B: b,
  BL: bl,
  B_cond: bCond,
  CBZ: cbz,
  CBNZ: cbnz,
  TBZ: tbz,
  TBNZ: tbnz,
  BR: br,
  BLR: blr,
  RET: br,
  ERET: eret,
  SVC: svc,
  HVC: hvc,
  SMC: smc,
  BRK: brk,
  HLT: undefinedAtEl0,
} satisfies Record<string, Handler>;
