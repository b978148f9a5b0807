/**
 * The GICv2 distributor register window (GICD). Like QEMU, the model decodes every register at
 * byte granularity and assembles wider accesses from bytes, so the byte-accessible registers
 * (IPRIORITYR, ITARGETSR, C/SPENDSGIR) and the word registers share one decoder. GICD_SGIR is the
 * exception: only a 32-bit write sends an SGI.
 */

import type { AccessSize, BoardDevice } from "../device";
import {
  GICD_IIDR_VALUE,
  GICD_REGISTERS,
  GIC_PRIVATE_IRQ_COUNT,
  GIC_SGI_COUNT,
} from "./gic-constants";
import type { GicV2Core } from "./gic-v2-core";

/** State of one interrupt as the distributor holds it. */
export interface GicInterruptState {
  /** Forwarding enabled (ISENABLER). */
  enabled: boolean;
  /** Pending latch: set by an edge or ISPENDR, cleared by acknowledge or ICPENDR (not the line level). */
  pendingLatch: boolean;
  /** Level of the input line (PPIs and SPIs). */
  lineLevel: boolean;
  active: boolean;
  /** 8-bit priority, 0 is highest. */
  priority: number;
  /** Interrupt group (IGROUPR bit). */
  group: 0 | 1;
  /** ICFGR: edge-triggered (true) or level-sensitive (false). */
  edgeTriggered: boolean;
}

/** Banked SGI/PPI state of one CPU interface. */
export interface GicBankedState {
  cpu: number;
  /** INTIDs 0–31 in order. */
  interrupts: GicInterruptState[];
  /** For each SGI 0–15: bit mask of the CPUs whose request is still pending. */
  sgiSources: number[];
}

/** State of one SPI. */
export interface GicSharedInterruptState extends GicInterruptState {
  intid: number;
  /** ITARGETSR byte: CPU interfaces the SPI is routed to. */
  targets: number;
}

/** A snapshot of the distributor. */
export interface GicDistributorState {
  /** GICD_CTLR. */
  control: number;
  banked: GicBankedState[];
  shared: GicSharedInterruptState[];
}

/**
 * Peripheral and component ID bytes at 0xFD0–0xFFC (PIDR4–7, PIDR0–3, CIDR0–3), as QEMU's
 * GICv2 returns them; PIDR2 = 0x2B carries ArchRev 2 in bits [7:4].
 */
const ID_BYTES = [0x04, 0x00, 0x00, 0x00, 0x90, 0xb4, 0x2b, 0x00, 0x0d, 0xf0, 0x05, 0xb1] as const;

const SGIR_FILTER_LIST = 0;
const SGIR_FILTER_OTHERS = 1;
const SGIR_FILTER_SELF = 2;

/** The distributor window as seen by one CPU (SGI/PPI registers are banked per CPU). */
export class GicDistributor implements BoardDevice<GicDistributorState> {
  readonly #core: GicV2Core;
  readonly #cpu: number;

  /** A view of `core`'s distributor for accesses made by CPU `cpu`. */
  constructor(core: GicV2Core, cpu: number) {
    this.#core = core;
    this.#cpu = cpu;
  }

  /** Reads `size` bytes, little-endian, each decoded on its own. */
  read(offset: number, size: AccessSize): number {
    let value = 0;
    for (let i = Math.min(size, 4) - 1; i >= 0; i--) value = (value << 8) | this.#readByte(offset + i);
    return value >>> 0;
  }

  /** Writes `size` bytes; a 32-bit write to GICD_SGIR sends an SGI. */
  write(offset: number, size: AccessSize, value: number): void {
    if (offset === GICD_REGISTERS.SGIR) {
      if (size >= 4) this.#writeSgir(value >>> 0);
      return;
    }
    for (let i = 0; i < Math.min(size, 4); i++) this.#writeByte(offset + i, (value >>> (i * 8)) & 0xff);
    this.#core.update();
  }

