/**
 * Formatters of the floating-point patterns (a64-fp-table.ts): scalar FP and AdvSIMD FP, printed
 * as GNU objdump prints them.
 */
import { elementIndex, miscEntryOf, narrowWidenValid, pairOp, threeSameEntry } from "../core/exec/fp/encodings.js";
import type { OpName } from "../decode/decoder.generated.js";
import { CONDITIONS, fpReg, hexImm, op, reg, vecReg } from "./operands.js";
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

// ---------------------------------------------------------------- AdvSIMD floating point

/** FP vector arrangement: 2s/4s for singles, 2d for doubles (1d is never valid). */
function fpArr(sz: number, q: number): string {
  return sz === 1 ? "2d" : q === 1 ? "4s" : "2s";
}

const THREE_SAME_NAMES = [
  "fmaxnm", "fmla", "fadd", "fmulx", "fcmeq", "", "fmax", "frecps",
  "fminnm", "fmls", "fsub", "", "", "", "fmin", "frsqrts",
  "fmaxnmp", "", "faddp", "fmul", "fcmge", "facge", "fmaxp", "fdiv",
  "fminnmp", "", "fabd", "", "fcmgt", "facgt", "fminp", "",
];

function threeSame(scalar: boolean): Formatter {
  return (f, insn) => {
    if (threeSameEntry(insn, scalar) === undefined) return null;
    const name = THREE_SAME_NAMES[(f.u! << 4) | (f.a! << 3) | f.op!]!;
    if (scalar) return op(name, fpReg(f.rd!, 2 + f.sz!), fpReg(f.rn!, 2 + f.sz!), fpReg(f.rm!, 2 + f.sz!));
    const t = fpArr(f.sz!, f.q!);
    return op(name, vecReg(f.rd!, t), vecReg(f.rn!, t), vecReg(f.rm!, t));
  };
}

/** Two-register misc names by U:a:opcode<4:0> for opcodes 011xx and 11xxx. */
function miscName(u: number, a: number, opcode: number): string {
  if ((opcode & 0x1c) === 0x0c) return ["fcmgt", "fcmeq", "fcmlt", "fabs", "fcmge", "fcmle", "", "fneg"][(u << 2) | (opcode & 3)]!;
  const table = [
    ["frintn", "frintm", "fcvtns", "fcvtms", "fcvtas", "scvtf", "", ""],
    ["frintp", "frintz", "fcvtps", "fcvtzs", "urecpe", "frecpe", "", "frecpx"],
    ["frinta", "frintx", "fcvtnu", "fcvtmu", "fcvtau", "ucvtf", "", ""],
    ["", "frinti", "fcvtpu", "fcvtzu", "ursqrte", "frsqrte", "", "fsqrt"],
  ];
  return table[(u << 1) | a]![opcode & 7]!;
}

function misc(scalar: boolean): Formatter {
  return (f, insn) => {
    if (miscEntryOf(insn, scalar) === undefined) return null;
    const opcode = (insn >>> 12) & 31;
    const name = miscName(f.u!, f.a!, opcode);
    const zero = (opcode & 0x1c) === 0x0c && name.startsWith("fcm") ? ["#0.0"] : [];
    if (scalar) return op(name, fpReg(f.rd!, 2 + f.sz!), fpReg(f.rn!, 2 + f.sz!), ...zero);
    const t = fpArr(f.sz!, f.q!);
    return op(name, vecReg(f.rd!, t), vecReg(f.rn!, t), ...zero);
  };
}

function narrowWiden(scalar: boolean): Formatter {
  return (f, insn) => {
    if (!narrowWidenValid(insn, scalar)) return null;
    if (scalar) return op("fcvtxn", fpReg(f.rd!, 2), fpReg(f.rn!, 3));
    const second = f.q === 1 ? "2" : "";
    const wide = f.sz === 1 ? "2d" : "4s";
    const narrow = f.sz === 1 ? (f.q === 1 ? "4s" : "2s") : f.q === 1 ? "8h" : "4h";
    if (f.op === 1) return op(`fcvtl${second}`, vecReg(f.rd!, wide), vecReg(f.rn!, narrow));
    return op(`${f.u === 1 ? "fcvtxn" : "fcvtn"}${second}`, vecReg(f.rd!, narrow), vecReg(f.rn!, wide));
  };
}

