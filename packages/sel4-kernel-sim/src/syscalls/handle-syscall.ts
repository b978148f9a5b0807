import { InvocationLabel } from "../constants/labels";
import { seL4_Syscall } from "../constants/syscalls";
import { deleteCap } from "../cspace/delete";
import { handleDebugSyscall } from "../debug/debug-syscalls";
import { invalidCapability } from "../invocations/result";
import { receiveIpc, sendIpc } from "../ipc/endpoint-ipc";
import { handleFault } from "../ipc/fault";
import { doReplyTransfer } from "../ipc/reply";
import type { KernelContext } from "../kernel-context";
import type { Tcb } from "../objects/tcb";
import { REG_X0, REG_X7 } from "../objects/user-context";
import { handleInvocation, replyFromKernel, type InvocationFlags, type InvocationPath } from "./invocation";
import { syscallNumber } from "./syscall-number";
import { handleRecv, type ReceivePath } from "./receive";

/**
 * handleSyscall: the kernel entry for `svc #0` with the syscall number in x7, acting on the
 * thread's saved registers and IPC buffer. The caller runs the scheduler afterwards.
 */
export function handleSyscall(kernel: KernelContext, thread: Tcb): void {
  thread.syscallCount++;
  const sysno = syscallNumber(thread);
  switch (sysno as seL4_Syscall) {
    case seL4_Syscall.seL4_SysSend:
      return handleInvocation(kernel, CLASSIC_PATH, thread, thread.regs[REG_X0]!, SEND);
    case seL4_Syscall.seL4_SysNBSend:
      return handleInvocation(kernel, CLASSIC_PATH, thread, thread.regs[REG_X0]!, NB_SEND);
    case seL4_Syscall.seL4_SysCall:
      return handleInvocation(kernel, CLASSIC_PATH, thread, thread.regs[REG_X0]!, CALL);
    case seL4_Syscall.seL4_SysRecv:
      return handleRecv(kernel, CLASSIC_RECEIVE, thread, true);
    case seL4_Syscall.seL4_SysNBRecv:
      return handleRecv(kernel, CLASSIC_RECEIVE, thread, false);
    case seL4_Syscall.seL4_SysReply:
      return handleReply(kernel, thread);
    case seL4_Syscall.seL4_SysReplyRecv:
      handleReply(kernel, thread);
      return handleRecv(kernel, CLASSIC_RECEIVE, thread, true);
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
  sendIpc,
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

/** The classic kernel's handleRecv: a receive drops the caller slot's old reply cap first. */
const CLASSIC_RECEIVE: ReceivePath = {
  handleFault,
  receiveIpc(kernel, thread, endpoint, canGrant, isBlocking) {
    deleteCap(kernel, thread.callerSlot);
    receiveIpc(kernel, thread, endpoint, canGrant, isBlocking);
  },
};

function handleReply(kernel: KernelContext, thread: Tcb): void {
  const slot = thread.callerSlot;
  const cap = slot.cap;
  if (cap?.kind === "reply" && !cap.master) doReplyTransfer(kernel, thread, cap.tcb, slot, cap.canGrant);
}
