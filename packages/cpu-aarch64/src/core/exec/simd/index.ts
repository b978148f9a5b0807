/**
 * Handlers of the patterns of a64-simd-table.ts (SIMD&FP loads/stores, copies/permutes, CRC32,
 * crypto), one module per concern, merged here.
 */
import type { Handler } from "../handler.js";
import { crcHandlers } from "./crc.js";
import { cryptoHandlers } from "./crypto.js";
import { SIMD_LOAD_STORE_HANDLERS } from "./load-store.js";
import { PERMUTE_HANDLERS } from "./permute.js";
import { STRUCTURE_HANDLERS } from "./structures.js";

/** Handlers of the a64-simd-table.ts patterns by pattern name. */
export const SIMD_HANDLERS = {
  ...SIMD_LOAD_STORE_HANDLERS,
  ...STRUCTURE_HANDLERS,
  ...PERMUTE_HANDLERS,
  ...crcHandlers(),
  ...cryptoHandlers(),
} satisfies Record<string, Handler>;
