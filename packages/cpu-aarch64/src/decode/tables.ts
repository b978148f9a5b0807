import { A64_FP_TABLE } from "./a64-fp-table.js";
import { A64_SIMD_INT_TABLE } from "./a64-simd-int-table.js";
import { A64_SIMD_TABLE } from "./a64-simd-table.js";
import { A64_TABLE } from "./a64-table.js";
import type { TableSource } from "./table-parser.js";

/**
 * Every encoding table of the A64 decoder, in the order their patterns get ids: base integer,
 * SIMD&FP loads/stores/permutes/crypto, floating point, AdvSIMD integer. One file per group so
 * that the groups grow independently; `parseEncodingTable` checks overlaps across all of them.
 */
export const A64_TABLES: readonly TableSource[] = [
  { file: "a64-table.ts", text: A64_TABLE },
  { file: "a64-simd-table.ts", text: A64_SIMD_TABLE },
  { file: "a64-fp-table.ts", text: A64_FP_TABLE },
  { file: "a64-simd-int-table.ts", text: A64_SIMD_INT_TABLE },
];
