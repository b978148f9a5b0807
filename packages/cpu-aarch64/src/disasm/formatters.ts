/**
 * One formatter per table pattern, printing the instruction as GNU objdump does, preferred
 * aliases included (mov, cmp, lsl, ubfx, cset, mul, …). Operands come from the table's fields.
 */
import type { OpName } from "../decode/decoder.generated.js";
import type { Fields, Formatter } from "./operands.js";
import {
  BARRIER_OPTIONS,
  CONDITIONS,
  EXTENDS,
  SHIFTS,
  address,
  hexImm,
  logicalImmediate,
  memBase,
  memOffset,
  op,
  prefetchOp,
  reg,
  shiftSuffix,
  target,
} from "./operands.js";
import { HINT_NAMES, PSTATE_FIELDS, SYSREG_NAMES, SYS_ALIASES, genericSysreg, sysKey } from "./system-names.js";

export type { Formatter } from "./operands.js";

const wideOf = (f: Fields): boolean => f.sf === 1;

// ---------------------------------------------------------------- data processing, immediate

function addSubImm(mnemonic: "add" | "adds" | "sub" | "subs"): Formatter {
  return (f) => {
    const w = wideOf(f);
    const flags = mnemonic.endsWith("s");
    const imm = `${hexImm(f.imm12!)}${f.sh === 1 ? ", lsl #12" : ""}`;
    const rn = reg(f.rn!, w, true);
    if (mnemonic === "add" && f.sh === 0 && f.imm12 === 0 && (f.rd === 31 || f.rn === 31)) {
      return op("mov", reg(f.rd!, w, true), rn);
    }
    if (flags && f.rd === 31) return op(mnemonic === "adds" ? "cmn" : "cmp", rn, imm);
    return op(mnemonic, reg(f.rd!, w, !flags), rn, imm);
  };
}

/** MoveWidePreferred from the Arm ARM: MOVZ/MOVN can build this bitmask immediate. */
function moveWidePreferred(f: Fields, w: boolean): boolean {
  const width = w ? 64 : 32;
  const imms = f.imms!;
  const immr = f.immr!;
  if (w && f.n !== 1) return false;
  if (!w && (f.n !== 0 || (imms & 0x20) !== 0)) return false;
  if (imms < 16) return (-immr & 15) <= 15 - imms;
  if (imms >= width - 15) return (immr & 15) <= imms - (width - 15);
  return false;
}

function logicalImm(mnemonic: "and" | "orr" | "eor" | "ands"): Formatter {
  return (f, insn) => {
    const w = wideOf(f);
    const value = logicalImmediate(insn, w);
    if (value === null) return null;
    if (mnemonic === "ands" && f.rd === 31) return op("tst", reg(f.rn!, w), hexImm(value));
    if (mnemonic === "orr" && f.rn === 31 && !moveWidePreferred(f, w)) {
      return op("mov", reg(f.rd!, w, true), hexImm(value));
    }
    return op(mnemonic, reg(f.rd!, w, mnemonic !== "ands"), reg(f.rn!, w), hexImm(value));
  };
}

function moveWide(kind: "movn" | "movz" | "movk"): Formatter {
  return (f) => {
    const w = wideOf(f);
    if (!w && f.hw! >= 2) return null;
    const shift = 16 * f.hw!;
    const rd = reg(f.rd!, w);
    const plain = op(kind, rd, hexImm(f.imm16!), ...(shift === 0 ? [] : [`lsl #${shift}`]));
    if (kind === "movk" || (f.imm16 === 0 && f.hw !== 0)) return plain;
    const mask = w ? 0xffffffffffffffffn : 0xffffffffn;
    let value = BigInt(f.imm16!) << BigInt(shift);
    if (kind === "movn") {
      if (!w && f.imm16 === 0xffff) return plain;
      value = ~value & mask;
    }
    return op("mov", rd, hexImm(value));
  };
}

