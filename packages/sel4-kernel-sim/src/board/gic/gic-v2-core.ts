/**
 * The state and rules of a GICv2 (without the Security Extensions, like QEMU's virt GIC): which
 * interrupts are pending, which one each CPU interface signals, and what acknowledge and
 * end-of-interrupt do. The register windows (distributor, CPU interfaces) decode accesses into
 * calls on this object; it is internal to the board and not exported from the package.
 */

import { KernelSimError } from "../../errors";
import type { IrqLine } from "../device";
import { ActivePriorities, groupPriority } from "./active-priorities";
import {
  GICC_CTLR,
  GIC_GROUP1_SPURIOUS_INTID,
  GIC_MAX_CPUS,
  GIC_MAX_IRQS,
  GIC_PRIVATE_IRQ_COUNT,
  GIC_SGI_COUNT,
  GIC_SPURIOUS_INTID,
} from "./gic-constants";

/** Per-CPU interface registers. */
export interface CpuInterfaceRegisters {
  /** GICC_CTLR. */
  control: number;
  /** GICC_PMR. */
  priorityMask: number;
  /** GICC_BPR (Group 0, and Group 1 with CBPR). */
  binaryPoint: number;
  /** GICC_ABPR (Group 1). */
  aliasedBinaryPoint: number;
  /** GICC_APR0–3 and the running priority they imply. */
  readonly activePriorities: ActivePriorities;
}

/** Minimum GICC_BPR with 8 priority bits. */
export const MIN_BINARY_POINT = 0;
/** Minimum GICC_ABPR with 8 priority bits (its field is one lower than BPR's). */
export const MIN_ALIASED_BINARY_POINT = 1;

/** Interrupt state and arbitration of one GICv2 distributor and its CPU interfaces. */
export class GicV2Core {
  readonly numIrqs: number;
  readonly numCpus: number;
  /** GICD_CTLR: bit 0 enables Group 0 forwarding, bit 1 Group 1. */
  distributorControl = 0;
  // Per-interrupt flags, indexed by slot(): banked SGI/PPI copies per CPU first, then the SPIs.
  readonly enabled: Uint8Array;
  readonly latched: Uint8Array;
  readonly lineLevel: Uint8Array;
  readonly active: Uint8Array;
  readonly priority: Uint8Array;
  readonly group: Uint8Array;
  readonly edgeTriggered: Uint8Array;
  /** ITARGETSR byte of each SPI (index intid - 32). */
  readonly targets: Uint8Array;
  /** Per target CPU and SGI: bit mask of the CPUs that sent it and are still pending. */
  readonly sgiSources: Uint8Array;
  readonly cpus: CpuInterfaceRegisters[];
  readonly #cpuIrqLines: readonly IrqLine[];

  /** `numIrqs` is a multiple of 32 (at most 1020 usable); one IRQ output line per CPU interface. */
  constructor(numIrqs: number, cpuIrqLines: readonly IrqLine[]) {
    if (!Number.isInteger(numIrqs) || numIrqs < 32 || numIrqs > GIC_MAX_IRQS + 4 || numIrqs % 32 !== 0) {
      throw new KernelSimError("config", `GICv2: ${numIrqs} interrupts; expected a multiple of 32 from 32 to 1024`);
    }
    if (cpuIrqLines.length < 1 || cpuIrqLines.length > GIC_MAX_CPUS) {
      throw new KernelSimError("config", `GICv2: ${cpuIrqLines.length} CPU interfaces; expected 1 to ${GIC_MAX_CPUS}`);
    }
    this.numIrqs = Math.min(numIrqs, GIC_MAX_IRQS);
    this.numCpus = cpuIrqLines.length;
    this.#cpuIrqLines = cpuIrqLines;
    const slots = this.numCpus * GIC_PRIVATE_IRQ_COUNT + (this.numIrqs - GIC_PRIVATE_IRQ_COUNT);
    this.enabled = new Uint8Array(slots);
    this.latched = new Uint8Array(slots);
    this.lineLevel = new Uint8Array(slots);
    this.active = new Uint8Array(slots);
    this.priority = new Uint8Array(slots);
    this.group = new Uint8Array(slots);
    this.edgeTriggered = new Uint8Array(slots);
    this.targets = new Uint8Array(this.numIrqs - GIC_PRIVATE_IRQ_COUNT);
    this.sgiSources = new Uint8Array(this.numCpus * GIC_SGI_COUNT);
    this.cpus = Array.from({ length: this.numCpus }, () => ({
      control: 0,
      priorityMask: 0,
      binaryPoint: MIN_BINARY_POINT,
      aliasedBinaryPoint: MIN_ALIASED_BINARY_POINT,
      activePriorities: new ActivePriorities(7),
    }));
    this.resetInterruptState();
  }

