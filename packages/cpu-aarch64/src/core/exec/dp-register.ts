/** Data processing (register): logical and arithmetic with shifted/extended operands, ADC/SBC,
 * conditional compare/select, multiply, divide, variable shifts and the one-source group. */
import {
  addWithFlags32,
  add64,
  extendRegister,
  reverseBits32,
  reverseBytes16x2,
  reverseBytes32,
  shift32,
  shift64,
} from "../alu.js";
import { CONDITION_TABLE } from "../flags.js";
import { NEXT, T0 } from "../layout.js";
import type { CoreState } from "../state.js";
import type { Handler } from "./handler.js";
import { spOr, setW, setX } from "./registers.js";

/** Logical (shifted register): op 0 AND, 1 ORR, 2 EOR, 3 ANDS; `invert` for BIC/ORN/EON/BICS. */
function logicalReg(op: number, invert: boolean): Handler {
  return (s, insn) => {
    const type = (insn >>> 22) & 3;
    const amount = (insn >>> 10) & 63;
    if (insn >= 0 && amount >= 32) return s.undefinedInstruction(insn);
    const d = insn & 31;
    const n = (insn >>> 5) & 31;
    const m = (insn >>> 16) & 31;
    if (insn < 0 && amount === 0 && op !== 3 && !invert) {
      // Unshifted 64-bit AND/ORR/EOR: BigInt on the 64-bit view measured fastest.
      if (d !== 31) {
        const x = s.x;
        x[d] = op === 0 ? x[n]! & x[m]! : op === 1 ? x[n]! | x[m]! : x[n]! ^ x[m]!;
      }
      return NEXT;
    }
    const u32 = s.u32;
    let bLo: number;
    let bHi: number;
    if (insn < 0) {
      shift64(s, T0, u32[2 * m]!, u32[2 * m + 1]!, type, amount);
      bLo = u32[2 * T0]!;
      bHi = u32[2 * T0 + 1]!;
    } else {
      bLo = shift32(u32[2 * m]!, type, amount);
      bHi = 0;
    }
    if (invert) {
      bLo = ~bLo;
      bHi = insn < 0 ? ~bHi : 0;
    }
    const aLo = u32[2 * n]!;
    const aHi = insn < 0 ? u32[2 * n + 1]! : 0;
    let lo: number;
    let hi: number;
    switch (op) {
      case 1:
        lo = aLo | bLo;
        hi = aHi | bHi;
        break;
      case 2:
        lo = aLo ^ bLo;
        hi = aHi ^ bHi;
        break;
      default:
        lo = aLo & bLo;
        hi = aHi & bHi;
    }
    if (op === 3) s.nzcv = (((insn < 0 ? hi : lo) >>> 31) << 3) | ((lo | hi) === 0 ? 4 : 0);
    setX(s, d, lo, hi);
    return NEXT;
  };
}

/** ADD/SUB(S) (shifted register). */
function addSubShifted(sub: boolean, setFlags: boolean): Handler {
  return (s, insn) => {
    const type = (insn >>> 22) & 3;
    const amount = (insn >>> 10) & 63;
    if (type === 3 || (insn >= 0 && amount >= 32)) return s.undefinedInstruction(insn);
    const d = insn & 31;
    const n = (insn >>> 5) & 31;
    const m = (insn >>> 16) & 31;
    if (insn < 0 && amount === 0 && !setFlags) {
      // Unshifted 64-bit ADD/SUB: BigInt on the 64-bit view measured fastest.
      if (d !== 31) {
        const x = s.x;
        x[d] = BigInt.asUintN(64, sub ? x[n]! - x[m]! : x[n]! + x[m]!);
      }
      return NEXT;
    }
    const u32 = s.u32;
    if (insn < 0) {
      shift64(s, T0, u32[2 * m]!, u32[2 * m + 1]!, type, amount);
      const bLo = u32[2 * T0]!;
      const bHi = u32[2 * T0 + 1]!;
      if (sub) add64(s, d, u32[2 * n]!, u32[2 * n + 1]!, ~bLo >>> 0, ~bHi >>> 0, 1, setFlags);
      else add64(s, d, u32[2 * n]!, u32[2 * n + 1]!, bLo, bHi, 0, setFlags);
      return NEXT;
    }
    const a = u32[2 * n]!;
    const b = shift32(u32[2 * m]!, type, amount);
    if (setFlags) setW(s, d, sub ? addWithFlags32(s, a, ~b >>> 0, 1) : addWithFlags32(s, a, b, 0));
    else setW(s, d, sub ? (a - b) >>> 0 : (a + b) >>> 0);
    return NEXT;
  };
}

