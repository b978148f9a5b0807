import { ThreadState } from "../constants/thread-state";
import { canGrant, canGrantReply, canSend } from "../cspace/cap";
import { lookupSlot } from "../cspace/lookup";
import type { KernelContext } from "../kernel-context";
import type { Tcb } from "../objects/tcb";
import { setThreadState } from "../threads/thread-state";
import { sendIpc } from "./endpoint-ipc";
import type { Fault } from "./fault-record";
import { describeFault } from "./fault-message";

export type { Fault } from "./fault-record";
export { describeFault, faultMessage, handleFaultReply, sanitiseSpsr } from "./fault-message";

/**
 * handleFault: delivers the fault as a Call on the thread's fault endpoint (a CPtr in its own
 * CSpace); without a usable endpoint it is a double fault and the thread stops.
 */
export function handleFault(kernel: KernelContext, tcb: Tcb, fault: Fault): void {
  tcb.fault = fault;
  const lookup = lookupSlot(tcb.cspaceSlot.cap, tcb.faultEndpoint);
  const cap = lookup.ok ? lookup.value.slot.cap : null;
  if (cap && cap.kind === "endpoint" && canSend(cap.rights) && (canGrant(cap.rights) || canGrantReply(cap.rights))) {
    const auth = { badge: cap.badge, canGrant: canGrant(cap.rights), canGrantReply: canGrantReply(cap.rights) };
    sendIpc(kernel, tcb, cap.obj, auth, true, true);
    return;
  }
  kernel.debugLog(`Caught ${describeFault(fault)} from user thread "${tcb.name}" with no usable fault endpoint; thread stopped (double fault)`);
  tcb.fault = null;
  setThreadState(kernel, tcb, ThreadState.Inactive);
}
