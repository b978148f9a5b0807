/**
 * The kernel's side of the board's physical GIC (CPU 0): seL4's GICv2 driver. At boot it turns the
 * distributor and CPU interface on with every priority let through; the kernel then masks and
 * unmasks lines through the distributor's enable bits (maskInterrupt) and takes interrupts with
 * IAR / EOIR (getActiveIRQ / ackInterrupt).
 */

import type { IrqSignal } from "../board/device";
import { GICC_REGISTERS, GICD_REGISTERS, GIC_MAX_IRQS } from "../board/gic/gic-constants";
import type { GicV2 } from "../board/gic/gic-v2";
import type { IrqHardware } from "./irq-table";

/** The GIC as the kernel drives it: mask/unmask lines and drain pending interrupts. */
export class PhysicalInterrupts implements IrqHardware {
  readonly #gic: GicV2;
  readonly #irqOut: IrqSignal;

  /** Initialises the GIC as seL4 does at boot; `onAssert` hears the CPU's IRQ line rise (to wake an idle kernel). */
  constructor(gic: GicV2, irqOut: IrqSignal, onAssert: () => void) {
    this.#gic = gic;
    this.#irqOut = irqOut;
    gic.distributor.write(GICD_REGISTERS.CTLR, 4, 1);
    const cpu = gic.cpuInterface(0);
    cpu.write(GICC_REGISTERS.PMR, 4, 0xff);
    cpu.write(GICC_REGISTERS.CTLR, 4, 1);
    irqOut.subscribe((level) => {
      if (level) onAssert();
    });
  }

  /** True while the GIC signals an interrupt to the CPU. */
  get asserted(): boolean {
    return this.#irqOut.level;
  }

  /** maskInterrupt: disables (`masked`) or enables the line at the distributor (GICD_ICENABLERn / GICD_ISENABLERn). */
  setMasked(intid: number, masked: boolean): void {
    // The register write without its decode: the kernel masks and unmasks lines on every guest exit.
    this.#gic.setEnabled(intid, !masked);
  }

  /** setIRQTrigger: GICD_ICFGR bit 1 of the line's field selects edge triggering. */
  setEdgeTriggered(intid: number, edge: boolean): void {
    const register = GICD_REGISTERS.ICFGR + 4 * (intid >>> 4);
    const bit = 1 << ((intid & 15) * 2 + 1);
    const value = this.#gic.distributor.read(register, 4);
    this.#gic.distributor.write(register, 4, (edge ? value | bit : value & ~bit) >>> 0);
  }

  /**
   * Takes every interrupt the GIC signals, one at a time: acknowledge (IAR), `handle`, end of
   * interrupt (EOIR). `handle` must mask or quiet a level-triggered line, or it is taken again.
   */
  service(handle: (intid: number) => void): void {
    const cpu = this.#gic.cpuInterface(0);
    // A level line that `handle` failed to quiet would come back forever; one round per line is enough.
    for (let round = 0; round < GIC_MAX_IRQS && this.#irqOut.level; round++) {
      const intid = cpu.read(GICC_REGISTERS.IAR, 4) & 0x3ff;
      if (intid >= GIC_MAX_IRQS) return;
      handle(intid);
      cpu.write(GICC_REGISTERS.EOIR, 4, intid);
    }
  }
}
