// The EL1&0 translation regime as the system registers describe it, decoded into the few numbers a
// stage-1 walk needs. Field positions: spec aarch64-linux-boot.md §3-4 and the Arm ARM (TCR_EL1).

/** The system registers that control EL1&0 stage-1 translation, as raw 64-bit values. */
export interface TranslationRegime {
  sctlr: bigint;
  tcr: bigint;
  ttbr0: bigint;
  ttbr1: bigint;
  mair: bigint;
}

/** Physical address size of the modelled CPU: ID_AA64MMFR0_EL1.PARange = 2 (40 bits). */
export const PA_RANGE_BITS = 40;

/** SCTLR_EL1 bits that matter to translation. */
export const SCTLR_M = 1 << 0;
export const SCTLR_I = 1 << 12;
export const SCTLR_WXN = 1 << 19;

/** Output address size in bits for each TCR_EL1.IPS encoding (6 and 7 are beyond ARMv8.0). */
const IPS_BITS = [32, 36, 40, 42, 44, 48, 52, 52] as const;

/** What a walk needs from TCR_EL1 for one VA range (TTBR0 or TTBR1). */
export interface RangeConfig {
  /** 1 for the upper range (VA bit 55 set, TTBR1), 0 for the lower. */
  select: 0 | 1;
  /** The range's TxSZ, clamped to 16..39 (the Arm ARM lets out-of-range values act as the nearest bound). */
  txsz: number;
  /** Granule in KiB (4, 16 or 64); only 4 is implemented by this CPU. */
  granuleKiB: 4 | 16 | 64;
  /** EPDx: walks for this range are disabled (a TLB miss is a translation fault). */
  walkDisabled: boolean;
  /** TBIx: the top byte is ignored for data accesses. */
  topByteIgnored: boolean;
  /** TBIDx: with TBIx, the top byte is still checked for instruction fetches. */
  topByteIgnoredDataOnly: boolean;
  /** Table base from TTBRx.BADDR[47:1] (bits below the start table's alignment are cleared by the walk). */
  tableBase: number;
}

/** A 64-bit register value split into unsigned 32-bit halves (the walk works in numbers, not bigints). */
export function splitHalves(value: bigint): { lo: number; hi: number } {
  return { lo: Number(BigInt.asUintN(32, value)), hi: Number(BigInt.asUintN(32, value >> 32n)) };
}

/** The low 32 bits of SCTLR_EL1 (all the bits translation uses). */
export function sctlrLow(regime: TranslationRegime): number {
  return Number(BigInt.asUintN(32, regime.sctlr));
}

/**
 * The granule a TGx field selects. TG0 and TG1 use different encodings; the reserved encodings
 * (TG0 = 3, TG1 = 0) behave as the 4 KiB granule, as the Arm ARM allows ("treated as an
 * implemented granule size") and as QEMU does, so a guest that never set TG1 still walks.
 */
function granuleOf(select: 0 | 1, tg: number): 4 | 16 | 64 {
  if (select === 0) return tg === 1 ? 64 : tg === 2 ? 16 : 4;
  return tg === 1 ? 16 : tg === 3 ? 64 : 4;
}

/** Decodes TCR_EL1 and the TTBR for the VA range `select`. */
export function rangeConfig(regime: TranslationRegime, select: 0 | 1): RangeConfig {
  const tcr = splitHalves(regime.tcr);
  const shift = select === 0 ? 0 : 16;
  const rawTxsz = (tcr.lo >>> shift) & 0x3f;
  const ttbr = splitHalves(select === 0 ? regime.ttbr0 : regime.ttbr1);
  return {
    select,
    txsz: Math.min(39, Math.max(16, rawTxsz)),
    granuleKiB: granuleOf(select, (tcr.lo >>> (shift + 14)) & 3),
    walkDisabled: ((tcr.lo >>> (select === 0 ? 7 : 23)) & 1) === 1,
    topByteIgnored: ((tcr.hi >>> (select === 0 ? 5 : 6)) & 1) === 1,
    topByteIgnoredDataOnly: ((tcr.hi >>> (select === 0 ? 19 : 20)) & 1) === 1,
    tableBase: (ttbr.hi & 0xffff) * 4294967296 + ((ttbr.lo & 0xfffffffe) >>> 0),
  };
}

/** True when the top byte of an address in this range is ignored for this kind of access. */
export function ignoresTopByte(range: RangeConfig, fetch: boolean): boolean {
  return range.topByteIgnored && !(fetch && range.topByteIgnoredDataOnly);
}

/** TCR_EL1.TBI for the range of an address (for the MMU-off path, which still honours TBI). */
export function topByteIgnoredFor(regime: TranslationRegime, vaHi: number, fetch: boolean): boolean {
  return ignoresTopByte(rangeConfig(regime, ((vaHi >>> 23) & 1) as 0 | 1), fetch);
}

/** Effective output address size: TCR_EL1.IPS bounded by the CPU's PARange. */
export function outputAddressBits(regime: TranslationRegime): number {
  const ips = Number((regime.tcr >> 32n) & 7n);
  return Math.min(IPS_BITS[ips] ?? PA_RANGE_BITS, PA_RANGE_BITS);
}

/**
 * The current ASID: TTBR1_EL1.ASID when TCR_EL1.A1 = 1, else TTBR0_EL1.ASID; 16 bits when
 * TCR_EL1.AS = 1 (MMFR0.ASIDBits = 2 says 16-bit ASIDs exist), otherwise the low 8 bits.
 */
export function currentAsid(regime: TranslationRegime): number {
  const tcr = splitHalves(regime.tcr);
  const a1 = (tcr.lo >>> 22) & 1;
  const asid = Number(((a1 === 1 ? regime.ttbr1 : regime.ttbr0) >> 48n) & 0xffffn);
  return (tcr.hi >>> 4) & 1 ? asid : asid & 0xff;
}

/** True when TCR_EL1.AS selects 16-bit ASIDs (TLBI operands then carry all 16 bits). */
export function asid16(regime: TranslationRegime): boolean {
  return ((regime.tcr >> 36n) & 1n) === 1n;
}
