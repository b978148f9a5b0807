import type { Cap } from "../cspace/cap";
import { lookupSlotForCNodeOp } from "../cspace/lookup";
import type { Slot } from "../cspace/slot";
import type { KernelContext } from "../kernel-context";
import type { Tcb } from "../objects/tcb";
import { failedLookup, rangeError, type InvocationResult } from "./result";

/** Everything a kernel-object invocation decodes from. */
export interface InvocationContext {
  readonly kernel: KernelContext;
  /** The invoking thread. */
  readonly thread: Tcb;
  /** The slot of the invoked cap. */
  readonly slot: Slot;
  readonly cap: Cap;
  readonly label: number;
  /** The message registers, `length` of them (a view of the thread's scratch copy: read it during the decode only). */
  readonly args: BigUint64Array;
  /** Slots of the looked-up extra caps. */
  readonly extraCaps: readonly Slot[];
}

/** Message register `i` as a bigint (0 when the message is shorter). */
export function arg(ctx: InvocationContext, i: number): bigint {
  return i < ctx.args.length ? ctx.args[i]! : 0n;
}

/** Message register `i` as a number (addresses, indexes, sizes; exact below 2^53). */
export function argNumber(ctx: InvocationContext, i: number): number {
  return Number(arg(ctx, i));
}

/** The cap in extra cap slot `i`, or null. */
export function extraCap(ctx: InvocationContext, i: number): Cap | null {
  return ctx.extraCaps[i]?.cap ?? null;
}

/** A slot or the failure that rejects the invocation. */
export type SlotOrFailure = { readonly ok: true; readonly slot: Slot } | { readonly ok: false; readonly result: InvocationResult };

/**
 * lookupTargetSlot / lookupSourceSlot: resolves (index, depth) under `root` for a CNode-style
 * argument; depth must be 1..64.
 */
export function lookupCNodeArgument(root: Cap | null, index: bigint, depth: number, isSource: boolean, what: string): SlotOrFailure {
  if (depth < 1 || depth > 64) return { ok: false, result: rangeError(1, 64, `${what}: depth ${depth} outside 1..64`) };
  const found = lookupSlotForCNodeOp(root, index, depth);
  if (!found.ok) return { ok: false, result: failedLookup(isSource, found.fault, `${what}: lookup of 0x${index.toString(16)}/${depth} failed`) };
  return { ok: true, slot: found.value.slot };
}
