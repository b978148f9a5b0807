// Stage-1 translation for the EL1&0 regime with the 4 KiB granule (spec aarch64-linux-boot.md §4).
// The walk works on unsigned 32-bit halves and exact doubles below 2^53: a 48-bit VA offset and a
// 48-bit output address both fit, so no bigint arithmetic happens per level.
//
// Choices where the Arm ARM leaves room (documented in README.md):
// - TG0/TG1 selecting 16 KiB or 64 KiB: a translation fault at level 0 (this CPU implements 4 KiB
//   only); reserved TGx encodings act as 4 KiB.
// - TxSZ outside 16..39 acts as the nearest bound.
// - No hardware Access flag or dirty state update (ID_AA64MMFR1.HAFDBS = 0): AF = 0 always faults.

import type { LookupLevel, Stage1FaultKind } from "./fault-status.js";
import {
  ATTR_DEVICE_NGNRNE,
  ATTR_NORMAL_NON_CACHEABLE,
  ATTR_NORMAL_WRITE_THROUGH,
  mairAttribute,
  SHAREABILITY_OUTER,
} from "./memory-attributes.js";
import { leafPermissions, PERM_ALL, permissionsFromMask, requiredPermission } from "./permissions.js";
import type { RangeConfig, TranslationRegime } from "./regime.js";
import {
  currentAsid,
  ignoresTopByte,
  outputAddressBits,
  PA_RANGE_BITS,
  rangeConfig,
  SCTLR_I,
  SCTLR_M,
  SCTLR_WXN,
  sctlrLow,
  splitHalves,
  topByteIgnoredFor,
} from "./regime.js";
import { pow2 } from "../core/pow2.js";
import type { Access, ReadPhys64, Stage1Fault, Stage1Result } from "./types.js";

const TWO_32 = 4294967296;
const PAGE_SIZE = 4096;

/** Bit position of the lowest VA bit a level's index covers: L0 39, L1 30, L2 21, L3 12. */
export function levelShift(level: LookupLevel): number {
  return 12 + 9 * (3 - level);
}

/** The walk's first level for a VA of `vaBits` bits: 40-48 → L0, 31-39 → L1, 25-30 → L2. */
export function startLevel(vaBits: number): LookupLevel {
  return (4 - Math.ceil((vaBits - 12) / 9)) as LookupLevel;
}

function fault(kind: Stage1FaultKind, level: LookupLevel): Stage1Fault {
  return { ok: false, fault: kind, level, s1ptw: false };
}

/**
 * True when VA bits [top:vaBits] all equal `select` (bit 55), i.e. the address lies inside the
 * range's VA window. `top` is 55 when the top byte is ignored, else 63.
 */
function insideRange(vaLo: number, vaHi: number, vaBits: number, top: 55 | 63, select: 0 | 1): boolean {
  const hiTop = top === 63 ? 0xffffffff : 0x00ffffff;
  const hiLow = Math.max(vaBits - 32, 0);
  const hiMask = ((hiTop >>> hiLow) << hiLow) >>> 0;
  if (((vaHi & hiMask) >>> 0) !== (select === 1 ? hiMask : 0)) return false;
  if (vaBits >= 32) return true;
  const loMask = (0xffffffff << vaBits) >>> 0;
  return ((vaLo & loMask) >>> 0) === (select === 1 ? loMask : 0);
}

/**
 * Translates the virtual address `vaHi:vaLo` (unsigned 32-bit halves) through the EL1&0 stage-1
 * tables described by `regime`, checking `access` against the leaf's permissions. Descriptors are
 * read with `readPhys64`; a null read ends the walk with `s1ptw = true`. Never throws for guest
 * state: every problem is a fault result carrying the kind and lookup level.
 */
export function translateStage1(
  regime: TranslationRegime,
  vaLo: number,
  vaHi: number,
  access: Access,
  readPhys64: ReadPhys64,
): Stage1Result {
  const sctlr = sctlrLow(regime);
  if ((sctlr & SCTLR_M) === 0) return translateFlat(regime, vaLo, vaHi, access, sctlr);
  const select = ((vaHi >>> 23) & 1) as 0 | 1;
  const range = rangeConfig(regime, select);
  const vaBits = 64 - range.txsz;
  const top = ignoresTopByte(range, access.fetch) ? 55 : 63;
  if (!insideRange(vaLo, vaHi, vaBits, top, select)) return fault("translation", 0);
  if (range.walkDisabled || range.granuleKiB !== 4) return fault("translation", 0);
  return walk(regime, range, vaBits, (vaHi & 0xffff) * TWO_32 + vaLo, access, sctlr, readPhys64);
}

