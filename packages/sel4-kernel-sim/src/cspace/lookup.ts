import type { Cap } from "./cap";
import type { LookupResult } from "./lookup-result";

export type { LookupResult, ResolvedSlot } from "./lookup-result";

function bitsOf(value: bigint, shift: number, width: number): bigint {
  if (width === 0) return 0n;
  return (value >> BigInt(shift)) & ((1n << BigInt(width)) - 1n);
}

/** {@link bitsOf} of a CPtr held exactly as a number (below 2^53): no BigInt arithmetic. */
function bitsOfNumber(value: number, shift: number, width: number): number {
  if (width === 0 || shift >= 53) return 0;
  if (value <= 0x7fff_ffff && shift < 31) return width >= 31 ? value >>> shift : (value >>> shift) & ((1 << width) - 1);
  return Math.floor(value / POW2[shift]!) % POW2[Math.min(width, 53)]!;
}

/** 2^i for i in 0..64 (exact as numbers). */
const POW2 = Array.from({ length: 65 }, (_, i) => 2 ** i);

const SAFE_CPTR_MAX = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * resolveAddressBits: walks CNodes from `root`, matching each level's guard and indexing its
 * radix, until `depth` bits are used or a slot does not hold a CNode.
 */
export function resolveAddressBits(root: Cap | null, cptr: bigint, depth: number): LookupResult {
  if (!root || root.kind !== "cnode") return { ok: false, fault: { kind: "invalidRoot" } };
  let node = root;
  let nBits = depth;
  // CPtrs are small in practice: walk with number arithmetic when the value is exact as one.
  const small = cptr >= 0n && cptr <= SAFE_CPTR_MAX ? Number(cptr) : -1;
  for (;;) {
    const radix = node.obj.radix;
    const guardBits = node.guardSize;
    const levelBits = radix + guardBits;
    const guardMatches =
      guardBits <= nBits &&
      (small >= 0 ? bitsOfNumber(small, nBits - guardBits, guardBits) === Number(node.guard) : bitsOf(cptr, nBits - guardBits, guardBits) === node.guard);
    if (!guardMatches) {
      return { ok: false, fault: { kind: "guardMismatch", bitsLeft: nBits, guardFound: node.guard, bitsFound: guardBits } };
    }
    if (levelBits > nBits) {
      return { ok: false, fault: { kind: "depthMismatch", bitsLeft: nBits, bitsFound: levelBits } };
    }
    const slot = node.obj.slot(small >= 0 ? bitsOfNumber(small, nBits - levelBits, radix) : Number(bitsOf(cptr, nBits - levelBits, radix)));
    if (nBits === levelBits) return { ok: true, value: { slot, bitsRemaining: 0 } };
    nBits -= levelBits;
    const next = slot.cap;
    if (!next || next.kind !== "cnode") return { ok: true, value: { slot, bitsRemaining: nBits } };
    node = next;
  }
}

/** lookupSlot: the slot a CPtr names at depth 64 (used for invocations and extra caps). */
export function lookupSlot(root: Cap | null, cptr: bigint): LookupResult {
  return resolveAddressBits(root, cptr, 64);
}

/** lookupSlotForCNodeOp: like lookupSlot at `depth`, but all bits must be consumed. */
export function lookupSlotForCNodeOp(root: Cap | null, cptr: bigint, depth: number): LookupResult {
  const result = resolveAddressBits(root, cptr, depth);
  if (result.ok && result.value.bitsRemaining !== 0) {
    return { ok: false, fault: { kind: "depthMismatch", bitsLeft: result.value.bitsRemaining, bitsFound: 0 } };
  }
  return result;
}