/** ADD/SUB(S) (extended register); Rn (and Rd unless setting flags) may be SP. */
function addSubExtended(sub: boolean, setFlags: boolean): Handler {
  return (s, insn) => {
    const amount = (insn >>> 10) & 7;
    if (amount > 4) return s.undefinedInstruction(insn);
    const d = setFlags ? insn & 31 : spOr(insn & 31);
    const n = spOr((insn >>> 5) & 31);
    const m = (insn >>> 16) & 31;
    const u32 = s.u32;
    extendRegister(s, T0, m, (insn >>> 13) & 7, amount);
    const bLo = u32[2 * T0]!;
    if (insn < 0) {
      const bHi = u32[2 * T0 + 1]!;
      if (sub) add64(s, d, u32[2 * n]!, u32[2 * n + 1]!, ~bLo >>> 0, ~bHi >>> 0, 1, setFlags);
      else add64(s, d, u32[2 * n]!, u32[2 * n + 1]!, bLo, bHi, 0, setFlags);
      return NEXT;
    }
    const a = u32[2 * n]!;
    if (setFlags) setW(s, d, sub ? addWithFlags32(s, a, ~bLo >>> 0, 1) : addWithFlags32(s, a, bLo, 0));
    else setW(s, d, sub ? (a - bLo) >>> 0 : (a + bLo) >>> 0);
    return NEXT;
  };
}

/** ADC/SBC(S): Rn + Rm + C, or Rn + NOT(Rm) + C. */
function addWithCarry(sub: boolean, setFlags: boolean): Handler {
  return (s, insn) => {
    const d = insn & 31;
    const n = (insn >>> 5) & 31;
    const m = (insn >>> 16) & 31;
    const u32 = s.u32;
    const carry = (s.nzcv >>> 1) & 1;
    if (insn < 0) {
      const bLo = sub ? ~u32[2 * m]! >>> 0 : u32[2 * m]!;
      const bHi = sub ? ~u32[2 * m + 1]! >>> 0 : u32[2 * m + 1]!;
      add64(s, d, u32[2 * n]!, u32[2 * n + 1]!, bLo, bHi, carry, setFlags);
      return NEXT;
    }
    const b = sub ? ~u32[2 * m]! >>> 0 : u32[2 * m]!;
    if (setFlags) setW(s, d, addWithFlags32(s, u32[2 * n]!, b, carry));
    else setW(s, d, (u32[2 * n]! + b + carry) >>> 0);
    return NEXT;
  };
}

/** CCMP/CCMN with a register or a 5-bit immediate second operand. */
function conditionalCompare(negative: boolean, immediate: boolean): Handler {
  return (s, insn) => {
    const cond = (insn >>> 12) & 15;
    if (CONDITION_TABLE[(cond << 4) | s.nzcv] === 0) {
      s.nzcv = insn & 15;
      return NEXT;
    }
    const n = (insn >>> 5) & 31;
    const field = (insn >>> 16) & 31;
    const u32 = s.u32;
    const bLo = immediate ? field : u32[2 * field]!;
    const bHi = immediate ? 0 : u32[2 * field + 1]!;
    if (insn < 0) {
      if (negative) add64(s, 31, u32[2 * n]!, u32[2 * n + 1]!, bLo, bHi, 0, true);
      else add64(s, 31, u32[2 * n]!, u32[2 * n + 1]!, ~bLo >>> 0, ~bHi >>> 0, 1, true);
    } else if (negative) {
      addWithFlags32(s, u32[2 * n]!, bLo, 0);
    } else {
      addWithFlags32(s, u32[2 * n]!, ~bLo >>> 0, 1);
    }
    return NEXT;
  };
}

/** CSEL/CSINC/CSINV/CSNEG: op 0 select, 1 increment, 2 invert, 3 negate Rm when cond fails. */
function conditionalSelect(op: number): Handler {
  return (s, insn) => {
    const d = insn & 31;
    if (d === 31) return NEXT;
    const cond = (insn >>> 12) & 15;
    const u32 = s.u32;
    if (CONDITION_TABLE[(cond << 4) | s.nzcv] === 1) {
      const n = (insn >>> 5) & 31;
      u32[2 * d] = u32[2 * n]!;
      u32[2 * d + 1] = insn < 0 ? u32[2 * n + 1]! : 0;
      return NEXT;
    }
    const m = (insn >>> 16) & 31;
    let lo = u32[2 * m]!;
    let hi = insn < 0 ? u32[2 * m + 1]! : 0;
    switch (op) {
      case 1: {
        const sum = lo + 1;
        hi = sum >= 4294967296 ? hi + 1 : hi;
        lo = sum;
        break;
      }
      case 2:
        lo = ~lo;
        hi = ~hi;
        break;
      case 3: {
        // -x = ~x + 1
        const sum = (~lo >>> 0) + 1;
        hi = sum >= 4294967296 ? ~hi + 1 : ~hi;
        lo = sum;
        break;
      }
      default:
    }
    u32[2 * d] = lo;
    u32[2 * d + 1] = insn < 0 ? hi : 0;
    return NEXT;
  };
}

