import type { Cpu } from "@sel4ts/cpu-aarch64";
import type { seL4_BootInfo } from "./boot/boot-info";
import { createRootTask } from "./boot/root-task";
import { ThreadState, isRunnableState } from "./constants/thread-state";
import type { Cap } from "./cspace/cap";
import { ObjectRefs } from "./cspace/object-refs";
import { KernelSimError } from "./errors";
import { handleFault, type Fault } from "./ipc/fault";
import { sendSignal } from "./ipc/notification-ipc";
import { IrqTable } from "./irq/irq-table";
import { PhysicalInterrupts } from "./irq/physical-interrupts";
import { QemuVirtBoard } from "./board/qemu-virt-board";
import type { BoardDevice } from "./board/device";
import { PhysicalMemory } from "./memory/physical-memory";
import { AsidTable } from "./mmu/asid-table";
import { NativeExecutor, type NativeThreadBody } from "./native/native-executor";
import type { Tcb } from "./objects/tcb";
import { REG_PC, REG_X0, REG_X1, REG_MR0 } from "./objects/user-context";
import type { PlatformDescription } from "./platform";
import { finaliseCap } from "./objects/finalise";
import { Scheduler } from "./scheduler/scheduler";
import { handleKernelObjectCall, handleSyscall } from "./syscalls/handle-syscall";
import { handleMcsKernelObjectCall, handleMcsSyscall } from "./syscalls/mcs-syscall";
import { McsScheduling } from "./scheduler/mcs-scheduling";
import { mcsHandleFault, timeoutFaults } from "./ipc/mcs-fault";
import { setThreadState } from "./threads/thread-state";
import { TICK_NS, VirtualClock } from "./time/virtual-clock";
import { Sel4 } from "./api/sel4";
import { VcpuHardware } from "./vcpu/vcpu-hardware";
import { VcpuExecutor } from "./hyp/vcpu-executor";
import { WfiSleep } from "./hyp/wfi-sleep";
import { HostTurns } from "./time/host-turn";
import type { KernelContext } from "./kernel-context";
import type { CpuEntryPort, CpuThreadExecutor, NativeSyscallPort } from "./kernel-ports";

export type { CpuThreadExecutor };

/** Options of a {@link Kernel}. */
export interface KernelOptions {
  /**
   * The board (default: a {@link QemuVirtBoard} with 1 GiB RAM whose UART writes to
   * `consoleOutput`). A `QemuVirtBoard` is wired in: its GIC's interrupts reach IRQHandler caps
   * and its device models sit behind device frames. Any other description is memory map only.
   */
  readonly platform?: PlatformDescription;
  /** Radix of the root CNode (CONFIG_ROOT_CNODE_SIZE_BITS, default 12). */
  readonly rootCNodeSizeBits?: number;
  /**
   * Print debug-kernel style lines for failing invocations and faults (default false: a user
   * library probing the kernel, as libsel4vspace does when it maps page tables on demand, must not
   * print on a successful path). Turn it on to see why an invocation failed.
   */
  readonly debugMessages?: boolean;
  /** Where debug lines go (default: console.error). */
  readonly log?: (line: string) => void;
  /** Where seL4_DebugPutChar output goes (default: process.stdout or console.log per line). */
  readonly consoleOutput?: (text: string) => void;
  /** Virtual nanoseconds charged per kernel entry of a native thread (default 1000). */
  readonly nativeEntryCostNs?: number;
  /** Pace virtual time against the wall clock (default false: run as fast as possible). */
  readonly realtime?: boolean;
  /** KernelArmDisableWFIWFETraps: guest WFI/WFE sleep in the guest instead of raising VCPUFault (default false). */
  readonly disableWfiWfeTraps?: boolean;
  /** Run guest (VCPU) code with cpu-aarch64's block translator (CpuOptions.jit; default true, false interprets every instruction). */
  readonly jit?: boolean;
  /**
   * Build an MCS kernel (KernelIsMCS, as Microkit uses): scheduling contexts and reply objects,
   * MCS syscall, object-type, invocation-label and fault numbering, budgets enforced against
   * virtual time. Default false (the classic non-MCS kernel).
   */
  readonly mcs?: boolean;
  /**
   * Called with each guest CPU core the kernel builds for a VCPU thread (again when one is rebuilt
   * after its VCPU or VSpace changed). A debugger sets `cpu.traceHook` here to observe the guest
   * before each instruction (e.g. a QEMU trace comparison); unset, it costs nothing.
   */
  readonly onGuestCore?: (cpu: Cpu) => void;
}

