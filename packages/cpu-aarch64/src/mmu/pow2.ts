/**
 * 2^n for the walk's and the TLB's variable shifts. `2 ** n` with n unknown to the compiler is a
 * call of the C library's pow (about 0.1 µs); a table lookup is exact for n in 0..64 and cheap.
 */
const POWERS_OF_TWO: readonly number[] = Array.from({ length: 65 }, (_, n) => 2 ** n);

/** 2^n for an integer n in 0..64. */
export function pow2(n: number): number {
  return POWERS_OF_TWO[n]!;
}
