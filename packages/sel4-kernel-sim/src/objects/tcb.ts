import { FP_STATE_BYTES } from "@sel4ts/cpu-aarch64";
import { seL4_FastMessageRegisters, seL4_MsgMaxLength } from "../constants/boot";
import { ThreadState } from "../constants/thread-state";
import { SlotLookupCache } from "../cspace/lookup-cache";
import { Slot } from "../cspace/slot";
import type { Fault } from "../ipc/fault-record";
import type { IpcBuffer } from "../ipc/ipc-buffer-view";
import type { BlockingState, NotificationRecord, ReplyRecord, SchedContextRecord, SlotLookups, TcbRecord, VcpuRecord } from "./structures";
import { newRegisterFile, REG_MR0 } from "./user-context";

export type { BlockingState } from "./structures";

/** Timeslice in ticks (CONFIG_TIME_SLICE). */
export const TIME_SLICE_TICKS = 5;

/**
 * A thread control block. The five internal slots mirror seL4's TCB CTEs: CSpace root, VSpace
 * root, master reply cap, caller (one-shot reply) slot and IPC buffer frame.
 */
export class Tcb implements TcbRecord {
  state: ThreadState = ThreadState.Inactive;
  priority = 0;
  mcp = 0;
  timeslice = TIME_SLICE_TICKS;
  readonly regs = newRegisterFile();
  /** {@link regs} as 32-bit halves (a view made once): a guest core's context switch copies these. */
  readonly regHalves = new Uint32Array(this.regs.buffer);
  /** x2-x5 of {@link regs}, the message registers MR0-3 (a view made once). */
  readonly messageRegs = this.regs.subarray(REG_MR0, REG_MR0 + seL4_FastMessageRegisters);
  /** Saved FP/AdvSIMD context (V0–V31, FPSR, FPCR: seL4's user_fpu_state_t), per thread as in seL4. */
  readonly fpu = new Uint8Array(FP_STATE_BYTES);
  /** Fault endpoint CPtr, resolved in this thread's CSpace when a fault happens (non-MCS). */
  faultEndpoint = 0n;
  ipcBufferVaddr = 0;
  blocking: BlockingState = { kind: "none" };
  /** The fault being delivered or awaiting a reply. */
  fault: Fault | null = null;
  boundNotification: NotificationRecord | null = null;
  vcpu: VcpuRecord | null = null;
  name: string;
  /** seL4_TCBFlag bits (bit 0 = fpuDisabled). */
  flags = 0;
  /** The last IPC buffer view built for this thread (a cache; see lookupIpcBuffer). */
  ipcBufferView: IpcBuffer | null = null;
  /** The message words of the thread's kernel-object invocation being decoded (InvocationContext.args views it). */
  readonly messageScratch = new BigUint64Array(seL4_MsgMaxLength);
  /** Views of {@link messageScratch}'s first n words by n, made on first use (one per message length). */
  readonly messageScratchViews: BigUint64Array[] = [];
  /** The thread's recent one-level CPtr lookups of invoked and received-on caps. */
  readonly slotLookups: SlotLookups = new SlotLookupCache();
  /** Kernel entries made by this thread (for debug dumps and benchmarks). */
  syscallCount = 0;
  /** The priority of the ready queue the thread sits in, or -1; the queue's links (tcbSchedNext/Prev) follow. */
  schedQueuedAt = -1;
  schedNext: Tcb | null = null;
  schedPrev: Tcb | null = null;
  /** Set when user level changed the pc: the thread's code must start afresh there. */
  pcRewritten = false;
  /** MCS: the scheduling context the thread runs on (null: passive). */
  sc: SchedContextRecord | null = null;
  /** MCS: the reply object of the thread state (BlockedOnReceive: to fill; BlockedOnReply: waited on). */
  replyObject: ReplyRecord | null = null;
  readonly cspaceSlot: Slot;
  readonly vspaceSlot: Slot;
  readonly replySlot: Slot;
  readonly callerSlot: Slot;
  readonly bufferSlot: Slot;
  /** MCS: the fault handler and timeout handler endpoint caps (copied in by SetSchedParams/SetSpace/SetTimeoutEndpoint). */
  readonly faultHandlerSlot: Slot;
  readonly timeoutHandlerSlot: Slot;

  /** Creates an Inactive TCB at `paddr` with priority 0 and MCP 0. */
  constructor(readonly paddr: number) {
    this.name = `tcb@0x${paddr.toString(16)}`;
    this.cspaceSlot = new Slot(`${this.name} cspace`);
    this.vspaceSlot = new Slot(`${this.name} vspace`);
    this.replySlot = new Slot(`${this.name} reply`);
    this.callerSlot = new Slot(`${this.name} caller`);
    this.bufferSlot = new Slot(`${this.name} ipc buffer`);
    this.faultHandlerSlot = new Slot(`${this.name} fault handler`);
    this.timeoutHandlerSlot = new Slot(`${this.name} timeout handler`);
  }

  /** The internal slots, in seL4's order (non-MCS ones, then the MCS fault and timeout handlers). */
  get internalSlots(): Slot[] {
    return [this.cspaceSlot, this.vspaceSlot, this.replySlot, this.callerSlot, this.bufferSlot, this.faultHandlerSlot, this.timeoutHandlerSlot];
  }
}
