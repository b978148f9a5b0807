/**
 * The ARMv8.0 AdvSIMD integer encodings (plus PMULL/PMULL2 of the crypto extension), in the
 * syntax of `a64-table.ts`. Floating-point members of the same encoding classes (three-same
 * opcodes 11xxx, FP two-register misc, FP across lanes, FP by element, FMOV immediate with
 * cmode 1111, fixed-point conversions) are deliberately absent: they live in the FP table.
 *
 * Naming: `SI_<MNEMONIC>_<class>` (SI_ keeps the names apart from the other tables') where the class is
 *   v   vector (three same, three different, two-register misc, across lanes)
 *   s   scalar (three same, three different, two-register misc, pairwise)
 *   vz / sz   compare against zero (vector / scalar)
 *   vi8, vi16, vi32, vi64 / si   shift by immediate (vector, one pattern per element size so
 *             that immh = 0000, the modified-immediate space, never matches) / scalar
 *   ve / se   by element (vector / scalar)
 *   mi_*      modified immediate (MOVI, MVNI, ORR, BIC vector immediate)
 * Size and Q restrictions that the fields cannot express (for example size = 11 with Q = 0)
 * are checked by the handler and the formatter, which treat them as UNDEFINED.
 */

/** Three same, vector: 0 Q U 01110 size 1 Rm opcode 1 Rn Rd. [name, U, opcode] */
const THREE_SAME: readonly (readonly [string, number, string])[] = [
  ["SHADD", 0, "00000"], ["UHADD", 1, "00000"], ["SQADD", 0, "00001"], ["UQADD", 1, "00001"],
  ["SRHADD", 0, "00010"], ["URHADD", 1, "00010"], ["SHSUB", 0, "00100"], ["UHSUB", 1, "00100"],
  ["SQSUB", 0, "00101"], ["UQSUB", 1, "00101"], ["CMGT", 0, "00110"], ["CMHI", 1, "00110"],
  ["CMGE", 0, "00111"], ["CMHS", 1, "00111"], ["SSHL", 0, "01000"], ["USHL", 1, "01000"],
  ["SQSHL", 0, "01001"], ["UQSHL", 1, "01001"], ["SRSHL", 0, "01010"], ["URSHL", 1, "01010"],
  ["SQRSHL", 0, "01011"], ["UQRSHL", 1, "01011"], ["SMAX", 0, "01100"], ["UMAX", 1, "01100"],
  ["SMIN", 0, "01101"], ["UMIN", 1, "01101"], ["SABD", 0, "01110"], ["UABD", 1, "01110"],
  ["SABA", 0, "01111"], ["UABA", 1, "01111"], ["ADD", 0, "10000"], ["SUB", 1, "10000"],
  ["CMTST", 0, "10001"], ["CMEQ", 1, "10001"], ["MLA", 0, "10010"], ["MLS", 1, "10010"],
  ["MUL", 0, "10011"], ["PMUL", 1, "10011"], ["SMAXP", 0, "10100"], ["UMAXP", 1, "10100"],
  ["SMINP", 0, "10101"], ["UMINP", 1, "10101"], ["SQDMULH", 0, "10110"], ["SQRDMULH", 1, "10110"],
  ["ADDP", 0, "10111"],
];

/** Three same, vector logical (opcode 00011; size selects the operation). [name, U, size] */
const THREE_SAME_LOGICAL: readonly (readonly [string, number, string])[] = [
  ["AND", 0, "00"], ["BIC", 0, "01"], ["ORR", 0, "10"], ["ORN", 0, "11"],
  ["EOR", 1, "00"], ["BSL", 1, "01"], ["BIT", 1, "10"], ["BIF", 1, "11"],
];

/** Three same, scalar: 01 U 11110 size 1 Rm opcode 1 Rn Rd. */
const SCALAR_THREE_SAME = new Set([
  "SQADD", "UQADD", "SQSUB", "UQSUB", "CMGT", "CMHI", "CMGE", "CMHS", "SSHL", "USHL", "SQSHL",
  "UQSHL", "SRSHL", "URSHL", "SQRSHL", "UQRSHL", "ADD", "SUB", "CMTST", "CMEQ", "SQDMULH", "SQRDMULH",
]);

