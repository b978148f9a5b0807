/**
 * Which AdvSIMD floating-point encodings are allocated in ARMv8.0 and what they do: shared by the
 * handlers (simd.ts) and the disassembler, so that both reject exactly the same words.
 */
import { Bin, Cmp, Un } from "../../../fp/lanes.js";
import { Rounding } from "../../../fp/fpcr.js";

export const enum K {
  None,
  Bin,
  MulAdd,
  Cmp,
  Pair,
}

/** Three-same FP operations by U:a:opcode<2:0>: [kind, operation, allowed as scalar]. */
const THREE_SAME: readonly (readonly [K, number, boolean])[] = [
  // U0 a0
  [K.Bin, Bin.MaxNum, false], [K.MulAdd, 0, false], [K.Bin, Bin.Add, false], [K.Bin, Bin.MulX, true],
  [K.Cmp, Cmp.EQ, true], [K.None, 0, false], [K.Bin, Bin.Max, false], [K.Bin, Bin.RecipStep, true],
  // U0 a1
  [K.Bin, Bin.MinNum, false], [K.MulAdd, 1, false], [K.Bin, Bin.Sub, false], [K.None, 0, false],
  [K.None, 0, false], [K.None, 0, false], [K.Bin, Bin.Min, false], [K.Bin, Bin.RSqrtStep, true],
  // U1 a0
  [K.Pair, Bin.MaxNum, false], [K.None, 0, false], [K.Pair, Bin.Add, false], [K.Bin, Bin.Mul, false],
  [K.Cmp, Cmp.GE, true], [K.Cmp, Cmp.AbsGE, true], [K.Pair, Bin.Max, false], [K.Bin, Bin.Div, false],
  // U1 a1
  [K.Pair, Bin.MinNum, false], [K.None, 0, false], [K.Bin, Bin.Abd, true], [K.None, 0, false],
  [K.Cmp, Cmp.GT, true], [K.Cmp, Cmp.AbsGT, true], [K.Pair, Bin.Min, false], [K.None, 0, false],
];

/** The three-same entry of an instruction, or undefined when unallocated in this form. */
export function threeSameEntry(insn: number, scalar: boolean): readonly [K, number, boolean] | undefined {
  const key = (((insn >>> 29) & 1) << 4) | (((insn >>> 23) & 1) << 3) | ((insn >>> 11) & 7);
  const entry = THREE_SAME[key]!;
  if (entry[0] === K.None || (scalar && !entry[2])) return undefined;
  if (!scalar && (insn & (1 << 22)) !== 0 && (insn & (1 << 30)) === 0) return undefined;
  return entry;
}

export const enum M {
  None,
  RoundInt, // op: rounding, or -1 for FPCR (FRINTI), -2 for FRINTX
  ToInt, // op: rounding; unsigned from U
  FromInt, // unsigned from U
  CmpZero, // op: 0 GT, 1 EQ, 2 LT, 3 GE, 4 LE
  Unary, // op: Un
  URecpe,
  URsqrte,
}

