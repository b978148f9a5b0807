import type { VSpace } from "./vspace";

/** ASIDs per pool (2^seL4_ASIDPoolIndexBits). */
export const ASID_POOL_SIZE = 512;

/** An ASID pool: 512 ASIDs starting at `base`, each possibly assigned to a VSpace. */
export class AsidPool {
  readonly entries: (VSpace | null)[] = new Array<VSpace | null>(ASID_POOL_SIZE).fill(null);

  /** Creates a pool at `paddr` serving ASIDs base..base+511. */
  constructor(
    readonly paddr: number,
    readonly base: number,
  ) {}
}
