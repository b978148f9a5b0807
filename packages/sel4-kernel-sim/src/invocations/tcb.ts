import { seL4_UserContextWords } from "../constants/boot";
import { seL4_Error } from "../constants/errors";
import { InvocationLabel } from "../constants/labels";
import { canReceive, updateCapData, type Cap } from "../cspace/cap";
import { insertDerived } from "../cspace/cdt";
import { deleteCap } from "../cspace/delete";
import { deriveCap, deriveCapValue } from "../cspace/derive";
import type { Slot } from "../cspace/slot";
import { sanitiseSpsr } from "../ipc/fault-message";
import { copyWords } from "../ipc/ipc-buffer";
import { bindNotification, unbindNotification } from "../ipc/notification-ipc";
import type { KernelContext } from "../kernel-context";
import { insertByPriority } from "../objects/endpoint";
import type { Tcb } from "../objects/tcb";
import { FRAME_REGISTER_COUNT, REG_SPSR, REG_TPIDR_EL0 } from "../objects/user-context";
import { restartThread, suspendThread } from "../threads/thread-control";
import { arg, argNumber, extraCap, type InvocationContext } from "./context";
import { invokeTcbMcs } from "./tcb-mcs";
import { fail, illegalOperation, invalidCapability, ok, rangeError, truncatedMessage, type InvocationResult } from "./result";

type TcbCap = Extract<Cap, { kind: "tcb" }>;

/** decodeTCBInvocation: register access, configuration, priorities, suspend/resume, notification binding. */
export function invokeTcb(ctx: InvocationContext, cap: TcbCap): InvocationResult {
  const tcb = cap.obj;
  if (ctx.kernel.mcs) {
    const mcsResult = invokeTcbMcs(ctx, tcb);
    if (mcsResult) return mcsResult;
  }
  switch (ctx.label as InvocationLabel) {
    case InvocationLabel.TCBReadRegisters:
      return readRegisters(ctx, tcb);
    case InvocationLabel.TCBWriteRegisters:
      return writeRegisters(ctx, tcb);
    case InvocationLabel.TCBCopyRegisters:
      return copyRegisters(ctx, tcb);
    case InvocationLabel.TCBConfigure:
      return configure(ctx, tcb);
    case InvocationLabel.TCBSetPriority:
    case InvocationLabel.TCBSetMCPriority:
    case InvocationLabel.TCBSetSchedParams:
      return setSchedParams(ctx, tcb);
    case InvocationLabel.TCBSetIPCBuffer: {
      if (ctx.args.length < 1 || ctx.extraCaps.length < 1) return truncatedMessage("TCB SetIPCBuffer: truncated message");
      const checked = checkIpcBuffer(argNumber(ctx, 0), ctx.extraCaps[0]!);
      if (!checked.ok) return checked.result;
      installIpcBuffer(ctx, tcb, argNumber(ctx, 0), checked.cap, ctx.extraCaps[0]!);
      return ok();
    }
    case InvocationLabel.TCBSetSpace:
      return setSpace(ctx, tcb);
    case InvocationLabel.TCBSuspend:
      suspendThread(ctx.kernel, tcb);
      return ok();
    case InvocationLabel.TCBResume:
      restartThread(ctx.kernel, tcb);
      return ok();
    case InvocationLabel.TCBBindNotification:
      return bind(ctx, tcb);
    case InvocationLabel.TCBUnbindNotification:
      if (!tcb.boundNotification) return illegalOperation("TCB UnbindNotification: the TCB has no bound notification");
      unbindNotification(tcb);
      return ok();
    case InvocationLabel.TCBSetTLSBase:
      if (ctx.args.length < 1) return truncatedMessage("TCB SetTLSBase: truncated message");
      tcb.regs[REG_TPIDR_EL0] = arg(ctx, 0);
      return ok();
    case InvocationLabel.TCBSetFlags:
      if (ctx.args.length < 2) return truncatedMessage("TCB SetFlags: truncated message");
      tcb.flags = (tcb.flags & ~Number(arg(ctx, 0) & 1n)) | Number(arg(ctx, 1) & 1n);
      return ok([BigInt(tcb.flags)]);
    default:
      return illegalOperation("TCB: illegal operation");
  }
}

function readRegisters(ctx: InvocationContext, tcb: Tcb): InvocationResult {
  if (ctx.args.length < 2) return truncatedMessage("TCB ReadRegisters: truncated message");
  const count = arg(ctx, 1);
  if (count < 1n || count > BigInt(seL4_UserContextWords)) return rangeError(1, seL4_UserContextWords, "TCB ReadRegisters: bad register count");
  if (tcb === ctx.thread) return illegalOperation("TCB ReadRegisters: attempted to read our own registers");
  if ((arg(ctx, 0) & 1n) !== 0n) suspendThread(ctx.kernel, tcb);
  // A view of the live registers: the reply is written from it before anything else runs.
  return ok(count === BigInt(seL4_UserContextWords) ? tcb.regs : tcb.regs.subarray(0, Number(count)));
}

