// vGICv3 of one VM (IHI 0069): distributor and redistributors emulated on the shared vGIC core;
// the CPU interface is the CPU's ICH_* virtual interface, which the guest reaches through its
// ICC_* system registers. Affinity routing is always on (GICD_CTLR.ARE RAO/WI, single security
// state): SGIs and PPIs are configured in each vCPU's redistributor SGI frame, SPIs in the
// distributor, and SGIs are sent by ICC_SGI1R_EL1 writes, which trap to the VMM.
import { GICD_REGISTERS as GICD } from "@sel4ts/sel4-kernel-sim";
import { hex } from "../pd";
import { VGIC_NUM_IRQS, VgicCore } from "./vgic-core";

/** Distributor window (64 KiB) and redistributor stride per vCPU (RD_base and SGI_base frames, 64 KiB each). */
export const VGIC_V3_DIST_SIZE = 0x1_0000;
export const VGIC_V3_REDIST_STRIDE = 0x2_0000;
const SGI_FRAME = 0x1_0000;

/** GICD_CTLR: EnableGrp0 [0], EnableGrp1 [1], ARE [4] (RAO/WI), DS [6] (RAO: one security state), RWP [31] = 0. */
export const GICD_V3_CTLR = { ENABLE_GRP0: 1, ENABLE_GRP1: 2, ARE: 1 << 4, DS: 1 << 6 } as const;
/** GICD_IIDR the vGICv3 reports (libvmm's: implementer Arm 0x43B, product 1). */
export const GICD_V3_IIDR = 0x0001_043b;
/** PIDR2 of the distributor and redistributors: ArchRev [7:4] = 3 (GICv3), JEP106 bits 0xB. */
export const GIC_V3_PIDR2 = 0x3b;
const PIDR2_OFFSET = 0xffe8;

/** GICD offsets GICv3 adds. */
export const GICD_V3 = { TYPER2: 0xc, IROUTER: 0x6000, PIDR2: PIDR2_OFFSET } as const;
/** GICR RD_base offsets. */
export const GICR = { CTLR: 0x0, IIDR: 0x4, TYPER: 0x8, WAKER: 0x14, PIDR2: PIDR2_OFFSET } as const;
/** GICR_WAKER: ProcessorSleep [1], ChildrenAsleep [2]. */
export const GICR_WAKER = { PROCESSOR_SLEEP: 2, CHILDREN_ASLEEP: 4 } as const;

/** ICC_SGI1R_EL1 fields: TargetList [15:0], Aff1 [23:16], INTID [27:24], Aff2 [39:32], IRM [40], Aff3 [55:48]. */
export function decodeIccSgi1r(value: bigint): { targetList: number; intid: number; irm: boolean; highAffinity: boolean } {
  return {
    targetList: Number(value & 0xffffn),
    intid: Number((value >> 24n) & 0xfn),
    irm: ((value >> 40n) & 1n) === 1n,
    highAffinity: ((value >> 16n) & 0xffn) !== 0n || ((value >> 32n) & 0xffn) !== 0n || ((value >> 48n) & 0xffn) !== 0n,
  };
}

const inRange = (offset: number, base: number, bytes: number): boolean => offset >= base && offset < base + bytes;

export class VgicV3 extends VgicCore {
  /** GICD_IROUTER<n> as 32-bit halves (Aff0-2 and IRM in the low word, Aff3 in the high). */
  readonly irouter = new Uint32Array(VGIC_NUM_IRQS * 2);
  /** GICR_WAKER.ProcessorSleep per vCPU (1 at reset). */
  readonly #sleeping: boolean[];

  constructor(...args: ConstructorParameters<typeof VgicCore>) {
    super(...args);
    this.#sleeping = this.vcpus.map(() => true);
  }

  protected distributorEnabled(): boolean {
    return (this.ctlr & GICD_V3_CTLR.ENABLE_GRP1) !== 0;
  }

  override reset(): { vcpu: number; irq: number }[] {
    this.irouter.fill(0);
    this.#sleeping.fill(true);
    return super.reset();
  }

  /** GICD_TYPER: ITLinesNumber for the emulated INTIDs, IDbits 15 (16-bit INTIDs), no LPIs, no security. */
  get typer(): number {
    return ((15 << 19) | (VGIC_NUM_IRQS / 32 - 1)) >>> 0;
  }

  // ---- distributor ----

  read(vcpu_id: number, offset: number): number | null {
    if (offset === GICD.CTLR) return this.ctlr | GICD_V3_CTLR.ARE | GICD_V3_CTLR.DS;
    if (offset === GICD.TYPER) return this.typer;
    if (offset === GICD.IIDR) return GICD_V3_IIDR;
    if (offset === GICD_V3.TYPER2) return 0; // GICv3.1: no extended SPIs, no vPE features (Linux reads it)
    if (offset === GICD_V3.PIDR2) return GIC_V3_PIDR2;
    const shared = this.readShared(vcpu_id, offset, "spisOnly");
    if (shared !== undefined) return shared;
    if (inRange(offset, GICD_V3.IROUTER, VGIC_NUM_IRQS * 8)) {
      const word = (offset - GICD_V3.IROUTER) >> 2;
      return word < 64 ? 0 : this.irouter[word]!; // IROUTER0-31 (SGIs, PPIs) are reserved
    }
    return null;
  }