/** MADD/MSUB: Ra ± Rn*Rm. */
function multiplyAdd(sub: boolean): Handler {
  return (s, insn) => {
    const d = insn & 31;
    const n = (insn >>> 5) & 31;
    const a = (insn >>> 10) & 31;
    const m = (insn >>> 16) & 31;
    if (insn < 0) {
      if (d !== 31) {
        const x = s.x;
        const product = x[n]! * x[m]!;
        x[d] = BigInt.asUintN(64, sub ? x[a]! - product : x[a]! + product);
      }
      return NEXT;
    }
    const u32 = s.u32;
    const product = Math.imul(u32[2 * n]!, u32[2 * m]!);
    setW(s, d, sub ? (u32[2 * a]! - product) >>> 0 : (u32[2 * a]! + product) >>> 0);
    return NEXT;
  };
}

/** SMADDL/SMSUBL/UMADDL/UMSUBL: Xa ± Wn*Wm (32×32→64). */
function multiplyAddLong(signed: boolean, sub: boolean): Handler {
  return (s, insn) => {
    const d = insn & 31;
    if (d === 31) return NEXT;
    const n = (insn >>> 5) & 31;
    const a = (insn >>> 10) & 31;
    const m = (insn >>> 16) & 31;
    const product = signed
      ? BigInt(s.i32[2 * n]!) * BigInt(s.i32[2 * m]!)
      : BigInt(s.u32[2 * n]!) * BigInt(s.u32[2 * m]!);
    const x = s.x;
    x[d] = BigInt.asUintN(64, sub ? x[a]! - product : x[a]! + product);
    return NEXT;
  };
}

/** SMULH/UMULH: the upper 64 bits of the 128-bit product. */
function multiplyHigh(signed: boolean): Handler {
  return (s, insn) => {
    const d = insn & 31;
    if (d === 31) return NEXT;
    const x = s.x;
    const n = (insn >>> 5) & 31;
    const m = (insn >>> 16) & 31;
    const product = signed ? BigInt.asIntN(64, x[n]!) * BigInt.asIntN(64, x[m]!) : x[n]! * x[m]!;
    x[d] = BigInt.asUintN(64, product >> 64n);
    return NEXT;
  };
}

/** UDIV/SDIV; division by zero gives 0, INT_MIN / -1 wraps to INT_MIN. */
function divide(signed: boolean): Handler {
  return (s, insn) => {
    const d = insn & 31;
    if (d === 31) return NEXT;
    const n = (insn >>> 5) & 31;
    const m = (insn >>> 16) & 31;
    const u32 = s.u32;
    if (insn < 0) {
      const x = s.x;
      if ((u32[2 * m]! | u32[2 * m + 1]!) === 0) x[d] = 0n;
      else if (signed) x[d] = BigInt.asUintN(64, BigInt.asIntN(64, x[n]!) / BigInt.asIntN(64, x[m]!));
      else x[d] = x[n]! / x[m]!;
      return NEXT;
    }
    if (u32[2 * m] === 0) {
      setW(s, d, 0);
    } else if (signed) {
      setW(s, d, Math.trunc(s.i32[2 * n]! / s.i32[2 * m]!) >>> 0);
    } else {
      setW(s, d, Math.trunc(u32[2 * n]! / u32[2 * m]!) >>> 0);
    }
    return NEXT;
  };
}

/** LSLV/LSRV/ASRV/RORV: the shift amount is Rm modulo the register size. */
function variableShift(type: number): Handler {
  return (s, insn) => {
    const d = insn & 31;
    const n = (insn >>> 5) & 31;
    const m = (insn >>> 16) & 31;
    const u32 = s.u32;
    if (insn < 0) {
      shift64(s, T0, u32[2 * n]!, u32[2 * n + 1]!, type, u32[2 * m]! & 63);
      setX(s, d, u32[2 * T0]!, u32[2 * T0 + 1]!);
    } else {
      setW(s, d, shift32(u32[2 * n]!, type, u32[2 * m]! & 31));
    }
    return NEXT;
  };
}

function rbit(s: CoreState, insn: number): number {
  const d = insn & 31;
  const n = (insn >>> 5) & 31;
  const u32 = s.u32;
  if (insn < 0) setX(s, d, reverseBits32(u32[2 * n + 1]!), reverseBits32(u32[2 * n]!));
  else setW(s, d, reverseBits32(u32[2 * n]!));
  return NEXT;
}

