import { seL4_FastMessageRegisters } from "../constants/boot";
import { internalLabelName, mcsLabelToInternal, seL4_Syscall_MCS } from "../constants/mcs";
import { ThreadState } from "../constants/thread-state";
import { canGrant, canGrantReply, canReceive, canSend, describeCap } from "../cspace/cap";
import { lookupSlot } from "../cspace/lookup";
import { describeLookupFault } from "../cspace/lookup-fault";
import { handleDebugSyscall } from "../debug/debug-syscalls";
import { decodeInvocation } from "../invocations/dispatch";
import { illegalOperation, invalidCapability } from "../invocations/result";
import { getMR, lookupIpcBuffer } from "../ipc/ipc-buffer";
import { mcsReceiveIpc, mcsSendIpc } from "../ipc/mcs-endpoint-ipc";
import { mcsHandleFault } from "../ipc/mcs-fault";
import { doMcsReplyTransfer } from "../ipc/mcs-reply";
import { receiveSignal, sendSignal } from "../ipc/notification-ipc";
import { lookupExtraCaps } from "../ipc/transfer";
import type { KernelContext } from "../kernel-context";
import { clampLength, decodeMessageInfo } from "../message-info";
import type { Reply } from "../objects/reply";
import type { Tcb } from "../objects/tcb";
import { REG_X0, REG_X1, REG_X7 } from "../objects/user-context";
import { replyFromKernel } from "./handle-syscall";

/** x6 carries the reply object cap (replyRegister), x8 the NBSendRecv destination (nbsendRecvDest). */
const REG_X6 = REG_X0 + 6;
const REG_X8 = REG_X0 + 8;
/** The MCS debug syscall numbers are the non-MCS ones minus 3 (three more API syscalls come first). */
const MCS_DEBUG_SHIFT = 3;

/**
 * handleSyscall on an MCS kernel: Call/Send/NBSend, Recv/NBRecv with a reply object (x6),
 * Wait/NBWait without one, ReplyRecv (invoke the reply object, then Recv), NBSendRecv (NBSend to
 * x8, then Recv), NBSendWait (NBSend to x6, then Wait) and Yield (gives up the rest of the budget).
 */
export function handleMcsSyscall(kernel: KernelContext, thread: Tcb): void {
  thread.syscallCount++;
  const regs = thread.regs;
  const sysno = Number(BigInt.asIntN(64, regs[REG_X7]!));
  switch (sysno as seL4_Syscall_MCS) {
    case seL4_Syscall_MCS.seL4_SysSend:
      return mcsInvocation(kernel, thread, regs[REG_X0]!, false, true, false);
    case seL4_Syscall_MCS.seL4_SysNBSend:
      return mcsInvocation(kernel, thread, regs[REG_X0]!, false, false, false);
    case seL4_Syscall_MCS.seL4_SysCall:
      return mcsInvocation(kernel, thread, regs[REG_X0]!, true, true, true);
    case seL4_Syscall_MCS.seL4_SysRecv:
      return mcsRecv(kernel, thread, true, true);
    case seL4_Syscall_MCS.seL4_SysNBRecv:
      return mcsRecv(kernel, thread, false, true);
    case seL4_Syscall_MCS.seL4_SysWait:
      return mcsRecv(kernel, thread, true, false);
    case seL4_Syscall_MCS.seL4_SysNBWait:
      return mcsRecv(kernel, thread, false, false);
    case seL4_Syscall_MCS.seL4_SysReplyRecv:
      mcsInvocation(kernel, thread, regs[REG_X6]!, false, false, true);
      return mcsRecv(kernel, thread, true, true);
    case seL4_Syscall_MCS.seL4_SysNBSendRecv:
      mcsInvocation(kernel, thread, regs[REG_X8]!, false, false, true);
      return mcsRecv(kernel, thread, true, true);
    case seL4_Syscall_MCS.seL4_SysNBSendWait:
      mcsInvocation(kernel, thread, regs[REG_X6]!, false, false, true);
      return mcsRecv(kernel, thread, true, false);
    case seL4_Syscall_MCS.seL4_SysYield:
      kernel.mcs!.yieldCurrent(thread);
      return;
    default:
      if (sysno <= (seL4_Syscall_MCS.seL4_SysDebugPutChar as number) && handleDebugSyscall(kernel, thread, sysno + MCS_DEBUG_SHIFT)) return;
      mcsHandleFault(kernel, thread, { kind: "unknownSyscall", syscall: regs[REG_X7]! });
  }
}

/** A synchronous kernel-object invocation of a native thread on an MCS kernel (IPC caps are refused). */
export function handleMcsKernelObjectCall(kernel: KernelContext, thread: Tcb): void {
  thread.syscallCount++;
  mcsInvocation(kernel, thread, thread.regs[REG_X0]!, true, true, true, false);
}

