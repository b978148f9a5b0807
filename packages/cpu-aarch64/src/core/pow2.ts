/**
 * 2^n for variable shift counts (the table walk, the TLB's block regions, the AdvSIMD lane
 * operations). `2 ** n` with n unknown to the compiler is a call of the C library's pow (about
 * 0.1 µs); a table lookup is exact and cheap. n reaches 159: lane shifts count to 127 and lane
 * arithmetic takes 2^e for e <= 64.
 */
const POWERS_OF_TWO = Float64Array.from({ length: 160 }, (_, n) => 2 ** n);

/** 2^n for an integer n in 0..159. */
export function pow2(n: number): number {
  return POWERS_OF_TWO[n]!;
}