function byElement(scalar: boolean, fused: boolean): Formatter {
  return (f, insn) => {
    const index = elementIndex(insn);
    if (index < 0 || (!scalar && f.sz === 1 && f.q === 0)) return null;
    const name = fused ? (f.s === 1 ? "fmls" : "fmla") : f.u === 1 ? "fmulx" : "fmul";
    const elem = `v${f.rm!}.${f.sz === 1 ? "d" : "s"}[${index}]`;
    if (scalar) return op(name, fpReg(f.rd!, 2 + f.sz!), fpReg(f.rn!, 2 + f.sz!), elem);
    const t = fpArr(f.sz!, f.q!);
    return op(name, vecReg(f.rd!, t), vecReg(f.rn!, t), elem);
  };
}

const across: Formatter = (f) => {
  if (f.q === 0 || f.sz === 1 || (f.op !== 0 && f.op !== 3)) return null;
  const name = f.op === 0 ? (f.a === 1 ? "fminnmv" : "fmaxnmv") : f.a === 1 ? "fminv" : "fmaxv";
  return op(name, fpReg(f.rd!, 2), vecReg(f.rn!, "4s"));
};

const scalarPair: Formatter = (f, insn) => {
  if (pairOp(insn) === -1) return null;
  const names = f.a === 1 ? ["fminnmp", "", "", "fminp"] : ["fmaxnmp", "faddp", "", "fmaxp"];
  return op(names[f.op!]!, fpReg(f.rd!, 2 + f.sz!), vecReg(f.rn!, f.sz === 1 ? "2d" : "2s"));
};

function fixedPoint(scalar: boolean, double: boolean): Formatter {
  return (f, insn) => {
    if ((f.op !== 0 && f.op !== 3) || (!scalar && double && f.q === 0)) return null;
    const fbits = `#${(double ? 128 : 64) - ((insn >>> 16) & 0x7f)}`;
    const name = f.op === 0 ? (f.u === 1 ? "ucvtf" : "scvtf") : f.u === 1 ? "fcvtzu" : "fcvtzs";
    const sz = double ? 1 : 0;
    if (scalar) return op(name, fpReg(f.rd!, 2 + sz), fpReg(f.rn!, 2 + sz), fbits);
    const t = fpArr(sz, f.q!);
    return op(name, vecReg(f.rd!, t), vecReg(f.rn!, t), fbits);
  };
}

const fmovVectorImm: Formatter = (f) => {
  if (f.op === 1 && f.q === 0) return null;
  const imm8 = (f.abc! << 5) | f.defgh!;
  return op("fmov", vecReg(f.rd!, fpArr(f.op!, f.q!)), fpImmText(fpImmValue(imm8)));
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
  SIMD_FP3: threeSame(false),
  SIMD_FP3_s: threeSame(true),
  SIMD_FP2M_z: misc(false),
  SIMD_FP2M: misc(false),
  SIMD_FP2M_n: narrowWiden(false),
  SIMD_FP2M_zs: misc(true),
  SIMD_FP2M_s: misc(true),
  SIMD_FP2M_ns: narrowWiden(true),
  SIMD_FPE_MLA: byElement(false, true),
  SIMD_FPE_MUL: byElement(false, false),
  SIMD_FPE_MLA_s: byElement(true, true),
  SIMD_FPE_MUL_s: byElement(true, false),
  SIMD_FPACROSS: across,
  SIMD_FPPAIR_s: scalarPair,
  SIMD_FPFIX_32: fixedPoint(false, false),
  SIMD_FPFIX_64: fixedPoint(false, true),
  SIMD_FPFIX_32s: fixedPoint(true, false),
  SIMD_FPFIX_64s: fixedPoint(true, true),
  SIMD_FMOV_vi: fmovVectorImm,
} satisfies Partial<Record<OpName, Formatter>>;
