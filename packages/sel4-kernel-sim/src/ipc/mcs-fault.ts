import { canGrant, canGrantReply, canSend, type Cap } from "../cspace/cap";
import type { KernelContext } from "../kernel-context";
import type { Tcb } from "../objects/tcb";
import type { TimeoutFaults } from "../scheduler/mcs-scheduling";
import { setThreadState } from "../threads/thread-state";
import { ThreadState } from "../constants/thread-state";
import { describeFault } from "./fault-message";
import type { Fault } from "./fault-record";
import { mcsSendIpc } from "./mcs-endpoint-ipc";

/** validFaultHandler: a null cap (no handler), or an endpoint cap with Write and Grant or GrantReply. */
export function validFaultHandler(cap: Cap | null): boolean {
  if (!cap) return true;
  return cap.kind === "endpoint" && canSend(cap.rights) && (canGrant(cap.rights) || canGrantReply(cap.rights));
}

/** sendFaultIPC (MCS): the fault goes to the endpoint cap held in the TCB; false if there is none. */
function sendFaultIpc(kernel: KernelContext, tcb: Tcb, handler: Cap | null, fault: Fault, canDonate: boolean): boolean {
  if (handler?.kind !== "endpoint") return false;
  tcb.fault = fault;
  const auth = { badge: handler.badge, canGrant: canGrant(handler.rights), canGrantReply: canGrantReply(handler.rights) };
  mcsSendIpc(kernel, tcb, handler.obj, auth, true, false, canDonate);
  return true;
}

/**
 * handleFault (MCS): the fault is delivered to the fault handler cap in the TCB (as if the thread
 * had Called it, donating its scheduling context); without one the thread stops.
 */
export function mcsHandleFault(kernel: KernelContext, tcb: Tcb, fault: Fault): void {
  if (sendFaultIpc(kernel, tcb, tcb.faultHandlerSlot.cap, fault, tcb.sc !== null)) return;
  kernel.debugLog(`Found thread "${tcb.name}" has no fault handler while trying to handle: ${describeFault(fault)}; thread stopped`);
  setThreadState(kernel, tcb, ThreadState.Inactive);
}

/** The Timeout fault delivery the MCS scheduler calls when a budget runs out. */
export function timeoutFaults(kernel: KernelContext): TimeoutFaults {
  return {
    hasTimeoutHandler: (tcb) => tcb.timeoutHandlerSlot.cap?.kind === "endpoint",
    raiseTimeout: (tcb) => {
      sendFaultIpc(kernel, tcb, tcb.timeoutHandlerSlot.cap, { kind: "timeout", badge: tcb.sc?.badge ?? 0n }, false);
    },
  };
}
