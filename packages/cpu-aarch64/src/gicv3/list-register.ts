/**
 * GICv3 list registers (ICH_LR<n>_EL2, IHI 0069 §12.4.6): vINTID [31:0]; with HW = 1 the
 * physical INTID [44:32]; with HW = 0 the EOI bit [41] (maintenance interrupt on deactivation);
 * Priority [55:48]; Group [60]; HW [61]; State [63:62].
 */

/** The state field: 0 invalid, 1 pending, 2 active, 3 pending and active. */
export const ICH_LR_STATE = { invalid: 0, pending: 1, active: 2, pendingActive: 3 } as const;

/** A list register state value. */
export type IchListRegisterState = (typeof ICH_LR_STATE)[keyof typeof ICH_LR_STATE];

/** A list register decoded into named fields. */
export interface IchListRegister {
  virtualId: number;
  /** The linked physical INTID when `hardware` is set, else 0. */
  physicalId: number;
  /** HW = 0 only: raise a maintenance interrupt when the guest deactivates it. */
  eoiMaintenance: boolean;
  /** 8-bit priority (the interface implements the top 5 bits). */
  priority: number;
  group: 0 | 1;
  hardware: boolean;
  state: IchListRegisterState;
}

const HW = 1n << 61n;
const GROUP = 1n << 60n;
const EOI = 1n << 41n;
const STATE_SHIFT = 62n;

/** Packs a list register. */
export function encodeIchListRegister(lr: IchListRegister): bigint {
  let value = BigInt(lr.virtualId >>> 0) | (BigInt(lr.priority & 0xff) << 48n) | (BigInt(lr.state & 3) << STATE_SHIFT);
  if (lr.group === 1) value |= GROUP;
  if (lr.hardware) value |= HW | (BigInt(lr.physicalId & 0x1fff) << 32n);
  else if (lr.eoiMaintenance) value |= EOI;
  return value;
}

/** Unpacks a list register. */
export function decodeIchListRegister(value: bigint): IchListRegister {
  const hardware = (value & HW) !== 0n;
  return {
    virtualId: Number(value & 0xffff_ffffn),
    physicalId: hardware ? Number((value >> 32n) & 0x1fffn) : 0,
    eoiMaintenance: !hardware && (value & EOI) !== 0n,
    priority: Number((value >> 48n) & 0xffn),
    group: (value & GROUP) !== 0n ? 1 : 0,
    hardware,
    state: ichListRegisterState(value),
  };
}

/** The state field of a raw value. */
export function ichListRegisterState(value: bigint): IchListRegisterState {
  return Number((value >> STATE_SHIFT) & 3n) as IchListRegisterState;
}

/** `value` with its state replaced. */
export function withIchListRegisterState(value: bigint, state: IchListRegisterState): bigint {
  return (value & ~(3n << STATE_SHIFT)) | (BigInt(state) << STATE_SHIFT);
}

/** Invalid, HW = 0 and EOI = 1: deactivated and waiting for the hypervisor (an ICH_EISR_EL2 bit). */
export function ichListRegisterAwaitsEoi(value: bigint): boolean {
  return ichListRegisterState(value) === ICH_LR_STATE.invalid && (value & HW) === 0n && (value & EOI) !== 0n;
}
