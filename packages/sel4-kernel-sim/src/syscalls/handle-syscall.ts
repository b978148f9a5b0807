import { seL4_FastMessageRegisters } from "../constants/boot";
import { InvocationLabel } from "../constants/labels";
import { seL4_Syscall } from "../constants/syscalls";
import { ThreadState } from "../constants/thread-state";
import { canGrant, canGrantReply, canReceive, canSend, describeCap } from "../cspace/cap";
import { deleteCap } from "../cspace/delete";
import { lookupSlot } from "../cspace/lookup";
import { describeLookupFault } from "../cspace/lookup-fault";
import { handleDebugSyscall } from "../debug/debug-syscalls";
import { decodeInvocation } from "../invocations/dispatch";
import { illegalOperation, invalidCapability, type InvocationResult } from "../invocations/result";
import { receiveIpc, sendIpc } from "../ipc/endpoint-ipc";
import { handleFault } from "../ipc/fault";
import { getMR, lookupIpcBuffer, setMRs } from "../ipc/ipc-buffer";
import { receiveSignal, sendSignal } from "../ipc/notification-ipc";
import { doReplyTransfer } from "../ipc/reply";
import { lookupExtraCaps } from "../ipc/transfer";
import type { KernelContext } from "../kernel-context";
import { clampLength, decodeMessageInfo, encodeMessageInfo, seL4_MessageInfo_new } from "../message-info";
import type { Tcb } from "../objects/tcb";
import { REG_X0, REG_X1, REG_X7 } from "../objects/user-context";

/**
 * handleSyscall: the kernel entry for `svc #0` with the syscall number in x7, acting on the
 * thread's saved registers and IPC buffer. The caller runs the scheduler afterwards.
 */
export function handleSyscall(kernel: KernelContext, thread: Tcb): void {
  thread.syscallCount++;
  const sysno = Number(BigInt.asIntN(64, thread.regs[REG_X7]!));
  switch (sysno as seL4_Syscall) {
    case seL4_Syscall.seL4_SysSend:
      return handleInvocation(kernel, thread, false, true);
    case seL4_Syscall.seL4_SysNBSend:
      return handleInvocation(kernel, thread, false, false);
    case seL4_Syscall.seL4_SysCall:
      return handleInvocation(kernel, thread, true, true);
    case seL4_Syscall.seL4_SysRecv:
      return handleRecv(kernel, thread, true);
    case seL4_Syscall.seL4_SysNBRecv:
      return handleRecv(kernel, thread, false);
    case seL4_Syscall.seL4_SysReply:
      return handleReply(kernel, thread);
    case seL4_Syscall.seL4_SysReplyRecv:
      handleReply(kernel, thread);
      return handleRecv(kernel, thread, true);
    case seL4_Syscall.seL4_SysYield:
      kernel.scheduler.yieldCurrent();
      return;
    default:
      if (handleDebugSyscall(kernel, thread, sysno)) return;
      handleFault(kernel, thread, { kind: "unknownSyscall", syscall: thread.regs[REG_X7]! });
  }
}

/** Writes a kernel reply (label 0 + MRs, or an error label + error MRs) into the caller's registers. */
export function replyFromKernel(kernel: KernelContext, thread: Tcb, result: InvocationResult): void {
  const buffer = lookupIpcBuffer(kernel.memory, thread, true);
  const label = result.ok ? 0 : result.failure.error;
  const length = setMRs(thread, buffer, result.ok ? result.mrs : result.failure.mrs);
  thread.regs[REG_X0] = 0n;
  thread.regs[REG_X1] = encodeMessageInfo(seL4_MessageInfo_new(label, 0, 0, length));
}

/**
 * A Call that may only invoke a kernel object (how native threads make synchronous invocations):
 * IPC caps are refused with IllegalOperation instead of blocking.
 */
export function handleKernelObjectCall(kernel: KernelContext, thread: Tcb): void {
  thread.syscallCount++;
  handleInvocation(kernel, thread, true, true, false);
}

