/**
 * Where the Microkit tool puts things, as libmicrokit and the tool agree (libmicrokit/microkit.h,
 * libmicrokit/src/main.c, tool/microkit/src/capdl/builder.rs). Slots are indexes in the PD's
 * CNode; a CPtr equal to the slot number names the cap.
 */
export const MicrokitSlots = {
  /** the PD's endpoint (if it receives PPCs, has children or a VM) or else its notification */
  INPUT_CAP: 1,
  /** the PD's own fault endpoint cap (to its parent or the monitor) */
  FAULT_EP_CAP: 2,
  /** the PD's own VSpace */
  VSPACE_CAP: 3,
  /** the PD's reply object (MCS) */
  REPLY_CAP: 4,
  /** the monitor's endpoint, for passive PDs */
  MONITOR_EP: 5,
  /** the PD's own TCB (benchmark configuration only) */
  TCB_CAP: 6,
  /** the SMC cap, for PDs with smc="true" */
  ARM_SMC_CAP: 7,
  BASE_OUTPUT_NOTIFICATION_CAP: 10,
  BASE_ENDPOINT_CAP: 74,
  BASE_IRQ_CAP: 138,
  BASE_TCB_CAP: 202,
  BASE_VM_TCB_CAP: 266,
  BASE_VCPU_CAP: 330,
  BASE_IOPORT_CAP: 394,
  BASE_USER_CAPS: 458,
} as const;

/** Slots of the PD's CNode (PD_CAP_BITS = 9 in the tool). */
export const PD_CAP_BITS = 9;
/** The root CNode of a PD (PD_ROOT_CAP_BITS = 6): slot 0 holds the Microkit CNode. */
export const PD_ROOT_CAP_BITS = 6;

/** Badge bit 63 marks a protected procedure call, bit 62 a fault; the low bits carry the id. */
export const BADGE_ENDPOINT_BIT = 63n;
export const BADGE_FAULT_BIT = 62n;
export const PPC_BADGE = 1n << BADGE_ENDPOINT_BIT;
export const FAULT_BADGE = 1n << BADGE_FAULT_BIT;
/** libmicrokit's masks for the child id of a fault badge and the channel of a PPC badge. */
export const PD_MASK = 0xffn;
export const CHANNEL_MASK = 0x3fn;

export const MICROKIT_MAX_CHANNELS = 62;
export const MICROKIT_MAX_CHANNEL_ID = MICROKIT_MAX_CHANNELS - 1;
export const MICROKIT_MAX_USER_CAPS = 128;
export const MICROKIT_PD_NAME_LENGTH = 64;

/** The monitor's priority; PDs go up to 254. */
export const MONITOR_PRIORITY = 255;

/**
 * The entry address of every TypeScript program image: `microkit_pd_restart(child, 0x200000)`
 * restarts the child's program from its start, as for a Microkit ELF linked at 0x200000.
 */
export const PROGRAM_ENTRY = 0x20_0000;

/** Decoded form of the badge libmicrokit's event loop receives. */
export type MicrokitEvent =
  | { readonly kind: "fault"; readonly child: number }
  | { readonly kind: "protected"; readonly channel: number }
  | { readonly kind: "notified"; readonly channels: readonly number[] };

/** libmicrokit's reading of a badge: fault bit 62 first, then PPC bit 63, else one bit per channel. */
export function decodeBadge(badge: bigint): MicrokitEvent {
  if ((badge >> BADGE_FAULT_BIT) & 1n) return { kind: "fault", child: Number(badge & PD_MASK) };
  if (badge >> BADGE_ENDPOINT_BIT) return { kind: "protected", channel: Number(badge & CHANNEL_MASK) };
  const channels: number[] = [];
  for (let bits = badge, id = 0; bits !== 0n; bits >>= 1n, id++) if (bits & 1n) channels.push(id);
  return { kind: "notified", channels };
}
