/**
 * Formatters of the AdvSIMD integer patterns (a64-simd-int-table.ts), printed as GNU objdump
 * prints them.
 */
import type { OpName } from "../decode/decoder.generated.js";
import type { Formatter } from "./operands.js";

/** Formatters of the AdvSIMD integer patterns by pattern name. */
export const SIMD_INT_FORMATTERS = {} satisfies Partial<Record<OpName, Formatter>>;
