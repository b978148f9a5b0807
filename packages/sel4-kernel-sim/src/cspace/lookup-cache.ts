import type { Cap } from "./cap";
import { lookupSlot, type LookupResult } from "./lookup";

/** Entries per thread: a server or VMM invokes a handful of caps over and over. */
const ENTRIES = 4;

/**
 * A thread's last successful one-level lookups (lookupSlot at depth 64 where the root CNode's
 * guard and radix consume all 64 bits, as in every root task and Microkit PD). Such a lookup
 * depends only on the root cap and the CPtr: caps are immutable records, a CNode's radix is fixed
 * and its slots are made once per index, so a hit returns the very result a fresh walk would
 * (the slot, not the cap in it, which the caller reads afresh). Multi-level lookups and faults
 * are not cached; they also depend on the caps held in intermediate slots.
 */
export class SlotLookupCache {
  private readonly roots: (Cap | null)[] = new Array<Cap | null>(ENTRIES).fill(null);
  private readonly cptrs: bigint[] = new Array<bigint>(ENTRIES).fill(-1n);
  private readonly results: (LookupResult | null)[] = new Array<LookupResult | null>(ENTRIES).fill(null);
  private nextVictim = 0;

  /** lookupSlot(root, cptr), from the cache when this root resolved this CPtr in one level before. */
  lookup(root: Cap | null, cptr: bigint): LookupResult {
    for (let i = 0; i < ENTRIES; i++) {
      if (this.cptrs[i] === cptr && this.roots[i] === root && root !== null) return this.results[i]!;
    }
    const result = lookupSlot(root, cptr);
    if (result.ok && root !== null && root.kind === "cnode" && root.guardSize + root.obj.radix === 64) {
      const i = this.nextVictim;
      this.nextVictim = (i + 1) % ENTRIES;
      this.roots[i] = root;
      this.cptrs[i] = cptr;
      this.results[i] = result;
    }
    return result;
  }
}
