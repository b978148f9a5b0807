import { seL4_UserContextWords } from "../constants/boot";

/** Names of the 36 seL4_UserContext words in seL4's order (17 frame registers, then 19 GP). */
export const USER_CONTEXT_NAMES = [
  "pc", "sp", "spsr", "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x16", "x17", "x18", "x29", "x30",
  "x9", "x10", "x11", "x12", "x13", "x14", "x15", "x19", "x20", "x21", "x22", "x23", "x24", "x25", "x26", "x27",
  "x28", "tpidr_el0", "tpidrro_el0",
] as const;

/** A seL4_UserContext register name. */
export type UserContextReg = (typeof USER_CONTEXT_NAMES)[number];

/** seL4_UserContext as a record of bigint registers. */
export type seL4_UserContext = Record<UserContextReg, bigint>;

/** Number of "frame" registers (pc..x30) copied by CopyRegisters' frame flag. */
export const FRAME_REGISTER_COUNT = 17;

const INDEX = new Map<string, number>(USER_CONTEXT_NAMES.map((n, i) => [n, i]));

/** The UserContext index of a register name. */
export function regIndex(name: UserContextReg): number {
  return INDEX.get(name)!;
}

/** x0..x30 as UserContext names, made once. */
const GP_REGISTER_NAMES: readonly UserContextReg[] = Array.from({ length: 31 }, (_, n) => `x${n}` as UserContextReg);

/**
 * The UserContext name of general-purpose register n as an instruction syndrome encodes it
 * (0..30; 31, the zero register, has none: null). No string is built per call.
 */
export function gpRegisterName(n: number): UserContextReg | null {
  return n >= 0 && n < 31 ? GP_REGISTER_NAMES[n]! : null;
}

/** The UserContext index of general-purpose register xN (0 ≤ n ≤ 30). */
export function xIndex(n: number): number {
  return INDEX.get(`x${n}`)!;
}

/** Index constants used on kernel paths. */
export const REG_PC = 0;
export const REG_SP = 1;
export const REG_SPSR = 2;
export const REG_X0 = 3;
export const REG_X1 = 4;
/** x2..x5 are the four message registers passed in registers. */
export const REG_MR0 = 5;
export const REG_X7 = 10;
export const REG_TPIDR_EL0 = 34;

/** A thread's saved registers in UserContext order. */
export function newRegisterFile(): BigUint64Array {
  return new BigUint64Array(seL4_UserContextWords);
}

/**
 * Converts a register file to a named seL4_UserContext record. Built as one literal so that the
 * record keeps a fixed shape (36 properties added one by one would make a dictionary-mode object,
 * slow for every later access).
 */
export function toUserContext(regs: ArrayLike<bigint>): seL4_UserContext {
  return {
    pc: regs[0]!,
    sp: regs[1]!,
    spsr: regs[2]!,
    x0: regs[3]!,
    x1: regs[4]!,
    x2: regs[5]!,
    x3: regs[6]!,
    x4: regs[7]!,
    x5: regs[8]!,
    x6: regs[9]!,
    x7: regs[10]!,
    x8: regs[11]!,
    x16: regs[12]!,
    x17: regs[13]!,
    x18: regs[14]!,
    x29: regs[15]!,
    x30: regs[16]!,
    x9: regs[17]!,
    x10: regs[18]!,
    x11: regs[19]!,
    x12: regs[20]!,
    x13: regs[21]!,
    x14: regs[22]!,
    x15: regs[23]!,
    x19: regs[24]!,
    x20: regs[25]!,
    x21: regs[26]!,
    x22: regs[27]!,
    x23: regs[28]!,
    x24: regs[29]!,
    x25: regs[30]!,
    x26: regs[31]!,
    x27: regs[32]!,
    x28: regs[33]!,
    tpidr_el0: regs[34]!,
    tpidrro_el0: regs[35]!,
  };
}

/** 36 zero words (read only). */
const ZERO_WORDS: readonly bigint[] = Object.freeze(new Array<bigint>(seL4_UserContextWords).fill(0n));

/** An all-zero seL4_UserContext. */
export function emptyUserContext(): seL4_UserContext {
  return toUserContext(ZERO_WORDS);
}


/** The words 0..4095, made once: registers mostly hold small values, and a read of one from a typed array makes a new BigInt. */
const SMALL_WORDS: readonly bigint[] = Array.from({ length: 4096 }, (_, i) => BigInt(i));

/** `words` as 32-bit halves (host order: little-endian). */
export function halvesOf(words: BigUint64Array): Uint32Array {
  return new Uint32Array(words.buffer, words.byteOffset, words.length * 2);
}

/** `words[i]`, from {@link SMALL_WORDS} when its halves (`halves`, a view of `words`) say it is below 4096. */
export function smallWordOr(words: BigUint64Array, halves: Uint32Array, i: number): bigint {
  const low = halves[2 * i]!;
  return halves[2 * i + 1] === 0 && low < SMALL_WORDS.length ? SMALL_WORDS[low]! : words[i]!;
}

/**
 * Copies `src[at + i - from]` into register i of `ctx` for i in [from, 36): the registers from
 * `from` on, in UserContext order, as named stores (a loop over the names would make each word
 * a keyed property access). `halves` is `src` as 32-bit halves (pass a view made once).
 */
