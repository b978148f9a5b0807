/**
 * Handlers of the patterns of a64-simd-int-table.ts (AdvSIMD integer operations), merged here
 * from the modules of this folder. See ../vregs.ts for V register and FPSR.QC access.
 */
import type { OpName } from "../../../decode/decoder.generated.js";
import type { Handler } from "../handler.js";

/** Handlers of the a64-simd-int-table.ts patterns by pattern name. */
export const SIMD_INT_HANDLERS = {} satisfies Partial<Record<OpName, Handler>>;
