// Memory attributes: the MAIR_EL1 byte a descriptor's AttrIndx selects, and what stage 1 uses when
// it is off (Arm ARM, "The effects of disabling a stage of address translation").

/** MAIR encoding of Device-nGnRnE: data accesses with SCTLR_EL1.M = 0. */
export const ATTR_DEVICE_NGNRNE = 0x00;
/** Normal, Inner and Outer Non-cacheable: instruction fetches with M = 0 and SCTLR_EL1.I = 0. */
export const ATTR_NORMAL_NON_CACHEABLE = 0x44;
/** Normal, Inner and Outer Write-Through, read-allocate: instruction fetches with M = 0 and I = 1. */
export const ATTR_NORMAL_WRITE_THROUGH = 0xaa;
/** SH encoding for Outer Shareable. */
export const SHAREABILITY_OUTER = 2;

/** The attribute byte `index` (0..7) of a MAIR_EL1 value. */
export function mairAttribute(mair: bigint, index: number): number {
  return Number((mair >> BigInt(index * 8)) & 0xffn);
}

/** True for Device memory (attribute byte 0b0000_ddxx). */
export function isDeviceAttribute(attr: number): boolean {
  return (attr & 0xf0) === 0;
}

/**
 * The shareability reported for memory of this attribute: Device and Normal Inner+Outer
 * Non-cacheable memory are always Outer Shareable, whatever the descriptor's SH says
 * (Arm ARM, PAR_EL1.SH).
 */
export function effectiveShareability(attr: number, sh: number): number {
  return isDeviceAttribute(attr) || attr === ATTR_NORMAL_NON_CACHEABLE ? SHAREABILITY_OUTER : sh;
}
