/**
 * What the Microkit tool derives from a system description before it makes any object: which PDs
 * need an endpoint, each PD's channel bitmasks and the caps of every channel end. Pure data, so
 * the rules can be tested without a kernel.
 */
import type { ProtectionDomain, SystemDescription } from "../sdf/types.js";
import { FAULT_BADGE, MicrokitSlots as S, PPC_BADGE } from "./layout.js";

/** A cap the builder puts in a PD's CNode that points at another PD's object. */
export type ChannelCap =
  | { readonly kind: "notification"; readonly slot: number; readonly targetPd: number; readonly badge: bigint }
  | { readonly kind: "endpoint"; readonly slot: number; readonly targetPd: number; readonly badge: bigint };

export interface PdPlan {
  readonly index: number;
  readonly pd: ProtectionDomain;
  /** an endpoint as input cap: it receives PPCs, or has children or a VM (the tool's needs_ep) */
  readonly needsEp: boolean;
  /** libmicrokit's microkit_irqs / microkit_notifications / microkit_pps */
  readonly irqs: bigint;
  readonly notifications: bigint;
  readonly pps: bigint;
  readonly channelCaps: readonly ChannelCap[];
  /** badge of the PD's fault endpoint cap: FAULT_BADGE | child id on the parent's endpoint, else the PD index + 1 on the monitor's */
  readonly faultBadge: bigint;
}

export function planSystem(system: SystemDescription): PdPlan[] {
  const { protectionDomains: pds, channels } = system;
  const plans = pds.map((pd, index) => ({
    index,
    pd,
    needsEp:
      pds.some((other) => other.parent === index) ||
      pd.virtualMachine !== null ||
      channels.some((ch) => (ch.endA.pp && ch.endB.pd === index) || (ch.endB.pp && ch.endA.pd === index)),
    irqs: pd.irqs.reduce((bits, irq) => bits | (1n << BigInt(irq.id)), 0n),
    notifications: 0n,
    pps: 0n,
    channelCaps: [] as ChannelCap[],
    faultBadge: pd.parent === null ? BigInt(index + 1) : FAULT_BADGE | BigInt(pd.id!),
  }));
  for (const { endA, endB } of channels) {
    for (const [from, to] of [
      [endA, endB],
      [endB, endA],
    ] as const) {
      const plan = plans[from.pd]!;
      if (from.notify) {
        plan.notifications |= 1n << BigInt(from.id);
        plan.channelCaps.push({ kind: "notification", slot: S.BASE_OUTPUT_NOTIFICATION_CAP + from.id, targetPd: to.pd, badge: 1n << BigInt(to.id) });
      }
      if (from.pp) {
        plan.pps |= 1n << BigInt(from.id);
        plan.channelCaps.push({ kind: "endpoint", slot: S.BASE_ENDPOINT_CAP + from.id, targetPd: to.pd, badge: PPC_BADGE | BigInt(to.id) });
      }
    }
  }
  return plans;
}