/** Stage 1 off: the output address is the VA, data is Device-nGnRnE, fetches are Normal memory. */
function translateFlat(regime: TranslationRegime, vaLo: number, vaHi: number, access: Access, sctlr: number): Stage1Result {
  const top = topByteIgnoredFor(regime, vaHi, access.fetch) ? 55 : 63;
  const hiTop = top === 63 ? 0xffffffff : 0x00ffffff;
  const paHiBits = PA_RANGE_BITS - 32;
  if (((vaHi & hiTop) >>> paHiBits) !== 0) return fault("addressSize", 0);
  let memAttr = ATTR_DEVICE_NGNRNE;
  if (access.fetch) memAttr = (sctlr & SCTLR_I) !== 0 ? ATTR_NORMAL_WRITE_THROUGH : ATTR_NORMAL_NON_CACHEABLE;
  return {
    ok: true,
    pa: (vaHi & ((1 << paHiBits) - 1)) * TWO_32 + vaLo,
    attrIndx: -1,
    memAttr,
    shareability: SHAREABILITY_OUTER,
    global: true,
    asid: currentAsid(regime),
    perms: permissionsFromMask(PERM_ALL),
    permMask: PERM_ALL,
    blockSize: PAGE_SIZE,
  };
}

/** Walks the tables from the range's start level; `va` is the VA's low 48 bits as a number. */
function walk(
  regime: TranslationRegime,
  range: RangeConfig,
  vaBits: number,
  va: number,
  access: Access,
  sctlr: number,
  readPhys64: ReadPhys64,
): Stage1Result {
  const paLimit = pow2(outputAddressBits(regime));
  if (range.tableBase >= paLimit) return fault("addressSize", 0);
  let level = startLevel(vaBits);
  const startEntries = pow2(vaBits - levelShift(level));
  // The start table is aligned to its own size; TTBR bits below that are RES0 and read as zero.
  let table = range.tableBase - (range.tableBase % (startEntries * 8));
  let index = Math.floor(va / pow2(levelShift(level))) % startEntries;
  let apTable = 0;
  let uxnTable = 0;
  let pxnTable = 0;
  for (;;) {
    const descriptorAddress = table + index * 8;
    const descriptor = readPhys64(descriptorAddress);
    if (descriptor === null) return { ok: false, fault: "translation", level, s1ptw: true, ipa: descriptorAddress };
    const { lo, hi } = splitHalves(descriptor);
    const type = lo & 3;
    const address = (hi & 0xffff) * TWO_32 + ((lo & 0xfffff000) >>> 0);
    if (type === 3 && level < 3) {
      if (address >= paLimit) return fault("addressSize", level);
      apTable |= (hi >>> 29) & 3; // APTable, bits 62:61
      uxnTable |= (hi >>> 28) & 1; // UXNTable, bit 60
      pxnTable |= (hi >>> 27) & 1; // PXNTable, bit 59
      table = address;
      level = (level + 1) as LookupLevel;
      index = Math.floor(va / pow2(levelShift(level))) % 512;
      continue;
    }
    const isLeaf = type === 3 || (type === 1 && (level === 1 || level === 2));
    if (!isLeaf) return fault("translation", level);
    const blockSize = pow2(levelShift(level));
    if (address >= paLimit) return fault("addressSize", level);
    if ((lo & (1 << 10)) === 0) return fault("accessFlag", level);
    // APTable[0] takes EL0 access away (clears AP[1]); APTable[1] makes everything read-only (sets AP[2]).
    const ap = (((lo >>> 6) & 3) & ~(apTable & 1)) | (apTable & 2);
    const permMask = leafPermissions({
      ap,
      uxn: ((hi >>> 22) & 1 | uxnTable) === 1,
      pxn: ((hi >>> 21) & 1 | pxnTable) === 1,
      wxn: (sctlr & SCTLR_WXN) !== 0,
    });
    if ((permMask & requiredPermission(access)) === 0) return fault("permission", level);
    const attrIndx = (lo >>> 2) & 7;
    return {
      ok: true,
      pa: address - (address % blockSize) + (va % blockSize),
      attrIndx,
      memAttr: mairAttribute(regime.mair, attrIndx),
      shareability: (lo >>> 8) & 3,
      global: (lo & (1 << 11)) === 0,
      asid: currentAsid(regime),
      perms: permissionsFromMask(permMask),
      permMask,
      blockSize,
    };
  }
}