function rev16(s: CoreState, insn: number): number {
  const d = insn & 31;
  const n = (insn >>> 5) & 31;
  const u32 = s.u32;
  if (insn < 0) setX(s, d, reverseBytes16x2(u32[2 * n]!), reverseBytes16x2(u32[2 * n + 1]!));
  else setW(s, d, reverseBytes16x2(u32[2 * n]!));
  return NEXT;
}

/** REV32 (64-bit) and REV (32-bit): reverse the bytes within each word. */
function revWords(s: CoreState, insn: number): number {
  const d = insn & 31;
  const n = (insn >>> 5) & 31;
  const u32 = s.u32;
  if (insn < 0) setX(s, d, reverseBytes32(u32[2 * n]!), reverseBytes32(u32[2 * n + 1]!));
  else setW(s, d, reverseBytes32(u32[2 * n]!));
  return NEXT;
}

function revX(s: CoreState, insn: number): number {
  const n = (insn >>> 5) & 31;
  const u32 = s.u32;
  setX(s, insn & 31, reverseBytes32(u32[2 * n + 1]!), reverseBytes32(u32[2 * n]!));
  return NEXT;
}

function clz(s: CoreState, insn: number): number {
  const d = insn & 31;
  const n = (insn >>> 5) & 31;
  const u32 = s.u32;
  if (insn < 0) {
    const hi = u32[2 * n + 1]!;
    setX(s, d, hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(u32[2 * n]!), 0);
  } else {
    setW(s, d, Math.clz32(u32[2 * n]!));
  }
  return NEXT;
}

/** CLS: leading bits equal to the sign bit, not counting the sign bit itself. */
function cls(s: CoreState, insn: number): number {
  const d = insn & 31;
  const n = (insn >>> 5) & 31;
  const u32 = s.u32;
  // z = x<N-1:1> XOR x<N-2:0> (an N-1 bit value); CLS = its leading zeros.
  if (insn < 0) {
    const lo = u32[2 * n]!;
    const hi = u32[2 * n + 1]!;
    const zHi = (hi >>> 1) ^ (hi & 0x7fffffff);
    const zLo = (((lo >>> 1) | (hi << 31)) ^ lo) >>> 0;
    setX(s, d, (zHi !== 0 ? Math.clz32(zHi) : 32 + Math.clz32(zLo)) - 1, 0);
  } else {
    const v = u32[2 * n]!;
    setW(s, d, Math.clz32((v >>> 1) ^ (v & 0x7fffffff)) - 1);
  }
  return NEXT;
}

/** Handlers of this group by pattern name. */
export const DP_REGISTER_HANDLERS = {
  AND_r: logicalReg(0, false),
  BIC_r: logicalReg(0, true),
  ORR_r: logicalReg(1, false),
  ORN_r: logicalReg(1, true),
  EOR_r: logicalReg(2, false),
  EON_r: logicalReg(2, true),
  ANDS_r: logicalReg(3, false),
  BICS_r: logicalReg(3, true),
  ADD_r: addSubShifted(false, false),
  ADDS_r: addSubShifted(false, true),
  SUB_r: addSubShifted(true, false),
  SUBS_r: addSubShifted(true, true),
  ADD_x: addSubExtended(false, false),
  ADDS_x: addSubExtended(false, true),
  SUB_x: addSubExtended(true, false),
  SUBS_x: addSubExtended(true, true),
  ADC: addWithCarry(false, false),
  ADCS: addWithCarry(false, true),
  SBC: addWithCarry(true, false),
  SBCS: addWithCarry(true, true),
  CCMN_r: conditionalCompare(true, false),
  CCMP_r: conditionalCompare(false, false),
  CCMN_i: conditionalCompare(true, true),
  CCMP_i: conditionalCompare(false, true),
  CSEL: conditionalSelect(0),
  CSINC: conditionalSelect(1),
  CSINV: conditionalSelect(2),
  CSNEG: conditionalSelect(3),
  MADD: multiplyAdd(false),
  MSUB: multiplyAdd(true),
  SMADDL: multiplyAddLong(true, false),
  SMSUBL: multiplyAddLong(true, true),
  UMADDL: multiplyAddLong(false, false),
  UMSUBL: multiplyAddLong(false, true),
  SMULH: multiplyHigh(true),
  UMULH: multiplyHigh(false),
  UDIV: divide(false),
  SDIV: divide(true),
  LSLV: variableShift(0),
  LSRV: variableShift(1),
  ASRV: variableShift(2),
  RORV: variableShift(3),
  RBIT: rbit,
  REV16: rev16,
  REV32: revWords,
  REV_w: revWords,
  REV_x: revX,
  CLZ: clz,
  CLS: cls,
} satisfies Record<string, Handler>;
