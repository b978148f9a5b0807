// PAR_EL1 as AT S1E0R/S1E0W/S1E1R/S1E1W leave it (Arm ARM, PAR_EL1, 64-bit format; spec §3).
//   success: F[0] = 0, SH[8:7], NS[9], bit 11 RES1, PA[47:12], ATTR[63:56]
//   failure: F[0] = 1, FST[6:1], PTW[8] (fault on a stage-1 walk's own access), S[9] (stage 2
//            fault), bit 11 RES1

import { faultStatusCode } from "./fault-status.js";
import { effectiveShareability } from "./memory-attributes.js";
import type { Stage1Result } from "./types.js";

/** Options for {@link parFromResult}. */
export interface ParOptions {
  /** The NS bit of a successful result: the EL1&0 regime of a guest is Non-secure (default true). */
  nonSecure?: boolean;
}

const PAR_RES1 = 1n << 11n;
const PAGE_MASK_48 = 0xffff_ffff_f000n;

/**
 * The PAR_EL1 value an address translation instruction writes for `result`. A walk that hit a
 * hole (`s1ptw`) is a stage-2 fault on the stage-1 walk, so it sets both PTW and S.
 */
export function parFromResult(result: Stage1Result, options: ParOptions = {}): bigint {
  if (!result.ok) {
    let par = 1n | (BigInt(faultStatusCode(result.fault, result.level)) << 1n) | PAR_RES1;
    if (result.s1ptw) par |= (1n << 8n) | (1n << 9n);
    return par;
  }
  const sh = effectiveShareability(result.memAttr, result.shareability);
  let par = (BigInt(result.memAttr) << 56n) | (BigInt(result.pa) & PAGE_MASK_48) | PAR_RES1 | (BigInt(sh) << 7n);
  if (options.nonSecure ?? true) par |= 1n << 9n;
  return par;
}
