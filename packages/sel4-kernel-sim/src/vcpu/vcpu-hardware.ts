/**
 * The physical CPU's hypervisor state as seL4 manages it: which VCPU is loaded on the GIC
 * virtual interface (armHSCurVCPU), the save/restore of that state on a VCPU switch, and the
 * kernel's own interrupts that belong to VCPUs (VGIC maintenance, the virtual timer PPI).
 */

import { IrqSignal } from "../board/device";
import { GicVirtualInterface, type InjectIrqResult } from "../board/gic/gic-virtual-interface";
import { GicV3VcpuInterface } from "../board/gic/gic-v3-vcpu-interface";
import { QEMU_VIRT_IRQS } from "../board/memory-map";
import { ThreadState } from "../constants/thread-state";
import { KernelSimError } from "../errors";
import type { BoardPort, DebugSink, FaultSink } from "../kernel-ports";
import type { Tcb } from "../objects/tcb";
import { VTIMER_PPI, isGicV3State, type Vcpu, type VcpuGicInterface } from "../objects/vcpu";

/** MR0 of a VGICMaintenance fault whose list register is unknown (−1 as a word). */
const UNKNOWN_LIST_REGISTER = 0xffff_ffff_ffff_ffffn;

/** The hypervisor-side state of the kernel's one physical CPU. */
export class VcpuHardware {
  /** The GIC virtual interface (the board's for CPU 0, or a private GICv2 one on a bare platform). */
  readonly vgic: VcpuGicInterface;
  /** The interface's virtual IRQ output: the running guest's IRQ input. */
  readonly virtualIrq: IrqSignal;
  /** The VCPU whose state is loaded on {@link vgic}. */
  current: Vcpu | null = null;
  /** The VCPU thread executing on the CPU right now (set by the CPU executor around a slice). */
  runningTcb: Tcb | null = null;

  /** Binds to `kernel`'s board and lets the maintenance interrupt through (seL4's vgic init). */
  constructor(private readonly kernel: BoardPort & DebugSink & FaultSink) {
    const board = kernel.board;
    this.virtualIrq = board?.virtualIrq[0] ?? new IrqSignal();
    this.vgic =
      board?.gicV3Interfaces?.[0] ??
      board?.virtualInterfaces[0] ??
      new GicVirtualInterface({ virtualIrq: this.virtualIrq, maintenanceIrq: new IrqSignal() });
    kernel.physicalIrqs?.setMasked(QEMU_VIRT_IRQS.vgicMaintenance, false);
  }

  /** vcpu_switch: saves the loaded VCPU's virtual interface state and restores `vcpu`'s. */
  load(vcpu: Vcpu): void {
    if (this.current !== vcpu) {
      this.unload();
      this.#restore(vcpu);
      vcpu.loadedOn = this.vgic;
      this.current = vcpu;
    }
    // AckVPPI takes effect here: the virtual timer PPI is unmasked at the restore after it.
    this.kernel.physicalIrqs?.setMasked(VTIMER_PPI, vcpu.vppiMasked.has(VTIMER_PPI));
  }

  /** Saves the loaded VCPU (if any) back into its object and leaves the interface disabled. */
  unload(): void {
    const vcpu = this.current;
    if (!vcpu) return;
    vcpu.vgic = this.vgic.save();
    vcpu.loadedOn = null;
    this.current = null;
    if (this.vgic instanceof GicV3VcpuInterface) this.vgic.restore(GicV3VcpuInterface.disabledState);
    else this.vgic.restore({ hcr: 0, vmcr: 0, apr: 0, listRegisters: [] });
  }

  /** vcpu_restore of `vcpu`'s saved state; a VCPU made for the other GIC version is refused. */
  #restore(vcpu: Vcpu): void {
    const state = vcpu.vgic;
    if (this.vgic instanceof GicV3VcpuInterface) {
      if (!isGicV3State(state)) throw new KernelSimError("usage", "this VCPU holds GICv2 state but the board has a GICv3; create VCPUs after the board");
      this.vgic.restore(state);
    } else {
      if (isGicV3State(state)) throw new KernelSimError("usage", "this VCPU holds GICv3 state but the board has a GICv2");
      this.vgic.restore(state);
    }
  }

  /** The GICv3 interface the guest's ICC_* registers reach, or undefined on a GICv2 board. */
  get gicv3(): GicV3VcpuInterface | undefined {
    return this.vgic instanceof GicV3VcpuInterface ? this.vgic : undefined;
  }

  /** vcpu_finalise: a deleted VCPU stops being the loaded one. */
  release(vcpu: Vcpu): void {
    if (this.current === vcpu) this.unload();
  }

  /** seL4_ARM_VCPU_InjectIRQ on the interface, with the board's checks (the VCPU is loaded first). */
  injectIrq(vcpu: Vcpu, virq: number, priority: number, group: number, index: number): InjectIrqResult {
    this.load(vcpu);
    return this.vgic.injectIrq(virq, priority, group, index);
  }

  /**
   * handleReservedIRQ for the hypervisor's interrupts: the maintenance interrupt clears the EOI'd
   * list register and reports it; the virtual timer is masked until AckVPPI and reported. Both
   * go to the VCPU thread on the CPU, as seL4 reports them to the current thread.
   */
  handleKernelIrq(intid: number): void {
    const tcb = this.runningTcb;
    const target = tcb?.vcpu && tcb.state === ThreadState.Running ? tcb : null;
    if (intid === QEMU_VIRT_IRQS.vgicMaintenance) {
      const index = this.vgic.takeEoiMaintenance();
      if (target) this.kernel.faultFromCpu(target, { kind: "vgicMaintenance", index: index < 0 ? UNKNOWN_LIST_REGISTER : BigInt(index) });
      return;
    }
    if (intid === VTIMER_PPI) {
      this.kernel.physicalIrqs?.setMasked(VTIMER_PPI, true);
      if (target) this.kernel.faultFromCpu(target, { kind: "vppi", irq: BigInt(VTIMER_PPI) });
      return;
    }
    this.kernel.debugLog(`<<seL4(CPU 0): kernel IRQ ${intid} has no handler; ignored>>`);
  }
}