/** How {@link Kernel.run} ended. */
export interface RunResult {
  /** idle: every thread waits (vCPUs asleep in WFI included) and no timer is pending; until: the predicate held; time: the limit was reached; halted: seL4_DebugHalt or stop(). */
  readonly reason: "idle" | "until" | "time" | "halted";
  /** Virtual time in ns when the run ended. */
  readonly now: number;
}

/** Options of {@link Kernel.run}. */
export interface RunOptions {
  /** Stop as soon as this returns true (checked between scheduling decisions). */
  readonly until?: () => boolean;
  /** Stop when virtual time reaches this many ns. */
  readonly maxTimeNs?: number;
  /**
   * When everything waits and no timer is pending, wait for outside events (raiseIrq,
   * clock.schedule, wake) instead of returning; end with {@link Kernel.stop} or seL4_DebugHalt.
   */
  readonly keepAlive?: boolean;
}

/** RAM of the default board: 1 GiB, allocated lazily. */
const DEFAULT_RAM_SIZE = 0x4000_0000;

/** A syscall promise settled now: the completion's value, or its error as a rejection. */
function settled<T>(completion: (() => T) | null): Promise<T> {
  if (completion === null) return RESOLVED as Promise<T>;
  try {
    return Promise.resolve(completion());
  } catch (error) {
    return Promise.reject(error);
  }
}

const RESOLVED: Promise<void> = Promise.resolve();

function defaultConsole(): (text: string) => void {
  const stdout = (globalThis as { process?: { stdout?: { write(s: string): void } } }).process?.stdout;
  return stdout ? (text) => stdout.write(text) : (text) => console.log(text);
}

/**
 * A simulated seL4 kernel (AArch64 with hypervisor support; non-MCS by default, MCS with
 * `{ mcs: true }`): objects, capabilities,
 * IPC, the scheduler, fault delivery and virtual time, running native TypeScript threads.
 * Each instance is independent; several may live in one process.
 */
export class Kernel implements KernelContext, CpuEntryPort, NativeSyscallPort {
  readonly platform: PlatformDescription;
  readonly memory: PhysicalMemory;
  readonly clock = new VirtualClock(() => this.wake());
  readonly scheduler = new Scheduler();
  readonly refs = new ObjectRefs();
  readonly asids = new AsidTable();
  readonly irqs: IrqTable;
  /** The board whose devices and interrupt controller the kernel drives (null: a bare description). */
  readonly board: QemuVirtBoard | null;
  /** The kernel's driver of the board's GIC (null without a board). */
  readonly physicalIrqs: PhysicalInterrupts | null;
  /** The loaded VCPU and the GIC virtual interface (seL4's armHSCurVCPU state). */
  readonly vcpus: VcpuHardware;
  /** vCPU threads parked in WFI until their timer deadline or a wake-up (the scheduler's gate). */
  readonly wfiSleep: WfiSleep;
  /** Every TCB alive (for seL4_DebugDumpScheduler). */
  readonly tcbs = new Set<Tcb>();
  readonly native = new NativeExecutor<Sel4>();
  /** The MCS scheduling state (release queue, budgets, donation); null on a non-MCS kernel. */
  readonly mcs: McsScheduling | null;
  private readonly options: KernelOptions;
  private readonly syscallHandler: (kernel: Kernel, tcb: Tcb) => void;
  private readonly kernelObjectCall: (kernel: Kernel, tcb: Tcb) => void;
  private readonly consoleOutput: (text: string) => void;
  private readonly entryCost: number;
  private nextTickAt = TICK_NS;
  private halted = false;
  private running = false;
  private wallStart = 0;
  private readonly hostTurns = new HostTurns();
  private rootBootInfo: seL4_BootInfo | null = null;
  private cpuExecutor: CpuThreadExecutor | null = null;
  private wakeUp: (() => void) | null = null;
  /** The options of the run in progress (null outside {@link run}). */
  private runOptions: RunOptions | null = null;
  /** The scheduling point a native syscall took before parking, for {@link switchFromPark} (undefined: none). */
  private parkDecision: Tcb | RunResult | null | undefined = undefined;
  /** A scheduling point already taken by {@link switchFromPark}, for the run loop to act on. */
  private pendingStep: { readonly next: Tcb | RunResult | null } | { readonly error: unknown } | null = null;

