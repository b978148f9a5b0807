// What a CSpace lookup returns, apart from the walk itself (lookup.ts), so that the object
// records (objects/structures.ts) can name a lookup's result without importing the walk.
import type { LookupFault } from "./lookup-fault";
import type { Slot } from "./slot";

/** A successful lookup: the slot reached and the address bits not consumed. */
export interface ResolvedSlot {
  readonly slot: Slot;
  readonly bitsRemaining: number;
}

/** A lookup outcome. */
export type LookupResult = { readonly ok: true; readonly value: ResolvedSlot } | { readonly ok: false; readonly fault: LookupFault };
