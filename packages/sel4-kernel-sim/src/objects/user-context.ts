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

/** Converts a register file to a named seL4_UserContext record. */
export function toUserContext(regs: BigUint64Array): seL4_UserContext {
  const ctx = {} as Record<string, bigint>;
  USER_CONTEXT_NAMES.forEach((name, i) => (ctx[name] = regs[i]!));
  return ctx as seL4_UserContext;
}

/** An all-zero seL4_UserContext. */
export function emptyUserContext(): seL4_UserContext {
  return toUserContext(newRegisterFile());
}