/** Two-register misc FP by U:a:opcode (opcode 01100-01111 and 11000-11111): [kind, op, scalar allowed]. */
function miscEntry(u: number, a: number, opcode: number): readonly [M, number, boolean] {
  if ((opcode & 0x1c) === 0x0c) {
    if (a === 0) return [M.None, 0, false];
    switch ((u << 2) | (opcode & 3)) {
      case 0: return [M.CmpZero, 0, true];
      case 1: return [M.CmpZero, 1, true];
      case 2: return [M.CmpZero, 2, true];
      case 3: return [M.Unary, Un.Abs, false];
      case 4: return [M.CmpZero, 3, true];
      case 5: return [M.CmpZero, 4, true];
      case 7: return [M.Unary, Un.Neg, false];
      default: return [M.None, 0, false];
    }
  }
  const low = opcode & 7;
  const key = (u << 4) | (a << 3) | low;
  switch (key) {
    case 0x00: return [M.RoundInt, Rounding.TieEven, false];
    case 0x01: return [M.RoundInt, Rounding.NegInf, false];
    case 0x02: return [M.ToInt, Rounding.TieEven, true];
    case 0x03: return [M.ToInt, Rounding.NegInf, true];
    case 0x04: return [M.ToInt, Rounding.TieAway, true];
    case 0x05: return [M.FromInt, 0, true];
    case 0x08: return [M.RoundInt, Rounding.PosInf, false];
    case 0x09: return [M.RoundInt, Rounding.Zero, false];
    case 0x0a: return [M.ToInt, Rounding.PosInf, true];
    case 0x0b: return [M.ToInt, Rounding.Zero, true];
    case 0x0c: return [M.URecpe, 0, false];
    case 0x0d: return [M.Unary, Un.RecipEst, true];
    case 0x0f: return [M.Unary, Un.RecpX, true]; // scalar only (checked below)
    case 0x10: return [M.RoundInt, Rounding.TieAway, false];
    case 0x11: return [M.RoundInt, -2, false];
    case 0x12: return [M.ToInt, Rounding.TieEven, true];
    case 0x13: return [M.ToInt, Rounding.NegInf, true];
    case 0x14: return [M.ToInt, Rounding.TieAway, true];
    case 0x15: return [M.FromInt, 0, true];
    case 0x19: return [M.RoundInt, -1, false];
    case 0x1a: return [M.ToInt, Rounding.PosInf, true];
    case 0x1b: return [M.ToInt, Rounding.Zero, true];
    case 0x1c: return [M.URsqrte, 0, false];
    case 0x1d: return [M.Unary, Un.RSqrtEst, true];
    case 0x1f: return [M.Unary, Un.Sqrt, false]; // vector only
    default: return [M.None, 0, false];
  }
}

/** The two-register misc entry of an instruction (opcodes 011xx, 11xxx), or undefined when unallocated. */
export function miscEntryOf(insn: number, scalar: boolean): readonly [M, number, boolean] | undefined {
  const u = (insn >>> 29) & 1;
  const a = (insn >>> 23) & 1;
  const sz = (insn >>> 22) & 1;
  const opcode = (insn >>> 12) & 31;
  const entry = miscEntry(u, a, opcode);
  const [kind, op] = entry;
  if (kind === M.None) return undefined;
  if (scalar ? !entry[2] : kind === M.Unary && op === (Un.RecpX as number)) return undefined;
  if (!scalar && sz === 1 && (insn & (1 << 30)) === 0) return undefined;
  if ((kind === M.URecpe || kind === M.URsqrte) && sz === 1) return undefined;
  return entry;
}

/** FCVTN/FCVTN2 (U0, opcode 10110), FCVTL/FCVTL2 (U0, 10111), FCVTXN/FCVTXN2 (U1, 10110). */
export function narrowWidenValid(insn: number, scalar: boolean): boolean {
  const u = (insn >>> 29) & 1;
  const a = (insn >>> 23) & 1;
  const sz = (insn >>> 22) & 1;
  const widen = (insn & (1 << 12)) !== 0;
  if (a === 1) return false;
  if (u === 1) return !widen && sz === 1;
  return !scalar;
}

/** Index and Rm of a by-element FP instruction, or -1 when unallocated (sz 1 with L 1). */
export function elementIndex(insn: number): number {
  const sz = (insn >>> 22) & 1;
  const l = (insn >>> 21) & 1;
  const h = (insn >>> 11) & 1;
  if (sz === 1) return l === 1 ? -1 : h;
  return (h << 1) | l;
}

/** Scalar pairwise FMAXNMP/FADDP/FMAXP (a 0), FMINNMP/FMINP (a 1): opcode 01100, 01101, 01111. */
export function pairOp(insn: number): Bin | -1 {
  const a = (insn >>> 23) & 1;
  switch ((insn >>> 12) & 3) {
    case 0: return a === 0 ? Bin.MaxNum : Bin.MinNum;
    case 1: return a === 0 ? Bin.Add : -1;
    case 3: return a === 0 ? Bin.Max : Bin.Min;
    default: return -1;
  }
}