/** Three different: 0 Q U 01110 size 1 Rm opcode 00 Rn Rd. [name, U, opcode] */
const THREE_DIFFERENT: readonly (readonly [string, number, string])[] = [
  ["SADDL", 0, "0000"], ["UADDL", 1, "0000"], ["SADDW", 0, "0001"], ["UADDW", 1, "0001"],
  ["SSUBL", 0, "0010"], ["USUBL", 1, "0010"], ["SSUBW", 0, "0011"], ["USUBW", 1, "0011"],
  ["ADDHN", 0, "0100"], ["RADDHN", 1, "0100"], ["SABAL", 0, "0101"], ["UABAL", 1, "0101"],
  ["SUBHN", 0, "0110"], ["RSUBHN", 1, "0110"], ["SABDL", 0, "0111"], ["UABDL", 1, "0111"],
  ["SMLAL", 0, "1000"], ["UMLAL", 1, "1000"], ["SQDMLAL", 0, "1001"], ["SMLSL", 0, "1010"],
  ["UMLSL", 1, "1010"], ["SQDMLSL", 0, "1011"], ["SMULL", 0, "1100"], ["UMULL", 1, "1100"],
  ["SQDMULL", 0, "1101"], ["PMULL", 0, "1110"],
];

const SCALAR_THREE_DIFFERENT = new Set(["SQDMLAL", "SQDMLSL", "SQDMULL"]);

/** Two-register misc: 0 Q U 01110 size 10000 opcode 10 Rn Rd. [name, U, opcode, size or ""] */
const TWO_MISC: readonly (readonly [string, number, string, string])[] = [
  ["REV64", 0, "00000", ""], ["REV32", 1, "00000", ""], ["REV16", 0, "00001", ""],
  ["SADDLP", 0, "00010", ""], ["UADDLP", 1, "00010", ""], ["SUQADD", 0, "00011", ""],
  ["USQADD", 1, "00011", ""], ["CLS", 0, "00100", ""], ["CLZ", 1, "00100", ""],
  ["CNT", 0, "00101", ""], ["NOT", 1, "00101", "00"], ["RBIT", 1, "00101", "01"],
  ["SADALP", 0, "00110", ""], ["UADALP", 1, "00110", ""], ["SQABS", 0, "00111", ""],
  ["SQNEG", 1, "00111", ""], ["ABS", 0, "01011", ""], ["NEG", 1, "01011", ""],
  ["XTN", 0, "10010", ""], ["SQXTUN", 1, "10010", ""], ["SHLL", 1, "10011", ""],
  ["SQXTN", 0, "10100", ""], ["UQXTN", 1, "10100", ""],
];

const SCALAR_TWO_MISC = new Set(["SUQADD", "USQADD", "SQABS", "SQNEG", "ABS", "NEG", "SQXTUN", "SQXTN", "UQXTN"]);

/** Compare against zero (two-register misc). [name, U, opcode] */
const COMPARE_ZERO: readonly (readonly [string, number, string])[] = [
  ["CMGT", 0, "01000"], ["CMGE", 1, "01000"], ["CMEQ", 0, "01001"], ["CMLE", 1, "01001"], ["CMLT", 0, "01010"],
];

/** Across lanes: 0 Q U 01110 size 11000 opcode 10 Rn Rd. */
const ACROSS: readonly (readonly [string, number, string])[] = [
  ["SADDLV", 0, "00011"], ["UADDLV", 1, "00011"], ["SMAXV", 0, "01010"], ["UMAXV", 1, "01010"],
  ["SMINV", 0, "11010"], ["UMINV", 1, "11010"], ["ADDV", 0, "11011"],
];

