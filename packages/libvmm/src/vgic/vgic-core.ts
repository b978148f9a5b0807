// The vGIC core of one VM, shared by the GICv2 and GICv3 front ends: per-IRQ state (enable,
// pending, active, group, priority, configuration; SGIs and PPIs banked per vCPU), the
// registrations, and delivery through the list registers (microkit_vcpu_arm_inject_irq) with 4
// shadow list registers and an overflow queue per vCPU, refilled when the guest's EOI raises a
// maintenance fault. The register block both versions lay out alike (IGROUPR … ICFGR at the
// same offsets in GICD, and word 0 of it in the GICv3 redistributor's SGI frame) lives here too.
import { GICD_REGISTERS as GICD } from "@sel4ts/sel4-kernel-sim";
import { GIC_SGI_COUNT, GIC_SPI_BASE, GICD_ICFGR0_SGI } from "@sel4ts/vmm-common";
import type { VmmLog } from "../pd";

/** What the vGIC needs from the VMM: list register writes and which vCPUs are on. */
export interface VgicHost {
  injectListRegister(vcpu: number, irq: number, lr: number): void;
  vcpuIsOn(vcpu: number): boolean;
  readonly log: VmmLog;
}

/** virq_ack_fn_t (0.1.0): called when the guest has EOI'd the IRQ. */
export type virq_ack_fn_t = (vcpu_id: number, irq: number, cookie: unknown) => void;

export const VGIC_NUM_IRQS = 256;
export const VGIC_NUM_LIST_REGS = 4;
export const VGIC_DIST_SIZE = 0x1000;
const BITMAP_WORDS = VGIC_NUM_IRQS / 32;

/** Which words of the shared register block an access window reaches. */
export type BankedAccess =
  /** GICv2 GICD: every word, word 0 banked per vCPU. */
  | "all"
  /** GICv3 GICD with ARE: SPI words only; word 0 (SGIs/PPIs) is RAZ/WI (they live in the redistributors). */
  | "spisOnly"
  /** GICv3 redistributor SGI frame: word 0 only (that vCPU's SGIs and PPIs). */
  | "word0Only";

export interface Registration {
  readonly ack: virq_ack_fn_t;
  readonly data: unknown;
}

class VcpuState {
  /** Banked SGI/PPI registers (INTIDs 0-31). */
  enable0 = 0;
  pending0 = 0;
  active0 = 0;
  group0 = 0;
  readonly priority0 = new Uint8Array(32);
  readonly lr: (number | null)[] = new Array<number | null>(VGIC_NUM_LIST_REGS).fill(null);
  readonly queue: number[] = [];
  readonly registered = new Map<number, Registration>();
}

const inRange = (offset: number, base: number, bytes: number): boolean => offset >= base && offset < base + bytes;
const bit = (words: Uint32Array | number, irq: number): boolean => ((typeof words === "number" ? words : words[irq >> 5]!) >>> (irq & 31) & 1) === 1;

export abstract class VgicCore {
  /** The distributor's raw control register (its enable bit depends on the GIC version). */
  ctlr = 0;
  readonly enable = new Uint32Array(BITMAP_WORDS);
  readonly pending = new Uint32Array(BITMAP_WORDS);
  readonly active = new Uint32Array(BITMAP_WORDS);
  readonly group = new Uint32Array(BITMAP_WORDS);
  readonly priority = new Uint8Array(VGIC_NUM_IRQS);
  readonly config = new Uint32Array(VGIC_NUM_IRQS / 16);
  readonly spis = new Map<number, Registration>();
  readonly vcpus: VcpuState[];

  constructor(protected readonly host: VgicHost, num_vcpus: number) {
    this.vcpus = Array.from({ length: num_vcpus }, () => new VcpuState());
  }

  /** Whether the distributor forwards interrupts (GICv2 GICD_CTLR.Enable; GICv3 EnableGrp1). */
  protected abstract distributorEnabled(): boolean;

