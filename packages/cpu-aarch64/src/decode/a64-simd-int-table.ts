/**
 * A64 encodings of the AdvSIMD integer operations: three same, three different (incl. PMULL),
 * two-register miscellaneous, across lanes, by element, shifts by immediate, modified immediate
 * and their scalar forms. Same syntax as `a64-table.ts`; `tables.ts` joins every table into one
 * decoder and the overlap check runs across all of them.
 */
export const A64_SIMD_INT_TABLE = String.raw`
`;
