/**
 * Runs VCPU threads on cpu-aarch64 cores: the hypervisor half of the kernel (seL4's
 * handleVCPUFault / handleSyscall from a lower EL and the vGIC/vtimer interrupt paths). Each
 * exit of the core becomes what seL4 does on AArch64 with hypervisor support (spec
 * sel4-kernel.md §4 "Trap routing").
 */

import type { Cpu, CpuExit } from "@sel4ts/cpu-aarch64";
import { QEMU_VIRT_IRQS } from "../board/memory-map";
import { ThreadState } from "../constants/thread-state";
import { KernelSimError } from "../errors";
import type { Fault } from "../ipc/fault-record";
import type { KernelContext } from "../kernel-context";
import type { CpuEntryPort, CpuThreadExecutor } from "../kernel-ports";
import type { Tcb } from "../objects/tcb";
import { REG_X7 } from "../objects/user-context";
import { VTIMER_PPI } from "../objects/vcpu";
import { GuestCore } from "./guest-core";

/** Options of {@link VcpuExecutor}. */
export interface VcpuExecutorOptions {
  /** Trap guest WFI/WFE to the VMM as VCPUFault EC 0x01 (seL4's default; false = KernelArmDisableWFIWFETraps). */
  readonly trapWfiWfe?: boolean;
  /** Most instructions run between checks of device interrupts (default 10 000). */
  readonly sliceInstructions?: number;
  /** Run guest code with cpu-aarch64's block translator (CpuOptions.jit; default true). */
  readonly jit?: boolean;
  /** Called with each guest core built (KernelOptions.onGuestCore). */
  readonly onGuestCore?: (cpu: Cpu) => void;
}

/** Syscall numbers a guest HVC may make (x7 in [-8, -1]; MCS [-11, -1]); anything else is an UnknownSyscall fault. */
const FIRST_GUEST_SYSCALL = -8n;
const FIRST_GUEST_SYSCALL_MCS = -11n;

/** handleVCPUFault: EC 0 (an unknown instruction) is a UserException, anything else a VCPUFault with the HSR. */
export function faultForSyndrome(esr: number): Fault {
  return esr >>> 26 === 0 ? { kind: "userException", number: BigInt(esr >>> 0), code: 0n } : { kind: "vcpu", hsr: BigInt(esr >>> 0) };
}

/** What the run loop does after an exit. */
type Next = "continue" | "stop";

/** The kernel's {@link CpuThreadExecutor} for threads bound to a VCPU. */
export class VcpuExecutor implements CpuThreadExecutor {
  readonly #kernel: KernelContext & CpuEntryPort;
  readonly #trapWfiWfe: boolean;
  readonly #jit: boolean;
  readonly #slice: number;
  readonly #onGuestCore: ((cpu: Cpu) => void) | null;
  readonly #guests = new Map<Tcb, GuestCore>();
  /** The core on the CPU now: interrupt lines are forwarded to it. */
  #active: GuestCore | null = null;
  #retired = 0;