  /** Puts every interrupt into its reset state (SGIs enabled and edge-triggered, the rest level-triggered and disabled). */
  resetInterruptState(): void {
    for (const flags of [this.enabled, this.latched, this.lineLevel, this.active, this.priority, this.group]) {
      flags.fill(0);
    }
    this.edgeTriggered.fill(0);
    this.targets.fill(0);
    this.sgiSources.fill(0);
    for (let cpu = 0; cpu < this.numCpus; cpu++) {
      for (let sgi = 0; sgi < GIC_SGI_COUNT; sgi++) {
        const slot = this.slot(cpu, sgi);
        this.enabled[slot] = 1; // SGI enables are RAO/WI
        this.edgeTriggered[slot] = 1;
      }
    }
  }

  /** Index into the per-interrupt arrays: SGIs/PPIs are banked per CPU, SPIs are shared. */
  slot(cpu: number, intid: number): number {
    return intid < GIC_PRIVATE_IRQ_COUNT
      ? cpu * GIC_PRIVATE_IRQ_COUNT + intid
      : this.numCpus * GIC_PRIVATE_IRQ_COUNT + (intid - GIC_PRIVATE_IRQ_COUNT);
  }

  /** Whether `intid` is pending on `cpu`'s view (SGIs: any source; level: latch or line high). */
  isPending(cpu: number, intid: number): boolean {
    if (intid < GIC_SGI_COUNT) return this.sgiSources[cpu * GIC_SGI_COUNT + intid] !== 0;
    const slot = this.slot(cpu, intid);
    return this.latched[slot] !== 0 || (this.edgeTriggered[slot] === 0 && this.lineLevel[slot] !== 0);
  }

  /** Whether an SPI is routed to `cpu` (a uniprocessor GIC sends every SPI to its only CPU). */
  targetsCpu(cpu: number, intid: number): boolean {
    if (intid < GIC_PRIVATE_IRQ_COUNT || this.numCpus === 1) return true;
    return ((this.targets[intid - GIC_PRIVATE_IRQ_COUNT]! >> cpu) & 1) !== 0;
  }

  /** Drives the input line of a PPI (banked for `cpu`) or SPI; SGIs have no input line. */
  setLevel(intid: number, level: boolean, cpu: number): void {
    if (!Number.isInteger(intid) || intid < GIC_SGI_COUNT || intid >= this.numIrqs) {
      throw new KernelSimError("usage", `GICv2: no input line for INTID ${intid}; PPIs are 16-31 and SPIs 32-${this.numIrqs - 1}`);
    }
    this.checkCpu(cpu);
    const slot = this.slot(cpu, intid);
    const was = this.lineLevel[slot] !== 0;
    if (was === level) return;
    this.lineLevel[slot] = level ? 1 : 0;
    if (level && this.edgeTriggered[slot] !== 0) this.latched[slot] = 1; // a rising edge latches
    this.update();
  }

  /** Throws unless `cpu` names a CPU interface. */
  checkCpu(cpu: number): void {
    if (!Number.isInteger(cpu) || cpu < 0 || cpu >= this.numCpus) {
      throw new KernelSimError("usage", `GICv2: CPU interface ${cpu} does not exist (the GIC has ${this.numCpus})`);
    }
  }

