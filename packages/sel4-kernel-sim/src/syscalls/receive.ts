// handleRecv, shared by the classic and the MCS syscall paths: look up the cap in x0 and wait on
// the endpoint or notification it names. How an endpoint receive sets up the reply (the classic
// kernel's caller slot, an MCS reply object or none) and the fault path come in as a ReceivePath.
import { canGrant, canReceive, describeCap } from "../cspace/cap";
import type { Fault } from "../ipc/fault-record";
import { receiveSignal } from "../ipc/notification-ipc";
import type { KernelContext } from "../kernel-context";
import type { Endpoint } from "../objects/endpoint";
import type { Tcb } from "../objects/tcb";
import { REG_X0 } from "../objects/user-context";

/** What handleRecv needs of one kernel configuration and syscall (classic Recv, MCS Recv or MCS Wait). */
export interface ReceivePath {
  /** Delivers a fault of `thread` (handleFault, or its MCS form). */
  handleFault(kernel: KernelContext, thread: Tcb, fault: Fault): void;
  /** receiveIPC on `endpoint`, which the thread may receive on. */
  receiveIpc(kernel: KernelContext, thread: Tcb, endpoint: Endpoint, canGrant: boolean, isBlocking: boolean): void;
}

/** handleRecv: receives on the endpoint or notification cap in x0, or faults (in the receive phase). */
export function handleRecv(kernel: KernelContext, path: ReceivePath, thread: Tcb, isBlocking: boolean): void {
  const cptr = thread.regs[REG_X0]!;
  const lookup = thread.slotLookups.lookup(thread.cspaceSlot.cap, cptr);
  if (!lookup.ok) {
    kernel.userError(thread, "Recv", `invalid cap 0x${cptr.toString(16)}`);
    path.handleFault(kernel, thread, { kind: "cap", address: cptr, inReceivePhase: true, lookup: lookup.fault });
    return;
  }
  const cap = lookup.value.slot.cap;
  if (cap?.kind === "endpoint" && canReceive(cap.rights)) {
    path.receiveIpc(kernel, thread, cap.obj, canGrant(cap.rights), isBlocking);
    return;
  }
  if (cap?.kind === "notification" && canReceive(cap.rights) && (!cap.obj.boundTcb || cap.obj.boundTcb === thread)) {
    receiveSignal(kernel, thread, cap.obj, isBlocking);
    return;
  }
  kernel.userError(thread, "Recv", `cap 0x${cptr.toString(16)} is not a receivable endpoint or notification (${describeCap(cap)})`);
  path.handleFault(kernel, thread, { kind: "cap", address: cptr, inReceivePhase: true, lookup: { kind: "missingCapability", bitsLeft: 0 } });
}
