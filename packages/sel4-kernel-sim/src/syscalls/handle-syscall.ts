import { InvocationLabel } from "../constants/labels";
import { seL4_Syscall } from "../constants/syscalls";
import { canGrant, canReceive, describeCap } from "../cspace/cap";
import { deleteCap } from "../cspace/delete";
import { lookupSlot } from "../cspace/lookup";
import { handleDebugSyscall } from "../debug/debug-syscalls";
import { invalidCapability } from "../invocations/result";
import { receiveIpc, sendIpc } from "../ipc/endpoint-ipc";
import { handleFault } from "../ipc/fault";
import { receiveSignal } from "../ipc/notification-ipc";
import { doReplyTransfer } from "../ipc/reply";
import type { KernelContext } from "../kernel-context";
import type { Tcb } from "../objects/tcb";
import { REG_X0, REG_X7 } from "../objects/user-context";
import { handleInvocation, replyFromKernel, type InvocationFlags, type InvocationPath } from "./invocation";

/**
 * handleSyscall: the kernel entry for `svc #0` with the syscall number in x7, acting on the
 * thread's saved registers and IPC buffer. The caller runs the scheduler afterwards.
 */
export function handleSyscall(kernel: KernelContext, thread: Tcb): void {
  thread.syscallCount++;
  const sysno = Number(BigInt.asIntN(64, thread.regs[REG_X7]!));
  switch (sysno as seL4_Syscall) {
    case seL4_Syscall.seL4_SysSend:
      return handleInvocation(kernel, CLASSIC_PATH, thread, thread.regs[REG_X0]!, SEND);
    case seL4_Syscall.seL4_SysNBSend:
      return handleInvocation(kernel, CLASSIC_PATH, thread, thread.regs[REG_X0]!, NB_SEND);
    case seL4_Syscall.seL4_SysCall:
      return handleInvocation(kernel, CLASSIC_PATH, thread, thread.regs[REG_X0]!, CALL);
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

/** The classic kernel's handleInvocation: one-shot reply caps, no scheduling-context donation. */
const CLASSIC_PATH: InvocationPath = {
  replyKind: "reply",
  handleFault,
  sendIpc: (kernel, thread, endpoint, auth, flags) => sendIpc(kernel, thread, endpoint, auth, flags.isBlocking, flags.isCall),
  invokeReply(kernel, thread, slot, cap, flags) {
    if (cap.kind !== "reply") return;
    if (cap.master) {
      if (flags.isCall) replyFromKernel(kernel, thread, invalidCapability(0, "master reply cap"));
      return;
    }
    doReplyTransfer(kernel, thread, cap.tcb, slot, cap.canGrant);
  },
  internalLabel: (wire) => wire,
  labelName: (label) => InvocationLabel[label],
};

const SEND: InvocationFlags = { isCall: false, isBlocking: true, canDonate: false, ipcAllowed: true };
const NB_SEND: InvocationFlags = { isCall: false, isBlocking: false, canDonate: false, ipcAllowed: true };
const CALL: InvocationFlags = { isCall: true, isBlocking: true, canDonate: false, ipcAllowed: true };
const KERNEL_OBJECT_CALL: InvocationFlags = { isCall: true, isBlocking: true, canDonate: false, ipcAllowed: false };

/**
 * A Call that may only invoke a kernel object (how native threads make synchronous invocations):
 * IPC caps are refused with IllegalOperation instead of blocking.
 */
export function handleKernelObjectCall(kernel: KernelContext, thread: Tcb): void {
  thread.syscallCount++;
  handleInvocation(kernel, CLASSIC_PATH, thread, thread.regs[REG_X0]!, KERNEL_OBJECT_CALL);
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