  /** Group priority of `intid` on `cpu`, under that CPU interface's binary points. */
  #groupPriority(cpu: number, intid: number): number {
    const regs = this.cpus[cpu]!;
    const slot = this.slot(cpu, intid);
    const prio = this.priority[slot]!;
    if (this.group[slot] === 0 || regs.control & GICC_CTLR.CBPR) return groupPriority(prio, regs.binaryPoint, false);
    return groupPriority(prio, regs.aliasedBinaryPoint, true);
  }

  /**
   * The highest-priority interrupt that is enabled, pending, not active, routed to `cpu` and in a
   * group both the distributor and the CPU interface forward (lowest INTID wins a tie), or
   * {@link GIC_SPURIOUS_INTID}. PMR and the running priority are not applied here.
   */
  highestPending(cpu: number): number {
    const cpuControl = this.cpus[cpu]!.control;
    let best = GIC_SPURIOUS_INTID;
    let bestPriority = 0x100;
    for (let intid = 0; intid < this.numIrqs; intid++) {
      const slot = this.slot(cpu, intid);
      if (this.enabled[slot] === 0 || this.active[slot] !== 0) continue;
      const groupBit = 1 << this.group[slot]!;
      if (!(this.distributorControl & groupBit) || !(cpuControl & groupBit)) continue;
      if (!this.isPending(cpu, intid) || !this.targetsCpu(cpu, intid)) continue;
      const prio = this.priority[slot]!;
      if (prio < bestPriority) {
        bestPriority = prio;
        best = intid;
      }
    }
    return best;
  }

  /** The highest pending interrupt if its priority passes the priority mask, else spurious (GICC_HPPIR). */
  highestPendingUnmasked(cpu: number): number {
    const intid = this.highestPending(cpu);
    if (intid === GIC_SPURIOUS_INTID) return intid;
    return this.priority[this.slot(cpu, intid)]! < this.cpus[cpu]!.priorityMask ? intid : GIC_SPURIOUS_INTID;
  }

  /** The interrupt `cpu` is being signalled: passes PMR and preempts the running priority. */
  signalled(cpu: number): number {
    const intid = this.highestPendingUnmasked(cpu);
    if (intid === GIC_SPURIOUS_INTID) return intid;
    const running = this.cpus[cpu]!.activePriorities.runningPriority();
    return this.#groupPriority(cpu, intid) < running ? intid : GIC_SPURIOUS_INTID;
  }

  /** Source CPU of the SGI `cpu` would take next (lowest-numbered sender). */
  #nextSgiSource(cpu: number, sgi: number): number {
    const sources = this.sgiSources[cpu * GIC_SGI_COUNT + sgi]!;
    return 31 - Math.clz32(sources & -sources);
  }

  /** The GICC_HPPIR value: INTID plus, for an SGI, its source CPU in bits [12:10]. */
  highestPendingValue(cpu: number): number {
    const intid = this.highestPendingUnmasked(cpu);
    return intid < GIC_SGI_COUNT ? intid | (this.#nextSgiSource(cpu, intid) << 10) : intid;
  }

  /**
   * A read of GICC_IAR: takes the signalled interrupt, makes it active (a level interrupt whose
   * line is still high stays pending too), raises the running priority, and returns its INTID
   * (with the source CPU for an SGI). 1023 if nothing is signalled; 1022 if it is Group 1 and
   * AckCtl is clear.
   */
  acknowledge(cpu: number): number {
    const intid = this.signalled(cpu);
    if (intid === GIC_SPURIOUS_INTID) return intid;
    const slot = this.slot(cpu, intid);
    const regs = this.cpus[cpu]!;
    if (this.group[slot] === 1 && !(regs.control & GICC_CTLR.ACK_CTL)) return GIC_GROUP1_SPURIOUS_INTID;
    let value = intid;
    if (intid < GIC_SGI_COUNT) {
      const source = this.#nextSgiSource(cpu, intid);
      this.sgiSources[cpu * GIC_SGI_COUNT + intid]! &= ~(1 << source);
      value |= source << 10;
    } else {
      this.latched[slot] = 0;
    }
    this.active[slot] = 1;
    regs.activePriorities.markActive(this.#groupPriority(cpu, intid));
    this.update();
    return value;
  }

  /** A write to GICC_EOIR: priority drop, and deactivation too unless EOImode is set. */
  endOfInterrupt(cpu: number, value: number): void {
    const intid = value & 0x3ff;
    if (intid >= this.numIrqs) return; // spurious IDs are ignored
    if (!this.cpus[cpu]!.activePriorities.dropHighest()) return; // nothing active: ignored
    if (!(this.cpus[cpu]!.control & GICC_CTLR.EOI_MODE)) this.active[this.slot(cpu, intid)] = 0;
    this.update();
  }

  /** A write to GICC_DIR: deactivates an interrupt; only meaningful with EOImode set. */
  deactivate(cpu: number, value: number): void {
    const intid = value & 0x3ff;
    if (intid >= this.numIrqs || !(this.cpus[cpu]!.control & GICC_CTLR.EOI_MODE)) return;
    this.active[this.slot(cpu, intid)] = 0;
    this.update();
  }

  /** Makes SGI `sgi` pending on each CPU in `targetMask`, sent by `sourceCpu`. */
  sendSgi(sourceCpu: number, sgi: number, targetMask: number): void {
    for (let target = 0; target < this.numCpus; target++) {
      if ((targetMask >> target) & 1) this.sgiSources[target * GIC_SGI_COUNT + sgi]! |= 1 << sourceCpu;
    }
    this.update();
  }

  /** Recomputes every CPU interface's IRQ output. Call after any state change. */
  update(): void {
    for (let cpu = 0; cpu < this.numCpus; cpu++) {
      this.#cpuIrqLines[cpu]!.setLevel(this.signalled(cpu) !== GIC_SPURIOUS_INTID);
    }
  }
}