  /** Emulated read of the version's register window; null for an unknown offset. */
  abstract read(vcpu_id: number, offset: number): number | null;

  /** Emulated write (`bits`: written bits in place; `merged`: the register with the write merged in); false if unknown. */
  abstract write(vcpu_id: number, offset: number, bits: number, merged: number): boolean;

  abstract describe(offset: number): string;

  /** Distributor and IRQ state back to reset; registrations stay. Returns the IRQs that were in flight. */
  reset(): { vcpu: number; irq: number }[] {
    const dropped: { vcpu: number; irq: number }[] = [];
    this.ctlr = 0;
    for (const a of [this.enable, this.pending, this.active, this.group, this.config]) a.fill(0);
    this.priority.fill(0);
    this.vcpus.forEach((v, vcpu) => {
      for (const irq of [...v.lr, ...v.queue]) if (irq !== null) dropped.push({ vcpu, irq });
      v.enable0 = v.pending0 = v.active0 = v.group0 = 0;
      v.priority0.fill(0);
      v.lr.fill(null);
      v.queue.length = 0;
    });
    return dropped;
  }

  protected vcpu(id: number): VcpuState | null {
    return this.vcpus[id] ?? null;
  }

  register(vcpu_id: number, irq: number, ack: virq_ack_fn_t, data: unknown): boolean {
    const v = this.vcpu(vcpu_id);
    if (!v || irq < 0 || irq >= VGIC_NUM_IRQS) {
      this.host.log.error("virq_register", `invalid vCPU ${vcpu_id} or IRQ ${irq}`);
      return false;
    }
    const table = irq < GIC_SPI_BASE ? v.registered : this.spis;
    if (table.has(irq)) {
      this.host.log.error("virq_register", `IRQ ${irq} is already registered`);
      return false;
    }
    table.set(irq, { ack, data });
    return true;
  }

  registration(vcpu_id: number, irq: number): Registration | undefined {
    return irq < GIC_SPI_BASE ? this.vcpu(vcpu_id)?.registered.get(irq) : this.spis.get(irq);
  }

  isEnabled(vcpu_id: number, irq: number): boolean {
    return irq < GIC_SPI_BASE ? bit(this.vcpus[vcpu_id]!.enable0, irq) : bit(this.enable, irq);
  }

  isPending(vcpu_id: number, irq: number): boolean {
    return irq < GIC_SPI_BASE ? bit(this.vcpus[vcpu_id]!.pending0, irq) : bit(this.pending, irq);
  }

  protected setBit(vcpu_id: number, which: "enable" | "pending" | "active", irq: number, on: boolean): void {
    const mask = (1 << (irq & 31)) >>> 0;
    if (irq < GIC_SPI_BASE) {
      const v = this.vcpus[vcpu_id]!;
      const key = `${which}0` as const;
      v[key] = (on ? v[key] | mask : v[key] & ~mask) >>> 0;
    } else {
      const words = this[which];
      words[irq >> 5] = (on ? words[irq >> 5]! | mask : words[irq >> 5]! & ~mask) >>> 0;
    }
  }

  /** vgic_inject_irq: false (with a log line) if unregistered, the distributor is off or the IRQ is disabled. */
  inject(vcpu_id: number, irq: number): boolean {
    const v = this.vcpu(vcpu_id);
    if (!v || irq < 0 || irq >= VGIC_NUM_IRQS) {
      this.host.log.error("virq_inject", `invalid vCPU ${vcpu_id} or IRQ ${irq}`);
      return false;
    }
    if (!this.registration(vcpu_id, irq)) {
      this.host.log.error("virq_inject", `vIRQ ${irq} is not registered (call virq_register first)`);
      return false;
    }
    if (!this.distributorEnabled() || !this.isEnabled(vcpu_id, irq)) return false;
    if (this.isPending(vcpu_id, irq)) return true;
    this.setBit(vcpu_id, "pending", irq, true);
    v.queue.push(irq);
    this.fill(vcpu_id);
    return true;
  }

