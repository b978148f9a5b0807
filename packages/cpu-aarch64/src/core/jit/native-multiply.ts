/**
 * Products of the multiply instructions as int32 halves, for native code: exact without BigInt,
 * since every partial product is formed from 16-bit pieces (MUL, MADD, UMADDL, SMADDL: with
 * Math.imul and int32 sums; UMULH, SMULH: column sums below 2^53).
 */
import type { BlockEmitter } from "./emitter.js";

/** The unsigned 32x32-bit product of int32 names a and b as [low, high] int32 names. */
export function multiply32x32(e: BlockEmitter, a: string, b: string): [string, string] {
  const lo = e.let(`Math.imul(${a}, ${b})`);
  return [lo, e.let(`${productHigh(e, a, b)} | 0`)];
}

/**
 * High word of the unsigned product of a and b, an expression of names it defines, exact
 * modulo 2^32 (callers truncate it with `| 0`): the products of 16-bit pieces are below 2^32, so
 * Math.imul forms them exactly, and the sums stay int32 arithmetic (a product or sum beyond 2^31
 * would be a double in V8; see emitter.ts's unsignedCarry).
 */
function productHigh(e: BlockEmitter, a: string, b: string): string {
  const [a0, a1, b0, b1] = [e.let(`${a} & 65535`), e.let(`${a} >>> 16`), e.let(`${b} & 65535`), e.let(`${b} >>> 16`)];
  const cross1 = e.let(`Math.imul(${a1}, ${b0})`);
  const cross2 = e.let(`Math.imul(${a0}, ${b1})`);
  // Bits 32 and up of a0 * b0 + the crosses' low halves shifted left by 16: their carry into the high word.
  const middle = e.let(`((Math.imul(${a0}, ${b0}) >>> 16) + (${cross1} & 65535) + (${cross2} & 65535)) >>> 16`);
  return `(Math.imul(${a1}, ${b1}) + (${cross1} >>> 16) + (${cross2} >>> 16) + ${middle})`;
}

/** The low 64 bits of a 64x64-bit product (MUL, MADD): the cross products add to the high word. */
export function multiply64Low(e: BlockEmitter, a: readonly [string, string], b: readonly [string, string]): [string, string] {
  const lo = e.let(`Math.imul(${a[0]}, ${b[0]})`);
  const high = productHigh(e, a[0], b[0]);
  return [lo, e.let(`(${high} + Math.imul(${a[0]}, ${b[1]}) + Math.imul(${a[1]}, ${b[0]})) | 0`)];
}

/** The 64-bit product of two 32-bit values, signed (SMADDL) or unsigned (UMADDL). */
export function multiply32Wide(e: BlockEmitter, a: string, b: string, signed: boolean): [string, string] {
  const [lo, hi] = multiply32x32(e, a, b);
  // Signed: each negative operand subtracts the other from the high word (mod 2^32).
  return signed ? [lo, e.let(`(${hi} - (${a} < 0 ? ${b} : 0) - (${b} < 0 ? ${a} : 0)) | 0`)] : [lo, hi];
}

/**
 * The high 64 bits of the 128-bit product of a and b (UMULH, SMULH): 16-bit limbs, column sums
 * (at most four 32-bit products and a carry each), the upper four limbs assembled into words.
 */
export function multiply64High(e: BlockEmitter, a: readonly [string, string], b: readonly [string, string], signed: boolean): [string, string] {
  const limbs = (x: readonly [string, string]): string[] => [
    e.let(`${x[0]} & 65535`),
    e.let(`${x[0]} >>> 16`),
    e.let(`${x[1]} & 65535`),
    e.let(`${x[1]} >>> 16`),
  ];
  const p = limbs(a);
  const q = limbs(b);
  const out: string[] = [];
  let carry = "0";
  for (let column = 0; column < 7; column++) {
    const terms: string[] = [];
    for (let i = Math.max(0, column - 3); i <= Math.min(3, column); i++) terms.push(`${p[i]!} * ${q[column - i]!}`);
    const sum = e.let(`${carry === "0" ? "" : `${carry} + `}${terms.join(" + ")}`);
    out.push(`(${sum} & 65535)`);
    carry = e.let(`Math.floor(${sum} / 65536)`);
  }
  // Limb 7 is the last carry (below 2^16: the product is below 2^128).
  let lo = e.let(`${out[4]!} | (${out[5]!} << 16)`);
  let hi = e.let(`${out[6]!} | (${carry} << 16)`);
  if (signed) {
    // The signed high word: the unsigned one minus b if a < 0 and minus a if b < 0 (mod 2^64).
    for (const [x, y] of [[a, b], [b, a]] as const) {
      const negative = `${x[1]} < 0`;
      const dl = e.let(`${negative} ? ${y[0]} >>> 0 : 0`);
      const dh = e.let(`${negative} ? ${y[1]} : 0`);
      const l = e.let(`${lo} >>> 0`);
      const nextLo = e.let(`(${l} - ${dl}) | 0`);
      hi = e.let(`(${hi} - ${dh} - (${l} < ${dl} ? 1 : 0)) | 0`);
      lo = nextLo;
    }
  }
  return [lo, hi];
}