  /** A snapshot of the whole distributor, banked state of every CPU included. */
  save(): GicDistributorState {
    const core = this.#core;
    const interrupt = (cpu: number, intid: number): GicInterruptState => {
      const slot = core.slot(cpu, intid);
      return {
        enabled: core.enabled[slot] !== 0,
        pendingLatch: core.latched[slot] !== 0,
        lineLevel: core.lineLevel[slot] !== 0,
        active: core.active[slot] !== 0,
        priority: core.priority[slot]!,
        group: core.group[slot] === 1 ? 1 : 0,
        edgeTriggered: core.edgeTriggered[slot] !== 0,
      };
    };
    const banked: GicBankedState[] = [];
    for (let cpu = 0; cpu < core.numCpus; cpu++) {
      banked.push({
        cpu,
        interrupts: Array.from({ length: GIC_PRIVATE_IRQ_COUNT }, (_, intid) => interrupt(cpu, intid)),
        sgiSources: Array.from(core.sgiSources.subarray(cpu * GIC_SGI_COUNT, (cpu + 1) * GIC_SGI_COUNT)),
      });
    }
    const shared: GicSharedInterruptState[] = [];
    for (let intid = GIC_PRIVATE_IRQ_COUNT; intid < core.numIrqs; intid++) {
      shared.push({ intid, ...interrupt(0, intid), targets: core.targets[intid - GIC_PRIVATE_IRQ_COUNT]! });
    }
    return { control: core.distributorControl, banked, shared };
  }

  /** Restores a snapshot taken from a GIC of the same size and drives the CPU IRQ lines. */
  restore(state: GicDistributorState): void {
    const core = this.#core;
    core.resetInterruptState();
    core.distributorControl = state.control & 3;
    const put = (cpu: number, intid: number, irq: GicInterruptState): void => {
      const slot = core.slot(cpu, intid);
      const sgi = intid < GIC_SGI_COUNT;
      core.enabled[slot] = sgi || irq.enabled ? 1 : 0;
      core.latched[slot] = !sgi && irq.pendingLatch ? 1 : 0;
      core.lineLevel[slot] = !sgi && irq.lineLevel ? 1 : 0;
      core.active[slot] = irq.active ? 1 : 0;
      core.priority[slot] = irq.priority & 0xff;
      core.group[slot] = irq.group === 1 ? 1 : 0;
      core.edgeTriggered[slot] = sgi || irq.edgeTriggered ? 1 : 0;
    };
    for (const bank of state.banked) {
      core.checkCpu(bank.cpu);
      bank.interrupts.slice(0, GIC_PRIVATE_IRQ_COUNT).forEach((irq, intid) => put(bank.cpu, intid, irq));
      bank.sgiSources.slice(0, GIC_SGI_COUNT).forEach((sources, sgi) => {
        core.sgiSources[bank.cpu * GIC_SGI_COUNT + sgi] = sources & ((1 << core.numCpus) - 1);
      });
    }
    for (const irq of state.shared) {
      if (irq.intid < GIC_PRIVATE_IRQ_COUNT || irq.intid >= core.numIrqs) continue;
      put(0, irq.intid, irq);
      core.targets[irq.intid - GIC_PRIVATE_IRQ_COUNT] = irq.targets & 0xff;
    }
    core.update();
  }

  #typer(): number {
    return (Math.ceil(this.#core.numIrqs / 32) - 1) | ((this.#core.numCpus - 1) << 5);
  }

  /** Calls `visit` for each interrupt a bit-per-interrupt register byte at `offset` from `base` covers. */
  #bitsAt(base: number, offset: number, visit: (intid: number, bit: number) => void): void {
    const first = (offset - base) * 8;
    for (let bit = 0; bit < 8; bit++) {
      if (first + bit < this.#core.numIrqs) visit(first + bit, bit);
    }
  }

  #readBits(base: number, offset: number, test: (slot: number, intid: number) => boolean): number {
    let byte = 0;
    this.#bitsAt(base, offset, (intid, bit) => {
      if (test(this.#core.slot(this.#cpu, intid), intid)) byte |= 1 << bit;
    });
    return byte;
  }

