import type { Cap } from "../cspace/cap";
import { deleteCap } from "../cspace/delete";
import { cancelAllIpc } from "../ipc/endpoint-ipc";
import { cancelAllSignals, unbindNotification } from "../ipc/notification-ipc";
import type { Kernel } from "../kernel";
import { deleteAsid, deleteAsidPool, unmapFrameCap, unmapPageTable } from "../mmu/mapping";
import { suspendThread } from "../threads/thread-control";
import { dissociateVcpu } from "../vcpu/vcpu-binding";
import type { Tcb } from "./tcb";

/**
 * finaliseCap: what deleting a cap does to its object. Frame caps always lose their mapping;
 * the other objects are torn down only when the final cap goes.
 */
export function finaliseCap(kernel: Kernel, cap: Cap, final: boolean): void {
  switch (cap.kind) {
    case "frame":
      unmapFrameCap(kernel, cap);
      return;
    case "untyped":
    case "reply":
    case "asidControl":
    case "irqControl":
    case "domain":
      return;
  }
  if (!final) return;
  switch (cap.kind) {
    case "endpoint":
      cancelAllIpc(kernel, cap.obj);
      return;
    case "notification":
      if (cap.obj.boundTcb) unbindNotification(cap.obj.boundTcb);
      cancelAllSignals(kernel, cap.obj);
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

function finaliseTcb(kernel: Kernel, tcb: Tcb): void {
  unbindNotification(tcb);
  if (tcb.vcpu) dissociateVcpu(tcb.vcpu);
  suspendThread(kernel, tcb);
  for (const slot of tcb.internalSlots) deleteCap(kernel, slot);
  kernel.scheduler.forget(tcb);
  kernel.threadDestroyed(tcb);
}
