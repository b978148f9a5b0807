import { ASID_POOL_SIZE, type AsidPool } from "../objects/asid-pool";
import type { VSpace } from "../objects/vspace";

/** Number of ASID pools (2^seL4_NumASIDPoolsBits). */
export const NUM_ASID_POOLS = 128;

/** The kernel's ASID table: which pool serves each block of 512 ASIDs. */
export class AsidTable {
  readonly pools: (AsidPool | null)[] = new Array<AsidPool | null>(NUM_ASID_POOLS).fill(null);

  /** The VSpace assigned `asid`, or null. */
  lookup(asid: number): VSpace | null {
    const pool = this.pools[Math.floor(asid / ASID_POOL_SIZE)];
    return pool?.entries[asid % ASID_POOL_SIZE] ?? null;
  }

  /** The first pool index with no pool, or -1. */
  firstFreePool(): number {
    return this.pools.indexOf(null);
  }
}
