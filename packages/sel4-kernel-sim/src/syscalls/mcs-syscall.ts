import { internalLabelName, mcsLabelToInternal, seL4_Syscall_MCS } from "../constants/mcs";
import { describeCap } from "../cspace/cap";
import { handleDebugSyscall } from "../debug/debug-syscalls";
import { mcsReceiveIpc, mcsSendIpc } from "../ipc/mcs-endpoint-ipc";
import { mcsHandleFault } from "../ipc/mcs-fault";
import { doMcsReplyTransfer } from "../ipc/mcs-reply";
import type { KernelContext } from "../kernel-context";
import type { Reply } from "../objects/reply";
import type { Tcb } from "../objects/tcb";
import { REG_X0, REG_X7 } from "../objects/user-context";
import { handleInvocation, type InvocationFlags, type InvocationPath } from "./invocation";
import { syscallNumber } from "./syscall-number";
import { handleRecv, type ReceivePath } from "./receive";

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
  const sysno = syscallNumber(thread);
  switch (sysno as seL4_Syscall_MCS) {
    case seL4_Syscall_MCS.seL4_SysSend:
      return handleInvocation(kernel, MCS_PATH, thread, regs[REG_X0]!, SEND);
    case seL4_Syscall_MCS.seL4_SysNBSend:
      return handleInvocation(kernel, MCS_PATH, thread, regs[REG_X0]!, NB_SEND);
    case seL4_Syscall_MCS.seL4_SysCall:
      return handleInvocation(kernel, MCS_PATH, thread, regs[REG_X0]!, CALL);
    case seL4_Syscall_MCS.seL4_SysRecv:
      return handleRecv(kernel, MCS_RECEIVE_WITH_REPLY, thread, true);
    case seL4_Syscall_MCS.seL4_SysNBRecv:
      return handleRecv(kernel, MCS_RECEIVE_WITH_REPLY, thread, false);
    case seL4_Syscall_MCS.seL4_SysWait:
      return handleRecv(kernel, MCS_WAIT, thread, true);
    case seL4_Syscall_MCS.seL4_SysNBWait:
      return handleRecv(kernel, MCS_WAIT, thread, false);
    case seL4_Syscall_MCS.seL4_SysReplyRecv:
      handleInvocation(kernel, MCS_PATH, thread, regs[REG_X6]!, NB_SEND_DONATING);
      return handleRecv(kernel, MCS_RECEIVE_WITH_REPLY, thread, true);
    case seL4_Syscall_MCS.seL4_SysNBSendRecv:
      handleInvocation(kernel, MCS_PATH, thread, regs[REG_X8]!, NB_SEND_DONATING);
      return handleRecv(kernel, MCS_RECEIVE_WITH_REPLY, thread, true);
    case seL4_Syscall_MCS.seL4_SysNBSendWait:
      handleInvocation(kernel, MCS_PATH, thread, regs[REG_X6]!, NB_SEND_DONATING);
      return handleRecv(kernel, MCS_WAIT, thread, true);
    case seL4_Syscall_MCS.seL4_SysYield:
      kernel.mcs!.yieldCurrent(thread);
      return;
    default:
      if (sysno <= (seL4_Syscall_MCS.seL4_SysDebugPutChar as number) && handleDebugSyscall(kernel, thread, sysno + MCS_DEBUG_SHIFT)) return;
      mcsHandleFault(kernel, thread, { kind: "unknownSyscall", syscall: regs[REG_X7]! });
  }
}

/** The MCS kernel's handleInvocation: reply objects, and Calls that may donate the scheduling context. */
const MCS_PATH: InvocationPath = {
  replyKind: "replyObject",
  handleFault: mcsHandleFault,
  sendIpc: mcsSendIpc,
  invokeReply(kernel, thread, _slot, cap) {
    if (cap.kind === "replyObject") doMcsReplyTransfer(kernel, thread, cap.obj, cap.canGrant);
  },
  internalLabel: mcsLabelToInternal,
  labelName: internalLabelName,
};

const SEND: InvocationFlags = { isCall: false, isBlocking: true, canDonate: false, ipcAllowed: true };
const NB_SEND: InvocationFlags = { isCall: false, isBlocking: false, canDonate: false, ipcAllowed: true };
const CALL: InvocationFlags = { isCall: true, isBlocking: true, canDonate: true, ipcAllowed: true };
/** The send phase of ReplyRecv, NBSendRecv and NBSendWait: non-blocking, may donate. */
const NB_SEND_DONATING: InvocationFlags = { isCall: false, isBlocking: false, canDonate: true, ipcAllowed: true };
const KERNEL_OBJECT_CALL: InvocationFlags = { isCall: true, isBlocking: true, canDonate: true, ipcAllowed: false };

/** A synchronous kernel-object invocation of a native thread on an MCS kernel (IPC caps are refused). */
export function handleMcsKernelObjectCall(kernel: KernelContext, thread: Tcb): void {
  thread.syscallCount++;
  handleInvocation(kernel, MCS_PATH, thread, thread.regs[REG_X0]!, KERNEL_OBJECT_CALL);
}

/** lookupReply: the reply object cap in x6, or a cap fault (in the receive phase). */
function lookupReply(kernel: KernelContext, thread: Tcb): Reply | null {
  const cptr = thread.regs[REG_X6]!;
  const found = thread.slotLookups.lookup(thread.cspaceSlot.cap, cptr);
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

/** handleRecv (MCS) of Recv and NBRecv: a reply object (x6) comes with an endpoint receive. */
const MCS_RECEIVE_WITH_REPLY: ReceivePath = {
  handleFault: mcsHandleFault,
  receiveIpc(kernel, thread, endpoint, canGrant, isBlocking) {
    const reply = lookupReply(kernel, thread);
    if (reply) mcsReceiveIpc(kernel, thread, endpoint, canGrant, isBlocking, reply);
  },
};

/** handleRecv (MCS) of Wait and NBWait: no reply object. */
const MCS_WAIT: ReceivePath = {
  handleFault: mcsHandleFault,
  receiveIpc: (kernel, thread, endpoint, canGrant, isBlocking) => mcsReceiveIpc(kernel, thread, endpoint, canGrant, isBlocking, null),
};