/** Shift by immediate: 0 Q U 011110 immh immb opcode 1 Rn Rd. [name, U, opcode, has a 64-bit form] */
const SHIFT_IMM: readonly (readonly [string, number, string, boolean])[] = [
  ["SSHR", 0, "00000", true], ["USHR", 1, "00000", true], ["SSRA", 0, "00010", true],
  ["USRA", 1, "00010", true], ["SRSHR", 0, "00100", true], ["URSHR", 1, "00100", true],
  ["SRSRA", 0, "00110", true], ["URSRA", 1, "00110", true], ["SRI", 1, "01000", true],
  ["SHL", 0, "01010", true], ["SLI", 1, "01010", true], ["SQSHLU", 1, "01100", true],
  ["SQSHL", 0, "01110", true], ["UQSHL", 1, "01110", true], ["SHRN", 0, "10000", false],
  ["SQSHRUN", 1, "10000", false], ["RSHRN", 0, "10001", false], ["SQRSHRUN", 1, "10001", false],
  ["SQSHRN", 0, "10010", false], ["UQSHRN", 1, "10010", false], ["SQRSHRN", 0, "10011", false],
  ["UQRSHRN", 1, "10011", false], ["SSHLL", 0, "10100", false], ["USHLL", 1, "10100", false],
];

const SCALAR_SHIFT_IMM = new Set([
  "SSHR", "USHR", "SSRA", "USRA", "SRSHR", "URSHR", "SRSRA", "URSRA", "SRI", "SHL", "SLI", "SQSHLU",
  "SQSHL", "UQSHL", "SQSHRUN", "SQRSHRUN", "SQSHRN", "UQSHRN", "SQRSHRN", "UQRSHRN",
]);

/** immh:immb prefixes of the vector shift patterns by element size: the leading 1 of immh. */
const SHIFT_SIZES: readonly (readonly [string, string])[] = [
  ["8", "0001 immb:3"], ["16", "001 immb:4"], ["32", "01 immb:5"], ["64", "1 immb:6"],
];

/** By element: 0 Q U 01111 size L M Rm opcode H 0 Rn Rd. */
const BY_ELEMENT: readonly (readonly [string, number, string])[] = [
  ["MLA", 1, "0000"], ["MLS", 1, "0100"], ["MUL", 0, "1000"], ["SMLAL", 0, "0010"],
  ["UMLAL", 1, "0010"], ["SQDMLAL", 0, "0011"], ["SMLSL", 0, "0110"], ["UMLSL", 1, "0110"],
  ["SQDMLSL", 0, "0111"], ["SMULL", 0, "1010"], ["UMULL", 1, "1010"], ["SQDMULL", 0, "1011"],
  ["SQDMULH", 0, "1100"], ["SQRDMULH", 0, "1101"],
];

const SCALAR_BY_ELEMENT = new Set(["SQDMLAL", "SQDMLSL", "SQDMULL", "SQDMULH", "SQRDMULH"]);

/** Modified immediate (o2 = 0): 0 Q op 0111100000 abc cmode 0 1 defgh Rd; cmode 1111 is FMOV. */
const MODIFIED_IMMEDIATE = String.raw`
SI_MOVI_mi_w 0 q:1 0 0111100000 abc:3 0 amount:2 0 0 1 defgh:5 rd:5
SI_ORR_mi_w  0 q:1 0 0111100000 abc:3 0 amount:2 1 0 1 defgh:5 rd:5
SI_MOVI_mi_h 0 q:1 0 0111100000 abc:3 10 amount:1 0 0 1 defgh:5 rd:5
SI_ORR_mi_h  0 q:1 0 0111100000 abc:3 10 amount:1 1 0 1 defgh:5 rd:5
SI_MOVI_mi_msl 0 q:1 0 0111100000 abc:3 110 amount:1 0 1 defgh:5 rd:5
SI_MOVI_mi_b 0 q:1 0 0111100000 abc:3 1110 0 1 defgh:5 rd:5
SI_MVNI_mi_w 0 q:1 1 0111100000 abc:3 0 amount:2 0 0 1 defgh:5 rd:5
SI_BIC_mi_w  0 q:1 1 0111100000 abc:3 0 amount:2 1 0 1 defgh:5 rd:5
SI_MVNI_mi_h 0 q:1 1 0111100000 abc:3 10 amount:1 0 0 1 defgh:5 rd:5
SI_BIC_mi_h  0 q:1 1 0111100000 abc:3 10 amount:1 1 0 1 defgh:5 rd:5
SI_MVNI_mi_msl 0 q:1 1 0111100000 abc:3 110 amount:1 0 1 defgh:5 rd:5
SI_MOVI_mi_d 0 q:1 1 0111100000 abc:3 1110 0 1 defgh:5 rd:5
`;