  /** Moves queued IRQs into free list registers. */
  fill(vcpu_id: number): void {
    const v = this.vcpus[vcpu_id]!;
    for (let lr = 0; lr < VGIC_NUM_LIST_REGS && v.queue.length > 0; lr++) {
      if (v.lr[lr] !== null) continue;
      const irq = v.queue.shift()!;
      this.setBit(vcpu_id, "pending", irq, false);
      v.lr[lr] = irq;
      this.host.injectListRegister(vcpu_id, irq, lr);
    }
  }

  /** A VGICMaintenance fault: the guest EOI'd list register `lr`. */
  maintenance(vcpu_id: number, lr: number): boolean {
    const v = this.vcpu(vcpu_id);
    const irq = v?.lr[lr];
    if (!v || irq === undefined || irq === null) {
      this.host.log.error("vgic_handle_fault_maintenance", `no IRQ in list register ${lr} of vCPU ${vcpu_id}`);
      return false;
    }
    v.lr[lr] = null;
    const reg = this.registration(vcpu_id, irq);
    reg?.ack(vcpu_id, irq, reg.data);
    this.fill(vcpu_id);
    return true;
  }

  // ---- the register block shared by GICD (v2 and v3) and the GICv3 SGI frame ----

  /** Whether `offset` (IGROUPR … ICFGR) is a word this window reaches. */
  private reaches(offset: number, access: BankedAccess): boolean {
    const word0 =
      offset < GICD.IPRIORITYR ? (offset & 0x7f) < 4 : offset < GICD.ITARGETSR ? offset - GICD.IPRIORITYR < GIC_SPI_BASE : offset - GICD.ICFGR < 8;
    return access === "all" || (access === "spisOnly" ? !word0 : word0);
  }

  /** Read of IGROUPR, IS/ICENABLER, IS/ICPENDR, IS/ICACTIVER, IPRIORITYR or ICFGR; undefined for other offsets. */
  protected readShared(vcpu_id: number, offset: number, access: BankedAccess): number | undefined {
    if (!isShared(offset)) return undefined;
    if (!this.reaches(offset, access)) return 0;
    const v = this.vcpus[vcpu_id]!;
    const word = (offset & 0x7f) >> 2;
    const banked = (own: number, words: Uint32Array): number => (word === 0 ? own : words[word]!);
    if (inRange(offset, GICD.IGROUPR, 32)) return banked(v.group0, this.group);
    if (inRange(offset, GICD.ISENABLER, 32) || inRange(offset, GICD.ICENABLER, 32)) return banked(v.enable0, this.enable);
    if (inRange(offset, GICD.ISPENDR, 32) || inRange(offset, GICD.ICPENDR, 32)) return banked(v.pending0, this.pending);
    if (inRange(offset, GICD.ISACTIVER, 32) || inRange(offset, GICD.ICACTIVER, 32)) return banked(v.active0, this.active);
    if (inRange(offset, GICD.IPRIORITYR, VGIC_NUM_IRQS)) {
      const irq = offset - GICD.IPRIORITYR;
      const bytes = irq < GIC_SPI_BASE ? v.priority0 : this.priority;
      return (bytes[irq]! | (bytes[irq + 1]! << 8) | (bytes[irq + 2]! << 16) | (bytes[irq + 3]! << 24)) >>> 0;
    }
    const index = (offset - GICD.ICFGR) >> 2;
    return index === 0 ? GICD_ICFGR0_SGI : this.config[index]!;
  }

