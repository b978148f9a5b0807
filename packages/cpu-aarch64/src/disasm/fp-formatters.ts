/**
 * Formatters of the floating-point patterns (a64-fp-table.ts): scalar FP and AdvSIMD FP, printed
 * as GNU objdump prints them.
 */
import type { OpName } from "../decode/decoder.generated.js";
import type { Formatter } from "./operands.js";

/** Formatters of the floating-point patterns by pattern name. */
export const FP_FORMATTERS = {} satisfies Partial<Record<OpName, Formatter>>;
