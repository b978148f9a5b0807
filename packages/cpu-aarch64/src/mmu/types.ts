// The shapes stage-1 translation takes and returns (SYSTEM.md, `src/mmu/` contract).

import type { LookupLevel, Stage1FaultKind } from "./fault-status.js";
import type { Stage1Permissions } from "./permissions.js";

/** What an access wants: a write, an instruction fetch, and whether EL0 permissions apply
 *  (EL0 code, and LDTR/STTR or AT S1E0* executed at EL1). */
export interface Access {
  write: boolean;
  fetch: boolean;
  el0: boolean;
}

/** A successful stage-1 translation. */
export interface Stage1Success {
  ok: true;
  /** Output (intermediate physical) address of the accessed byte. */
  pa: number;
  /** The leaf's AttrIndx[2:0]; -1 when stage 1 is off (no descriptor). */
  attrIndx: number;
  /** The MAIR_EL1 attribute byte AttrIndx selects (or the MMU-off default). */
  memAttr: number;
  /** SH[1:0] of the leaf: 0 non-shareable, 2 outer, 3 inner (2 when stage 1 is off). */
  shareability: number;
  /** True for nG = 0 (matches every ASID); always true when stage 1 is off. */
  global: boolean;
  /** The ASID in force for this walk (see `currentAsid`). */
  asid: number;
  perms: Stage1Permissions;
  /** The same permissions as PERM_* bits (what the TLB stores). */
  permMask: number;
  /** Bytes the leaf maps: 4096 (page, or MMU off), 2 MiB (L2 block) or 1 GiB (L1 block). */
  blockSize: number;
}

/** A failed stage-1 translation. */
export interface Stage1Fault {
  ok: false;
  fault: Stage1FaultKind;
  level: LookupLevel;
  /** The walk's read of a descriptor hit an address with nothing behind it (a stage-2 hole in the
   *  hypervisor's view); `ipa` is then that descriptor's address. */
  s1ptw: boolean;
  ipa?: number;
}

/** The outcome of `translateStage1`. */
export type Stage1Result = Stage1Success | Stage1Fault;

/** Reads a 64-bit little-endian descriptor at a physical address, or null when nothing is there. */
export type ReadPhys64 = (pa: number) => bigint | null;