  /** Creates a kernel; call {@link createRootTask} and then {@link run}. */
  constructor(options: KernelOptions = {}) {
    this.options = options;
    this.consoleOutput = options.consoleOutput ?? defaultConsole();
    this.platform =
      options.platform ??
      new QemuVirtBoard({ ramSize: DEFAULT_RAM_SIZE, uartOutput: (byte) => this.consoleOutput(String.fromCharCode(byte)) });
    this.board = this.platform instanceof QemuVirtBoard ? this.platform : null;
    this.memory = new PhysicalMemory(this.platform.ram);
    this.physicalIrqs = this.board ? new PhysicalInterrupts(this.board.gic, this.board.cpuIrq[0]!, () => this.wake()) : null;
    this.irqs = new IrqTable(this.platform.maxIrq, new Set(this.platform.reservedIrqs), this.physicalIrqs);
    this.vcpus = new VcpuHardware(this);
    this.cpuExecutor = new VcpuExecutor(this, {
      trapWfiWfe: !options.disableWfiWfeTraps,
      jit: options.jit ?? true,
      ...(options.onGuestCore ? { onGuestCore: options.onGuestCore } : {}),
    });
    this.entryCost = options.nativeEntryCostNs ?? 1000;
    this.mcs = options.mcs ? new McsScheduling(this.clock, this.scheduler, timeoutFaults(this)) : null;
    this.wfiSleep = new WfiSleep(this.clock, this.scheduler, this.mcs);
    this.scheduler.gate = this.wfiSleep;
    this.syscallHandler = options.mcs ? handleMcsSyscall : handleSyscall;
    this.kernelObjectCall = options.mcs ? handleMcsKernelObjectCall : handleKernelObjectCall;
    this.native.onPark = () => this.switchFromPark();
    this.native.onFinish = (tcb) => {
      if (this.tcbs.has(tcb) && tcb.state !== ThreadState.Inactive) setThreadState(this, tcb, ThreadState.Inactive);
    };
  }

  /** The root task's TCB (after {@link createRootTask}). */
  rootTcb: Tcb | null = null;

  /** The root task's boot info (after {@link createRootTask}). */
  get bootInfo(): seL4_BootInfo {
    if (!this.rootBootInfo) throw new KernelSimError("usage", "no root task has been created");
    return this.rootBootInfo;
  }

  /**
   * Boots the root task: a native thread running `body` with priority and MCP 255, the
   * initial caps of seL4 and untyped caps for all free memory.
   */
  createRootTask(body: NativeThreadBody<Sel4>): seL4_BootInfo {
    if (this.rootBootInfo) throw new KernelSimError("usage", "the root task already exists");
    const rootCNodeBits = this.options.rootCNodeSizeBits ?? 12;
    if (rootCNodeBits < 4 || rootCNodeBits > 27) throw new KernelSimError("config", `rootCNodeSizeBits ${rootCNodeBits} is outside 4..27`);
    const root = createRootTask(this, this.native.registerEntry(body), rootCNodeBits, this.mcs !== null);
    this.rootBootInfo = root.bootInfo;
    this.rootTcb = root.tcb;
    return root.bootInfo;
  }

  /** Registers a native thread body; the returned PC starts it (TCB_WriteRegisters pc, then Resume). */
  registerNativeEntry(body: NativeThreadBody<Sel4>): bigint {
    return this.native.registerEntry(body);
  }

  /** Instructions retired by threads running on a CPU core (VCPU guests), from the executor; 0 without one. */
  get instructionsRetired(): number {
    return this.cpuExecutor?.instructionsRetired ?? 0;
  }

  /** Installs the executor of non-native threads (replacing any previous one; the default runs VCPU threads on cpu-aarch64). */
  setCpuExecutor(executor: CpuThreadExecutor | null): void {
    this.cpuExecutor = executor;
  }

  /** A `svc #0` (or a guest HVC) of a CPU-run thread: x7 holds the syscall number. */
  syscallFromCpu(tcb: Tcb): void {
    this.syscallHandler(this, tcb);
  }

  /** A fault of a CPU-run thread (VMFault, UserException, VCPUFault, VPPIEvent, …). */
  faultFromCpu(tcb: Tcb, fault: Fault): void {
    // A virtual timer PPI stays masked for the VCPU until the VMM calls seL4_ARM_VCPU_AckVPPI.
    if (fault.kind === "vppi" && tcb.vcpu) tcb.vcpu.vppiMasked.add(Number(fault.irq));
    this.raiseFault(tcb, fault);
  }

