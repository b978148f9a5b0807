/** Branches and exception-generating instructions. */
import { CONDITION_TABLE } from "../flags.js";
import { JUMP, NEXT, STOP } from "../layout.js";
import type { CoreState } from "../state.js";
import type { Handler } from "./handler.js";

function b(s: CoreState, insn: number): number {
  return s.jumpTo(s.pc + ((insn << 6) >> 4));
}

function bl(s: CoreState, insn: number): number {
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

function compareBranch(nonZero: boolean): Handler {
  return (s, insn) => {
    const t = insn & 31;
    const u32 = s.u32;
    const value = insn < 0 ? u32[2 * t]! | u32[2 * t + 1]! : u32[2 * t]!;
    if ((value === 0) === nonZero) return NEXT;
    return s.jumpTo(s.pc + offset19(insn));
  };
}

function testBranch(nonZero: boolean): Handler {
  return (s, insn) => {
    const t = insn & 31;
    const bit = ((insn >>> 26) & 32) | ((insn >>> 19) & 31);
    const word = bit >= 32 ? s.u32[2 * t + 1]! : s.u32[2 * t]!;
    if ((((word >>> (bit & 31)) & 1) === 1) !== nonZero) return NEXT;
    return s.jumpTo(s.pc + ((insn << 13) >> 18) * 4);
  };
}

/** BR/BLR/RET: `link` writes X30. A misaligned target is a PC alignment fault at the target. */
function branchRegister(link: boolean): Handler {
  return (s, insn) => {
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
  };
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
  CBZ: compareBranch(false),
  CBNZ: compareBranch(true),
  TBZ: testBranch(false),
  TBNZ: testBranch(true),
  BR: branchRegister(false),
  BLR: branchRegister(true),
  RET: branchRegister(false),
  ERET: eret,
  SVC: svc,
  HVC: hvc,
  SMC: smc,
  BRK: brk,
  HLT: undefinedAtEl0,
} satisfies Record<string, Handler>;