  #readByte(offset: number): number {
    const core = this.#core;
    const R = GICD_REGISTERS;
    const wordByte = (word: number): number => (word >>> ((offset & 3) * 8)) & 0xff;
    if (offset < R.TYPER) return wordByte(core.distributorControl);
    if (offset < R.IIDR) return wordByte(this.#typer());
    if (offset < R.IIDR + 4) return wordByte(GICD_IIDR_VALUE);
    if (offset < R.IGROUPR) return 0;
    if (offset < R.ISENABLER) return this.#readBits(R.IGROUPR, offset, (slot) => core.group[slot] === 1);
    if (offset < R.ICENABLER) return this.#readBits(R.ISENABLER, offset, (slot) => core.enabled[slot] !== 0);
    if (offset < R.ISPENDR) return this.#readBits(R.ICENABLER, offset, (slot) => core.enabled[slot] !== 0);
    const pending = (_slot: number, intid: number): boolean => core.isPending(this.#cpu, intid);
    if (offset < R.ICPENDR) return this.#readBits(R.ISPENDR, offset, pending);
    if (offset < R.ISACTIVER) return this.#readBits(R.ICPENDR, offset, pending);
    if (offset < R.ICACTIVER) return this.#readBits(R.ISACTIVER, offset, (slot) => core.active[slot] !== 0);
    if (offset < R.IPRIORITYR) return this.#readBits(R.ICACTIVER, offset, (slot) => core.active[slot] !== 0);
    if (offset < R.ITARGETSR) {
      const intid = offset - R.IPRIORITYR;
      return intid < core.numIrqs ? core.priority[core.slot(this.#cpu, intid)]! : 0;
    }
    if (offset < R.ICFGR) return this.#readTargets(offset - R.ITARGETSR);
    if (offset < R.ICFGR + 0x100) return this.#readConfig(offset);
    if (offset >= R.CPENDSGIR && offset < R.SPENDSGIR + GIC_SGI_COUNT) {
      return core.sgiSources[this.#cpu * GIC_SGI_COUNT + ((offset - R.CPENDSGIR) & 0xf)]!;
    }
    if (offset >= R.PIDR4 && offset < R.CIDR0 + 0x10 && (offset & 3) === 0) {
      return ID_BYTES[(offset - R.PIDR4) >> 2] ?? 0;
    }
    return 0;
  }

  /** ITARGETSR: RAZ/WI on a uniprocessor GIC; SGI/PPI bytes read as the reading CPU's bit. */
  #readTargets(intid: number): number {
    const core = this.#core;
    if (core.numCpus === 1 || intid >= core.numIrqs) return 0;
    return intid < GIC_PRIVATE_IRQ_COUNT ? 1 << this.#cpu : core.targets[intid - GIC_PRIVATE_IRQ_COUNT]!;
  }

  /** ICFGR byte: four interrupts, bit 2k+1 set for edge-triggered. */
  #readConfig(offset: number): number {
    const first = (offset - GICD_REGISTERS.ICFGR) * 4;
    let byte = 0;
    for (let k = 0; k < 4; k++) {
      const intid = first + k;
      if (intid < this.#core.numIrqs && this.#core.edgeTriggered[this.#core.slot(this.#cpu, intid)] !== 0) {
        byte |= 2 << (k * 2);
      }
    }
    return byte;
  }

  #writeBits(base: number, offset: number, value: number, apply: (slot: number, intid: number) => void): void {
    this.#bitsAt(base, offset, (intid, bit) => {
      if ((value >> bit) & 1) apply(this.#core.slot(this.#cpu, intid), intid);
    });
  }

