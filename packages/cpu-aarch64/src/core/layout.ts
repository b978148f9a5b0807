/**
 * Slots of the register file (a BigUint64Array; the 32-bit views see slot s at 2s and 2s+1).
 * Slot 31 reads as zero for instructions where register 31 is XZR; writes to it are skipped.
 */
export const ZR = 31;
export const SP = 32;
/** Scratch slots used by handlers to pass 64-bit intermediate values without allocating. */
export const T0 = 33;
export const T1 = 34;
/** Holds the exact PC while it is at or above 2^53 (outside anything mappable). */
export const PC_HIGH = 35;
export const TPIDR_EL0 = 36;
export const TPIDRRO_EL0 = 37;
export const FPCR = 38;
export const FPSR = 39;
export const REGISTER_SLOTS = 40;

/**
 * SIMD&FP scratch registers after V0–V31 in the V file (see CoreState.vu8): handlers stage
 * 128-bit values there (a result whose sources it overlaps, a load that must not land until a
 * second access succeeds) without allocating. Never architectural, never saved.
 */
export const VT0 = 32;
export const VT1 = 33;
export const VT2 = 34;
export const VT3 = 35;
/** V registers in the file, scratch included. */
export const V_SLOTS = 36;

/** Executor return codes: continue at PC+4, continue at the PC the handler set, or stop. */
export const NEXT = 0;
export const JUMP = 1;
export const STOP = 2;
