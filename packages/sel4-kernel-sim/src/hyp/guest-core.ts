/**
 * One VCPU thread's CPU: a cpu-aarch64 core at EL1 (system level) with seL4's HCR traps, its
 * stage 2 a {@link Stage2View} of the TCB's VSpace. The TCB's saved registers (seL4_UserContext)
 * and the core's registers are exchanged around every run, so TCB_ReadRegisters/WriteRegisters
 * and fault messages see the guest as it stopped; the TCB's FP/AdvSIMD context moves the same way.
 * On a GICv3 board the core's ICC_* system registers reach the CPU's ICH_* virtual interface.
 */

import { Cpu, type CpuOptions, type GicSystemRegisterPort } from "@sel4ts/cpu-aarch64";
import type { BoardPort, MemoryPort } from "../kernel-ports";
import type { Tcb } from "../objects/tcb";
import { REG_PC } from "../objects/user-context";
import { seL4_VCPUReg_Num } from "../constants/boot";
import type { Vcpu } from "../objects/vcpu";
import type { VSpace } from "../objects/vspace";
import { Stage2View } from "./stage2-view";

type HypTraps = NonNullable<CpuOptions["hypTraps"]>;

/** HCR_VCPU of seL4: WFI/WFE (unless disabled), SMC trapped; physical IRQ/FIQ to the hypervisor. */
function sel4VcpuTraps(trapWfiWfe: boolean): HypTraps {
  return { twi: trapWfiWfe, twe: trapWfiWfe, tsc: true, hcd: false, tvm: false, trvm: false, imo: true, fmo: true };
}

/** The CPU of one VCPU thread. */
export class GuestCore {
  readonly cpu: Cpu;
  readonly stage2: Stage2View;
  /** The last kernel entry was a completed syscall: a non-restarted resume continues after it. */
  afterSyscall = false;
  /**
   * The TCB whose saved FP/AdvSIMD context the core's FP registers hold: `leave` saved them there
   * and nothing else writes a TCB's FP context, so entering for that TCB again need not load them.
   */
  #fpuOf: Tcb | null = null;
  /** The WFI whose trap went to the VMM last, with the instructions retired then (null: none). */
  #answeredWfi: { readonly pc: bigint; readonly retired: number } | null = null;

  /** Creates the core for `tcb` on `vspace`; the VCPU's saved EL1 registers move into it. */
  constructor(
    kernel: BoardPort & MemoryPort,
    readonly vcpu: Vcpu,
    vspace: VSpace,
    trapWfiWfe: boolean,
    gicv3?: GicSystemRegisterPort,
    jit: CpuOptions["jit"] = true,
  ) {
    this.stage2 = new Stage2View(kernel, vspace);
    this.cpu = new Cpu({
      memory: this.stage2.memory,
      level: "system",
      hypTraps: sel4VcpuTraps(trapWfiWfe),
      timerToIrq: false,
      gicv3,
      jit,
    });
    for (let i = 0; i < seL4_VCPUReg_Num; i++) this.cpu.writeVcpuReg(i, vcpu.regs[i]!);
    vcpu.core = this.cpu;
  }

  /** Loads the TCB's registers; a resume after a completed syscall continues at the next instruction. */
  enter(tcb: Tcb, restarted: boolean): void {
    this.cpu.writeUserContextWords(tcb.regHalves);
    if (this.#fpuOf !== tcb) this.cpu.restoreFpState(tcb.fpu);
    this.#fpuOf = tcb;
    if (this.afterSyscall && !restarted) this.cpu.setPC(tcb.regs[REG_PC]! + 4n);
    this.afterSyscall = false;
  }

  /** Saves the core's registers into the TCB with `pc` as the saved (restart) PC. */
  leave(tcb: Tcb, pc: bigint = this.cpu.getPC()): void {
    this.cpu.readUserContextWords(tcb.regHalves);
    this.cpu.saveFpStateInto(tcb.fpu);
    tcb.regs[REG_PC] = pc;
  }

  /** A trapped WFI at `pc` goes to the VMM as a VCPUFault. */
  wfiAnswered(pc: bigint): void {
    this.#answeredWfi = { pc, retired: this.cpu.instructionsRetired };
  }

  /**
   * True when a WFI trapping at `pc` is the one whose fault the VMM answered, trapping again before
   * the guest retired a single instruction (the PC left unchanged, nothing pending yet).
   */
  retrapsAnsweredWfi(pc: bigint): boolean {
    const answered = this.#answeredWfi;
    return answered !== null && answered.pc === pc && answered.retired === this.cpu.instructionsRetired;
  }

  /** Detaches from the VSpace and hands the EL1 registers back to the VCPU object. */
  dispose(): void {
    for (let i = 0; i < seL4_VCPUReg_Num; i++) this.vcpu.regs[i] = this.cpu.readVcpuReg(i);
    if (this.vcpu.core === this.cpu) this.vcpu.core = null;
    this.stage2.dispose();
  }
}