  #writeByte(offset: number, value: number): void {
    const core = this.#core;
    const R = GICD_REGISTERS;
    const notSgi = (intid: number): boolean => intid >= GIC_SGI_COUNT;
    if (offset === R.CTLR) {
      core.distributorControl = value & 3;
    } else if (offset >= R.IGROUPR && offset < R.ISENABLER) {
      this.#bitsAt(R.IGROUPR, offset, (intid, bit) => {
        core.group[core.slot(this.#cpu, intid)] = (value >> bit) & 1;
      });
    } else if (offset >= R.ISENABLER && offset < R.ICENABLER) {
      this.#writeBits(R.ISENABLER, offset, value, (slot) => (core.enabled[slot] = 1));
    } else if (offset >= R.ICENABLER && offset < R.ISPENDR) {
      this.#writeBits(R.ICENABLER, offset, value, (slot, intid) => {
        if (notSgi(intid)) core.enabled[slot] = 0; // SGI enables are RAO/WI
      });
    } else if (offset >= R.ISPENDR && offset < R.ICPENDR) {
      this.#writeBits(R.ISPENDR, offset, value, (slot, intid) => {
        if (notSgi(intid)) core.latched[slot] = 1; // SGIs are made pending through SPENDSGIR
      });
    } else if (offset >= R.ICPENDR && offset < R.ISACTIVER) {
      this.#writeBits(R.ICPENDR, offset, value, (slot, intid) => {
        if (notSgi(intid)) core.latched[slot] = 0; // a level line that is still high keeps it pending
      });
    } else if (offset >= R.ISACTIVER && offset < R.ICACTIVER) {
      this.#writeBits(R.ISACTIVER, offset, value, (slot) => (core.active[slot] = 1));
    } else if (offset >= R.ICACTIVER && offset < R.IPRIORITYR) {
      this.#writeBits(R.ICACTIVER, offset, value, (slot) => (core.active[slot] = 0));
    } else if (offset >= R.IPRIORITYR && offset < R.ITARGETSR) {
      const intid = offset - R.IPRIORITYR;
      if (intid < core.numIrqs) core.priority[core.slot(this.#cpu, intid)] = value;
    } else if (offset >= R.ITARGETSR && offset < R.ICFGR) {
      const intid = offset - R.ITARGETSR;
      // SGI/PPI bytes are read-only; a uniprocessor GIC makes them all RAZ/WI.
      if (core.numCpus > 1 && intid >= GIC_PRIVATE_IRQ_COUNT && intid < core.numIrqs) {
        core.targets[intid - GIC_PRIVATE_IRQ_COUNT] = value & ((1 << core.numCpus) - 1);
      }
    } else if (offset >= R.ICFGR && offset < R.ICFGR + 0x100) {
      const first = (offset - R.ICFGR) * 4;
      for (let k = 0; k < 4; k++) {
        const intid = first + k;
        if (notSgi(intid) && intid < core.numIrqs) {
          core.edgeTriggered[core.slot(this.#cpu, intid)] = (value >> (k * 2 + 1)) & 1;
        }
      }
    } else if (offset >= R.CPENDSGIR && offset < R.SPENDSGIR + GIC_SGI_COUNT) {
      const index = this.#cpu * GIC_SGI_COUNT + ((offset - R.CPENDSGIR) & 0xf);
      const sources = value & ((1 << core.numCpus) - 1);
      if (offset < R.SPENDSGIR) core.sgiSources[index]! &= ~sources;
      else core.sgiSources[index]! |= sources;
    }
    // Everything else (TYPER, IIDR, ID registers, reserved space) is read-only or RAZ/WI.
  }

  /** GICD_SGIR: TargetListFilter [25:24], CPUTargetList [23:16], SGIINTID [3:0]. */
  #writeSgir(value: number): void {
    const filter = (value >>> 24) & 3;
    const allCpus = (1 << this.#core.numCpus) - 1;
    let targets: number;
    if (filter === SGIR_FILTER_LIST) targets = (value >>> 16) & 0xff & allCpus;
    else if (filter === SGIR_FILTER_OTHERS) targets = allCpus & ~(1 << this.#cpu);
    else if (filter === SGIR_FILTER_SELF) targets = 1 << this.#cpu;
    else return; // filter 3 is reserved
    this.#core.sendSgi(this.#cpu, value & 0xf, targets);
  }
}