function bitfield(kind: "sbfm" | "bfm" | "ubfm"): Formatter {
  return (f) => {
    const w = wideOf(f);
    const width = w ? 64 : 32;
    const immr = f.immr!;
    const imms = f.imms!;
    if (f.n !== (w ? 1 : 0) || (!w && (immr >= 32 || imms >= 32))) return null;
    const rd = reg(f.rd!, w);
    const rn = reg(f.rn!, w);
    const insertForm = (name: string): string => op(name, rd, rn, `#${(width - immr) % width}`, `#${imms + 1}`);
    const extractForm = (name: string): string => op(name, rd, rn, `#${immr}`, `#${imms - immr + 1}`);
    if (kind === "sbfm") {
      if (imms === width - 1) return op("asr", rd, rn, `#${immr}`);
      if (imms < immr) return insertForm("sbfiz");
      if (immr === 0 && (imms === 7 || imms === 15 || (w && imms === 31))) {
        return op(["sxtb", "sxth", "", "sxtw"][imms >> 3]!, rd, reg(f.rn!, false));
      }
      return extractForm("sbfx");
    }
    if (kind === "bfm") {
      if (imms < immr) {
        if (f.rn === 31) return op("bfc", rd, `#${(width - immr) % width}`, `#${imms + 1}`);
        return insertForm("bfi");
      }
      return extractForm("bfxil");
    }
    if (imms !== width - 1 && imms + 1 === immr) return op("lsl", rd, rn, `#${width - 1 - imms}`);
    if (imms === width - 1) return op("lsr", rd, rn, `#${immr}`);
    if (imms < immr) return insertForm("ubfiz");
    if (!w && immr === 0 && (imms === 7 || imms === 15)) return op(imms === 7 ? "uxtb" : "uxth", rd, rn);
    return extractForm("ubfx");
  };
}

const extr: Formatter = (f) => {
  const w = wideOf(f);
  if (f.n !== (w ? 1 : 0) || (!w && f.imms! >= 32)) return null;
  if (f.rn === f.rm) return op("ror", reg(f.rd!, w), reg(f.rn!, w), `#${f.imms}`);
  return op("extr", reg(f.rd!, w), reg(f.rn!, w), reg(f.rm!, w), `#${f.imms}`);
};

// ---------------------------------------------------------------- data processing, register

function logicalReg(mnemonic: string): Formatter {
  return (f) => {
    const w = wideOf(f);
    if (!w && f.imm6! >= 32) return null;
    const rm = reg(f.rm!, w) + shiftSuffix(f.shift!, f.imm6!);
    if (mnemonic === "orr" && f.rn === 31 && f.shift === 0 && f.imm6 === 0) return op("mov", reg(f.rd!, w), rm);
    if (mnemonic === "orn" && f.rn === 31) return op("mvn", reg(f.rd!, w), rm);
    if (mnemonic === "ands" && f.rd === 31) return op("tst", reg(f.rn!, w), rm);
    return op(mnemonic, reg(f.rd!, w), reg(f.rn!, w), rm);
  };
}

function addSubShifted(mnemonic: "add" | "adds" | "sub" | "subs"): Formatter {
  return (f) => {
    const w = wideOf(f);
    if (f.shift === 3 || (!w && f.imm6! >= 32)) return null;
    const rm = reg(f.rm!, w) + shiftSuffix(f.shift!, f.imm6!);
    if (mnemonic === "adds" && f.rd === 31) return op("cmn", reg(f.rn!, w), rm);
    if (mnemonic === "subs" && f.rd === 31) return op("cmp", reg(f.rn!, w), rm);
    if (mnemonic.startsWith("sub") && f.rn === 31) return op(mnemonic === "sub" ? "neg" : "negs", reg(f.rd!, w), rm);
    return op(mnemonic, reg(f.rd!, w), reg(f.rn!, w), rm);
  };
}

function addSubExtended(mnemonic: "add" | "adds" | "sub" | "subs"): Formatter {
  return (f) => {
    const w = wideOf(f);
    const amount = f.imm3!;
    if (amount > 4) return null;
    const flags = mnemonic.endsWith("s");
    const option = f.option!;
    const rm = reg(f.rm!, w && (option & 3) === 3);
    const spInvolved = flags ? f.rn === 31 : f.rd === 31 || f.rn === 31;
    let ext: string;
    if (spInvolved && option === (w ? 3 : 2)) ext = amount === 0 ? "" : `, lsl #${amount}`;
    else ext = `, ${EXTENDS[option]}${amount === 0 ? "" : ` #${amount}`}`;
    const rn = reg(f.rn!, w, true);
    if (flags && f.rd === 31) return op(mnemonic === "adds" ? "cmn" : "cmp", rn, rm + ext);
    return op(mnemonic, reg(f.rd!, w, !flags), rn, rm + ext);
  };
}

