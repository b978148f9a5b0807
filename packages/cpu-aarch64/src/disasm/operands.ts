/** Operand spelling in GNU objdump style. */
import { BITMASKS, LOGICAL_IMM_VALID } from "../core/bitmasks.js";
import type { FieldSpec } from "../decode/table-parser.js";

/** Field values of one instruction, by field name. */
export type Fields = Record<string, number>;

/** Formats one decoded instruction; returns null when the encoding is UNDEFINED. */
export type Formatter = (f: Fields, insn: number, pc: bigint) => string | null;

/** `mnemonic<TAB>op1, op2, …` as objdump prints an instruction. */
export function op(mnemonic: string, ...operands: string[]): string {
  return operands.length === 0 ? mnemonic : `${mnemonic}\t${operands.join(", ")}`;
}

/** SIMD&FP scalar register name by access size log2: b, h, s, d, q (0..4). */
export function fpReg(n: number, sizeLog2: number): string {
  return `${"bhsdq"[sizeLog2]}${n}`;
}

/** AdvSIMD vector register with an arrangement (`8b`, `16b`, `4h`, `8h`, `2s`, `4s`, `1d`, `2d`, …). */
export function vecReg(n: number, arrangement: string): string {
  return `v${n}.${arrangement}`;
}

/** Arrangement of element size log2 `size` (0..3) in a 64-bit (`q` 0) or 128-bit (`q` 1) vector. */
export function arrangement(size: number, q: number): string {
  return `${(q === 1 ? 16 : 8) >> size}${"bhsd"[size]}`;
}

/** `[Xn|SP` — the opening of a memory operand with base register n. */
export function memBase(n: number): string {
  return `[${reg(n, true, true)}`;
}

/** `[Xn|SP]` or `[Xn|SP, #offset]` (no offset printed when it is 0). */
export function memOffset(n: number, offset: number): string {
  return offset === 0 ? `${memBase(n)}]` : `${memBase(n)}, #${offset}]`;
}

/** Extracts the named fields of a pattern from an instruction word. */
export function extractFields(specs: readonly FieldSpec[], insn: number): Fields {
  const out: Fields = {};
  for (const f of specs) {
    const raw = (insn >>> f.lsb) & (f.len === 32 ? -1 : (1 << f.len) - 1);
    out[f.name] = f.signed ? (raw << (32 - f.len)) >> (32 - f.len) : raw;
  }
  return out;
}

/** General register name: `wide` picks X/W; register 31 is SP (`sp` true) or the zero register. */
export function reg(n: number, wide: boolean, sp = false): string {
  if (n === 31) return sp ? (wide ? "sp" : "wsp") : wide ? "xzr" : "wzr";
  return `${wide ? "x" : "w"}${n}`;
}

/** `#0x…` as objdump prints unsigned immediates. */
export function hexImm(value: number | bigint): string {
  return `#0x${value.toString(16)}`;
}

/** An address operand (branch target, literal): 64-bit hex without prefix. */
export function address(value: bigint): string {
  return BigInt.asUintN(64, value).toString(16);
}

/** PC-relative target: pc + offset, wrapped to 64 bits. */
export function target(pc: bigint, offset: number): string {
  return address(pc + BigInt(offset));
}

export const CONDITIONS = ["eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al", "nv"];
export const SHIFTS = ["lsl", "lsr", "asr", "ror"];
export const EXTENDS = ["uxtb", "uxth", "uxtw", "uxtx", "sxtb", "sxth", "sxtw", "sxtx"];

/** `, <shift> #<amount>` unless the shift is LSL #0. */
export function shiftSuffix(type: number, amount: number): string {
  return type === 0 && amount === 0 ? "" : `, ${SHIFTS[type]} #${amount}`;
}

/** The logical immediate of N:immr:imms, masked to the register width, or null if invalid. */
export function logicalImmediate(insn: number, wide: boolean): bigint | null {
  const index = (insn >>> 10) & 0x1fff;
  if (LOGICAL_IMM_VALID[index] === 0 || (!wide && index >= 4096)) return null;
  const lo = BigInt(BITMASKS[4 * index]! >>> 0);
  const hi = BigInt(BITMASKS[4 * index + 1]! >>> 0);
  return wide ? (hi << 32n) | lo : lo;
}

/** Names of the barrier options of DMB/DSB by CRm (null: print the number). */
export const BARRIER_OPTIONS: readonly (string | null)[] = [
  null, "oshld", "oshst", "osh", null, "nshld", "nshst", "nsh",
  null, "ishld", "ishst", "ish", null, "ld", "st", "sy",
];

/** PRFM operation name for Rt, or `#0x..` (two digits, as objdump prints it) for unnamed ones. */
export function prefetchOp(rt: number): string {
  const type = rt >> 3;
  const level = (rt >> 1) & 3;
  if (type === 3 || level === 3) return `#0x${rt.toString(16).padStart(2, "0")}`;
  return `${["pld", "pli", "pst"][type]}l${level + 1}${(rt & 1) === 0 ? "keep" : "strm"}`;
}
