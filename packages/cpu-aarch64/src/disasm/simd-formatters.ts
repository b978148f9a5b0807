/**
 * Formatters of the SIMD&FP load/store, copy/permute, CRC32 and crypto patterns
 * (a64-simd-table.ts), printed as GNU objdump prints them.
 */
import type { OpName } from "../decode/decoder.generated.js";
import { EXTENDS, arrangement, fpReg, memBase, memOffset, op, reg, target, vecReg } from "./operands.js";
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

// ---------------------------------------------------------------- structures

/** Multiple structures by opcode: registers * 8 + selem (0: unallocated), as the handler has it. */
const MULTIPLE: readonly number[] = [12, 0, 33, 0, 11, 0, 25, 9, 10, 0, 17, 0, 0, 0, 0, 0];

/** `{v0.4s, v1.4s}`, or `{v0.4s-v3.4s}` for three or more registers that do not wrap past v31. */
function regList(first: number, count: number, suffix: string): string {
  const names = Array.from({ length: count }, (_, k) => `v${(first + k) & 31}.${suffix}`);
  return count > 2 && first + count <= 32 ? `{${names[0]}-${names[count - 1]}}` : `{${names.join(", ")}}`;
}

/** `[Xn|SP]` plus the post-index operand (`#bytes` for Rm = 31, else Xm). */
function structAddress(f: Fields, post: boolean, bytes: number): string[] {
  const base = `${memBase(f.rn!)}]`;
  if (!post) return [base];
  return [base, f.rm === 31 ? `#${bytes}` : reg(f.rm!, true)];
}

function structMultiple(post: boolean): Formatter {
  return (f) => {
    const shape = MULTIPLE[f.opcode!]!;
    const selem = shape & 7;
    if (shape === 0 || (f.size === 3 && f.q === 0 && selem > 1)) return null;
    const regs = shape >>> 3;
    const mnemonic = `${f.l === 1 ? "ld" : "st"}${selem}`;
    const count = selem === 1 ? regs : selem;
    const list = regList(f.rt!, count, arrangement(f.size!, f.q!));
    return op(mnemonic, list, ...structAddress(f, post, count * (f.q === 1 ? 16 : 8)));
  };
}

function structSingle(post: boolean): Formatter {
  return (f) => {
    const selem = (((f.opcode! & 1) << 1) | f.r!) + 1;
    const load = f.l === 1;
    const size = f.size!;
    let scale = f.opcode! >>> 1;
    let index: number;
    switch (scale) {
      case 0:
        index = (f.q! << 3) | (f.s! << 2) | size;
        break;
      case 1:
        if ((size & 1) !== 0) return null;
        index = (f.q! << 2) | (f.s! << 1) | (size >>> 1);
        break;
      case 2:
        if ((size & 2) !== 0) return null;
        if ((size & 1) === 0) {
          index = (f.q! << 1) | f.s!;
        } else {
          if (f.s !== 0) return null;
          index = f.q!;
          scale = 3;
        }
        break;
      default: {
        if (!load || f.s !== 0) return null;
        const list = regList(f.rt!, selem, arrangement(size, f.q!));
        return op(`ld${selem}r`, list, ...structAddress(f, post, selem << size));
      }
    }
    const list = `${regList(f.rt!, selem, "bhsd"[scale]!)}[${index}]`;
    return op(`${load ? "ld" : "st"}${selem}`, list, ...structAddress(f, post, selem << scale));
  };
}

// ---------------------------------------------------------------- copy and permute

/** Element size log2 of imm5 (lowest set bit), -1 for x0000. */
function imm5Size(f: Fields): number {
  const imm5 = f.imm5!;
  if ((imm5 & 15) === 0) return -1;
  return 31 - Math.clz32(imm5 & -imm5);
}

function element(n: number, size: number, index: number): string {
  return `v${n}.${"bhsd"[size]}[${index}]`;
}

const dupElement: Formatter = (f) => {
  const size = imm5Size(f);
  if (size < 0 || (size === 3 && f.q === 0)) return null;
  return op("dup", vecReg(f.rd!, arrangement(size, f.q!)), element(f.rn!, size, f.imm5! >>> (size + 1)));
};

const dupScalar: Formatter = (f) => {
  const size = imm5Size(f);
  if (size < 0) return null;
  return op("mov", fpReg(f.rd!, size), element(f.rn!, size, f.imm5! >>> (size + 1)));
};

const dupGeneral: Formatter = (f) => {
  const size = imm5Size(f);
  if (size < 0 || (size === 3 && f.q === 0)) return null;
  return op("dup", vecReg(f.rd!, arrangement(size, f.q!)), reg(f.rn!, size === 3));
};

const insGeneral: Formatter = (f) => {
  const size = imm5Size(f);
  if (size < 0) return null;
  return op("mov", element(f.rd!, size, f.imm5! >>> (size + 1)), reg(f.rn!, size === 3));
};