function carry(mnemonic: "adc" | "adcs" | "sbc" | "sbcs"): Formatter {
  return (f) => {
    const w = wideOf(f);
    if (mnemonic.startsWith("sbc") && f.rn === 31) return op(mnemonic === "sbc" ? "ngc" : "ngcs", reg(f.rd!, w), reg(f.rm!, w));
    return op(mnemonic, reg(f.rd!, w), reg(f.rn!, w), reg(f.rm!, w));
  };
}

function condCompare(mnemonic: "ccmn" | "ccmp", immediate: boolean): Formatter {
  return (f) => {
    const w = wideOf(f);
    const second = immediate ? hexImm(f.imm5!) : reg(f.rm!, w);
    return op(mnemonic, reg(f.rn!, w), second, hexImm(f.nzcv!), CONDITIONS[f.cond!]!);
  };
}

function condSelect(mnemonic: "csel" | "csinc" | "csinv" | "csneg"): Formatter {
  return (f) => {
    const w = wideOf(f);
    const cond = f.cond!;
    const rd = reg(f.rd!, w);
    if (mnemonic !== "csel" && f.rn === f.rm && cond >> 1 !== 7) {
      const inverse = CONDITIONS[cond ^ 1]!;
      if (f.rn === 31 && mnemonic !== "csneg") return op(mnemonic === "csinc" ? "cset" : "csetm", rd, inverse);
      const alias = { csinc: "cinc", csinv: "cinv", csneg: "cneg" }[mnemonic];
      return op(alias, rd, reg(f.rn!, w), inverse);
    }
    return op(mnemonic, rd, reg(f.rn!, w), reg(f.rm!, w), CONDITIONS[cond]!);
  };
}

function multiply(mnemonic: string, alias: string, long: boolean): Formatter {
  return (f) => {
    const w = long || wideOf(f);
    const rd = reg(f.rd!, w);
    const rn = reg(f.rn!, long ? false : w);
    const rm = reg(f.rm!, long ? false : w);
    if (f.ra === 31) return op(alias, rd, rn, rm);
    return op(mnemonic, rd, rn, rm, reg(f.ra!, w));
  };
}

function threeReg(mnemonic: string, forceWide = false): Formatter {
  return (f) => {
    const w = forceWide || wideOf(f);
    return op(mnemonic, reg(f.rd!, w), reg(f.rn!, w), reg(f.rm!, w));
  };
}

function twoReg(mnemonic: string, width?: boolean): Formatter {
  return (f) => {
    const w = width ?? wideOf(f);
    return op(mnemonic, reg(f.rd!, w), reg(f.rn!, w));
  };
}

// ---------------------------------------------------------------- branches, exceptions, system

function branchImm(mnemonic: string): Formatter {
  return (f, _insn, pc) => op(mnemonic, target(pc, f.imm26! * 4));
}

function compareBranch(mnemonic: string): Formatter {
  return (f, _insn, pc) => op(mnemonic, reg(f.rt!, wideOf(f)), target(pc, f.imm19! * 4));
}

function testBranch(mnemonic: string): Formatter {
  return (f, _insn, pc) => {
    const bit = (f.b5! << 5) | f.b40!;
    return op(mnemonic, reg(f.rt!, f.b5 === 1), `#${bit}`, target(pc, f.imm14! * 4));
  };
}

function exception(mnemonic: string): Formatter {
  return (f) => op(mnemonic, hexImm(f.imm16!));
}

const hint: Formatter = (f) => {
  const imm = (f.crm! << 3) | f.op2!;
  return HINT_NAMES.get(imm) ?? op("hint", hexImm(imm));
};

function barrier(mnemonic: "dsb" | "dmb"): Formatter {
  return (f) => {
    const crm = f.crm!;
    if (mnemonic === "dsb" && crm === 0) return "ssbb";
    if (mnemonic === "dsb" && crm === 4) return "pssbb";
    return op(mnemonic, BARRIER_OPTIONS[crm] ?? `#0x${crm.toString(16).padStart(2, "0")}`);
  };
}

function optionalCrm(mnemonic: string): Formatter {
  return (f) => (f.crm === 15 ? mnemonic : op(mnemonic, hexImm(f.crm!)));
}

function sysregName(f: Fields, op0: number): string {
  const key = (op0 << 14) | (f.op1! << 11) | (f.crn! << 7) | (f.crm! << 3) | f.op2!;
  return SYSREG_NAMES.get(key) ?? genericSysreg(op0, f.op1!, f.crn!, f.crm!, f.op2!);
}

