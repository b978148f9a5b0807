/** The three IEEE binary formats the A64 FP instructions use, as the Arm ARM parameterises them. */
export interface FpFormat {
  /** Total width N. */
  readonly N: 16 | 32 | 64;
  /** Exponent width E. */
  readonly E: number;
  /** Fraction width F. */
  readonly F: number;
  /** The exponent of the smallest normal number, `minimum_exp`. */
  readonly minExp: number;
  readonly bias: number;
  /** Bit patterns as bigints (the slow, general paths work on bigints). */
  readonly signBit: bigint;
  readonly expMask: bigint;
  readonly fracMask: bigint;
  /** The quiet bit, `topfrac`. */
  readonly quietBit: bigint;
  readonly maxExpField: number;
}

function format(N: 16 | 32 | 64, E: number, F: number): FpFormat {
  const bias = (1 << (E - 1)) - 1;
  return {
    N,
    E,
    F,
    bias,
    minExp: 1 - bias,
    signBit: 1n << BigInt(N - 1),
    expMask: ((1n << BigInt(E)) - 1n) << BigInt(F),
    fracMask: (1n << BigInt(F)) - 1n,
    quietBit: 1n << BigInt(F - 1),
    maxExpField: (1 << E) - 1,
  };
}

export const F16: FpFormat = format(16, 5, 10);
export const F32: FpFormat = format(32, 8, 23);
export const F64: FpFormat = format(64, 11, 52);

/** `FPZero(sign)`. */
export function fpZero(fmt: FpFormat, sign: number): bigint {
  return sign ? fmt.signBit : 0n;
}

/** `FPInfinity(sign)`. */
export function fpInfinity(fmt: FpFormat, sign: number): bigint {
  return (sign ? fmt.signBit : 0n) | fmt.expMask;
}

/** `FPMaxNormal(sign)`. */
export function fpMaxNormal(fmt: FpFormat, sign: number): bigint {
  return (sign ? fmt.signBit : 0n) | (BigInt(fmt.maxExpField - 1) << BigInt(fmt.F)) | fmt.fracMask;
}

/** `FPDefaultNaN()`: positive, quiet, zero payload. */
export function fpDefaultNaN(fmt: FpFormat): bigint {
  return fmt.expMask | fmt.quietBit;
}

/** A normal number 2^e * 1.0 with the given sign (`FPTwo`, `FPOnePointFive` use this with a fraction). */
export function fpPowerOfTwo(fmt: FpFormat, sign: number, e: number, frac = 0n): bigint {
  return (sign ? fmt.signBit : 0n) | (BigInt(e + fmt.bias) << BigInt(fmt.F)) | frac;
}