function handleInvocation(kernel: KernelContext, thread: Tcb, isCall: boolean, isBlocking: boolean, ipcAllowed = true): void {
  const info = decodeMessageInfo(thread.regs[REG_X1]!);
  const cptr = thread.regs[REG_X0]!;
  const lookup = lookupSlot(thread.cspaceSlot.cap, cptr);
  if (!lookup.ok) {
    kernel.userError(thread, "Invocation", `invalid cap 0x${cptr.toString(16)} (${describeLookupFault(lookup.fault)})`);
    if (isBlocking) handleFault(kernel, thread, { kind: "cap", address: cptr, inReceivePhase: false, lookup: lookup.fault });
    return;
  }
  const slot = lookup.value.slot;
  const buffer = lookupIpcBuffer(kernel.memory, thread, false);
  const extra = lookupExtraCaps(thread, buffer, info.extraCaps);
  if (!extra.ok) {
    kernel.userError(thread, "Invocation", `invalid extra cap 0x${extra.cptr.toString(16)}`);
    if (isBlocking) handleFault(kernel, thread, { kind: "cap", address: extra.cptr, inReceivePhase: false, lookup: extra.fault });
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
  if (!ipcAllowed && (cap.kind === "endpoint" || cap.kind === "notification" || cap.kind === "reply")) {
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
      sendIpc(kernel, thread, cap.obj, { badge: cap.badge, canGrant: canGrant(cap.rights), canGrantReply: canGrantReply(cap.rights) }, isBlocking, isCall);
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
    case "reply":
      if (cap.master) {
        if (isCall) replyFromKernel(kernel, thread, invalidCapability(0, "master reply cap"));
        return;
      }
      doReplyTransfer(kernel, thread, cap.tcb, slot, cap.canGrant);
      return;
    default:
      break;
  }
  const args = Array.from({ length }, (_, i) => getMR(thread, buffer, i));
  const result = decodeInvocation({ kernel, thread, slot, cap, label: info.label, args, extraCaps: extra.slots });
  if (!result.ok) {
    const name = InvocationLabel[info.label] ?? `label ${info.label}`;
    kernel.userError(thread, name, `${result.failure.reason} (invoked ${describeCap(cap)})`);
  }
  if (isCall && thread.state === ThreadState.Running) replyFromKernel(kernel, thread, result);
}

function handleRecv(kernel: KernelContext, thread: Tcb, isBlocking: boolean): void {
  const cptr = thread.regs[REG_X0]!;
  const lookup = lookupSlot(thread.cspaceSlot.cap, cptr);
  if (!lookup.ok) {
    kernel.userError(thread, "Recv", `invalid cap 0x${cptr.toString(16)}`);
    handleFault(kernel, thread, { kind: "cap", address: cptr, inReceivePhase: true, lookup: lookup.fault });
    return;
  }
  const cap = lookup.value.slot.cap;
  const missing = { kind: "missingCapability" as const, bitsLeft: 0 };
  if (cap?.kind === "endpoint" && canReceive(cap.rights)) {
    deleteCap(kernel, thread.callerSlot);
    receiveIpc(kernel, thread, cap.obj, canGrant(cap.rights), isBlocking);
    return;
  }
  if (cap?.kind === "notification" && canReceive(cap.rights) && (!cap.obj.boundTcb || cap.obj.boundTcb === thread)) {
    receiveSignal(kernel, thread, cap.obj, isBlocking);
    return;
  }
  kernel.userError(thread, "Recv", `cap 0x${cptr.toString(16)} is not a receivable endpoint or notification (${describeCap(cap)})`);
  handleFault(kernel, thread, { kind: "cap", address: cptr, inReceivePhase: true, lookup: missing });
}

function handleReply(kernel: KernelContext, thread: Tcb): void {
  const slot = thread.callerSlot;
  const cap = slot.cap;
  if (cap?.kind === "reply" && !cap.master) doReplyTransfer(kernel, thread, cap.tcb, slot, cap.canGrant);
}
