/**
 * Formatters of the SIMD&FP load/store, copy/permute, CRC32 and crypto patterns
 * (a64-simd-table.ts), printed as GNU objdump prints them.
 */
import type { OpName } from "../decode/decoder.generated.js";
import { EXTENDS, fpReg, memBase, memOffset, op, reg, target } from "./operands.js";
import type { Fields, Formatter } from "./operands.js";

/** Access size log2 of a single-register SIMD&FP load/store (size:opc<1>), or -1 if unallocated. */
function singleSize(f: Fields): number {
  if ((f.opc! & 2) === 0) return f.size!;
  return f.size === 0 ? 4 : -1;
}

function singleStem(f: Fields): string {
  return (f.opc! & 1) === 1 ? "ldr" : "str";
}

const vUnsigned: Formatter = (f) => {
  const size = singleSize(f);
  if (size < 0) return null;
  return op(singleStem(f), fpReg(f.rt!, size), memOffset(f.rn!, f.imm12! << size));
};

function vImm9(form: "unscaled" | "post" | "pre"): Formatter {
  return (f) => {
    const size = singleSize(f);
    if (size < 0) return null;
    const rt = fpReg(f.rt!, size);
    if (form === "unscaled") return op(singleStem(f) === "ldr" ? "ldur" : "stur", rt, memOffset(f.rn!, f.imm9!));
    if (form === "post") return op(singleStem(f), rt, `${memBase(f.rn!)}]`, `#${f.imm9}`);
    return op(singleStem(f), rt, `${memBase(f.rn!)}, #${f.imm9}]!`);
  };
}

const vRegister: Formatter = (f) => {
  const size = singleSize(f);
  const option = f.option!;
  if (size < 0 || (option & 2) === 0) return null;
  const rm = reg(f.rm!, (option & 1) === 1);
  let ext: string;
  if (option === 3) ext = f.s === 1 ? `, lsl #${size}` : "";
  else ext = `, ${EXTENDS[option]}${f.s === 1 ? ` #${size}` : ""}`;
  return op(singleStem(f), fpReg(f.rt!, size), `${memBase(f.rn!)}, ${rm}${ext}]`);
};

const vLiteral: Formatter = (f, _insn, pc) => {
  if (f.opc === 3) return null;
  return op("ldr", fpReg(f.rt!, f.opc! + 2), target(pc, f.imm19! * 4));
};

const vPair: Formatter = (f) => {
  if (f.opc === 3) return null;
  const size = f.opc! + 2;
  const load = f.l === 1;
  const offset = f.imm7! << size;
  const am = f.am!;
  const mnemonic = am === 0 ? (load ? "ldnp" : "stnp") : load ? "ldp" : "stp";
  const regs = [fpReg(f.rt!, size), fpReg(f.rt2!, size)];
  if (am === 1) return op(mnemonic, ...regs, `${memBase(f.rn!)}]`, `#${offset}`);
  if (am === 3) return op(mnemonic, ...regs, `${memBase(f.rn!)}, #${offset}]!`);
  return op(mnemonic, ...regs, memOffset(f.rn!, offset));
};

/** Formatters of the SIMD&FP load/store, permute, CRC32 and crypto patterns by pattern name. */
export const SIMD_FORMATTERS = {
  VLDST_u: vUnsigned,
  VLDST_unscaled: vImm9("unscaled"),
  VLDST_post: vImm9("post"),
  VLDST_pre: vImm9("pre"),
  VLDST_reg: vRegister,
  VLDR_lit: vLiteral,
  VLDSTP: vPair,
} satisfies Partial<Record<OpName, Formatter>>;
