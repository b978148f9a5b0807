// The narrow views of the kernel that its parts are handed, one per need (as rust-vmm's consumer
// side traits are): a module below kernel.ts declares what it uses as one of these interfaces
// instead of importing the Kernel class, and the Kernel class implements them all. This module
// imports types only, from modules that never import it back, so it sits below every consumer.
import type { seL4_BootInfo } from "./boot/boot-info";
import type { QemuVirtBoard } from "./board/qemu-virt-board";
import type { BoardDevice } from "./board/device";
import type { Cap } from "./cspace/cap";
import type { ObjectRefs } from "./cspace/object-refs";
import type { Fault } from "./ipc/fault-record";
import type { IrqTable } from "./irq/irq-table";
import type { PhysicalInterrupts } from "./irq/physical-interrupts";
import type { PhysicalMemory } from "./memory/physical-memory";
import type { AsidTable } from "./mmu/asid-table";
import type { Tcb } from "./objects/tcb";
import type { PlatformDescription } from "./platform";
import type { NativeThreadBody } from "./native/native-executor";
import type { McsScheduling } from "./scheduler/mcs-scheduling";
import type { Scheduler } from "./scheduler/scheduler";
import type { VirtualClock } from "./time/virtual-clock";

/** Debug-kernel style lines (printed only when debug messages are on). */
export interface DebugSink {
  /** A failed invocation by `thread`. */
  userError(thread: Tcb, invocation: string, reason: string): void;
  debugLog(line: string): void;
}

/** The scheduler, the MCS scheduling state (null on a non-MCS kernel) and virtual time. */
export interface SchedulerPort {
  readonly scheduler: Scheduler;
  readonly mcs: McsScheduling | null;
  readonly clock: VirtualClock;
  /** True for Running and Restart threads. */
  isRunnable(tcb: Tcb): boolean;
}

/** Physical memory (RAM and device frames' backing). */
export interface MemoryPort {
  readonly memory: PhysicalMemory;
}

/** The kernel's tables of objects: capability references, ASIDs, IRQ lines and live TCBs. */
export interface ObjectTables {
  readonly refs: ObjectRefs;
  readonly asids: AsidTable;
  readonly irqs: IrqTable;
  readonly tcbs: Set<Tcb>;
  readonly platform: PlatformDescription;
  /** Called when a TCB object is destroyed. */
  threadDestroyed(tcb: Tcb): void;
}

/**
 * finaliseCap, as cteDelete reaches it: the capability layer (cspace/delete.ts) lies below the
 * objects whose finalisation cancels IPC and unbinds threads, so it calls up through this port.
 */
export interface CapFinaliser {
  /** Finalises the object of `cap`, just removed from its slot (`final`: it was the last cap to it). */
  finaliseCap(cap: Cap, final: boolean): void;
}

/** Where a thread run on a CPU core reports its faults. */
export interface FaultSink {
  faultFromCpu(tcb: Tcb, fault: Fault): void;
}

/** Kernel entries of a thread run on a CPU core, besides faults. */
export interface CpuEntryPort extends FaultSink {
  /** A `svc #0` (or a guest HVC): x7 holds the syscall number. */
  syscallFromCpu(tcb: Tcb): void;
  /** Takes the interrupts the board's GIC signals. */
  serviceInterrupts(): void;
}

/** The board the kernel drives (null board: a bare memory-map description). */
export interface BoardPort {
  readonly board: QemuVirtBoard | null;
  readonly physicalIrqs: PhysicalInterrupts | null;
  /** The board device behind `paddr`, with the offset into its window. */
  deviceAt(paddr: number): { device: BoardDevice<unknown>; offset: number } | null;
}

/** The seL4_Debug* syscalls' effects on the kernel. */
export interface DebugConsolePort {
  writeConsole(text: string): void;
  halt(): void;
}

/** What the seL4 API object of a native thread calls into. */
export interface NativeSyscallPort {
  readonly bootInfo: seL4_BootInfo;
  readonly rootTcb: Tcb | null;
  /**
   * A blocking syscall: runs it, then parks until the scheduler resumes the thread (or settles at
   * once when the thread goes on); the promise resolves with `completion`'s value, computed then.
   */
  nativeSyscall<T = void>(tcb: Tcb, completion?: (() => T) | null): Promise<T>;
  /** A synchronous kernel-object invocation (a Call that never blocks). */
  nativeInvoke(tcb: Tcb): void;
  /**
   * Registers a native thread body; the returned PC starts it. The body's API type is the Kernel's
   * own (Sel4, defined above this module), so it is left open here.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above: both Kernel and Sel4 must fit
  registerNativeEntry(body: NativeThreadBody<any>): bigint;
}

/** Hardware operations invocations reach: cache maintenance and interrupt acknowledgement. */
export interface HardwareOpsPort {
  /** Cache maintenance on [paddr, paddr+size); instruction-side operations matter to a CPU's decode cache. */
  cacheMaintenance(paddr: number, size: number, instruction: boolean): void;
  /** IRQHandler_Ack: unmasks the line; an interrupt raised meanwhile is delivered now. */
  ackIrq(irq: number): void;
}

/**
 * Runs threads that are not native TypeScript bodies (EL0 code, or a VCPU's guest on a
 * cpu-aarch64 core whose stage 2 is the thread's VSpace). The kernel calls {@link run} when the
 * thread is scheduled; the executor reports kernel entries through `syscallFromCpu`
 * and `faultFromCpu` of the kernel and returns.
 *
 * Register convention: `tcb.regs` pc is the restart PC (seL4's FaultIP). A thread that was
 * restarted re-executes the instruction at pc; otherwise, after a syscall, it continues at pc + 4.
 */
export interface CpuThreadExecutor {
  /** True if this executor can run `tcb` (it has code at its pc or a bound VCPU). */
  canRun(tcb: Tcb): boolean;
  /**
   * Runs `tcb` (now Running) until it enters the kernel or `budgetNs` of virtual time is used
   * (the next scheduler tick); `restarted` says it must re-execute at pc. Returns the ns consumed.
   */
  run(tcb: Tcb, budgetNs: number, restarted: boolean): number;
  /** Instructions its cores have retired so far, over every thread it ran (optional: statistics only). */
  readonly instructionsRetired?: number;
}
