/**
 * A GICv2 interrupt controller: one distributor and 1–8 CPU interfaces, as on QEMU's `virt`
 * board (288 interrupt lines, no Security Extensions). Devices drive its input lines through
 * {@link GicV2.irqLine}; it drives one IRQ output line per CPU.
 */

import type { IrqLine } from "../device";
import { GicCpuInterface, type GicCpuInterfaceState } from "./gic-cpu-interface";
import { GicDistributor, type GicDistributorState } from "./gic-distributor";
import { GIC_SGI_COUNT, QEMU_VIRT_GIC_IRQS } from "./gic-constants";
import { GicV2Core } from "./gic-v2-core";

/** Construction options of {@link GicV2}. */
export interface GicV2Options {
  /** The IRQ output to each CPU, one per CPU interface (this sets the number of CPU interfaces). */
  cpuIrqLines: readonly IrqLine[];
  /** Number of interrupt lines, a multiple of 32; default 288, QEMU virt's. */
  numIrqs?: number;
}

/** A snapshot of the whole GIC. */
export interface GicV2State {
  distributor: GicDistributorState;
  cpuInterfaces: GicCpuInterfaceState[];
}

/** The physical GICv2: distributor, CPU interfaces and interrupt inputs. */
export class GicV2 {
  readonly #core: GicV2Core;
  readonly #distributors: readonly GicDistributor[];
  readonly #cpuInterfaces: readonly GicCpuInterface[];

  /** Creates the GIC in its reset state (everything disabled, IRQ outputs low). */
  constructor(options: GicV2Options) {
    this.#core = new GicV2Core(options.numIrqs ?? QEMU_VIRT_GIC_IRQS, options.cpuIrqLines);
    const cpus = Array.from({ length: this.#core.numCpus }, (_, cpu) => cpu);
    this.#distributors = cpus.map((cpu) => new GicDistributor(this.#core, cpu));
    this.#cpuInterfaces = cpus.map((cpu) => new GicCpuInterface(this.#core, cpu));
    this.#core.update();
  }

  /** Number of interrupt IDs (SGIs, PPIs and SPIs). */
  get numIrqs(): number {
    return this.#core.numIrqs;
  }

  /** Number of CPU interfaces. */
  get numCpus(): number {
    return this.#core.numCpus;
  }

  /** The distributor window as CPU 0 sees it. */
  get distributor(): GicDistributor {
    return this.#distributors[0]!;
  }

  /** The distributor window as CPU `cpu` sees it (SGI/PPI registers are banked). */
  distributorFor(cpu: number): GicDistributor {
    this.#core.checkCpu(cpu);
    return this.#distributors[cpu]!;
  }

  /** The CPU interface window of CPU `cpu`. */
  cpuInterface(cpu = 0): GicCpuInterface {
    this.#core.checkCpu(cpu);
    return this.#cpuInterfaces[cpu]!;
  }

  /** Drives the input of an SPI, or of a PPI of CPU `cpu` (16–31). Edge-triggered inputs latch on a rising edge. */
  setLevel(intid: number, level: boolean, cpu = 0): void {
    this.#core.setLevel(intid, level, cpu);
  }

  /** An {@link IrqLine} wired to input `intid` (and CPU `cpu` for a PPI), to hand to a device. */
  irqLine(intid: number, cpu = 0): IrqLine {
    this.#core.checkCpu(cpu);
    return { setLevel: (level) => this.#core.setLevel(intid, level, cpu) };
  }

  /** Whether `intid` is pending for CPU `cpu`. */
  isPending(intid: number, cpu = 0): boolean {
    this.#core.checkCpu(cpu);
    return intid >= 0 && intid < this.#core.numIrqs && this.#core.isPending(cpu, intid);
  }

  /** Whether `intid` is enabled at the distributor (GICD_ISENABLERn) for CPU `cpu`. */
  isEnabled(intid: number, cpu = 0): boolean {
    this.#core.checkCpu(cpu);
    return intid >= 0 && intid < this.#core.numIrqs && this.#core.enabled[this.#core.slot(cpu, intid)] !== 0;
  }

  /**
   * Enables or disables `intid` at the distributor for CPU `cpu`, as a write of its bit to
   * GICD_ISENABLERn / GICD_ICENABLERn would (SGIs stay enabled: RAO/WI), without the register decode.
   */
  setEnabled(intid: number, enabled: boolean, cpu = 0): void {
    this.#core.checkCpu(cpu);
    if (intid < 0 || intid >= this.#core.numIrqs || (!enabled && intid < GIC_SGI_COUNT)) return;
    const slot = this.#core.slot(cpu, intid);
    const value = enabled ? 1 : 0;
    if (this.#core.enabled[slot] === value) return;
    this.#core.enabled[slot] = value;
    // An interrupt that is not pending cannot become, or stop being, the one signalled.
    if (this.#core.isPending(cpu, intid)) this.#core.update();
  }

  /** Whether `intid` is active on CPU `cpu`. */
  isActive(intid: number, cpu = 0): boolean {
    this.#core.checkCpu(cpu);
    return intid >= 0 && intid < this.#core.numIrqs && this.#core.active[this.#core.slot(cpu, intid)] !== 0;
  }

  /**
   * Deactivates `intid` on CPU `cpu` the way a virtual interface does when the guest EOIs a list
   * register with HW = 1 (the hardware-linked physical interrupt).
   */
  deactivateFromVirtualEoi(intid: number, cpu = 0): void {
    this.#core.checkCpu(cpu);
    if (intid < 0 || intid >= this.#core.numIrqs) return;
    this.#core.active[this.#core.slot(cpu, intid)] = 0;
    this.#core.update();
  }

  /** A snapshot of the distributor and every CPU interface. */
  save(): GicV2State {
    return {
      distributor: this.distributor.save(),
      cpuInterfaces: this.#cpuInterfaces.map((cpuInterface) => cpuInterface.save()),
    };
  }

  /** Restores a snapshot taken from a GIC of the same shape. */
  restore(state: GicV2State): void {
    this.distributor.restore(state.distributor);
    for (const cpuState of state.cpuInterfaces) this.cpuInterface(cpuState.cpu).restore(cpuState);
  }
}
