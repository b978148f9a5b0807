/** Register-file access shared by the handlers (64-bit values as unsigned 32-bit halves). */
import { SP } from "../layout.js";
import type { CoreState } from "../state.js";

/** Register slot for fields where 31 means SP. */
export function spOr(r: number): number {
  return r === 31 ? SP : r;
}

/** Writes a 32-bit result, zero-extended, to slot d unless it is 31 (WZR). */
export function setW(s: CoreState, d: number, value: number): void {
  if (d !== 31) {
    s.u32[2 * d] = value;
    s.u32[2 * d + 1] = 0;
  }
}

/** Writes a 64-bit result given as halves to slot d unless it is 31 (XZR). */
export function setX(s: CoreState, d: number, lo: number, hi: number): void {
  if (d !== 31) {
    s.u32[2 * d] = lo;
    s.u32[2 * d + 1] = hi;
  }
}