const insElement: Formatter = (f) => {
  const size = imm5Size(f);
  if (size < 0) return null;
  return op("mov", element(f.rd!, size, f.imm5! >>> (size + 1)), element(f.rn!, size, f.imm4! >>> size));
};

function moveToGeneral(signed: boolean): Formatter {
  return (f) => {
    const size = imm5Size(f);
    const q = f.q!;
    const ok = signed ? size >= 0 && size < 2 + q : q === 1 ? size === 3 : size >= 0 && size < 3;
    if (!ok) return null;
    const mnemonic = signed ? "smov" : size >= 2 ? "mov" : "umov";
    return op(mnemonic, reg(f.rd!, q === 1), element(f.rn!, size, f.imm5! >>> (size + 1)));
  };
}

const ext: Formatter = (f) => {
  if (f.q === 0 && f.imm4! >= 8) return null;
  const t = f.q === 1 ? "16b" : "8b";
  return op("ext", vecReg(f.rd!, t), vecReg(f.rn!, t), vecReg(f.rm!, t), `#${f.imm4}`);
};

const PERMUTES = [null, "uzp1", "trn1", "zip1", null, "uzp2", "trn2", "zip2"];

const permute: Formatter = (f) => {
  const mnemonic = PERMUTES[f.opc!];
  if (mnemonic === null || mnemonic === undefined || (f.size === 3 && f.q === 0)) return null;
  const t = arrangement(f.size!, f.q!);
  return op(mnemonic, vecReg(f.rd!, t), vecReg(f.rn!, t), vecReg(f.rm!, t));
};

const table: Formatter = (f) => {
  const t = f.q === 1 ? "16b" : "8b";
  return op(f.op === 1 ? "tbx" : "tbl", vecReg(f.rd!, t), regList(f.rn!, f.len! + 1, "16b"), vecReg(f.rm!, t));
};

// ---------------------------------------------------------------- CRC32 and crypto

const crc32: Formatter = (f) => {
  if ((f.sf === 1) !== (f.sz === 3)) return null;
  const mnemonic = `crc32${f.c === 1 ? "c" : ""}${"bhwx"[f.sz!]}`;
  return op(mnemonic, reg(f.rd!, false), reg(f.rn!, false), reg(f.rm!, f.sz === 3));
};

function twoVec(mnemonic: string, t: string): Formatter {
  return (f) => op(mnemonic, vecReg(f.rd!, t), vecReg(f.rn!, t));
}

function threeVec(mnemonic: string): Formatter {
  return (f) => op(mnemonic, vecReg(f.rd!, "4s"), vecReg(f.rn!, "4s"), vecReg(f.rm!, "4s"));
}

function shaHash(mnemonic: string, nSize: number): Formatter {
  return (f) => op(mnemonic, fpReg(f.rd!, 4), fpReg(f.rn!, nSize), vecReg(f.rm!, "4s"));
}

/** Formatters of the SIMD&FP load/store, permute, CRC32 and crypto patterns by pattern name. */
export const SIMD_FORMATTERS = {
  VLDST_u: vUnsigned,
  VLDST_unscaled: vImm9("unscaled"),
  VLDST_post: vImm9("post"),
  VLDST_pre: vImm9("pre"),
  VLDST_reg: vRegister,
  VLDR_lit: vLiteral,
  VLDSTP: vPair,
  VLDSTN_mult: structMultiple(false),
  VLDSTN_mult_post: structMultiple(true),
  VLDSTN_single: structSingle(false),
  VLDSTN_single_post: structSingle(true),
  DUP_elem: dupElement,
  DUP_gen: dupGeneral,
  INS_gen: insGeneral,
  SMOV: moveToGeneral(true),
  UMOV: moveToGeneral(false),
  INS_elem: insElement,
  DUP_scalar: dupScalar,
  EXT: ext,
  VPERM: permute,
  TBL: table,
  CRC32: crc32,
  AESE: twoVec("aese", "16b"),
  AESD: twoVec("aesd", "16b"),
  AESMC: twoVec("aesmc", "16b"),
  AESIMC: twoVec("aesimc", "16b"),
  SHA1C: shaHash("sha1c", 2),
  SHA1P: shaHash("sha1p", 2),
  SHA1M: shaHash("sha1m", 2),
  SHA1SU0: threeVec("sha1su0"),
  SHA256H: shaHash("sha256h", 4),
  SHA256H2: shaHash("sha256h2", 4),
  SHA256SU1: threeVec("sha256su1"),
  SHA1H: (f) => op("sha1h", fpReg(f.rd!, 2), fpReg(f.rn!, 2)),
  SHA1SU1: twoVec("sha1su1", "4s"),
  SHA256SU0: twoVec("sha256su0", "4s"),
} satisfies Partial<Record<OpName, Formatter>>;