function writeRegisters(ctx: InvocationContext, tcb: Tcb): InvocationResult {
  if (ctx.args.length < 2) return truncatedMessage("TCB WriteRegisters: truncated message");
  if (BigInt(ctx.args.length - 2) < arg(ctx, 1)) return truncatedMessage("TCB WriteRegisters: message shorter than the register count");
  const count = Math.min(argNumber(ctx, 1), seL4_UserContextWords);
  if (tcb === ctx.thread) return illegalOperation("TCB WriteRegisters: attempted to write our own registers");
  if (count > 0 && ctx.args[2] !== tcb.regs[0]) tcb.pcRewritten = true;
  copyWords(tcb.regs, 0, ctx.args, 2, count);
  if (count > REG_SPSR) tcb.regs[REG_SPSR] = sanitiseSpsr(tcb, tcb.regs[REG_SPSR]!);
  ctx.kernel.wfiSleep.wake(tcb);
  if ((arg(ctx, 0) & 1n) !== 0n) restartThread(ctx.kernel, tcb);
  return ok();
}

function copyRegisters(ctx: InvocationContext, tcb: Tcb): InvocationResult {
  if (ctx.args.length < 1 || ctx.extraCaps.length < 1) return truncatedMessage("TCB CopyRegisters: truncated message");
  const sourceCap = extraCap(ctx, 0);
  if (!sourceCap || sourceCap.kind !== "tcb") return invalidCapability(1, "TCB CopyRegisters: invalid source TCB");
  const source = sourceCap.obj;
  const flags = arg(ctx, 0);
  if ((flags & 1n) !== 0n) suspendThread(ctx.kernel, source);
  if ((flags & 4n) !== 0n) {
    if (tcb.regs[0] !== source.regs[0]) tcb.pcRewritten = true;
    for (let i = 0; i < FRAME_REGISTER_COUNT; i++) tcb.regs[i] = source.regs[i]!;
  }
  if ((flags & 8n) !== 0n) for (let i = FRAME_REGISTER_COUNT; i < seL4_UserContextWords; i++) tcb.regs[i] = source.regs[i]!;
  if ((flags & 12n) !== 0n) ctx.kernel.wfiSleep.wake(tcb);
  if ((flags & 2n) !== 0n) restartThread(ctx.kernel, tcb);
  return ok();
}

function setSchedParams(ctx: InvocationContext, tcb: Tcb): InvocationResult {
  const label = ctx.label as InvocationLabel;
  const name = InvocationLabel[label];
  const needed = label === InvocationLabel.TCBSetSchedParams ? 2 : 1;
  if (ctx.args.length < needed || ctx.extraCaps.length < 1) return truncatedMessage(`${name}: truncated message`);
  const authority = extraCap(ctx, 0);
  if (!authority || authority.kind !== "tcb") return invalidCapability(1, `${name}: authority is not a TCB`);
  const mcpLimit = authority.obj.mcp;
  const values = Array.from({ length: needed }, (_, i) => arg(ctx, i));
  if (values.some((v) => v > BigInt(mcpLimit))) return rangeError(0, mcpLimit, `${name}: requested priority exceeds the authority's MCP ${mcpLimit}`);
  if (label === InvocationLabel.TCBSetMCPriority || label === InvocationLabel.TCBSetSchedParams) tcb.mcp = Number(values[0]);
  if (label === InvocationLabel.TCBSetPriority || label === InvocationLabel.TCBSetSchedParams) setPriority(ctx.kernel, tcb, Number(values[needed - 1]));
  return ok();
}

/** setPriority: requeues the thread at its new priority (MCS: also its place in an endpoint or notification queue). */
export function setPriority(kernel: KernelContext, tcb: Tcb, priority: number): void {
  const scheduler = kernel.scheduler;
  scheduler.dequeue(tcb);
  tcb.priority = priority;
  if (kernel.mcs) reorderWaitQueue(tcb);
  if (kernel.isRunnable(tcb)) {
    if (tcb === scheduler.current) scheduler.rescheduleRequired();
    else scheduler.possibleSwitchTo(tcb);
  }
}

function reorderWaitQueue(tcb: Tcb): void {
  const blocking = tcb.blocking;
  const queue = blocking.kind === "send" || blocking.kind === "recv" ? blocking.endpoint.queue : blocking.kind === "notification" ? blocking.notification.queue : null;
  if (!queue) return;
  queue.splice(queue.indexOf(tcb), 1);
  insertByPriority(queue, tcb);
}

export type CheckedCap = { readonly ok: true; readonly cap: Cap | null } | { readonly ok: false; readonly result: InvocationResult };

/** checkValidIPCBuffer on the derived frame cap (address 0 means no buffer). */
export function checkIpcBuffer(vaddr: number, frameSlot: Slot): CheckedCap {
  if (vaddr === 0) return { ok: true, cap: null };
  const derived = deriveCap(frameSlot);
  if (!derived.ok) return { ok: false, result: fail(derived.error, `TCB IPC buffer: ${derived.reason}`) };
  const cap = derived.cap;
  if (!cap || cap.kind !== "frame" || cap.obj.isDevice) {
    return { ok: false, result: illegalOperation("TCB IPC buffer: the buffer cap is not a RAM frame") };
  }
  if (vaddr % 1024 !== 0) return { ok: false, result: fail(seL4_Error.seL4_AlignmentError, "TCB IPC buffer: address is not 1 KiB aligned") };
  return { ok: true, cap };
}

