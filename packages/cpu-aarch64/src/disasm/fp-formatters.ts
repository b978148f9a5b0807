/**
 * Formatters of the floating-point patterns (a64-fp-table.ts): scalar FP and AdvSIMD FP, printed
 * as GNU objdump prints them.
 */
import type { OpName } from "../decode/decoder.generated.js";
import { CONDITIONS, fpReg, hexImm, op, reg } from "./operands.js";
import type { Fields, Formatter } from "./operands.js";

/** Register size log2 of an FP `ftype` (00 s, 01 d, 11 h), or -1 for 10. */
function ftypeSize(ftype: number): number {
  return ftype === 0 ? 2 : ftype === 1 ? 3 : ftype === 3 ? 1 : -1;
}

const DP1_NAMES = ["fmov", "fabs", "fneg", "fsqrt", "", "", "", "", "frintn", "frintp", "frintm", "frintz", "frinta", "", "frintx", "frinti"];

const fp1src: Formatter = (f) => {
  const ftype = f.ftype!;
  const opcode = f.opcode!;
  const isCvt = (opcode & 0x3c) === 4;
  if (ftype === 2 || (ftype === 3 && !isCvt) || opcode > 15 || opcode === 6 || opcode === 13) return null;
  const size = ftypeSize(ftype);
  if (isCvt) {
    const to = ftypeSize(opcode & 3);
    if (to === size) return null;
    return op("fcvt", fpReg(f.rd!, to), fpReg(f.rn!, size));
  }
  return op(DP1_NAMES[opcode]!, fpReg(f.rd!, size), fpReg(f.rn!, size));
};

const DP2_NAMES = ["fmul", "fdiv", "fadd", "fsub", "fmax", "fmin", "fmaxnm", "fminnm", "fnmul"];

const fp2src: Formatter = (f) => {
  if (f.ftype! > 1 || f.opcode! > 8) return null;
  const size = f.ftype! + 2;
  return op(DP2_NAMES[f.opcode!]!, fpReg(f.rd!, size), fpReg(f.rn!, size), fpReg(f.rm!, size));
};

const fp3src: Formatter = (f) => {
  if (f.ftype! > 1) return null;
  const size = f.ftype! + 2;
  const name = ["fmadd", "fmsub", "fnmadd", "fnmsub"][(f.o1! << 1) | f.o0!]!;
  return op(name, fpReg(f.rd!, size), fpReg(f.rn!, size), fpReg(f.rm!, size), fpReg(f.ra!, size));
};

const fcmp: Formatter = (f) => {
  if (f.ftype! > 1) return null;
  const size = f.ftype! + 2;
  const name = (f.opc! & 2) !== 0 ? "fcmpe" : "fcmp";
  return op(name, fpReg(f.rn!, size), (f.opc! & 1) !== 0 ? "#0.0" : fpReg(f.rm!, size));
};

const fccmp: Formatter = (f) => {
  if (f.ftype! > 1) return null;
  const size = f.ftype! + 2;
  return op(f.op === 1 ? "fccmpe" : "fccmp", fpReg(f.rn!, size), fpReg(f.rm!, size), hexImm(f.nzcv!), CONDITIONS[f.cond!]!);
};

const fcsel: Formatter = (f) => {
  if (f.ftype! > 1) return null;
  const size = f.ftype! + 2;
  return op("fcsel", fpReg(f.rd!, size), fpReg(f.rn!, size), fpReg(f.rm!, size), CONDITIONS[f.cond!]!);
};

/** The value of an 8-bit FP immediate (`VFPExpandImm`): ±(16 + imm8<3:0>)/16 * 2^(exp). */
export function fpImmValue(imm8: number): number {
  const sign = imm8 & 0x80 ? -1 : 1;
  const b6 = (imm8 >>> 6) & 1;
  const e = ((imm8 >>> 4) & 3) + (b6 ? -3 : 1);
  return sign * ((16 + (imm8 & 15)) / 16) * 2 ** e;
}

/** objdump's `%.18e` spelling of an FP immediate: `#1.000000000000000000e+00`. */
export function fpImmText(value: number): string {
  const [mant = "", exp = "0"] = value.toExponential(18).split("e");
  const n = Number(exp);
  return `#${mant}e${n < 0 ? "-" : "+"}${String(Math.abs(n)).padStart(2, "0")}`;
}

const fmovImm: Formatter = (f) => {
  if (f.ftype! > 1) return null;
  return op("fmov", fpReg(f.rd!, f.ftype! + 2), fpImmText(fpImmValue(f.imm8!)));
};

const CVT_ROUND = ["n", "p", "m", "z"];

const fpInt: Formatter = (f) => {
  const sf = f.sf!;
  const ftype = f.ftype!;
  const rmode = f.rmode!;
  const opcode = f.opcode!;
  const wide = sf === 1;
  if (opcode >= 6) {
    let v: string;
    if (sf === 0 && ftype === 0 && rmode === 0) v = fpReg(f.rn!, 2);
    else if (sf === 1 && ftype === 1 && rmode === 0) v = fpReg(f.rn!, 3);
    else if (sf === 1 && ftype === 2 && rmode === 1) v = `v${opcode === 6 ? f.rn! : f.rd!}.d[1]`;
    else return null;
    if (opcode === 6) return op("fmov", reg(f.rd!, wide), v);
    const dst = ftype === 2 ? v : fpReg(f.rd!, ftype + 2);
    return op("fmov", dst, reg(f.rn!, wide));
  }
  if (ftype > 1 || ((opcode & 6) !== 0 && rmode !== 0)) return null;
  const size = ftype + 2;
  if (opcode === 2 || opcode === 3) return op(opcode === 2 ? "scvtf" : "ucvtf", fpReg(f.rd!, size), reg(f.rn!, wide));
  const r = opcode >= 4 ? "a" : CVT_ROUND[rmode]!;
  return op(`fcvt${r}${(opcode & 1) === 1 ? "u" : "s"}`, reg(f.rd!, wide), fpReg(f.rn!, size));
};

const fpFixed: Formatter = (f: Fields) => {
  const sf = f.sf!;
  const kind = (f.rmode! << 3) | f.opcode!;
  const valid = kind === 2 || kind === 3 || kind === 24 || kind === 25;
  if (f.ftype! > 1 || !valid || (sf === 0 && f.scale! < 32)) return null;
  const size = f.ftype! + 2;
  const fbits = `#${64 - f.scale!}`;
  const wide = sf === 1;
  if (f.rmode === 0) return op(kind === 2 ? "scvtf" : "ucvtf", fpReg(f.rd!, size), reg(f.rn!, wide), fbits);
  return op(kind === 24 ? "fcvtzs" : "fcvtzu", reg(f.rd!, wide), fpReg(f.rn!, size), fbits);
};

/** Formatters of the floating-point patterns by pattern name. */
export const FP_FORMATTERS = {
  FP_1SRC: fp1src,
  FP_2SRC: fp2src,
  FP_3SRC: fp3src,
  FP_CMP: fcmp,
  FP_CCMP: fccmp,
  FP_CSEL: fcsel,
  FP_IMM: fmovImm,
  FP_INT: fpInt,
  FP_FIXED: fpFixed,
} satisfies Partial<Record<OpName, Formatter>>;