  /** Delivers a fault: to the fault handler cap in the TCB (MCS) or the fault endpoint CPtr (non-MCS). */
  private raiseFault(tcb: Tcb, fault: Fault): void {
    if (this.mcs) mcsHandleFault(this, tcb, fault);
    else handleFault(this, tcb, fault);
  }

  /** True for Running and Restart threads. */
  isRunnable(tcb: Tcb): boolean {
    return isRunnableState(tcb.state);
  }

  /** Runs threads until every thread waits with no timer pending, or a stop condition. */
  async run(options: RunOptions = {}): Promise<RunResult> {
    if (this.running) throw new KernelSimError("usage", "Kernel.run() is already running");
    this.running = true;
    this.halted = false;
    this.wallStart = Date.now() - this.clock.now / 1e6;
    this.runOptions = options;
    this.hostTurns.reset();
    try {
      for (;;) {
        // The host's event loop gets a turn every HOST_TURN_INTERVAL_MS of wall time (./time/host-turn).
        if (this.hostTurns.isDue()) await this.hostTurns.take();
        const step = this.pendingStep ?? { next: this.schedulingPoint(options) };
        this.pendingStep = null;
        if ("error" in step) throw step.error;
        const current = step.next;
        if (current !== null && "reason" in current) return current;
        if (!current) {
          const next = this.clock.nextDeadline();
          if (next === null && options.keepAlive) {
            await new Promise<void>((resolve) => (this.wakeUp = resolve));
            continue;
          }
          if (next === null) return { reason: "idle", now: this.clock.now };
          if (options.maxTimeNs !== undefined && next > options.maxTimeNs) {
            this.clock.skipTo(options.maxTimeNs);
            return { reason: "time", now: this.clock.now };
          }
          await this.pace(next);
          this.clock.skipTo(next);
          this.nextTickAt = (Math.floor(this.clock.now / TICK_NS) + 1) * TICK_NS;
          continue;
        }
        // Only a native thread's body makes the loop wait; CPU threads run synchronously.
        const running = this.dispatch(current);
        if (running !== undefined) await running;
        if (this.options.realtime) await this.pace(this.clock.now);
      }
    } finally {
      this.running = false;
      this.runOptions = null;
      this.pendingStep = null;
    }
  }

  /**
   * One scheduling point of the run loop: timers, interrupts, the scheduler's decision and the
   * stop conditions. Returns the thread to run, null when none is runnable, or how the run ends.
   */
  private schedulingPoint(options: RunOptions): Tcb | RunResult | null {
    this.clock.fireDue();
    this.serviceInterrupts();
    this.scheduler.schedule();
    this.throwThreadFailure();
    if (this.halted) return { reason: "halted", now: this.clock.now };
    if (options.until?.()) return { reason: "until", now: this.clock.now };
    if (options.maxTimeNs !== undefined && this.clock.now >= options.maxTimeNs) return { reason: "time", now: this.clock.now };
    const current = this.scheduler.current;
    if (current && !isRunnableState(current.state)) {
      throw new KernelSimError("internal", `scheduler chose "${current.name}", which is not runnable`);
    }
    return current;
  }

  /**
   * The fast path of a native thread's blocking syscall: the scheduling point runs at once and,
   * when its choice is a native thread parked in a completed syscall (the usual IPC partner),
   * that thread continues directly, with no trip through the run loop's promises. Anything else
   * (a CPU thread, a new body, idle, a stop condition, an error) is left for the run loop.
   */
  private switchFromPark(): boolean {
    const next = this.parkDecision;
    this.parkDecision = undefined;
    if (next === undefined) return false;
    // A host turn that is due goes through the run loop, as does everything but this fast path.
    if (next !== null && !("reason" in next) && next.state === ThreadState.Running && !next.pcRewritten && !this.hostTurns.isDue()) {
      const thread = this.native.get(next);
      if (thread?.parked) {
        this.native.switchTo(thread);
        return true;
      }
    }
    this.pendingStep = { next };
    return false;
  }

  /** Lets a `keepAlive` run that waits for outside events look again (raiseIrq and timers call it). */
  wake(): void {
    const wakeUp = this.wakeUp;
    this.wakeUp = null;
    wakeUp?.();
  }

  /** Ends a run at its next scheduling point (reason "halted"). */
  stop(): void {
    this.halted = true;
    this.wake();
  }