const sys: Formatter = (f) => {
  const alias = SYS_ALIASES.get(sysKey(f.op1!, f.crn!, f.crm!, f.op2!));
  if (alias !== undefined) {
    const [mnemonic, operation, takesRegister] = alias;
    return takesRegister || f.rt !== 31 ? op(mnemonic, operation, reg(f.rt!, true)) : op(mnemonic, operation);
  }
  const operands = [`#${f.op1}`, `C${f.crn}`, `C${f.crm}`, `#${f.op2}`];
  if (f.rt !== 31) operands.push(reg(f.rt!, true));
  return op("sys", ...operands);
};

const sysl: Formatter = (f) => op("sysl", reg(f.rt!, true), `#${f.op1}`, `C${f.crn}`, `C${f.crm}`, `#${f.op2}`);

const msrImmediate: Formatter = (f) => {
  const field = PSTATE_FIELDS.get((f.op1! << 3) | f.op2!);
  if (field === undefined) return op("msr", genericSysreg(0, f.op1!, 4, f.crm!, f.op2!), "xzr");
  return op("msr", field, hexImm(f.crm!));
};

// ---------------------------------------------------------------- loads and stores

/** Mnemonic stems by size:opc for the single-register forms (null: unallocated). */
const SINGLE: readonly (readonly [string, boolean] | null)[] = [
  ["strb", false], ["ldrb", false], ["ldrsb", true], ["ldrsb", false],
  ["strh", false], ["ldrh", false], ["ldrsh", true], ["ldrsh", false],
  ["str", false], ["ldr", false], ["ldrsw", true], null,
  ["str", true], ["ldr", true], ["prfm", true], null,
];

function singleParts(f: Fields): { stem: string; rt: string; prefetch: boolean } | null {
  const entry = SINGLE[(f.size! << 2) | f.opc!];
  if (entry === null || entry === undefined) return null;
  const [stem, wide] = entry;
  if (stem === "prfm") return { stem, rt: prefetchOp(f.rt!), prefetch: true };
  return { stem, rt: reg(f.rt!, wide), prefetch: false };
}

/** `ldr` → `ldur`/`ldtr`; `ldrsb` → `ldursb`/`ldtrsb`; `prfm` → `prfum`. */
function respell(stem: string, infix: "u" | "t"): string {
  if (stem === "prfm") return "prfum";
  return `${stem.slice(0, 2)}${infix}${stem.slice(2)}`;
}

function baseOnly(f: Fields): string {
  return memBase(f.rn!);
}

function withOffset(f: Fields, offset: number): string {
  return memOffset(f.rn!, offset);
}

const ldstUnsigned: Formatter = (f) => {
  const parts = singleParts(f);
  if (parts === null) return null;
  return op(parts.stem, parts.rt, withOffset(f, f.imm12! << f.size!));
};

function ldstImm9(form: "unscaled" | "post" | "pre" | "unpriv"): Formatter {
  return (f) => {
    const parts = singleParts(f);
    if (parts === null) return null;
    if (parts.prefetch && form !== "unscaled") return null;
    switch (form) {
      case "unscaled":
        return op(respell(parts.stem, "u"), parts.rt, withOffset(f, f.imm9!));
      case "unpriv":
        return op(respell(parts.stem, "t"), parts.rt, withOffset(f, f.imm9!));
      case "post":
        return op(parts.stem, parts.rt, `${baseOnly(f)}]`, `#${f.imm9}`);
      default:
        return op(parts.stem, parts.rt, `${baseOnly(f)}, #${f.imm9}]!`);
    }
  };
}

const ldstRegister: Formatter = (f) => {
  const parts = singleParts(f);
  const option = f.option!;
  if (parts === null || (option & 2) === 0) return null;
  const rm = reg(f.rm!, (option & 1) === 1);
  let ext: string;
  if (option === 3) ext = f.s === 1 ? `, lsl #${f.size}` : "";
  else ext = `, ${EXTENDS[option]}${f.s === 1 ? ` #${f.size}` : ""}`;
  return op(parts.stem, parts.rt, `${baseOnly(f)}, ${rm}${ext}]`);
};

function literal(mnemonic: string, wide: boolean | "sf"): Formatter {
  return (f, _insn, pc) => {
    const rt = mnemonic === "prfm" ? prefetchOp(f.rt!) : reg(f.rt!, wide === "sf" ? wideOf(f) : wide);
    return op(mnemonic, rt, target(pc, f.imm19! * 4));
  };
}