  write(vcpu_id: number, offset: number, bits: number, merged: number): boolean {
    if (offset === GICD.CTLR) {
      this.ctlr = merged & (GICD_V3_CTLR.ENABLE_GRP0 | GICD_V3_CTLR.ENABLE_GRP1);
      return true;
    }
    if (offset === GICD.TYPER || offset === GICD.IIDR || offset === GICD_V3.TYPER2 || offset === GICD_V3.PIDR2) return true; // read-only
    if (this.writeShared(vcpu_id, offset, bits, merged, "spisOnly")) return true;
    if (inRange(offset, GICD_V3.IROUTER, VGIC_NUM_IRQS * 8)) {
      const word = (offset - GICD_V3.IROUTER) >> 2;
      // Aff0-2 [23:0] and IRM [31] in the low word; Aff3 [7:0] in the high word.
      if (word >= 64) this.irouter[word] = (word & 1 ? merged & 0xff : merged & 0x80ff_ffff) >>> 0;
      return true;
    }
    return false;
  }

  describe(offset: number): string {
    return `distributor register ${hex(offset)}`;
  }

  // ---- redistributors (one RD_base + SGI_base pair per vCPU) ----

  /** Read at `offset` in the redistributor region; null for an unknown register or a vCPU that does not exist. */
  readRedistributor(offset: number): number | null {
    const target = Math.floor(offset / VGIC_V3_REDIST_STRIDE);
    const local = offset % VGIC_V3_REDIST_STRIDE;
    if (target >= this.vcpus.length) return null;
    if (local >= SGI_FRAME) return this.readShared(target, local - SGI_FRAME, "word0Only") ?? null;
    switch (local) {
      case GICR.CTLR:
        return 0;
      case GICR.IIDR:
        return GICD_V3_IIDR;
      case GICR.TYPER:
        // Processor_Number [23:8], Last [4] on the final redistributor.
        return ((target << 8) | (target === this.vcpus.length - 1 ? 1 << 4 : 0)) >>> 0;
      case GICR.TYPER + 4:
        return target; // Affinity_Value [63:32]: Aff0 = the vCPU index (its MPIDR)
      case GICR.WAKER:
        return this.#sleeping[target] ? GICR_WAKER.PROCESSOR_SLEEP | GICR_WAKER.CHILDREN_ASLEEP : 0;
      case GICR.PIDR2:
        return GIC_V3_PIDR2;
      default:
        return null;
    }
  }

  /** Write at `offset` in the redistributor region; false for an unknown register. */
  writeRedistributor(offset: number, bits: number, merged: number): boolean {
    const target = Math.floor(offset / VGIC_V3_REDIST_STRIDE);
    const local = offset % VGIC_V3_REDIST_STRIDE;
    if (target >= this.vcpus.length) return false;
    if (local >= SGI_FRAME) return this.writeShared(target, local - SGI_FRAME, bits, merged, "word0Only");
    switch (local) {
      case GICR.WAKER:
        // ChildrenAsleep follows ProcessorSleep at once (no power management to wait for).
        this.#sleeping[target] = (merged & GICR_WAKER.PROCESSOR_SLEEP) !== 0;
        return true;
      case GICR.CTLR:
      case GICR.IIDR:
      case GICR.TYPER:
      case GICR.TYPER + 4:
      case GICR.PIDR2:
        return true; // read-only or no implemented bits (no LPIs)
      default:
        return false;
    }
  }

  describeRedistributor(offset: number): string {
    const frame = offset % VGIC_V3_REDIST_STRIDE >= SGI_FRAME ? "SGI_base" : "RD_base";
    return `redistributor ${Math.floor(offset / VGIC_V3_REDIST_STRIDE)} ${frame} register ${hex(offset % SGI_FRAME)}`;
  }

  /**
   * ICC_SGI1R_EL1 from `sender` (trapped to the VMM): IRM = 1 sends to every other vCPU that is
   * on; otherwise, with Aff1-3 = 0 (this VM's vCPUs are Aff0 0..n-1), to the vCPUs in TargetList.
   */
  sendSgi1r(sender: number, value: bigint): void {
    const sgi = decodeIccSgi1r(value);
    if (sgi.irm) this.sendSgiTo(sgi.intid, (target) => target !== sender);
    else if (!sgi.highAffinity) this.sendSgiTo(sgi.intid, (target) => ((sgi.targetList >>> target) & 1) === 1);
  }
}
