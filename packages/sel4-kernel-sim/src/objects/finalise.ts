import type { Cap } from "../cspace/cap";
import { deleteCap } from "../cspace/delete";
import { cancelAllIpc } from "../ipc/endpoint-ipc";
import { cancelAllSignals, unbindNotification } from "../ipc/notification-ipc";
import type { KernelContext } from "../kernel-context";
import { deleteAsid, deleteAsidPool, unmapFrameCap, unmapPageTable } from "../mmu/mapping";
import { ThreadState } from "../constants/thread-state";
import { replyRemove } from "../ipc/mcs-reply";
import { cancelIpc, suspendThread } from "../threads/thread-control";
import type { Reply } from "./reply";
import { dissociateVcpu } from "../vcpu/vcpu-binding";
import type { Tcb } from "./tcb";

/**
 * finaliseCap: what deleting a cap does to its object. Frame caps always lose their mapping;
 * the other objects are torn down only when the final cap goes.
 */
export function finaliseCap(kernel: KernelContext, cap: Cap, final: boolean): void {
  switch (cap.kind) {
    case "frame":
      unmapFrameCap(kernel, cap);
      return;
    case "untyped":
    case "reply":
    case "asidControl":
    case "irqControl":
    case "domain":
    case "schedControl":
      return;
  }
  if (!final) return;
  switch (cap.kind) {
    case "endpoint":
      cancelAllIpc(kernel, cap.obj);
      return;
    case "notification":
      if (cap.obj.boundTcb) unbindNotification(cap.obj.boundTcb);
      if (cap.obj.sc) {
        cap.obj.sc.notification = null;
        cap.obj.sc = null;
      }
      cancelAllSignals(kernel, cap.obj);
      return;
    case "replyObject":
      finaliseReply(kernel, cap.obj);
      return;
    case "schedContext":
      kernel.mcs?.unbindAll(cap.obj);
      cap.obj.maxRefills = 0;
      cap.obj.sporadic = false;
      return;
    case "cnode":
      for (const slot of cap.obj.occupiedSlots()) deleteCap(kernel, slot);
      return;
    case "tcb":
      finaliseTcb(kernel, cap.obj);
      return;
    case "pageTable":
      unmapPageTable(cap.obj);
      return;
    case "vspace":
      deleteAsid(kernel, cap.obj);
      return;
    case "asidPool":
      deleteAsidPool(kernel, cap.obj);
      return;
    case "vcpu":
      kernel.vcpus.release(cap.obj);
      dissociateVcpu(cap.obj);
      return;
    case "irqHandler":
      deleteCap(kernel, cap.line.notificationSlot);
      kernel.irqs.release(cap.line);
      cap.line.pending = false;
      return;
  }
}

/** A reply object's last cap: its caller stops waiting, or the receiver waiting with it is cancelled. */
function finaliseReply(kernel: KernelContext, reply: Reply): void {
  const tcb = reply.tcb;
  if (!tcb) return;
  if (tcb.state === ThreadState.BlockedOnReply) replyRemove(kernel, reply, tcb);
  else cancelIpc(kernel, tcb);
}

function finaliseTcb(kernel: KernelContext, tcb: Tcb): void {
  unbindNotification(tcb);
  if (tcb.sc) kernel.mcs?.unbindTcb(tcb.sc);
  if (tcb.vcpu) dissociateVcpu(tcb.vcpu);
  suspendThread(kernel, tcb);
  for (const slot of tcb.internalSlots) deleteCap(kernel, slot);
  kernel.scheduler.forget(tcb);
  kernel.threadDestroyed(tcb);
}
