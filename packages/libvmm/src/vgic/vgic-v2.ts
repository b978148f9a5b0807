// vGICv2 of one VM (IHI 0048B): the distributor is emulated here on the shared vGIC core; the
// CPU interface is the board's hardware-virtualised GICV page mapped into the guest.
import { GICD_REGISTERS as GICD } from "@sel4ts/sel4-kernel-sim";
import { GIC_SPI_BASE, GICD_ID_REGS, GICD_IIDR_RESET, GICD_TYPER_RESET, gicdSgirFilter, gicdSgirIntid, gicdSgirTargets } from "@sel4ts/vmm-common";
import { hex } from "../pd";
import { VGIC_NUM_IRQS, VgicCore } from "./vgic-core";

export { VGIC_NUM_IRQS, VGIC_NUM_LIST_REGS, type VgicHost, type virq_ack_fn_t } from "./vgic-core";

export const VGIC_DIST_SIZE = 0x1000;

const inRange = (offset: number, base: number, bytes: number): boolean => offset >= base && offset < base + bytes;
const pendingBit = (pending0: number, irq: number): boolean => ((pending0 >>> irq) & 1) === 1;

export class VgicV2 extends VgicCore {
  readonly targets = new Uint8Array(VGIC_NUM_IRQS);

  protected distributorEnabled(): boolean {
    return (this.ctlr & 1) !== 0;
  }

  override reset(): { vcpu: number; irq: number }[] {
    this.targets.fill(0);
    return super.reset();
  }

  read(vcpu_id: number, offset: number): number | null {
    const v = this.vcpus[vcpu_id]!;
    if (offset === GICD.CTLR) return this.ctlr;
    if (offset === GICD.TYPER) return GICD_TYPER_RESET;
    if (offset === GICD.IIDR) return GICD_IIDR_RESET;
    const shared = this.readShared(vcpu_id, offset, "all");
    if (shared !== undefined) return shared;
    if (inRange(offset, GICD.ITARGETSR, VGIC_NUM_IRQS)) {
      const irq = offset - GICD.ITARGETSR;
      // ITARGETSR0-7 are read-only and name the reading CPU interface.
      if (irq < GIC_SPI_BASE) return (((1 << vcpu_id) & 0xff) * 0x0101_0101) >>> 0;
      const t = this.targets;
      return (t[irq]! | (t[irq + 1]! << 8) | (t[irq + 2]! << 16) | (t[irq + 3]! << 24)) >>> 0;
    }
    if (offset === GICD.SGIR) return 0;
    if (inRange(offset, GICD.CPENDSGIR, 16) || inRange(offset, GICD.SPENDSGIR, 16)) {
      const first = offset & 0xf;
      let value = 0;
      for (let i = 0; i < 4; i++) if (pendingBit(v.pending0, first + i)) value |= 1 << (i * 8);
      return value >>> 0;
    }
    return GICD_ID_REGS[offset] ?? null;
  }

  /** `bits`: the written bits in register position; `merged`: the register with the write merged in. */
  write(vcpu_id: number, offset: number, bits: number, merged: number): boolean {
    if (offset === GICD.CTLR) {
      this.ctlr = merged & 1;
    } else if (offset === GICD.TYPER || offset === GICD.IIDR) {
      // read-only
    } else if (this.writeShared(vcpu_id, offset, bits, merged, "all")) {
      // the shared register block
    } else if (inRange(offset, GICD.ITARGETSR, VGIC_NUM_IRQS)) {
      const irq = offset - GICD.ITARGETSR;
      if (irq >= GIC_SPI_BASE) for (let i = 0; i < 4; i++) this.targets[irq + i] = (merged >>> (i * 8)) & 0xff;
    } else if (offset === GICD.SGIR) {
      this.sendSgi(vcpu_id, merged);
    } else if (inRange(offset, GICD.SPENDSGIR, 16) || inRange(offset, GICD.CPENDSGIR, 16)) {
      const first = offset & 0xf;
      for (let i = 0; i < 4; i++) {
        if (((bits >>> (i * 8)) & 0xff) === 0) continue;
        if (offset >= GICD.SPENDSGIR) this.inject(vcpu_id, first + i);
        else this.setBit(vcpu_id, "pending", first + i, false);
      }
    } else {
      return GICD_ID_REGS[offset] !== undefined;
    }
    return true;
  }

  /** GICD_SGIR: TargetListFilter 0 = the listed CPUs, 1 = all others, 2 = the writer; vCPUs that are off ignore it. */
  private sendSgi(sender: number, value: number): void {
    const filter = gicdSgirFilter(value);
    const list = gicdSgirTargets(value);
    this.sendSgiTo(gicdSgirIntid(value), (target) =>
      filter === 0 ? ((list >>> target) & 1) === 1 : filter === 1 ? target !== sender : filter === 2 ? target === sender : false,
    );
  }

  describe(offset: number): string {
    return `distributor register ${hex(offset)}`;
  }
}