function bit(u: number): string {
  return String(u);
}

/**
 * Operand layout of each pattern, for the disassembler: same (Vd.T, Vn.T, Vm.T), long (wide
 * destination, narrow sources), wide, narrow, and so on; the `Scalar` shapes use B/H/S/D registers.
 */
export type SimdIntShape =
  | "same" | "sameScalar" | "logical" | "long" | "wide" | "narrow" | "diffScalar" | "pmull"
  | "misc" | "miscScalar" | "zero" | "zeroScalar" | "pairLong" | "xtn" | "xtnScalar" | "shll"
  | "across" | "acrossLong" | "addpScalar" | "shift" | "shiftNarrow" | "shiftLong" | "shiftScalar"
  | "shiftScalarNarrow" | "elem" | "elemLong" | "elemScalar" | "elemScalarLong" | "imm";

const WIDE_FORMS = new Set(["SADDW", "UADDW", "SSUBW", "USUBW"]);
const NARROW_FORMS = new Set(["ADDHN", "RADDHN", "SUBHN", "RSUBHN"]);
const PAIR_LONG_FORMS = new Set(["SADDLP", "UADDLP", "SADALP", "UADALP"]);
const XTN_FORMS = new Set(["XTN", "SQXTN", "UQXTN", "SQXTUN"]);
const LONG_ELEMENT_FORMS = new Set(["SMLAL", "UMLAL", "SQDMLAL", "SMLSL", "UMLSL", "SQDMLSL", "SMULL", "UMULL", "SQDMULL"]);

/** Shape of every pattern of the table, by pattern name (filled by buildTable). */
export const SIMD_INT_SHAPES: Record<string, SimdIntShape> = {};

