/**
 * The GICv2 CPU interface register window (GICC) of one CPU. Registers are 32 bits wide and
 * only word accesses are decoded; narrower accesses read as zero and are ignored on write.
 */

import type { AccessSize, BoardDevice } from "../device";
import { NO_RUNNING_PRIORITY } from "./active-priorities";
import { GICC_IIDR_VALUE, GICC_REGISTERS, GIC_IDLE_PRIORITY } from "./gic-constants";
import { MIN_ALIASED_BINARY_POINT, MIN_BINARY_POINT, type GicV2Core } from "./gic-v2-core";

/** A snapshot of one CPU interface. */
export interface GicCpuInterfaceState {
  cpu: number;
  /** GICC_CTLR. */
  control: number;
  /** GICC_PMR. */
  priorityMask: number;
  /** GICC_BPR. */
  binaryPoint: number;
  /** GICC_ABPR. */
  aliasedBinaryPoint: number;
  /** GICC_APR0–3. */
  activePriorities: number[];
}

/** GICC_CTLR bits implemented: EnableGrp0/1, AckCtl, FIQEn, CBPR, the bypass disables, EOImode. */
const CTLR_MASK = 0x3ff;
const APR_COUNT = 4;

/** The register window of one GICv2 CPU interface. */
export class GicCpuInterface implements BoardDevice<GicCpuInterfaceState> {
  readonly #core: GicV2Core;
  readonly #cpu: number;

  /** The interface of CPU `cpu` of `core`. */
  constructor(core: GicV2Core, cpu: number) {
    this.#core = core;
    this.#cpu = cpu;
  }

  /** Reads a register; reading GICC_IAR acknowledges an interrupt. */
  read(offset: number, size: AccessSize): number {
    if (size < 4 || (offset & 3) !== 0) return 0;
    const core = this.#core;
    const regs = core.cpus[this.#cpu]!;
    switch (offset) {
      case GICC_REGISTERS.CTLR:
        return regs.control;
      case GICC_REGISTERS.PMR:
        return regs.priorityMask;
      case GICC_REGISTERS.BPR:
        return regs.binaryPoint;
      case GICC_REGISTERS.ABPR:
        return regs.aliasedBinaryPoint;
      case GICC_REGISTERS.IAR:
        return core.acknowledge(this.#cpu);
      case GICC_REGISTERS.RPR: {
        const running = regs.activePriorities.runningPriority();
        return running === NO_RUNNING_PRIORITY ? GIC_IDLE_PRIORITY : running;
      }
      case GICC_REGISTERS.HPPIR:
        return core.highestPendingValue(this.#cpu);
      case GICC_REGISTERS.IIDR:
        return GICC_IIDR_VALUE;
      default:
        if (offset >= GICC_REGISTERS.APR0 && offset < GICC_REGISTERS.APR0 + APR_COUNT * 4) {
          return regs.activePriorities.words[(offset - GICC_REGISTERS.APR0) >> 2]!;
        }
        return 0; // EOIR and DIR are write-only; reserved space (and GICC_NSAPRn) reads as zero
    }
  }

  /** Writes a register; GICC_EOIR and GICC_DIR complete interrupts. */
  write(offset: number, size: AccessSize, value: number): void {
    if (size < 4 || (offset & 3) !== 0) return;
    const core = this.#core;
    const regs = core.cpus[this.#cpu]!;
    value >>>= 0;
    switch (offset) {
      case GICC_REGISTERS.CTLR:
        regs.control = value & CTLR_MASK;
        break;
      case GICC_REGISTERS.PMR:
        regs.priorityMask = value & 0xff;
        break;
      case GICC_REGISTERS.BPR:
        regs.binaryPoint = Math.max(MIN_BINARY_POINT, value & 7);
        break;
      case GICC_REGISTERS.ABPR:
        regs.aliasedBinaryPoint = Math.max(MIN_ALIASED_BINARY_POINT, value & 7);
        break;
      case GICC_REGISTERS.EOIR:
        core.endOfInterrupt(this.#cpu, value);
        return;
      case GICC_REGISTERS.DIR:
        core.deactivate(this.#cpu, value);
        return;
      default:
        if (offset >= GICC_REGISTERS.APR0 && offset < GICC_REGISTERS.APR0 + APR_COUNT * 4) {
          regs.activePriorities.words[(offset - GICC_REGISTERS.APR0) >> 2] = value;
          break;
        }
        return; // read-only and reserved registers ignore writes
    }
    core.update();
  }

  /** A snapshot of this CPU interface. */
  save(): GicCpuInterfaceState {
    const regs = this.#core.cpus[this.#cpu]!;
    return {
      cpu: this.#cpu,
      control: regs.control,
      priorityMask: regs.priorityMask,
      binaryPoint: regs.binaryPoint,
      aliasedBinaryPoint: regs.aliasedBinaryPoint,
      activePriorities: Array.from(regs.activePriorities.words),
    };
  }

  /** Restores a snapshot (its `cpu` field is informational) and drives the IRQ line. */
  restore(state: GicCpuInterfaceState): void {
    const regs = this.#core.cpus[this.#cpu]!;
    regs.control = state.control & CTLR_MASK;
    regs.priorityMask = state.priorityMask & 0xff;
    regs.binaryPoint = Math.max(MIN_BINARY_POINT, state.binaryPoint & 7);
    regs.aliasedBinaryPoint = Math.max(MIN_ALIASED_BINARY_POINT, state.aliasedBinaryPoint & 7);
    regs.activePriorities.clear();
    state.activePriorities.slice(0, APR_COUNT).forEach((word, i) => (regs.activePriorities.words[i] = word));
    this.#core.update();
  }
}
