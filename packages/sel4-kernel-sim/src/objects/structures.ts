// The kernel's object model as records that name one another, like seL4's structures.h: a cap
// names an object, a TCB holds slots and queues on endpoints, a scheduling context points at its
// thread, reply and notification. The object classes (objects/*.ts, cspace/slot.ts,
// irq/irq-table.ts) implement these records and name each other only through them, so no object
// module imports another. Types only; it imports only leaf records, cspace/slot.ts (whose
// `cap` field names the Cap union declared here) and cspace/lookup-result.ts.
import type { GicV3VirtualInterfaceState } from "@sel4ts/cpu-aarch64";
import type { GicV3VcpuInterface } from "../board/gic/gic-v3-vcpu-interface";
import type { GicVirtualInterface, GicVirtualInterfaceState } from "../board/gic/gic-virtual-interface";
import type { ThreadState } from "../constants/thread-state";
import type { LookupResult } from "../cspace/lookup-result";
import type { Slot } from "../cspace/slot";
import type { Fault } from "../ipc/fault-record";
import type { IpcBuffer } from "../ipc/ipc-buffer-view";
import type { AsidPool } from "./asid-pool";
import type { Frame } from "./frame";
import type { PageTable, VSpace } from "./vspace";

/** A thread's cache of CSpace lookups (cspace/lookup-cache.ts's SlotLookupCache). */
export interface SlotLookups {
  /** lookupSlot(root, cptr), from the cache where it may be. */
  lookup(root: Cap | null, cptr: bigint): LookupResult;
}

/** Where a frame cap is mapped (each frame cap maps at most once). */
export interface FrameMapping {
  readonly asid: number;
  readonly vaddr: number;
}

/** A capability (seL4's cap_t). Caps are records owned by one slot; derivation creates a new record. */
export type Cap =
  | { kind: "untyped"; readonly paddr: number; readonly sizeBits: number; readonly isDevice: boolean; freeIndex: number }
  | { kind: "endpoint"; readonly obj: EndpointRecord; readonly badge: bigint; readonly rights: number }
  | { kind: "notification"; readonly obj: NotificationRecord; readonly badge: bigint; readonly rights: number }
  | { kind: "cnode"; readonly obj: CNodeRecord; readonly guard: bigint; readonly guardSize: number }
  | { kind: "tcb"; readonly obj: TcbRecord }
  | { kind: "frame"; readonly obj: Frame; readonly rights: number; mapping: FrameMapping | null }
  | { kind: "pageTable"; readonly obj: PageTable }
  | { kind: "vspace"; readonly obj: VSpace }
  | { kind: "asidControl" }
  | { kind: "asidPool"; readonly obj: AsidPool }
  | { kind: "irqControl" }
  | { kind: "irqHandler"; readonly line: IrqLineRecord }
  | { kind: "vcpu"; readonly obj: VcpuRecord }
  | { kind: "reply"; readonly tcb: TcbRecord; readonly master: boolean; readonly canGrant: boolean }
  | { kind: "replyObject"; readonly obj: ReplyRecord; readonly canGrant: boolean }
  | { kind: "schedContext"; readonly obj: SchedContextRecord }
  | { kind: "schedControl"; readonly core: number }
  | { kind: "domain" };

/** A CNode (seL4's CapTable): 2^radix slots, created on first access. */
export interface CNodeRecord {
  readonly paddr: number;
  readonly radix: number;
  /** The slots created so far, by index ({@link slot} creates them on first access). */
  readonly slots: Map<number, Slot>;
  /** Number of slots. */
  readonly size: number;
  /** The slot at `index` (0 ≤ index < size). */
  slot(index: number): Slot;
  /** The slots that currently hold a capability, in index order. */
  occupiedSlots(): Slot[];
}

/** An IPC endpoint (seL4's endpoint_t): a queue of threads all sending or all receiving. */
export interface EndpointRecord {
  readonly paddr: number;
  /** Which side the queued threads are on; "idle" when the queue is empty. */
  state: "idle" | "send" | "recv";
  readonly queue: TcbRecord[];
  /** Appends `tcb` to the queue in `state` mode. */
  enqueue(tcb: TcbRecord, state: "send" | "recv"): void;
  /** MCS tcbEPAppend: inserts `tcb` after every queued thread of equal or higher priority. */
  enqueueByPriority(tcb: TcbRecord, state: "send" | "recv"): void;
  /** Removes `tcb` from the queue (if queued). */
  remove(tcb: TcbRecord): void;
  /** Removes and returns the head of the queue. */
  dequeueHead(): TcbRecord | undefined;
}