function buildTable(): string {
  const lines: string[] = [];
  let shape: SimdIntShape = "same";
  const add = (name: string, tokens: string): void => {
    lines.push(`${`SI_${name}`.padEnd(17)} ${tokens}`);
    SIMD_INT_SHAPES[`SI_${name}`] = shape;
  };
  lines.push("# three same");
  for (const [name, u, opcode] of THREE_SAME) {
    shape = "same";
    add(`${name}_v`, `0 q:1 ${bit(u)} 01110 size:2 1 rm:5 ${opcode} 1 rn:5 rd:5`);
    shape = "sameScalar";
    if (SCALAR_THREE_SAME.has(name)) add(`${name}_s`, `01 ${bit(u)} 11110 size:2 1 rm:5 ${opcode} 1 rn:5 rd:5`);
  }
  shape = "logical";
  for (const [name, u, size] of THREE_SAME_LOGICAL) {
    add(`${name}_v`, `0 q:1 ${bit(u)} 01110 ${size} 1 rm:5 00011 1 rn:5 rd:5`);
  }
  lines.push("# three different");
  for (const [name, u, opcode] of THREE_DIFFERENT) {
    shape = name === "PMULL" ? "pmull" : WIDE_FORMS.has(name) ? "wide" : NARROW_FORMS.has(name) ? "narrow" : "long";
    add(`${name}_v`, `0 q:1 ${bit(u)} 01110 size:2 1 rm:5 ${opcode} 00 rn:5 rd:5`);
    shape = "diffScalar";
    if (SCALAR_THREE_DIFFERENT.has(name)) add(`${name}_s`, `01 ${bit(u)} 11110 size:2 1 rm:5 ${opcode} 00 rn:5 rd:5`);
  }
  lines.push("# two-register misc");
  for (const [name, u, opcode, size] of TWO_MISC) {
    const sizeTokens = size === "" ? "size:2" : size;
    shape = PAIR_LONG_FORMS.has(name) ? "pairLong" : XTN_FORMS.has(name) ? "xtn" : name === "SHLL" ? "shll" : "misc";
    add(`${name}_v`, `0 q:1 ${bit(u)} 01110 ${sizeTokens} 10000 ${opcode} 10 rn:5 rd:5`);
    shape = XTN_FORMS.has(name) ? "xtnScalar" : "miscScalar";
    if (SCALAR_TWO_MISC.has(name)) add(`${name}_s`, `01 ${bit(u)} 11110 size:2 10000 ${opcode} 10 rn:5 rd:5`);
  }
  for (const [name, u, opcode] of COMPARE_ZERO) {
    shape = "zero";
    add(`${name}_vz`, `0 q:1 ${bit(u)} 01110 size:2 10000 ${opcode} 10 rn:5 rd:5`);
    shape = "zeroScalar";
    add(`${name}_sz`, `01 ${bit(u)} 11110 size:2 10000 ${opcode} 10 rn:5 rd:5`);
  }
  lines.push("# across lanes, scalar pairwise");
  for (const [name, u, opcode] of ACROSS) {
    shape = name.endsWith("LV") ? "acrossLong" : "across";
    add(`${name}_v`, `0 q:1 ${bit(u)} 01110 size:2 11000 ${opcode} 10 rn:5 rd:5`);
  }
  shape = "addpScalar";
  add("ADDP_s", "01 0 11110 size:2 11000 11011 10 rn:5 rd:5");
  lines.push("# shift by immediate");
  for (const [name, u, opcode, has64] of SHIFT_IMM) {
    const narrow = opcode.startsWith("100");
    const long = opcode === "10100";
    shape = narrow ? "shiftNarrow" : long ? "shiftLong" : "shift";
    for (const [bits, prefix] of SHIFT_SIZES) {
      if (bits === "64" && !has64) continue;
      add(`${name}_vi${bits}`, `0 q:1 ${bit(u)} 011110 ${prefix} ${opcode} 1 rn:5 rd:5`);
    }
    shape = narrow ? "shiftScalarNarrow" : "shiftScalar";
    if (SCALAR_SHIFT_IMM.has(name)) add(`${name}_si`, `01 ${bit(u)} 111110 immh:4 immb:3 ${opcode} 1 rn:5 rd:5`);
  }
  lines.push("# by element");
  for (const [name, u, opcode] of BY_ELEMENT) {
    shape = LONG_ELEMENT_FORMS.has(name) ? "elemLong" : "elem";
    add(`${name}_ve`, `0 q:1 ${bit(u)} 01111 size:2 l:1 m:1 rm:4 ${opcode} h:1 0 rn:5 rd:5`);
    shape = LONG_ELEMENT_FORMS.has(name) ? "elemScalarLong" : "elemScalar";
    if (SCALAR_BY_ELEMENT.has(name)) add(`${name}_se`, `01 ${bit(u)} 11111 size:2 l:1 m:1 rm:4 ${opcode} h:1 0 rn:5 rd:5`);
  }
  lines.push("# modified immediate");
  lines.push(MODIFIED_IMMEDIATE);
  for (const line of MODIFIED_IMMEDIATE.split("\n")) {
    const name = line.split(" ")[0];
    if (name !== undefined && name !== "") SIMD_INT_SHAPES[name] = "imm";
  }
  return lines.join("\n");
}

/** The AdvSIMD integer encoding table (text, same syntax as A64_TABLE). */
export const A64_SIMD_INT_TABLE: string = buildTable();
