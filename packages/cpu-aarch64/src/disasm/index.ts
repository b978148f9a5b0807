import { OP_FIELDS, OP_NAMES, decodeA64 } from "../decode/decoder.generated.js";
import type { OpName } from "../decode/decoder.generated.js";
import { FP_FORMATTERS } from "./fp-formatters.js";
import { INTEGER_FORMATTERS } from "./formatters.js";
import { extractFields } from "./operands.js";
import type { Formatter } from "./operands.js";
import { SIMD_FORMATTERS } from "./simd-formatters.js";
import { SIMD_INT_FORMATTERS } from "./simd-int-formatters.js";

/** One formatter per table pattern (one module per table): the compiler checks this is complete. */
const FORMATTERS: Record<Exclude<OpName, "UNALLOCATED">, Formatter> = {
  ...INTEGER_FORMATTERS,
  ...SIMD_FORMATTERS,
  ...FP_FORMATTERS,
  ...SIMD_INT_FORMATTERS,
};

/**
 * Disassembles one A64 instruction word at address `pc` in GNU objdump syntax (mnemonic, a tab,
 * operands; preferred aliases as objdump prints them). Branch and literal targets are printed
 * as bare hex addresses, without objdump's ` <symbol+off>` annotation or its `//` comments.
 * Encodings this CPU treats as UNDEFINED print as `.inst\t0x…` followed by `; undefined`.
 */
export function disassemble(insn: number, pc: bigint): string {
  const word = insn >>> 0;
  const id = decodeA64(word);
  if (id !== 0) {
    const name = OP_NAMES[id] as Exclude<OpName, "UNALLOCATED">;
    const text = FORMATTERS[name](extractFields(OP_FIELDS[id]!, word), word, BigInt.asUintN(64, pc));
    if (text !== null) return text;
  }
  return `.inst\t0x${word.toString(16).padStart(8, "0")} ; undefined`;
}
