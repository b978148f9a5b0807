import { seL4_VCPUReg_Num } from "../constants/boot";
import type { ListRegister, TcbRecord, VcpuRecord, VcpuRegisterFile } from "./structures";
import { GICH_HCR, type GicVirtualInterface, type GicVirtualInterfaceState } from "../board/gic/gic-virtual-interface";
import { LR_STATE, decodeListRegister, encodeListRegister, type ListRegister as GicListRegister } from "../board/gic/list-register";

export type { ListRegister, VcpuRegisterFile } from "./structures";

/** seL4_VCPUReg indexes. */
export enum seL4_VCPUReg {
  seL4_VCPUReg_SCTLR = 0,
  seL4_VCPUReg_CPACR = 1,
  seL4_VCPUReg_TTBR0 = 2,
  seL4_VCPUReg_TTBR1 = 3,
  seL4_VCPUReg_TCR = 4,
  seL4_VCPUReg_MAIR = 5,
  seL4_VCPUReg_AMAIR = 6,
  seL4_VCPUReg_CIDR = 7,
  seL4_VCPUReg_ACTLR = 8,
  seL4_VCPUReg_AFSR0 = 9,
  seL4_VCPUReg_AFSR1 = 10,
  seL4_VCPUReg_ESR = 11,
  seL4_VCPUReg_FAR = 12,
  seL4_VCPUReg_PAR = 13,
  seL4_VCPUReg_VBAR = 14,
  seL4_VCPUReg_TPIDR_EL1 = 15,
  seL4_VCPUReg_VMPIDR_EL2 = 16,
  seL4_VCPUReg_SP_EL1 = 17,
  seL4_VCPUReg_ELR_EL1 = 18,
  seL4_VCPUReg_SPSR_EL1 = 19,
  seL4_VCPUReg_CNTV_CTL = 20,
  seL4_VCPUReg_CNTV_CVAL = 21,
  seL4_VCPUReg_CNTVOFF = 22,
  seL4_VCPUReg_CNTKCTL_EL1 = 23,
  seL4_VCPUReg_Num = 24,
}

/** SCTLR_EL1 value of a fresh VCPU (seL4's SCTLR_EL1_VM: RES1 bits, MMU off). */
export const SCTLR_EL1_VM = 0x30d0_0800n;

/** IRQ number of the virtual timer PPI. */
export const VTIMER_PPI = 27;

const STATE_NAMES = ["invalid", "pending", "active", "pendingActive"] as const;

/**
 * A VCPU: its EL1 system registers (kept here until a CPU runs it, then in that CPU), its
 * virtual GIC interface state (saved here while another VCPU is loaded on the board's
 * interface) and the VPPI mask state.
 */
export class Vcpu implements VcpuRecord {
  /** EL1 registers in seL4_VCPUReg order while no CPU holds them. */
  readonly regs = new BigUint64Array(seL4_VCPUReg_Num);
  /** The saved virtual interface (GICH) state, authoritative while {@link loadedOn} is null. */
  vgic: GicVirtualInterfaceState;
  /** The virtual interface this VCPU is loaded on (vcpu_restore'd), or null. */
  loadedOn: GicVirtualInterface | null = null;
  /** The CPU holding this VCPU's EL1 registers, once it has run. */
  core: VcpuRegisterFile | null = null;
  /** Live views of the list registers. */
  readonly listRegisters: readonly ListRegister[];
  tcb: TcbRecord | null = null;
  vgicEnabled = true;
  /** VPPIs masked by the kernel until the VMM acknowledges them (keyed by IRQ). */
  readonly vppiMasked = new Set<number>();

  /** Creates a VCPU at `paddr` with `numListRegisters` list registers (seL4's vcpu_init: vGIC on, SCTLR_EL1_VM). */
  constructor(
    readonly paddr: number,
    numListRegisters: number,
  ) {
    this.regs[seL4_VCPUReg.seL4_VCPUReg_SCTLR] = SCTLR_EL1_VM;
    this.vgic = { hcr: GICH_HCR.EN, vmcr: 0, apr: 0, listRegisters: new Array<number>(numListRegisters).fill(0) };
    this.listRegisters = Array.from({ length: numListRegisters }, (_, i) => listRegisterView(this, i));
  }

  /** seL4_VCPUReg `index`: from the CPU once one holds the registers. */
  readReg(index: number): bigint {
    return this.core ? this.core.readVcpuReg(index) : this.regs[index]!;
  }

  /** Writes seL4_VCPUReg `index` (to the CPU once one holds the registers). */
  writeReg(index: number, value: bigint): void {
    if (this.core) this.core.writeVcpuReg(index, value);
    else this.regs[index] = value;
  }

  /** The raw GICH_LR value `index`, wherever it currently lives. */
  readListRegister(index: number): number {
    return this.loadedOn ? this.loadedOn.readListRegister(index) : (this.vgic.listRegisters[index] ?? 0);
  }

  /** Writes raw GICH_LR `index`, wherever it currently lives. */
  writeListRegister(index: number, value: number): void {
    if (this.loadedOn) this.loadedOn.writeListRegister(index, value);
    else this.vgic.listRegisters[index] = value >>> 0;
  }
}

/** A live record view of list register `index` of `vcpu` (see ListRegister). */
function listRegisterView(vcpu: Vcpu, index: number): ListRegister {
  const view = {} as ListRegister;
  const field = <K extends keyof ListRegister>(key: K, get: (lr: GicListRegister) => ListRegister[K], set: (lr: GicListRegister, v: ListRegister[K]) => void) =>
    Object.defineProperty(view, key, {
      enumerable: true,
      get: () => get(decodeListRegister(vcpu.readListRegister(index))),
      set: (value: ListRegister[K]) => {
        const lr = decodeListRegister(vcpu.readListRegister(index));
        set(lr, value);
        vcpu.writeListRegister(index, encodeListRegister(lr));
      },
    });
  field("virq", (lr) => lr.virtualId, (lr, v) => (lr.virtualId = v));
  field("priority", (lr) => lr.priority, (lr, v) => (lr.priority = v));
  field("group", (lr) => lr.group, (lr, v) => (lr.group = v === 1 ? 1 : 0));
  field("state", (lr) => STATE_NAMES[lr.state], (lr, v) => (lr.state = LR_STATE[v]));
  field("eoiMaintenance", (lr) => lr.eoiMaintenance, (lr, v) => (lr.eoiMaintenance = v));
  return view;
}