export function wordsToUserContext(src: BigUint64Array, at: number, ctx: seL4_UserContext, from: number, halves: Uint32Array = halvesOf(src)): void {
  const base = at - from;
  if (from <= 0) ctx.pc = smallWordOr(src, halves, base + 0);
  if (from <= 1) ctx.sp = smallWordOr(src, halves, base + 1);
  if (from <= 2) ctx.spsr = smallWordOr(src, halves, base + 2);
  if (from <= 3) ctx.x0 = smallWordOr(src, halves, base + 3);
  if (from <= 4) ctx.x1 = smallWordOr(src, halves, base + 4);
  if (from <= 5) ctx.x2 = smallWordOr(src, halves, base + 5);
  if (from <= 6) ctx.x3 = smallWordOr(src, halves, base + 6);
  if (from <= 7) ctx.x4 = smallWordOr(src, halves, base + 7);
  if (from <= 8) ctx.x5 = smallWordOr(src, halves, base + 8);
  if (from <= 9) ctx.x6 = smallWordOr(src, halves, base + 9);
  if (from <= 10) ctx.x7 = smallWordOr(src, halves, base + 10);
  if (from <= 11) ctx.x8 = smallWordOr(src, halves, base + 11);
  if (from <= 12) ctx.x16 = smallWordOr(src, halves, base + 12);
  if (from <= 13) ctx.x17 = smallWordOr(src, halves, base + 13);
  if (from <= 14) ctx.x18 = smallWordOr(src, halves, base + 14);
  if (from <= 15) ctx.x29 = smallWordOr(src, halves, base + 15);
  if (from <= 16) ctx.x30 = smallWordOr(src, halves, base + 16);
  if (from <= 17) ctx.x9 = smallWordOr(src, halves, base + 17);
  if (from <= 18) ctx.x10 = smallWordOr(src, halves, base + 18);
  if (from <= 19) ctx.x11 = smallWordOr(src, halves, base + 19);
  if (from <= 20) ctx.x12 = smallWordOr(src, halves, base + 20);
  if (from <= 21) ctx.x13 = smallWordOr(src, halves, base + 21);
  if (from <= 22) ctx.x14 = smallWordOr(src, halves, base + 22);
  if (from <= 23) ctx.x15 = smallWordOr(src, halves, base + 23);
  if (from <= 24) ctx.x19 = smallWordOr(src, halves, base + 24);
  if (from <= 25) ctx.x20 = smallWordOr(src, halves, base + 25);
  if (from <= 26) ctx.x21 = smallWordOr(src, halves, base + 26);
  if (from <= 27) ctx.x22 = smallWordOr(src, halves, base + 27);
  if (from <= 28) ctx.x23 = smallWordOr(src, halves, base + 28);
  if (from <= 29) ctx.x24 = smallWordOr(src, halves, base + 29);
  if (from <= 30) ctx.x25 = smallWordOr(src, halves, base + 30);
  if (from <= 31) ctx.x26 = smallWordOr(src, halves, base + 31);
  if (from <= 32) ctx.x27 = smallWordOr(src, halves, base + 32);
  if (from <= 33) ctx.x28 = smallWordOr(src, halves, base + 33);
  if (from <= 34) ctx.tpidr_el0 = smallWordOr(src, halves, base + 34);
  if (from <= 35) ctx.tpidrro_el0 = smallWordOr(src, halves, base + 35);
}

/** Copies register i of `ctx` into `dst[at + i - from]` for i in [from, 36) (the inverse of {@link wordsToUserContext}). */
export function userContextToWords(ctx: seL4_UserContext, dst: BigUint64Array, at: number, from: number): void {
  const base = at - from;
  if (from <= 0) dst[base + 0] = ctx.pc;
  if (from <= 1) dst[base + 1] = ctx.sp;
  if (from <= 2) dst[base + 2] = ctx.spsr;
  if (from <= 3) dst[base + 3] = ctx.x0;
  if (from <= 4) dst[base + 4] = ctx.x1;
  if (from <= 5) dst[base + 5] = ctx.x2;
  if (from <= 6) dst[base + 6] = ctx.x3;
  if (from <= 7) dst[base + 7] = ctx.x4;
  if (from <= 8) dst[base + 8] = ctx.x5;
  if (from <= 9) dst[base + 9] = ctx.x6;
  if (from <= 10) dst[base + 10] = ctx.x7;
  if (from <= 11) dst[base + 11] = ctx.x8;
  if (from <= 12) dst[base + 12] = ctx.x16;
  if (from <= 13) dst[base + 13] = ctx.x17;
  if (from <= 14) dst[base + 14] = ctx.x18;
  if (from <= 15) dst[base + 15] = ctx.x29;
  if (from <= 16) dst[base + 16] = ctx.x30;
  if (from <= 17) dst[base + 17] = ctx.x9;
  if (from <= 18) dst[base + 18] = ctx.x10;
  if (from <= 19) dst[base + 19] = ctx.x11;
  if (from <= 20) dst[base + 20] = ctx.x12;
  if (from <= 21) dst[base + 21] = ctx.x13;
  if (from <= 22) dst[base + 22] = ctx.x14;
  if (from <= 23) dst[base + 23] = ctx.x15;
  if (from <= 24) dst[base + 24] = ctx.x19;
  if (from <= 25) dst[base + 25] = ctx.x20;
  if (from <= 26) dst[base + 26] = ctx.x21;
  if (from <= 27) dst[base + 27] = ctx.x22;
  if (from <= 28) dst[base + 28] = ctx.x23;
  if (from <= 29) dst[base + 29] = ctx.x24;
  if (from <= 30) dst[base + 30] = ctx.x25;
  if (from <= 31) dst[base + 31] = ctx.x26;
  if (from <= 32) dst[base + 32] = ctx.x27;
  if (from <= 33) dst[base + 33] = ctx.x28;
  if (from <= 34) dst[base + 34] = ctx.tpidr_el0;
  if (from <= 35) dst[base + 35] = ctx.tpidrro_el0;
}