  /** Raises a hardware interrupt: signals the handler's notification and masks the line until Ack (no handler: dropped). */
  raiseIrq(irq: number): void {
    if (irq < 0 || irq > this.irqs.maxIrq) throw new KernelSimError("usage", `IRQ ${irq} is outside 0..${this.irqs.maxIrq}`);
    this.wake();
    const line = this.irqs.line(irq);
    if (!line.claimed) return;
    if (line.masked) {
      line.pending = true;
      return;
    }
    line.masked = true;
    const cap = line.notificationSlot.cap;
    if (cap?.kind === "notification") sendSignal(this, cap.obj, cap.badge);
  }

  /** IRQHandler_Ack: unmasks the line; an interrupt raised meanwhile is delivered now. */
  ackIrq(irq: number): void {
    const line = this.irqs.line(irq);
    this.irqs.setMasked(line, false);
    if (line.pending) {
      line.pending = false;
      this.raiseIrq(irq);
    }
  }

  /**
   * Takes the interrupts the board's GIC signals (seL4's handleInterrupt): a device line is masked
   * and its handler's notification signalled; the kernel's own lines are handled by `onKernelIrq`.
   * The run loop calls this at every scheduling point; a CPU executor calls it after an exit.
   */
  serviceInterrupts(): void {
    this.physicalIrqs?.service((intid) => {
      if (this.irqs.isReserved(intid) || intid > this.irqs.maxIrq) {
        this.vcpus.handleKernelIrq(intid);
        return;
      }
      const line = this.irqs.line(intid);
      this.irqs.setMasked(line, true);
      const cap = line.claimed ? line.notificationSlot.cap : null;
      if (cap?.kind === "notification") sendSignal(this, cap.obj, cap.badge);
    });
  }

  /** The board device behind physical address `paddr`, with the offset into its window (null: none modelled there). */
  deviceAt(paddr: number): { device: BoardDevice<unknown>; offset: number } | null {
    const region = this.board?.deviceRegions.find((r) => paddr >= r.base && paddr < r.base + r.size);
    return region?.device ? { device: region.device, offset: paddr - region.base } : null;
  }

  /** Cache maintenance on [paddr, paddr+size); instruction-side operations matter to a CPU's decode cache. */
  cacheMaintenance(paddr: number, size: number, instruction: boolean): void {
    if (instruction) this.onInstructionCacheMaintenance?.(paddr, size);
  }

  /** Hook for a CPU core to drop decoded instructions after Unify_Instruction. */
  onInstructionCacheMaintenance: ((paddr: number, size: number) => void) | null = null;

  /**
   * Charges `ns` of work to virtual time: non-MCS, the scheduler tick runs for each 2 ms boundary
   * crossed; MCS, the running thread's budget is charged. Returns true when that ended its
   * timeslice (MCS only; `canEnd` false defers the end to the next charge).
   */
  chargeTime(ns: number, canEnd = true): boolean {
    this.clock.advance(ns);
    if (this.mcs) {
      while (this.clock.now >= this.nextTickAt) this.nextTickAt += TICK_NS;
      return this.mcs.charge(this.scheduler.current, ns, canEnd);
    }
    while (this.clock.now >= this.nextTickAt) {
      this.scheduler.timerTick();
      this.nextTickAt += TICK_NS;
    }
    return false;
  }

  /**
   * A blocking syscall of a native thread: runs it, then takes the scheduling point. When the
   * scheduler lets the thread go on (the syscall did not block and nothing outranks it) the
   * promise is settled at once; otherwise the thread parks until the scheduler resumes it.
   * `completion` reads the results when the thread continues; the promise resolves with its value.
   */
  nativeSyscall<T = void>(tcb: Tcb, completion: (() => T) | null = null): Promise<T> {
    const thread = this.requireActive(tcb);
    this.enterKernel(tcb);
    const options = this.runOptions;
    if (options !== null && !this.options.realtime) {
      let next: Tcb | RunResult | null;
      try {
        next = this.schedulingPoint(options);
      } catch (error) {
        this.pendingStep = { error };
        return this.native.park(thread, completion);
      }
      if (next === tcb && tcb.state === ThreadState.Running && !tcb.pcRewritten && !this.hostTurns.isDue()) return settled(completion);
      this.parkDecision = next;
    }
    return this.native.park(thread, completion);
  }

