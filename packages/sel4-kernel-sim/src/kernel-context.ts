// What the kernel's core (syscalls, invocations, IPC, thread control, object finalisation) is
// handed: every narrow port of kernel-ports.ts plus the VCPU hardware. The Kernel class
// implements it; the core's modules import this type instead of kernel.ts.
import type { BoardPort, CapFinaliser, DebugConsolePort, DebugSink, HardwareOpsPort, MemoryPort, ObjectTables, SchedulerPort } from "./kernel-ports";
import type { VcpuHardware } from "./vcpu/vcpu-hardware";
import type { WfiSleep } from "./hyp/wfi-sleep";

/** The loaded VCPU and the GIC virtual interface (seL4's armHSCurVCPU state), and vCPU threads asleep in WFI. */
export interface VcpuPort {
  readonly vcpus: VcpuHardware;
  readonly wfiSleep: WfiSleep;
}

/** The kernel as its core sees it. */
export interface KernelContext extends CapFinaliser, DebugSink, SchedulerPort, MemoryPort, ObjectTables, BoardPort, DebugConsolePort, HardwareOpsPort, VcpuPort {}