  /** Creates the executor of `kernel` and connects the board's interrupt outputs to whichever core runs. */
  constructor(kernel: KernelContext & CpuEntryPort, options: VcpuExecutorOptions = {}) {
    this.#kernel = kernel;
    this.#trapWfiWfe = options.trapWfiWfe ?? true;
    this.#jit = options.jit ?? true;
    this.#slice = options.sliceInstructions ?? 10_000;
    this.#onGuestCore = options.onGuestCore ?? null;
    kernel.board?.cpuIrq[0]?.subscribe((level) => this.#active?.cpu.setInterruptLine("irq", level, "physical"));
    kernel.vcpus.virtualIrq.subscribe((level) => this.#active?.cpu.setInterruptLine("irq", level, "virtual"));
  }

  /** Instructions retired by every guest this executor ran (cores rebuilt or deleted included). */
  get instructionsRetired(): number {
    return this.#retired;
  }

  /** A thread with a VCPU and a VSpace runs here. */
  canRun(tcb: Tcb): boolean {
    return tcb.vcpu !== null && tcb.vspaceSlot.cap?.kind === "vspace";
  }

  /** Runs the guest for up to `budgetNs` instructions (1 ns each) or until it enters the kernel. */
  run(tcb: Tcb, budgetNs: number, restarted: boolean): number {
    const guest = this.#guestFor(tcb);
    const { cpu } = guest;
    const kernel = this.#kernel;
    kernel.vcpus.load(guest.vcpu);
    guest.enter(tcb, restarted);
    this.#active = guest;
    kernel.vcpus.runningTcb = tcb;
    cpu.setInterruptLine("irq", kernel.board?.cpuIrq[0]?.level ?? false, "physical");
    cpu.setInterruptLine("irq", kernel.vcpus.virtualIrq.level, "virtual");
    this.#setVtimerLine(cpu.timer.virtualIrqLevel);
    this.#setMaintenanceMasked(false);
    const start = cpu.instructionsRetired;
    try {
      while (tcb.state === ThreadState.Running) {
        const remaining = budgetNs - (cpu.instructionsRetired - start);
        if (remaining <= 0) {
          guest.leave(tcb);
          break;
        }
        const exit = cpu.run(Math.min(this.#slice, remaining));
        if (exit.kind === "idle") {
          // WFI traps off: the CPU's own wait (the PC is already past the WFI).
          guest.leave(tcb);
          this.#park(tcb, guest, exit.wakeAt, cpu.instructionsRetired - start);
          break;
        }
        if (exit.kind === "wfxTrap" && !exit.isWfe && guest.retrapsAnsweredWfi(exit.pc)) {
          // WFI traps on: the VMM answered this WFI without moving the guest on (libvmm's C
          // replies with the PC unchanged), so it traps again at once. Hardware would spin through
          // such exits until an interrupt is pending; the guest sleeps instead.
          guest.leave(tcb, exit.pc);
          this.#park(tcb, guest, cpu.timer.nextVirtualDeadline(), cpu.instructionsRetired - start);
          break;
        }
        if (this.#handle(tcb, guest, exit) === "stop") break;
      }
    } finally {
      // Native threads run with the virtual timer PPI quiet (seL4 masks it when no VCPU is active).
      this.#setVtimerLine(false);
      this.#setMaintenanceMasked(true);
      this.#retired += cpu.instructionsRetired - start;
      this.#active = null;
      kernel.vcpus.runningTcb = null;
    }
    return cpu.instructionsRetired - start;
  }

  #handle(tcb: Tcb, guest: GuestCore, exit: CpuExit): Next {
    const kernel = this.#kernel;
    switch (exit.kind) {
      case "budget":
        return "continue";
      case "vmFault":
        guest.leave(tcb, exit.pc);
        kernel.faultFromCpu(tcb, { kind: "vm", address: BigInt(exit.ipa), prefetch: exit.instruction, fsr: BigInt(exit.esr >>> 0) });
        return "stop";
      case "hvc":
        return this.#hypercall(tcb, guest, exit.pc);
      case "wfxTrap":
        guest.leave(tcb, exit.pc);
        guest.wfiAnswered(exit.pc);
        kernel.faultFromCpu(tcb, faultForSyndrome(exit.esr));
        return "stop";
      case "smc":
      case "sysregTrap":
        guest.leave(tcb, exit.pc);
        kernel.faultFromCpu(tcb, faultForSyndrome(exit.esr));
        return "stop";
      case "interrupt":
        // The physical interrupt is the kernel's: take it, then let the scheduler decide who runs.
        guest.leave(tcb);
        kernel.serviceInterrupts();
        return "stop";
      case "timer":
        return this.#timer(tcb, guest, exit.virtual);
      case "exceptionLoop":
        guest.leave(tcb, exit.pc);
        kernel.debugLog(`<<seL4(CPU 0): guest "${tcb.name}" cannot take exception ESR 0x${(exit.esr >>> 0).toString(16)} (vector fetch faults); reported as a VCPU fault>>`);
        kernel.faultFromCpu(tcb, faultForSyndrome(exit.esr));
        return "stop";
      default:
        throw new KernelSimError("internal", `a system-level core returned the user-level exit "${exit.kind}"`);
    }
  }

  /** A guest HVC goes down the syscall path: x7 in [-8, -1] (MCS [-11, -1]) is a real syscall, anything else UnknownSyscall. */
  #hypercall(tcb: Tcb, guest: GuestCore, pc: bigint): Next {
    guest.leave(tcb, pc);
    const number = BigInt.asIntN(64, tcb.regs[REG_X7]!);
    const first = this.#kernel.mcs ? FIRST_GUEST_SYSCALL_MCS : FIRST_GUEST_SYSCALL;
    if (number < first || number > -1n) {
      this.#kernel.faultFromCpu(tcb, { kind: "unknownSyscall", syscall: tcb.regs[REG_X7]! });
      return "stop";
    }
    guest.afterSyscall = true;
    this.#kernel.syscallFromCpu(tcb);
    if (tcb.state !== ThreadState.Running) return "stop";
    guest.enter(tcb, false); // the syscall's results are in the saved registers
    return "continue";
  }

  /** The core's virtual timer output changed: it drives PPI 27, which the kernel turns into a VPPIEvent. */
  #timer(tcb: Tcb, guest: GuestCore, level: boolean): Next {
    if (this.#kernel.board) {
      this.#setVtimerLine(level);
      return "continue";
    }
    // A bare platform has no GIC: the kernel sees the timer output directly.
    if (!level || guest.vcpu.vppiMasked.has(VTIMER_PPI)) return "continue";
    guest.leave(tcb);
    this.#kernel.faultFromCpu(tcb, { kind: "vppi", irq: BigInt(VTIMER_PPI) });
    return "stop";
  }

  /**
   * Parks `tcb` in WFI after `usedNs` of this slice, until the core's counter reaches `wakeAt`
   * (null: no timer deadline) or the kernel wakes it; the core's counter then moves on by the time
   * it slept, so a deadline wake lands on the deadline.
   */
  #park(tcb: Tcb, guest: GuestCore, wakeAt: bigint | null, usedNs: number): void {
    const { cpu } = guest;
    const since = this.#kernel.clock.now + usedNs;
    const deadline = wakeAt === null ? null : since + cpu.idleTimeUntil(wakeAt);
    this.#kernel.wfiSleep.park(tcb, since, deadline, (slept) => cpu.passIdleTime(slept));
  }

  /**
   * seL4's vcpu_disable turns the virtual interface's maintenance interrupt off while no VCPU runs
   * and vcpu_enable turns it back on: a guest EOI whose maintenance is still pending when it exits
   * for another reason (e.g. a data abort in the same block) is reported at its next run instead
   * of being taken while a native thread runs, with no VCPU thread to report it to.
   */
  #setMaintenanceMasked(masked: boolean): void {
    this.#kernel.physicalIrqs?.setMasked(QEMU_VIRT_IRQS.vgicMaintenance, masked);
  }

  #setVtimerLine(level: boolean): void {
    this.#kernel.board?.gic.setLevel(QEMU_VIRT_IRQS.virtualTimer, level);
  }

  /** The core of `tcb`, rebuilt when its VCPU or VSpace changed. */
  #guestFor(tcb: Tcb): GuestCore {
    const vcpu = tcb.vcpu!;
    const root = tcb.vspaceSlot.cap;
    if (root?.kind !== "vspace") throw new KernelSimError("internal", `VCPU thread "${tcb.name}" has no VSpace`);
    const existing = this.#guests.get(tcb);
    if (existing && existing.vcpu === vcpu && existing.stage2.vspace === root.obj) return existing;
    existing?.dispose();
    for (const [other, core] of this.#guests) {
      if (other !== tcb && (!this.#kernel.tcbs.has(other) || core.vcpu === vcpu)) {
        core.dispose();
        this.#guests.delete(other);
      }
    }
    const guest = new GuestCore(this.#kernel, vcpu, root.obj, this.#trapWfiWfe, this.#kernel.vcpus.gicv3?.cpuInterface, this.#jit);
    this.#guests.set(tcb, guest);
    this.#onGuestCore?.(guest.cpu);
    return guest;
  }
}
