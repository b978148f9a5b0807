/**
 * GICv2 list registers (GICH_LRn): the entries through which a hypervisor presents virtual
 * interrupts to a guest. Layout: vID [9:0]; with HW = 1, the physical ID [19:10]; with HW = 0,
 * the SGI source CPU [12:10] and EOI [19] (maintenance interrupt on deactivation); priority
 * [27:23] (the top 5 bits of an 8-bit priority); state [29:28]; Grp1 [30]; HW [31].
 */

/** The state field of a list register. */
export const LR_STATE = { invalid: 0, pending: 1, active: 2, pendingActive: 3 } as const;

/** A list register state: 0 invalid, 1 pending, 2 active, 3 pending and active. */
export type ListRegisterState = (typeof LR_STATE)[keyof typeof LR_STATE];

/** A list register decoded into named fields. */
export interface ListRegister {
  /** The interrupt ID the guest sees (0–1023). */
  virtualId: number;
  /** The linked physical interrupt ID when `hardware` is set, else 0. */
  physicalId: number;
  /** For a software SGI: the CPU the guest sees as its source (0–7). */
  sourceCpu: number;
  /** Software interrupts only: raise a maintenance interrupt when the guest deactivates it. */
  eoiMaintenance: boolean;
  /** 5-bit priority (the top 5 bits of the 8-bit priority the guest sees). */
  priority: number;
  state: ListRegisterState;
  group: 0 | 1;
  /** Linked to a physical interrupt, deactivated with it. */
  hardware: boolean;
}

const HW = 1 << 31;
const GROUP1 = 1 << 30;
const EOI = 1 << 19;

/** Packs a list register value. */
export function encodeListRegister(lr: ListRegister): number {
  let value = (lr.virtualId & 0x3ff) | ((lr.priority & 0x1f) << 23) | ((lr.state & 3) << 28);
  if (lr.group === 1) value |= GROUP1;
  if (lr.hardware) value |= HW | ((lr.physicalId & 0x3ff) << 10);
  else value |= ((lr.sourceCpu & 7) << 10) | (lr.eoiMaintenance ? EOI : 0);
  return value >>> 0;
}

/** Unpacks a list register value. */
export function decodeListRegister(value: number): ListRegister {
  const hardware = (value & HW) !== 0;
  return {
    virtualId: value & 0x3ff,
    physicalId: hardware ? (value >>> 10) & 0x3ff : 0,
    sourceCpu: hardware ? 0 : (value >>> 10) & 7,
    eoiMaintenance: !hardware && (value & EOI) !== 0,
    priority: (value >>> 23) & 0x1f,
    state: ((value >>> 28) & 3) as ListRegisterState,
    group: value & GROUP1 ? 1 : 0,
    hardware,
  };
}

/** The state field of a raw list register value. */
export function listRegisterState(value: number): ListRegisterState {
  return ((value >>> 28) & 3) as ListRegisterState;
}

/** Returns `value` with its state field replaced. */
export function withListRegisterState(value: number, state: ListRegisterState): number {
  return ((value & ~(3 << 28)) | (state << 28)) >>> 0;
}

/** Whether the list register asks for a maintenance interrupt on EOI (EOI bit with HW = 0). */
export function listRegisterWantsEoiMaintenance(value: number): boolean {
  return (value & HW) === 0 && (value & EOI) !== 0;
}

/** Returns `value` with the EOI maintenance bit cleared (only meaningful when HW = 0). */
export function withoutEoiMaintenance(value: number): number {
  return (value & HW) !== 0 ? value >>> 0 : (value & ~EOI) >>> 0;
}