/** A notification (seL4's notification_t): badge bits, waiters, a bound TCB and (MCS) a bound scheduling context. */
export interface NotificationRecord {
  readonly paddr: number;
  state: "idle" | "waiting" | "active";
  word: bigint;
  readonly queue: TcbRecord[];
  boundTcb: TcbRecord | null;
  /** MCS: a scheduling context bound to the notification, lent to a passive waiter when signalled. */
  sc: SchedContextRecord | null;
  /** Removes `tcb` from the waiter queue (if queued). */
  remove(tcb: TcbRecord): void;
}

/** What follows a reply object on the call stack: the next (newer) reply, or the scheduling context at the head. */
export type CallStackNext = { readonly kind: "reply"; readonly reply: ReplyRecord } | { readonly kind: "sc"; readonly sc: SchedContextRecord } | null;

/** An MCS reply object (seL4's reply_t); see objects/reply.ts. */
export interface ReplyRecord {
  readonly paddr: number;
  tcb: TcbRecord | null;
  prev: ReplyRecord | null;
  next: CallStackNext;
}

/** One sporadic-server replenishment: `amount` ns of budget usable from virtual time `time`. */
export interface Refill {
  time: number;
  amount: number;
}

/** A scheduling context (seL4's sched_context_t); see objects/sched-context.ts. */
export interface SchedContextRecord {
  readonly paddr: number;
  readonly sizeBits: number;
  /** Budget and period in ns; period 0 marks a round-robin context (budget == period when configured). */
  budget: number;
  period: number;
  /** Maximum number of refills (0 = never configured: not active). */
  maxRefills: number;
  readonly refills: Refill[];
  sporadic: boolean;
  /** Delivered in a Timeout fault's MR0. */
  badge: bigint;
  /** ns consumed since the last Consumed/YieldTo/Timeout report. */
  consumed: number;
  /** The thread running on this context (its own, or the receiver of a donation). */
  tcb: TcbRecord | null;
  notification: NotificationRecord | null;
  /** The most recent reply object of the call stack this context was donated through. */
  reply: ReplyRecord | null;
  /** sc_active: configured with SchedControl_Configure (or the root task's). */
  readonly active: boolean;
  /** isRoundRobin: budget == period. */
  readonly roundRobin: boolean;
}

/** What a blocked thread is waiting for. */
export type BlockingState =
  | { readonly kind: "none" }
  | {
      readonly kind: "send";
      readonly endpoint: EndpointRecord;
      readonly badge: bigint;
      readonly canGrant: boolean;
      readonly canGrantReply: boolean;
      readonly isCall: boolean;
    }
  | { readonly kind: "recv"; readonly endpoint: EndpointRecord; readonly canGrant: boolean }
  | { readonly kind: "notification"; readonly notification: NotificationRecord };

