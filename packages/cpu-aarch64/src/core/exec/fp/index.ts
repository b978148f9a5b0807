/**
 * Handlers of the patterns of a64-fp-table.ts (scalar FP and AdvSIMD floating point), merged
 * here from the modules of this folder. See ../vregs.ts for V register, FPCR and FPSR access.
 */
import type { OpName } from "../../../decode/decoder.generated.js";
import type { Handler } from "../handler.js";
import { FP_SCALAR_HANDLERS } from "./scalar.js";
import { FP_SIMD_HANDLERS } from "./simd.js";

/** Handlers of the a64-fp-table.ts patterns by pattern name. */
export const FP_HANDLERS = {
  ...FP_SCALAR_HANDLERS,
  ...FP_SIMD_HANDLERS,
} satisfies Partial<Record<OpName, Handler>>;