  /** Write of the shared block; false for other offsets. */
  protected writeShared(vcpu_id: number, offset: number, bits: number, merged: number, access: BankedAccess): boolean {
    if (!isShared(offset)) return false;
    if (!this.reaches(offset, access)) return true; // RAZ/WI
    const v = this.vcpus[vcpu_id]!;
    const firstIrq = ((offset & 0x7f) >> 2) * 32;
    const each = (fn: (irq: number) => void): void => {
      for (let i = 0; i < 32; i++) if (((bits >>> i) & 1) === 1) fn(firstIrq + i);
    };
    if (inRange(offset, GICD.IGROUPR, 32)) {
      if (firstIrq === 0) v.group0 = merged;
      else this.group[firstIrq >> 5] = merged;
    } else if (inRange(offset, GICD.ISENABLER, 32)) {
      each((irq) => {
        this.setBit(vcpu_id, "enable", irq, true);
        // Enabling an IRQ that is not pending re-arms its source (a pass-through IRQ is acked).
        const reg = this.registration(vcpu_id, irq);
        if (reg && !this.isPending(vcpu_id, irq) && !v.lr.includes(irq)) reg.ack(vcpu_id, irq, reg.data);
      });
    } else if (inRange(offset, GICD.ICENABLER, 32)) {
      // SGIs are always enabled on GIC-400 (ICENABLER0[15:0] are RAO/WI).
      each((irq) => irq >= GIC_SGI_COUNT && this.setBit(vcpu_id, "enable", irq, false));
    } else if (inRange(offset, GICD.ISPENDR, 32)) {
      each((irq) => this.inject(vcpu_id, irq));
    } else if (inRange(offset, GICD.ICPENDR, 32)) {
      each((irq) => this.clearPending(vcpu_id, irq));
    } else if (inRange(offset, GICD.ISACTIVER, 32) || inRange(offset, GICD.ICACTIVER, 32)) {
      const set = offset < GICD.ICACTIVER;
      each((irq) => this.setBit(vcpu_id, "active", irq, set));
    } else if (inRange(offset, GICD.IPRIORITYR, VGIC_NUM_IRQS)) {
      const irq = offset - GICD.IPRIORITYR;
      const bytes = irq < GIC_SPI_BASE ? v.priority0 : this.priority;
      for (let i = 0; i < 4; i++) bytes[irq + i] = (merged >>> (i * 8)) & 0xff;
    } else {
      const index = (offset - GICD.ICFGR) >> 2;
      // Bit 2n+1 of each field is the edge/level bit; bit 2n is reserved.
      if (index > 0) this.config[index] = (merged & 0xaaaa_aaaa) >>> 0;
    }
    return true;
  }

  /** Drops `irq` from the pending state and the overflow queue of `vcpu_id`. */
  protected clearPending(vcpu_id: number, irq: number): void {
    const v = this.vcpus[vcpu_id]!;
    this.setBit(vcpu_id, "pending", irq, false);
    const q = v.queue.indexOf(irq);
    if (q >= 0) v.queue.splice(q, 1);
  }

  /** Sends SGI `sgi` from `sender` to every vCPU `hit` selects that is on. */
  protected sendSgiTo(sgi: number, hit: (target: number) => boolean): void {
    for (let target = 0; target < this.vcpus.length; target++) {
      if (hit(target) && this.host.vcpuIsOn(target)) this.inject(target, sgi);
    }
  }
}

const BITMAP_REGISTERS = [GICD.IGROUPR, GICD.ISENABLER, GICD.ICENABLER, GICD.ISPENDR, GICD.ICPENDR, GICD.ISACTIVER, GICD.ICACTIVER];

/** IGROUPR … ICFGR: the offsets both GIC versions give the same meaning. */
function isShared(offset: number): boolean {
  return (
    BITMAP_REGISTERS.some((base) => inRange(offset, base, VGIC_NUM_IRQS / 8)) ||
    inRange(offset, GICD.IPRIORITYR, VGIC_NUM_IRQS) ||
    inRange(offset, GICD.ICFGR, VGIC_NUM_IRQS / 4)
  );
}