/** A thread control block (seL4's tcb_t); see objects/tcb.ts. */
export interface TcbRecord {
  readonly paddr: number;
  state: ThreadState;
  priority: number;
  mcp: number;
  timeslice: number;
  readonly regs: BigUint64Array;
  /** `regs` as 32-bit halves (a view made once). */
  readonly regHalves: Uint32Array;
  /** x2-x5 of `regs`, the message registers MR0-3 (a view made once). */
  readonly messageRegs: BigUint64Array;
  /** The thread's recent one-level CPtr lookups of invoked and received-on caps. */
  readonly slotLookups: SlotLookups;
  /** Saved FP/AdvSIMD context (V0–V31, FPSR, FPCR: seL4's user_fpu_state_t). */
  readonly fpu: Uint8Array<ArrayBuffer>;
  /** Fault endpoint CPtr, resolved in this thread's CSpace when a fault happens (non-MCS). */
  faultEndpoint: bigint;
  ipcBufferVaddr: number;
  blocking: BlockingState;
  /** The fault being delivered or awaiting a reply. */
  fault: Fault | null;
  boundNotification: NotificationRecord | null;
  vcpu: VcpuRecord | null;
  name: string;
  /** seL4_TCBFlag bits (bit 0 = fpuDisabled). */
  flags: number;
  /** The last IPC buffer view built for this thread (a cache; see lookupIpcBuffer). */
  ipcBufferView: IpcBuffer | null;
  /** The message words of the thread's kernel-object invocation being decoded (InvocationContext.args views it). */
  readonly messageScratch: BigUint64Array<ArrayBuffer>;
  /** Views of `messageScratch`'s first n words by n, made on first use. */
  readonly messageScratchViews: BigUint64Array[];
  /** Kernel entries made by this thread (for debug dumps and benchmarks). */
  syscallCount: number;
  /** The priority of the ready queue the thread sits in, or -1; the queue's links (tcbSchedNext/Prev) follow. */
  schedQueuedAt: number;
  schedNext: TcbRecord | null;
  schedPrev: TcbRecord | null;
  /** Set when user level changed the pc: the thread's code must start afresh there. */
  pcRewritten: boolean;
  /** MCS: the scheduling context the thread runs on (null: passive). */
  sc: SchedContextRecord | null;
  /** MCS: the reply object of the thread state (BlockedOnReceive: to fill; BlockedOnReply: waited on). */
  replyObject: ReplyRecord | null;
  readonly cspaceSlot: Slot;
  readonly vspaceSlot: Slot;
  readonly replySlot: Slot;
  readonly callerSlot: Slot;
  readonly bufferSlot: Slot;
  /** MCS: the fault handler and timeout handler endpoint caps. */
  readonly faultHandlerSlot: Slot;
  readonly timeoutHandlerSlot: Slot;
  /** The internal slots, in seL4's order (non-MCS ones, then the MCS fault and timeout handlers). */
  readonly internalSlots: Slot[];
}

/**
 * One list register of a VCPU as a record, a live view: reading a field decodes the register,
 * writing one re-encodes it (on the board while the VCPU is loaded, else in its saved state).
 */
export interface ListRegister {
  virq: number;
  priority: number;
  group: number;
  state: "invalid" | "pending" | "active" | "pendingActive";
  /** EOI maintenance requested (InjectIRQ always sets it). */
  eoiMaintenance: boolean;
}

/** The EL1 register file of the CPU running a VCPU (cpu-aarch64's `readVcpuReg`/`writeVcpuReg`). */
export interface VcpuRegisterFile {
  readVcpuReg(index: number): bigint;
  writeVcpuReg(index: number, value: bigint): void;
}

/** A VCPU (seL4's vcpu_t); see objects/vcpu.ts. */
export interface VcpuRecord {
  readonly paddr: number;
  /** EL1 registers in seL4_VCPUReg order while no CPU holds them. */
  readonly regs: BigUint64Array<ArrayBuffer>;
  /** The saved virtual interface state (GICH, or ICH_* on a GICv3), authoritative while {@link loadedOn} is null. */
  vgic: GicVirtualInterfaceState | GicV3VirtualInterfaceState;
  /** The virtual interface this VCPU is loaded on (vcpu_restore'd), or null. */
  loadedOn: GicVirtualInterface | GicV3VcpuInterface | null;
  /** The CPU holding this VCPU's EL1 registers, once it has run. */
  core: VcpuRegisterFile | null;
  /** Live views of the list registers. */
  readonly listRegisters: readonly ListRegister[];
  tcb: TcbRecord | null;
  vgicEnabled: boolean;
  /** VPPIs masked by the kernel until the VMM acknowledges them (keyed by IRQ). */
  readonly vppiMasked: Set<number>;
  /** seL4_VCPUReg `index`: from the CPU once one holds the registers. */
  readReg(index: number): bigint;
  /** Writes seL4_VCPUReg `index` (to the CPU once one holds the registers). */
  writeReg(index: number, value: bigint): void;
  /** The raw GICH_LR (32-bit number) or ICH_LR<n>_EL2 (64-bit bigint) value `index`, wherever it currently lives. */
  readListRegister(index: number): number | bigint;
  /** Writes raw list register `index`, wherever it currently lives. */
  writeListRegister(index: number, value: number | bigint): void;
}

/** Per-IRQ kernel state (an entry of seL4's intStateIRQTable); see irq/irq-table.ts. */
export interface IrqLineRecord {
  readonly irq: number;
  /** A kernel-internal slot holding a copy of the notification cap set by SetNotification. */
  readonly notificationSlot: Slot;
  claimed: boolean;
  masked: boolean;
  /** Raised while masked: delivered at the next Ack (the interrupt controller's pending bit). */
  pending: boolean;
  /** 0 = level, 1 = edge (IRQControl_GetTrigger). */
  trigger: number;
}