  /**
   * A kernel entry by syscall: charges its cost, then runs it. MCS: a thread whose budget that
   * used up does not run the syscall now; it is restarted (re-executed) when the thread runs again.
   */
  private enterKernel(tcb: Tcb): void {
    const ended = this.chargeTime(this.entryCost);
    if (tcb.state !== ThreadState.Running) return;
    if (ended) setThreadState(this, tcb, ThreadState.Restart);
    else this.syscallHandler(this, tcb);
  }

  /** A synchronous kernel-object invocation by a native thread (a Call that never blocks). */
  nativeInvoke(tcb: Tcb): void {
    this.requireActive(tcb);
    if (tcb.state !== ThreadState.Running) {
      throw new KernelSimError("usage", `thread "${tcb.name}" made an invocation while not running (did it suspend itself?)`);
    }
    this.chargeTime(this.entryCost, false);
    this.kernelObjectCall(this, tcb);
  }

  /** Writes text to the kernel console (seL4_DebugPutChar output). */
  writeConsole(text: string): void {
    this.consoleOutput(text);
  }

  /** seL4_DebugHalt: makes {@link run} return with reason "halted". */
  halt(): void {
    this.halted = true;
  }

  /** Prints a debug-kernel style line for a failed invocation (if debug messages are on). */
  userError(thread: Tcb, invocation: string, reason: string): void {
    this.debugLog(`<<seL4(CPU 0) [${invocation} T"${thread.name}" @${thread.regs[REG_PC]!.toString(16)}]: ${reason}>>`);
  }

  /** Prints a kernel debug line (if debug messages are on). */
  debugLog(line: string): void {
    if (this.options.debugMessages !== true) return;
    (this.options.log ?? ((l: string) => console.error(l)))(line);
  }

  /** finaliseCap for cteDelete (the capability layer calls up through this; internal). */
  finaliseCap(cap: Cap, final: boolean): void {
    finaliseCap(this, cap, final);
  }

  /** Called when a TCB object is destroyed. */
  threadDestroyed(tcb: Tcb): void {
    this.tcbs.delete(tcb);
    this.native.abandon(tcb);
  }

  /** Runs `tcb` until it enters the kernel: a promise while a native body runs, undefined when done synchronously. */
  private dispatch(tcb: Tcb): Promise<void> | undefined {
    let thread = this.native.get(tcb);
    if (thread && tcb.pcRewritten) {
      this.native.abandon(tcb);
      thread = undefined;
    }
    if (thread?.parked) {
      if (tcb.state === ThreadState.Restart) {
        // Re-execute the interrupted syscall from the saved registers, as `svc` would be.
        setThreadState(this, tcb, ThreadState.Running);
        this.enterKernel(tcb);
        return undefined;
      }
      return this.native.resume(thread);
    }
    tcb.pcRewritten = false;
    const body = this.native.entryAt(tcb.regs[REG_PC]!);
    const restarted = tcb.state === ThreadState.Restart;
    setThreadState(this, tcb, ThreadState.Running);
    if (!body && this.cpuExecutor?.canRun(tcb)) {
      let slice = Math.max(1, this.nextTickAt - this.clock.now);
      if (this.mcs) slice = Math.min(slice, this.mcs.remainingBudget(tcb));
      const consumed = this.cpuExecutor.run(tcb, slice, restarted);
      this.chargeTime(Math.max(1, consumed));
      return undefined;
    }
    if (!body) {
      // No code at pc: an instruction abort, as a CPU would report.
      const pc = tcb.regs[REG_PC]!;
      this.raiseFault(tcb, { kind: "vm", address: pc, prefetch: true, fsr: 0x8600_0007n });
      return undefined;
    }
    const api = new Sel4(this, tcb);
    return this.native.start(tcb, body, api, [tcb.regs[REG_X0]!, tcb.regs[REG_X1]!, tcb.regs[REG_MR0]!]);
  }

  private requireActive(tcb: Tcb) {
    const active = this.native.activeThread;
    if (!active || active.tcb !== tcb) {
      throw new KernelSimError("usage", `thread "${tcb.name}" called the kernel while it was not running (await every seL4 call)`);
    }
    return active;
  }

  private throwThreadFailure(): void {
    const failure = this.native.failure;
    if (!failure) return;
    this.native.failure = null;
    const message = failure.error instanceof Error ? failure.error.message : String(failure.error);
    throw new KernelSimError("thread", `native thread "${failure.tcb.name}" threw: ${message}`, { cause: failure.error });
  }

  private async pace(virtualNs: number): Promise<void> {
    if (!this.options.realtime) return;
    const wait = this.wallStart + virtualNs / 1e6 - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
