import type { CoreState } from "../state.js";

/**
 * Executes one decoded instruction. Returns NEXT (continue at PC+4), JUMP (the handler set the
 * PC) or STOP (the handler set `s.exit`). Handlers read their operands from the instruction word.
 */
export type Handler = (s: CoreState, insn: number) => number;
