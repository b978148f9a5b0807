/**
 * The GICv3 virtual CPU interface of one physical CPU as seL4 drives it: the ICH_*_EL2 state
 * (cpu-aarch64's {@link GicV3VirtualInterface}, which also serves the guest's ICC_* system
 * registers), with seL4's list register writes for seL4_ARM_VCPU_InjectIRQ and its maintenance
 * handling. Facts (seL4 vgic_v3): InjectIRQ writes a pending, HW = 0 list register with
 * EOI = 1, Group, Priority [55:48] = the priority argument and vINTID; the maintenance handler
 * takes the lowest ICH_EISR_EL2 bit, clears that register's EOI bit and reports its index.
 */

import {
  GicV3VirtualInterface,
  ICH_HCR,
  ICH_LR_STATE,
  decodeIchListRegister,
  encodeIchListRegister,
  ichListRegisterState,
  type GicV3VirtualInterfaceState,
  type IchListRegister,
} from "@sel4ts/cpu-aarch64";
import type { IrqLine } from "../device";
import { checkInjectIrqArguments, type InjectIrqResult } from "./gic-virtual-interface";

/** Construction options of {@link GicV3VcpuInterface}. */
export interface GicV3VcpuInterfaceOptions {
  /** The virtual IRQ input of the CPU running the guest. */
  virtualIrq: IrqLine;
  /** The maintenance interrupt (PPI 25 of the physical GIC on qemu-virt). */
  maintenanceIrq: IrqLine;
  /** Called when the guest deactivates a hardware-linked list register. */
  deactivatePhysical?: (physicalId: number) => void;
}

const EOI_BIT = 1n << 41n;

/** One physical CPU's GICv3 virtual interface, with seL4's use of it. */
export class GicV3VcpuInterface {
  /** The ICH state and ICV behaviour; hand it to the guest's Cpu as its `gicv3` port. */
  readonly cpuInterface: GicV3VirtualInterface;

  /** Creates the interface at reset (disabled, every list register invalid). */
  constructor(options: GicV3VcpuInterfaceOptions) {
    this.cpuInterface = new GicV3VirtualInterface({
      virtualIrq: options.virtualIrq,
      maintenanceIrq: options.maintenanceIrq,
      deactivatePhysical: options.deactivatePhysical,
    });
  }

  /** Number of list registers (ICH_VTR_EL2.ListRegs + 1). */
  get numListRegisters(): number {
    return this.cpuInterface.numListRegisters;
  }

  /** The state of a freshly created VCPU (seL4's vcpu_init: ICH_HCR_EL2.En set, nothing else). */
  static vcpuInitState(numListRegisters: number): GicV3VirtualInterfaceState {
    return { hcr: ICH_HCR.EN, vmcr: 0n, ap0r: 0, ap1r: 0, listRegisters: new Array<bigint>(numListRegisters).fill(0n) };
  }

  /** The state left behind when no VCPU is loaded (interface disabled). */
  static readonly disabledState: GicV3VirtualInterfaceState = { hcr: 0n, vmcr: 0n, ap0r: 0, ap1r: 0, listRegisters: [] };

  /** Raw ICH_LR<index>_EL2. */
  readListRegister(index: number): bigint {
    return this.cpuInterface.readIch(`ICH_LR${index}_EL2`);
  }

  /** Writes ICH_LR<index>_EL2. */
  writeListRegister(index: number, value: bigint): void {
    this.cpuInterface.writeIch(`ICH_LR${index}_EL2`, value);
  }

  /** List register `index` decoded. */
  listRegister(index: number): IchListRegister {
    return decodeIchListRegister(this.readListRegister(index));
  }

  /** seL4_ARM_VCPU_InjectIRQ with seL4's checks; an active list register answers seL4_DeleteFirst. */
  injectIrq(virq: number, priority: number, group: number, index: number): InjectIrqResult {
    const error = checkInjectIrqArguments(virq, priority, group, index, this.numListRegisters);
    if (error) return error;
    if (ichListRegisterState(this.readListRegister(index)) === ICH_LR_STATE.active) {
      return { kind: "deleteFirst", message: `VGIC list register ${index} is in use (holds an active IRQ)` };
    }
    this.writeListRegister(
      index,
      encodeIchListRegister({
        virtualId: virq,
        physicalId: 0,
        eoiMaintenance: true,
        priority,
        group: group === 1 ? 1 : 0,
        hardware: false,
        state: ICH_LR_STATE.pending,
      }),
    );
    return { kind: "ok" };
  }

  /** The maintenance interrupt: the lowest ICH_EISR_EL2 list register, its EOI bit cleared; −1 when none. */
  takeEoiMaintenance(): number {
    const eisr = Number(this.cpuInterface.readIch("ICH_EISR_EL2"));
    if (eisr === 0) return -1;
    const index = 31 - Math.clz32(eisr & -eisr);
    this.writeListRegister(index, this.readListRegister(index) & ~EOI_BIT);
    return index;
  }

  /** A snapshot (seL4's vcpu_save). */
  save(): GicV3VirtualInterfaceState {
    return this.cpuInterface.save();
  }

  /** Restores a snapshot (seL4's vcpu_restore). */
  restore(state: GicV3VirtualInterfaceState): void {
    this.cpuInterface.restore(state);
  }
}
