/**
 * A64 encodings of scalar floating point (arithmetic, compares, conditional select, FMOV,
 * conversions between FP and integer/fixed point) and of the AdvSIMD floating-point operations,
 * vector and scalar. Same syntax as `a64-table.ts`; `tables.ts` joins every table into one
 * decoder and the overlap check runs across all of them.
 */
export const A64_FP_TABLE = String.raw`
`;