/** handleInvocation (MCS): `cptr` is the invoked cap (x0, or the reply/destination register). */
function mcsInvocation(kernel: KernelContext, thread: Tcb, cptr: bigint, isCall: boolean, isBlocking: boolean, canDonate: boolean, ipcAllowed = true): void {
  const info = decodeMessageInfo(thread.regs[REG_X1]!);
  const lookup = lookupSlot(thread.cspaceSlot.cap, cptr);
  if (!lookup.ok) {
    kernel.userError(thread, "Invocation", `invalid cap 0x${cptr.toString(16)} (${describeLookupFault(lookup.fault)})`);
    if (isBlocking) mcsHandleFault(kernel, thread, { kind: "cap", address: cptr, inReceivePhase: false, lookup: lookup.fault });
    return;
  }
  const slot = lookup.value.slot;
  const buffer = lookupIpcBuffer(kernel.memory, thread, false);
  const extra = lookupExtraCaps(thread, buffer, info.extraCaps);
  if (!extra.ok) {
    kernel.userError(thread, "Invocation", `invalid extra cap 0x${extra.cptr.toString(16)}`);
    if (isBlocking) mcsHandleFault(kernel, thread, { kind: "cap", address: extra.cptr, inReceivePhase: false, lookup: extra.fault });
    return;
  }
  let length = clampLength(info.length);
  if (length > seL4_FastMessageRegisters && !buffer) length = seL4_FastMessageRegisters;
  const cap = slot.cap;
  if (!cap) {
    kernel.userError(thread, "Invocation", `attempted to invoke a null cap 0x${cptr.toString(16)}`);
    if (isCall) replyFromKernel(kernel, thread, invalidCapability(0, "null cap"));
    return;
  }
  if (!ipcAllowed && (cap.kind === "endpoint" || cap.kind === "notification" || cap.kind === "replyObject")) {
    kernel.userError(thread, "Invocation", `${cap.kind} caps take IPC; use seL4_Call/seL4_Send`);
    replyFromKernel(kernel, thread, illegalOperation("IPC cap given to a kernel-object invocation"));
    return;
  }
  switch (cap.kind) {
    case "endpoint":
      if (!canSend(cap.rights)) {
        kernel.userError(thread, "Invocation", "endpoint cap lacks send rights");
        if (isCall) replyFromKernel(kernel, thread, invalidCapability(0, "no send rights"));
        return;
      }
      mcsSendIpc(kernel, thread, cap.obj, { badge: cap.badge, canGrant: canGrant(cap.rights), canGrantReply: canGrantReply(cap.rights) }, isBlocking, isCall, canDonate);
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
    case "replyObject":
      doMcsReplyTransfer(kernel, thread, cap.obj, cap.canGrant);
      return;
    default:
      break;
  }
  const label = mcsLabelToInternal(info.label);
  const args = Array.from({ length }, (_, i) => getMR(thread, buffer, i));
  const result = decodeInvocation({ kernel, thread, slot, cap, label, args, extraCaps: extra.slots });
  if (!result.ok) {
    const name = internalLabelName(label) ?? `label ${info.label}`;
    kernel.userError(thread, name, `${result.failure.reason} (invoked ${describeCap(cap)})`);
  }
  if (isCall && thread.state === ThreadState.Running) replyFromKernel(kernel, thread, result);
}

/** lookupReply: the reply object cap in x6, or a cap fault (in the receive phase). */
function lookupReply(kernel: KernelContext, thread: Tcb): Reply | null {
  const cptr = thread.regs[REG_X6]!;
  const found = lookupSlot(thread.cspaceSlot.cap, cptr);
  if (!found.ok) {
    kernel.userError(thread, "Recv", `reply cap lookup of 0x${cptr.toString(16)} failed`);
    mcsHandleFault(kernel, thread, { kind: "cap", address: cptr, inReceivePhase: true, lookup: found.fault });
    return null;
  }
  const cap = found.value.slot.cap;
  if (cap?.kind !== "replyObject") {
    kernel.userError(thread, "Recv", `cap 0x${cptr.toString(16)} in the reply register is not a reply (${describeCap(cap)})`);
    mcsHandleFault(kernel, thread, { kind: "cap", address: cptr, inReceivePhase: true, lookup: { kind: "missingCapability", bitsLeft: 0 } });
    return null;
  }
  return cap.obj;
}

/** handleRecv (MCS): `canReply` says a reply object comes with it (Recv/NBRecv, not Wait/NBWait). */
function mcsRecv(kernel: KernelContext, thread: Tcb, isBlocking: boolean, canReply: boolean): void {
  const cptr = thread.regs[REG_X0]!;
  const lookup = lookupSlot(thread.cspaceSlot.cap, cptr);
  if (!lookup.ok) {
    kernel.userError(thread, "Recv", `invalid cap 0x${cptr.toString(16)}`);
    mcsHandleFault(kernel, thread, { kind: "cap", address: cptr, inReceivePhase: true, lookup: lookup.fault });
    return;
  }
  const cap = lookup.value.slot.cap;
  if (cap?.kind === "endpoint" && canReceive(cap.rights)) {
    let reply: Reply | null = null;
    if (canReply) {
      reply = lookupReply(kernel, thread);
      if (!reply) return;
    }
    mcsReceiveIpc(kernel, thread, cap.obj, canGrant(cap.rights), isBlocking, reply);
    return;
  }
  if (cap?.kind === "notification" && canReceive(cap.rights) && (!cap.obj.boundTcb || cap.obj.boundTcb === thread)) {
    receiveSignal(kernel, thread, cap.obj, isBlocking);
    return;
  }
  kernel.userError(thread, "Recv", `cap 0x${cptr.toString(16)} is not a receivable endpoint or notification (${describeCap(cap)})`);
  mcsHandleFault(kernel, thread, { kind: "cap", address: cptr, inReceivePhase: true, lookup: { kind: "missingCapability", bitsLeft: 0 } });
}
