/**
 * Glue between the handlers and the soft-float library (src/fp/): the per-core FpContext gets a
 * fresh copy of FPCR and empty flags before an instruction, and the flags the instruction raised
 * are ORed into FPSR afterwards.
 */
import type { FpContext } from "../../../fp/fpcr.js";
import { FPCR, FPSR } from "../../layout.js";
import type { CoreState } from "../../state.js";

/** The core's FpContext, primed with the current FPCR and no flags. */
export function beginFp(s: CoreState): FpContext {
  const ctx = s.fpContext;
  ctx.fpcr = s.u32[2 * FPCR]!;
  ctx.fpsr = 0;
  return ctx;
}

/** Accumulates the flags raised since `beginFp` into FPSR. */
export function endFp(s: CoreState, ctx: FpContext): void {
  if (ctx.fpsr !== 0) s.u32[2 * FPSR] = s.u32[2 * FPSR]! | ctx.fpsr;
}

/** Writes a 32-bit scalar to V[d] and zeroes the rest of the register. */
export function setS(s: CoreState, d: number, value: number): void {
  const u = s.vu32;
  const w = 4 * d;
  u[w] = value;
  u[w + 1] = 0;
  u[w + 2] = 0;
  u[w + 3] = 0;
}

/** Writes a 64-bit scalar (words hi, lo) to V[d] and zeroes the upper half. */
export function setD(s: CoreState, d: number, hi: number, lo: number): void {
  const u = s.vu32;
  const w = 4 * d;
  u[w] = lo;
  u[w + 1] = hi;
  u[w + 2] = 0;
  u[w + 3] = 0;
}

/** Writes a 16-bit scalar to V[d] and zeroes the rest. */
export function setH(s: CoreState, d: number, value: number): void {
  setS(s, d, value & 0xffff);
}
