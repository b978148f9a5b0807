import { seL4_CanGrant, seL4_CanRead, seL4_CanWrite, seL4_CanGrantReply } from "../constants/rights";
import type { Cap } from "../objects/structures";

export type { Cap, FrameMapping } from "../objects/structures";

/** The kind tag of a capability. */
export type CapKind = Cap["kind"];

/** The kernel object a cap names, for reference counting (null for caps without one). */
export function capObject(cap: Cap): object | null {
  switch (cap.kind) {
    case "endpoint":
    case "notification":
    case "cnode":
    case "tcb":
    case "frame":
    case "pageTable":
    case "vspace":
    case "asidPool":
    case "vcpu":
    case "replyObject":
    case "schedContext":
      return cap.obj;
    case "irqHandler":
      return cap.line;
    default:
      return null;
  }
}

/** The badge of an endpoint or notification cap, else 0. */
export function capBadge(cap: Cap): bigint {
  return cap.kind === "endpoint" || cap.kind === "notification" ? cap.badge : 0n;
}

/** Frame rights after masking: no Read means kernel-only; Write needs Read. */
function maskVmRights(current: number, mask: number): number {
  const read = (current & mask & seL4_CanRead) !== 0;
  const write = (current & mask & seL4_CanWrite) !== 0;
  if (!read) return 0;
  return write ? seL4_CanRead | seL4_CanWrite : seL4_CanRead;
}

/** maskCapRights: applies a rights mask to the caps that carry rights. */
export function maskCapRights(cap: Cap, rights: number): Cap {
  switch (cap.kind) {
    case "endpoint":
      return { ...cap, rights: cap.rights & rights };
    case "notification":
      return { ...cap, rights: cap.rights & rights & (seL4_CanRead | seL4_CanWrite) };
    case "frame":
      return { ...cap, rights: maskVmRights(cap.rights, rights) };
    case "reply":
    case "replyObject":
      return { ...cap, canGrant: cap.canGrant && (rights & seL4_CanGrant) !== 0 };
    default:
      return { ...cap };
  }
}

/** Helpers on endpoint rights. */
export const canSend = (rights: number): boolean => (rights & seL4_CanWrite) !== 0;
export const canReceive = (rights: number): boolean => (rights & seL4_CanRead) !== 0;
export const canGrant = (rights: number): boolean => (rights & seL4_CanGrant) !== 0;
export const canGrantReply = (rights: number): boolean => (rights & seL4_CanGrantReply) !== 0;

/**
 * updateCapData: applies Mint/Mutate data. Endpoint and notification caps take a badge only if
 * unbadged (else null); CNode caps take a guard (null if guardSize + radix > 64).
 */
export function updateCapData(preserve: boolean, data: bigint, cap: Cap): Cap | null {
  switch (cap.kind) {
    case "endpoint":
    case "notification":
      if (!preserve && cap.badge === 0n) return { ...cap, badge: data };
      return null;
    case "cnode": {
      const guardSize = Number(data & 0x3fn);
      const guard = data >> 6n;
      if (guardSize + cap.obj.radix > 64) return null;
      const guardMask = guardSize === 0 ? 0n : (1n << BigInt(guardSize)) - 1n;
      return { ...cap, guard: guard & guardMask, guardSize };
    }
    default:
      return { ...cap };
  }
}

/** isCapRevocable: a derived cap is revocable when it changes the badge, or is an IRQ handler/untyped. */
export function isCapRevocable(derived: Cap, source: Cap): boolean {
  switch (derived.kind) {
    case "endpoint":
    case "notification":
      return capBadge(derived) !== capBadge(source);
    case "irqHandler":
      return source.kind === "irqControl";
    case "untyped":
      return true;
    default:
      return false;
  }
}

/** A one-line description of a cap for debug output. */
export function describeCap(cap: Cap | null): string {
  if (!cap) return "null cap";
  switch (cap.kind) {
    case "untyped":
      return `untyped 0x${cap.paddr.toString(16)}/${cap.sizeBits}${cap.isDevice ? " device" : ""}`;
    case "endpoint":
    case "notification":
      return `${cap.kind} badge 0x${cap.badge.toString(16)} rights ${cap.rights}`;
    case "irqHandler":
      return `irq handler ${cap.line.irq}`;
    default:
      return cap.kind;
  }
}