function pair(mnemonic: string, fixedWidth?: boolean): Formatter {
  return (f) => {
    const w = fixedWidth ?? wideOf(f);
    const scale = mnemonic === "ldpsw" ? 4 : w ? 8 : 4;
    const offset = f.imm7! * scale;
    const am = f.am ?? 2;
    if (mnemonic === "ldpsw" && (am === 0 || ldpswUnpredictable(f, am))) return null;
    const regs = [reg(f.rt!, w), reg(f.rt2!, w)];
    if (am === 1) return op(mnemonic, ...regs, `${baseOnly(f)}]`, `#${offset}`);
    if (am === 3) return op(mnemonic, ...regs, `${baseOnly(f)}, #${offset}]!`);
    return op(mnemonic, ...regs, withOffset(f, offset));
  };
}

/**
 * objdump refuses (prints as `.inst`) the CONSTRAINED UNPREDICTABLE LDPSW forms: Rt == Rt2, or a
 * write-back whose base is one of the loaded registers. (It accepts the same forms of LDP.)
 */
function ldpswUnpredictable(f: Fields, am: number): boolean {
  const writeback = am === 1 || am === 3;
  return f.rt === f.rt2 || (writeback && f.rn !== 31 && (f.rt === f.rn || f.rt2 === f.rn));
}

function sizeSuffix(size: number): string {
  return size === 0 ? "b" : size === 1 ? "h" : "";
}

/**
 * Exclusive and ordered single-register forms. `strictIgnoredBits`: objdump prints LDAR* as
 * `.inst` unless the bits the CPU ignores (Rs, Rt2: "should be one") are all ones; the CPU, like
 * QEMU, executes them regardless.
 */
function exclusive(stem: string, hasStatus: boolean, strictIgnoredBits = false): Formatter {
  return (f, insn) => {
    if (strictIgnoredBits && (((insn >>> 16) & 31) !== 31 || ((insn >>> 10) & 31) !== 31)) return null;
    const operands = hasStatus ? [reg(f.rs!, false)] : [];
    operands.push(reg(f.rt!, f.size === 3), `${baseOnly(f)}]`);
    return op(stem + sizeSuffix(f.size!), ...operands);
  };
}

function exclusivePair(stem: string, hasStatus: boolean): Formatter {
  return (f) => {
    const w = f.sz === 1;
    const operands = hasStatus ? [reg(f.rs!, false)] : [];
    operands.push(reg(f.rt!, w), reg(f.rt2!, w), `${baseOnly(f)}]`);
    return op(stem, ...operands);
  };
}

