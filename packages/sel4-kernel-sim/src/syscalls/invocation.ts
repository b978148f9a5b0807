// handleInvocation, shared by the classic and the MCS syscall paths: look up the invoked cap and
// the extra caps, then send on an endpoint, signal a notification, reply through a reply cap or
// decode a kernel-object invocation. What differs between the two kernels (the fault path, how
// an endpoint send donates, which reply caps exist, the invocation label numbering) comes in as
// an InvocationPath.
import { seL4_FastMessageRegisters } from "../constants/boot";
import { ThreadState } from "../constants/thread-state";
import { canGrant, canGrantReply, canSend, describeCap, type Cap } from "../cspace/cap";
import { describeLookupFault } from "../cspace/lookup-fault";
import type { Slot } from "../cspace/slot";
import { decodeInvocation } from "../invocations/dispatch";
import { illegalOperation, invalidCapability, type InvocationResult } from "../invocations/result";
import type { SendAuthority } from "../ipc/endpoint-ipc";
import type { Fault } from "../ipc/fault-record";
import { copyWords, IPCBUF_MSG, lookupIpcBuffer, setMRs, type IpcBuffer } from "../ipc/ipc-buffer";
import { sendSignal } from "../ipc/notification-ipc";
import { lookupExtraCaps } from "../ipc/transfer";
import type { KernelContext } from "../kernel-context";
import { clampLength, loadMessageInfoLabel, messageInfoExtraCaps, messageInfoLength, storeMessageInfo } from "../message-info";
import type { Endpoint } from "../objects/endpoint";
import type { Tcb } from "../objects/tcb";
import { REG_MR0, REG_X0, REG_X1 } from "../objects/user-context";

/** The syscall's flavour of invocation (seL4's handleInvocation arguments). */
export interface InvocationFlags {
  readonly isCall: boolean;
  readonly isBlocking: boolean;
  /** MCS: a Call may donate the caller's scheduling context (ignored on the classic kernel). */
  readonly canDonate: boolean;
  /** False for native threads' kernel-object calls: IPC caps are refused instead of blocking. */
  readonly ipcAllowed: boolean;
}

/** A reply cap as one of the two kernels has it: the classic one-shot reply cap or an MCS reply object. */
export type ReplyCap = Extract<Cap, { kind: "reply" | "replyObject" }>;

/** What handleInvocation needs of one kernel configuration (classic or MCS). */
export interface InvocationPath {
  /** The reply caps this kernel has: classic one-shot reply caps or MCS reply objects. */
  readonly replyKind: ReplyCap["kind"];
  /** Delivers a fault of `thread` (handleFault, or its MCS form). */
  handleFault(kernel: KernelContext, thread: Tcb, fault: Fault): void;
  /** Sends the thread's message on `endpoint` (sendIPC; `canDonate` only matters on MCS). */
  sendIpc(kernel: KernelContext, thread: Tcb, endpoint: Endpoint, auth: SendAuthority, isBlocking: boolean, isCall: boolean, canDonate: boolean): void;
  /** Invokes a reply cap of {@link replyKind} held in `slot`. */
  invokeReply(kernel: KernelContext, thread: Tcb, slot: Slot, cap: ReplyCap, flags: InvocationFlags): void;
  /** The internal invocation label of the message label `wire`. */
  internalLabel(wire: number): number;
  /** The name of an internal invocation label, for debug output. */
  labelName(label: number): string | undefined;
}

/** Writes a kernel reply (label 0 + MRs, or an error label + error MRs) into the caller's registers. */
export function replyFromKernel(kernel: KernelContext, thread: Tcb, result: InvocationResult): void {
  const buffer = lookupIpcBuffer(kernel.memory, thread, true);
  const label = result.ok ? 0 : result.failure.error;
  const length = setMRs(thread, buffer, result.ok ? result.mrs : result.failure.mrs);
  thread.regs[REG_X0] = 0n;
  storeMessageInfo(thread.regHalves, REG_X1, label, 0, 0, length);
}

/**
 * The first `length` message registers (MR0-3 from x2-x5, the rest from the IPC buffer), copied
 * as words into the thread's scratch area: valid until the thread's next kernel entry.
 */
