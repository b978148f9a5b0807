// One CPU's stage-1 MMU: the regime registers, a TLB and the walker put together the way the
// interpreter's MemoryPort slow path uses them — TLB probe, walk on a miss or a permission miss,
// fill on success — so that the wiring lives in one tested place.

import { requiredPermission } from "./permissions.js";
import type { TranslationRegime } from "./regime.js";
import { currentAsid } from "./regime.js";
import { Tlb } from "./tlb.js";
import { translateStage1 } from "./translate.js";
import type { Access, ReadPhys64, Stage1Fault } from "./types.js";

/** Options of a {@link Stage1Mmu}. */
export interface Stage1MmuOptions {
  /** Initial register values (default: everything zero, i.e. the MMU off). */
  regime?: TranslationRegime;
  /** TLB slots (default 2048). */
  tlbEntries?: number;
}

/**
 * Stage-1 translation with a TLB in front. `translate` returns the output address or -1 (then
 * `lastFault` says why); hits allocate nothing. Call `setRegime` on every write to SCTLR_EL1,
 * TCR_EL1, TTBR0/1_EL1 or MAIR_EL1: a change of SCTLR, TCR or MAIR flushes the TLB; a TTBR write
 * keeps it, as hardware does (entries are ASID-tagged, so a context switch to another ASID needs no
 * flush, and software issues a TLBI before it reuses an ASID or changes tables under the same one).
 */
export class Stage1Mmu {
  readonly tlb: Tlb;
  /** The fault of the last `translate` that returned -1. */
  lastFault: Stage1Fault | null = null;
  private regimeValue: TranslationRegime;
  private asid: number;

  constructor(
    private readonly readPhys64: ReadPhys64,
    options: Stage1MmuOptions = {},
  ) {
    this.tlb = new Tlb({ entries: options.tlbEntries });
    this.regimeValue = options.regime ?? { sctlr: 0n, tcr: 0n, ttbr0: 0n, ttbr1: 0n, mair: 0n };
    this.asid = currentAsid(this.regimeValue);
  }

  /** The registers in force. */
  get regime(): TranslationRegime {
    return this.regimeValue;
  }

  /** The ASID lookups use (from TTBR0/TTBR1 per TCR_EL1.A1). */
  get currentAsid(): number {
    return this.asid;
  }

  /**
   * Installs new register values. The TLB is flushed when SCTLR, TCR or MAIR changed (they decide
   * how every cached entry was made); TTBR0/TTBR1 changes only move the ASID lookups use. Flushing
   * on every TTBR write made each Linux context switch (three TTBR writes) refill the TLB by walks.
   */
  setRegime(regime: TranslationRegime): void {
    const before = this.regimeValue;
    this.regimeValue = regime;
    this.asid = currentAsid(regime);
    if (regime.sctlr !== before.sctlr || regime.tcr !== before.tcr || regime.mair !== before.mair) this.tlb.flushAll();
  }

  /** The output address of `vaHi:vaLo` for `access`, or -1 with `lastFault` set. Faults are not cached. */
  translate(vaLo: number, vaHi: number, access: Access): number {
    const tlb = this.tlb;
    // An entry for a tagged VA (top byte not a copy of bit 55) may come from a data access under
    // TBI; with TBIDx a fetch from that VA must fault instead, so tagged fetches always walk.
    const tagged = vaHi >>> 24 !== ((vaHi >>> 23) & 1) * 0xff;
    const bypass = access.fetch && tagged;
    if (!bypass) {
      const i = tlb.lookup(vaLo, vaHi, this.asid);
      if (i >= 0 && (tlb.perms[i]! & requiredPermission(access)) !== 0) return tlb.paPage[i]! * 4096 + (vaLo & 0xfff);
    }
    const result = translateStage1(this.regimeValue, vaLo, vaHi, access, this.readPhys64);
    if (!result.ok) {
      this.lastFault = result;
      return -1;
    }
    if (!bypass) tlb.insert(vaLo, vaHi, result);
    else tlb.noteBlock(vaLo, vaHi, Math.log2(result.blockSize));
    return result.pa;
  }
}
