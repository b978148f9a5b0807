import { seL4_VCPUReg_Num } from "../constants/boot";
import type { Tcb } from "./tcb";

/** One GIC list register as the kernel writes it. */
export interface ListRegister {
  virq: number;
  priority: number;
  group: number;
  state: "invalid" | "pending" | "active" | "pendingActive";
  /** EOI maintenance requested (InjectIRQ always sets it). */
  eoiMaintenance: boolean;
}

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

/**
 * A VCPU: saved EL1 system registers, the virtual GIC interface (list registers) and the
 * VPPI mask state. The board's virtual GIC and a cpu-aarch64 core use this state when the
 * bound TCB runs a guest.
 */
export class Vcpu {
  readonly regs = new BigUint64Array(seL4_VCPUReg_Num);
  readonly listRegisters: ListRegister[];
  tcb: Tcb | null = null;
  vgicEnabled = true;
  /** VPPIs masked by the kernel until the VMM acknowledges them (keyed by IRQ). */
  readonly vppiMasked = new Set<number>();

  /** Creates a VCPU at `paddr` with `numListRegisters` list registers. */
  constructor(
    readonly paddr: number,
    numListRegisters: number,
  ) {
    this.regs[seL4_VCPUReg.seL4_VCPUReg_SCTLR] = SCTLR_EL1_VM;
    this.listRegisters = Array.from({ length: numListRegisters }, () => ({
      virq: 0,
      priority: 0,
      group: 0,
      state: "invalid" as const,
      eoiMaintenance: false,
    }));
  }
}