function messageWords(thread: Tcb, buffer: IpcBuffer | null, length: number): BigUint64Array {
  const words = thread.messageScratch;
  const inRegisters = Math.min(length, seL4_FastMessageRegisters);
  for (let i = 0; i < inRegisters; i++) words[i] = thread.regs[REG_MR0 + i]!;
  if (length > inRegisters && buffer) copyWords(words, inRegisters, buffer.words, IPCBUF_MSG + inRegisters, length - inRegisters);
  return (thread.messageScratchViews[length] ??= words.subarray(0, length));
}

/** handleInvocation: invokes the cap at `cptr` in `thread`'s CSpace with the message in its registers and IPC buffer. */
export function handleInvocation(kernel: KernelContext, path: InvocationPath, thread: Tcb, cptr: bigint, flags: InvocationFlags): void {
  const { isCall, isBlocking } = flags;
  // The message info's length and extraCaps sit in x1's low half (host order: little-endian).
  const infoLow = thread.regHalves[2 * REG_X1]!;
  const lookup = thread.slotLookups.lookup(thread.cspaceSlot.cap, cptr);
  if (!lookup.ok) {
    kernel.userError(thread, "Invocation", `invalid cap 0x${cptr.toString(16)} (${describeLookupFault(lookup.fault)})`);
    if (isBlocking) path.handleFault(kernel, thread, { kind: "cap", address: cptr, inReceivePhase: false, lookup: lookup.fault });
    return;
  }
  const slot = lookup.value.slot;
  const buffer = lookupIpcBuffer(kernel.memory, thread, false);
  const extra = lookupExtraCaps(thread, buffer, messageInfoExtraCaps(infoLow));
  if (!extra.ok) {
    kernel.userError(thread, "Invocation", `invalid extra cap 0x${extra.cptr.toString(16)}`);
    if (isBlocking) path.handleFault(kernel, thread, { kind: "cap", address: extra.cptr, inReceivePhase: false, lookup: extra.fault });
    return;
  }
  let length = clampLength(messageInfoLength(infoLow));
  if (length > seL4_FastMessageRegisters && !buffer) length = seL4_FastMessageRegisters;
  const cap = slot.cap;
  if (!cap) {
    kernel.userError(thread, "Invocation", `attempted to invoke a null cap 0x${cptr.toString(16)}`);
    if (isCall) replyFromKernel(kernel, thread, invalidCapability(0, "null cap"));
    return;
  }
  const isReplyCap = cap.kind === path.replyKind;
  if (!flags.ipcAllowed && (cap.kind === "endpoint" || cap.kind === "notification" || isReplyCap)) {
    kernel.userError(thread, "Invocation", `${cap.kind} caps take IPC; use seL4_Call/seL4_Send`);
    replyFromKernel(kernel, thread, illegalOperation("IPC cap given to a kernel-object invocation"));
    return;
  }
  if (isReplyCap) {
    path.invokeReply(kernel, thread, slot, cap, flags);
    return;
  }
  switch (cap.kind) {
    case "endpoint":
      if (!canSend(cap.rights)) {
        kernel.userError(thread, "Invocation", "endpoint cap lacks send rights");
        if (isCall) replyFromKernel(kernel, thread, invalidCapability(0, "no send rights"));
        return;
      }
      path.sendIpc(kernel, thread, cap.obj, { badge: cap.badge, canGrant: canGrant(cap.rights), canGrantReply: canGrantReply(cap.rights) }, isBlocking, isCall, flags.canDonate);
      return;
    case "notification":
      if (!canSend(cap.rights)) {
        kernel.userError(thread, "Invocation", "notification cap lacks send rights");
        if (isCall) replyFromKernel(kernel, thread, invalidCapability(0, "no send rights"));
        return;
      }
      sendSignal(kernel, cap.obj, cap.badge);
      if (isCall) replyFromKernel(kernel, thread, { ok: true, mrs: [] });
      return;
    default:
      break;
  }
  const wireLabel = loadMessageInfoLabel(thread.regHalves, REG_X1);
  const label = path.internalLabel(wireLabel);
  const args = messageWords(thread, buffer, length);
  const result = decodeInvocation({ kernel, thread, slot, cap, label, args, extraCaps: extra.slots });
  if (!result.ok) {
    const name = path.labelName(label) ?? `label ${wireLabel}`;
    kernel.userError(thread, name, `${result.failure.reason} (invoked ${describeCap(cap)})`);
  }
  if (isCall && thread.state === ThreadState.Running) replyFromKernel(kernel, thread, result);
}