/** Formatters of the base integer patterns (a64-table.ts) by pattern name. */
export const INTEGER_FORMATTERS = {
  UDF: (f) => op("udf", `#${f.imm16}`),
  ADR: (f, _insn, pc) => op("adr", reg(f.rd!, true), target(pc, f.immhi! * 4 + f.immlo!)),
  ADRP: (f, _insn, pc) =>
    op("adrp", reg(f.rd!, true), address((pc & ~0xfffn) + BigInt(f.immhi! * 4 + f.immlo!) * 4096n)),
  ADD_i: addSubImm("add"),
  ADDS_i: addSubImm("adds"),
  SUB_i: addSubImm("sub"),
  SUBS_i: addSubImm("subs"),
  AND_i: logicalImm("and"),
  ORR_i: logicalImm("orr"),
  EOR_i: logicalImm("eor"),
  ANDS_i: logicalImm("ands"),
  MOVN: moveWide("movn"),
  MOVZ: moveWide("movz"),
  MOVK: moveWide("movk"),
  SBFM: bitfield("sbfm"),
  BFM: bitfield("bfm"),
  UBFM: bitfield("ubfm"),
  EXTR: extr,
  B: branchImm("b"),
  BL: branchImm("bl"),
  CBZ: compareBranch("cbz"),
  CBNZ: compareBranch("cbnz"),
  TBZ: testBranch("tbz"),
  TBNZ: testBranch("tbnz"),
  B_cond: (f, _insn, pc) => op(`b.${CONDITIONS[f.cond!]}`, target(pc, f.imm19! * 4)),
  SVC: exception("svc"),
  HVC: exception("hvc"),
  SMC: exception("smc"),
  BRK: exception("brk"),
  HLT: exception("hlt"),
  BR: (f) => op("br", reg(f.rn!, true)),
  BLR: (f) => op("blr", reg(f.rn!, true)),
  RET: (f) => (f.rn === 30 ? "ret" : op("ret", reg(f.rn!, true))),
  ERET: () => "eret",
  WFE: () => "wfe",
  WFI: () => "wfi",
  HINT: hint,
  CLREX: optionalCrm("clrex"),
  DSB: barrier("dsb"),
  DMB: barrier("dmb"),
  ISB: optionalCrm("isb"),
  SB: () => "sb",
  MSR_i: msrImmediate,
  SYS: sys,
  SYSL: sysl,
  MSR_r: (f) => op("msr", sysregName(f, 2 + f.o0!), reg(f.rt!, true)),
  MRS: (f) => op("mrs", reg(f.rt!, true), sysregName(f, 2 + f.o0!)),
  STXR: exclusive("stxr", true),
  STLXR: exclusive("stlxr", true),
  LDXR: exclusive("ldxr", false),
  LDAXR: exclusive("ldaxr", false),
  STXP: exclusivePair("stxp", true),
  STLXP: exclusivePair("stlxp", true),
  LDXP: exclusivePair("ldxp", false),
  LDAXP: exclusivePair("ldaxp", false),
  STLR: exclusive("stlr", false),
  LDAR: exclusive("ldar", false, true),
  LDR_lit: literal("ldr", "sf"),
  LDRSW_lit: literal("ldrsw", true),
  PRFM_lit: literal("prfm", true),
  STNP: pair("stnp"),
  STP: pair("stp"),
  LDNP: pair("ldnp"),
  LDP: pair("ldp"),
  LDPSW: pair("ldpsw", true),
  LDST_u: ldstUnsigned,
  LDST_unscaled: ldstImm9("unscaled"),
  LDST_post: ldstImm9("post"),
  LDST_unpriv: ldstImm9("unpriv"),
  LDST_pre: ldstImm9("pre"),
  LDST_reg: ldstRegister,
  AND_r: logicalReg("and"),
  BIC_r: logicalReg("bic"),
  ORR_r: logicalReg("orr"),
  ORN_r: logicalReg("orn"),
  EOR_r: logicalReg("eor"),
  EON_r: logicalReg("eon"),
  ANDS_r: logicalReg("ands"),
  BICS_r: logicalReg("bics"),
  ADD_r: addSubShifted("add"),
  ADDS_r: addSubShifted("adds"),
  SUB_r: addSubShifted("sub"),
  SUBS_r: addSubShifted("subs"),
  ADD_x: addSubExtended("add"),
  ADDS_x: addSubExtended("adds"),
  SUB_x: addSubExtended("sub"),
  SUBS_x: addSubExtended("subs"),
  ADC: carry("adc"),
  ADCS: carry("adcs"),
  SBC: carry("sbc"),
  SBCS: carry("sbcs"),
  CCMN_r: condCompare("ccmn", false),
  CCMP_r: condCompare("ccmp", false),
  CCMN_i: condCompare("ccmn", true),
  CCMP_i: condCompare("ccmp", true),
  CSEL: condSelect("csel"),
  CSINC: condSelect("csinc"),
  CSINV: condSelect("csinv"),
  CSNEG: condSelect("csneg"),
  MADD: multiply("madd", "mul", false),
  MSUB: multiply("msub", "mneg", false),
  SMADDL: multiply("smaddl", "smull", true),
  SMSUBL: multiply("smsubl", "smnegl", true),
  UMADDL: multiply("umaddl", "umull", true),
  UMSUBL: multiply("umsubl", "umnegl", true),
  SMULH: threeReg("smulh", true),
  UMULH: threeReg("umulh", true),
  UDIV: threeReg("udiv"),
  SDIV: threeReg("sdiv"),
  LSLV: threeReg(SHIFTS[0]!),
  LSRV: threeReg(SHIFTS[1]!),
  ASRV: threeReg(SHIFTS[2]!),
  RORV: threeReg(SHIFTS[3]!),
  RBIT: twoReg("rbit"),
  REV16: twoReg("rev16"),
  REV32: twoReg("rev32", true),
  REV_w: twoReg("rev", false),
  REV_x: twoReg("rev", true),
  CLZ: twoReg("clz"),
  CLS: twoReg("cls"),
} satisfies Partial<Record<OpName, Formatter>>;