export function installIpcBuffer(ctx: InvocationContext, tcb: Tcb, vaddr: number, cap: Cap | null, source: Slot): void {
  deleteCap(ctx.kernel, tcb.bufferSlot);
  tcb.ipcBufferVaddr = vaddr;
  if (cap && source.cap) insertDerived(ctx.kernel, cap, source, tcb.bufferSlot);
}

/** Derives the CSpace and VSpace roots with their data; both must be usable. */
export function checkSpace(cspaceSlot: Slot, cspaceData: bigint, vspaceSlot: Slot): { ok: true; cspace: Cap; vspace: Cap } | { ok: false; result: InvocationResult } {
  let cspace = cspaceSlot.cap;
  if (cspace && cspaceData !== 0n) cspace = updateCapData(false, cspaceData, cspace);
  const cspaceDerived = deriveCapValue(cspace, cspaceSlot.children.length > 0);
  const vspaceDerived = deriveCap(vspaceSlot);
  if (!cspaceDerived.ok || !cspaceDerived.cap || cspaceDerived.cap.kind !== "cnode") {
    return { ok: false, result: illegalOperation("TCB SetSpace: CSpace root is not a CNode") };
  }
  if (!vspaceDerived.ok || !vspaceDerived.cap || vspaceDerived.cap.kind !== "vspace") {
    return { ok: false, result: illegalOperation("TCB SetSpace: VSpace root is not a VSpace with an ASID") };
  }
  return { ok: true, cspace: cspaceDerived.cap, vspace: vspaceDerived.cap };
}

function installSpace(ctx: InvocationContext, tcb: Tcb, faultEp: bigint, spaces: { cspace: Cap; vspace: Cap }, cspaceSource: Slot, vspaceSource: Slot): void {
  tcb.faultEndpoint = faultEp;
  installRoots(ctx, tcb, spaces, cspaceSource, vspaceSource);
}

/** Replaces the thread's CSpace and VSpace roots with the checked caps. */
export function installRoots(ctx: InvocationContext, tcb: Tcb, spaces: { cspace: Cap; vspace: Cap }, cspaceSource: Slot, vspaceSource: Slot): void {
  deleteCap(ctx.kernel, tcb.cspaceSlot);
  if (cspaceSource.cap) insertDerived(ctx.kernel, spaces.cspace, cspaceSource, tcb.cspaceSlot);
  deleteCap(ctx.kernel, tcb.vspaceSlot);
  if (vspaceSource.cap) insertDerived(ctx.kernel, spaces.vspace, vspaceSource, tcb.vspaceSlot);
}

function configure(ctx: InvocationContext, tcb: Tcb): InvocationResult {
  if (ctx.args.length < 4 || ctx.extraCaps.length < 3) return truncatedMessage("TCB Configure: truncated message");
  const [cspaceSlot, vspaceSlot, bufferSlot] = ctx.extraCaps as [Slot, Slot, Slot];
  const spaces = checkSpace(cspaceSlot, arg(ctx, 1), vspaceSlot);
  if (!spaces.ok) return spaces.result;
  const bufferAddr = argNumber(ctx, 3);
  const buffer = checkIpcBuffer(bufferAddr, bufferSlot);
  if (!buffer.ok) return buffer.result;
  installSpace(ctx, tcb, arg(ctx, 0), spaces, cspaceSlot, vspaceSlot);
  installIpcBuffer(ctx, tcb, bufferAddr, buffer.cap, bufferSlot);
  return ok();
}

function setSpace(ctx: InvocationContext, tcb: Tcb): InvocationResult {
  if (ctx.args.length < 3 || ctx.extraCaps.length < 2) return truncatedMessage("TCB SetSpace: truncated message");
  const [cspaceSlot, vspaceSlot] = ctx.extraCaps as [Slot, Slot];
  const spaces = checkSpace(cspaceSlot, arg(ctx, 1), vspaceSlot);
  if (!spaces.ok) return spaces.result;
  installSpace(ctx, tcb, arg(ctx, 0), spaces, cspaceSlot, vspaceSlot);
  return ok();
}

function bind(ctx: InvocationContext, tcb: Tcb): InvocationResult {
  if (ctx.extraCaps.length < 1) return truncatedMessage("TCB BindNotification: truncated message");
  if (tcb.boundNotification) return illegalOperation("TCB BindNotification: TCB already has a bound notification");
  const cap = extraCap(ctx, 0);
  if (!cap || cap.kind !== "notification" || !canReceive(cap.rights)) {
    return illegalOperation("TCB BindNotification: not a notification cap with receive rights");
  }
  if (cap.obj.queue.length > 0 || cap.obj.boundTcb) return illegalOperation("TCB BindNotification: notification has waiters or is already bound");
  bindNotification(tcb, cap.obj);
  return ok();
}
