/**
 * Test oracles written from the Arm ARM pseudocode with BigInt, independent of the interpreter's
 * 32-bit-halves arithmetic.
 */

/** AddWithCarry(x, y, carry) on `bits`-bit values: the result and NZCV (N=8, Z=4, C=2, V=1). */
export function addWithCarry(x: bigint, y: bigint, carry: bigint, bits: number): { result: bigint; nzcv: number } {
  const mask = (1n << BigInt(bits)) - 1n;
  const unsignedSum = (x & mask) + (y & mask) + carry;
  const signedSum = BigInt.asIntN(bits, x) + BigInt.asIntN(bits, y) + carry;
  const result = unsignedSum & mask;
  const n = Number((result >> BigInt(bits - 1)) & 1n);
  const z = result === 0n ? 1 : 0;
  const c = result === unsignedSum ? 0 : 1;
  const v = BigInt.asIntN(bits, result) === signedSum ? 0 : 1;
  return { result, nzcv: (n << 3) | (z << 2) | (c << 1) | v };
}

/** Condition names in encoding order. */
export const CONDITION_NAMES = ["eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al", "nv"];

/** ConditionHolds(cond) for a 4-bit NZCV. */
export function conditionHolds(cond: number, nzcv: number): boolean {
  const n = (nzcv & 8) !== 0;
  const z = (nzcv & 4) !== 0;
  const c = (nzcv & 2) !== 0;
  const v = (nzcv & 1) !== 0;
  const base = [z, c, n, v, c && !z, n === v, n === v && !z, true][cond >> 1]!;
  return (cond & 1) === 1 && cond !== 15 ? !base : base;
}
