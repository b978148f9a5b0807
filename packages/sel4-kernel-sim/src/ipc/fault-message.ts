import { seL4_FaultType } from "../constants/faults";
import { describeLookupFault, encodeLookupFault } from "../cspace/lookup-fault";
import type { MemoryPort } from "../kernel-ports";
import { mcsFaultLabel, seL4_FaultType_MCS, seL4_TimeoutReply_Length } from "../constants/mcs";
import { decodeMessageInfo } from "../message-info";
import { takeConsumedUs } from "../scheduler/refills";
import type { Tcb } from "../objects/tcb";
import { REG_PC, REG_SP, REG_SPSR, REG_X1, REG_X0 } from "../objects/user-context";
import type { Fault } from "./fault-record";
import { getMR, lookupIpcBuffer } from "./ipc-buffer";

// The fault message a handler receives and what its reply writes back: pure functions of the
// faulting thread, below the IPC paths that send and reply to faults.

const X_REGS = [0, 1, 2, 3, 4, 5, 6, 7].map((n) => REG_X0 + n);
const UNKNOWN_SYSCALL_REPLY_ORDER = [...X_REGS, REG_PC, REG_SP, -1, REG_SPSR];
const USER_EXCEPTION_REPLY_ORDER = [REG_PC, REG_SP, REG_SPSR];
const TIMEOUT_REPLY_ORDER = Array.from({ length: seL4_TimeoutReply_Length }, (_, i) => i);

/** The fault message label and MRs, built from the faulting thread's registers (`mcs`: with MCS fault labels). */
export function faultMessage(tcb: Tcb, mcs = false): { label: number; mrs: bigint[] } {
  const fault = tcb.fault!;
  if (fault.kind === "timeout") {
    // MR0 the scheduling context's badge, MR1 its consumed time in µs (which restarts from 0).
    return { label: seL4_FaultType_MCS.seL4_Fault_Timeout, mrs: tcb.sc ? [fault.badge, takeConsumedUs(tcb.sc)] : [fault.badge] };
  }
  const message = baseFaultMessage(tcb, fault);
  return mcs ? { label: mcsFaultLabel(message.label), mrs: message.mrs } : message;
}

function baseFaultMessage(tcb: Tcb, fault: Exclude<Fault, { kind: "timeout" }>): { label: seL4_FaultType; mrs: bigint[] } {
  const r = tcb.regs;
  const pc = r[REG_PC]!;
  switch (fault.kind) {
    case "cap":
      return {
        label: seL4_FaultType.seL4_Fault_CapFault,
        mrs: [pc, fault.address, fault.inReceivePhase ? 1n : 0n, ...encodeLookupFault(fault.lookup)],
      };
    case "unknownSyscall":
      return {
        label: seL4_FaultType.seL4_Fault_UnknownSyscall,
        mrs: [...X_REGS.map((i) => r[i]!), pc, r[REG_SP]!, BigInt.asUintN(64, pc + 4n), r[REG_SPSR]!, fault.syscall],
      };
    case "userException":
      return { label: seL4_FaultType.seL4_Fault_UserException, mrs: [pc, r[REG_SP]!, r[REG_SPSR]!, fault.number, fault.code] };
    case "vm":
      return { label: seL4_FaultType.seL4_Fault_VMFault, mrs: [pc, fault.address, fault.prefetch ? 1n : 0n, fault.fsr] };
    case "vgicMaintenance":
      return { label: seL4_FaultType.seL4_Fault_VGICMaintenance, mrs: [fault.index] };
    case "vcpu":
      return { label: seL4_FaultType.seL4_Fault_VCPUFault, mrs: [fault.hsr] };
    case "vppi":
      return { label: seL4_FaultType.seL4_Fault_VPPIEvent, mrs: [fault.irq] };
  }
}

/** A one-line description of a fault for debug output. */
export function describeFault(fault: Fault): string {
  switch (fault.kind) {
    case "cap":
      return `cap fault at 0x${fault.address.toString(16)} (${describeLookupFault(fault.lookup)})`;
    case "unknownSyscall":
      return `unknown syscall ${BigInt.asIntN(64, fault.syscall)}`;
    case "userException":
      return `user exception 0x${fault.number.toString(16)}`;
    case "vm":
      return `vm fault at 0x${fault.address.toString(16)}`;
    case "timeout":
      return `timeout fault for scheduling context badge 0x${fault.badge.toString(16)}`;
    default:
      return `${fault.kind} fault`;
  }
}

/** Sanitises an SPSR written by user level: flags kept; EL1 modes only for VCPU threads. */
export function sanitiseSpsr(tcb: Tcb, value: bigint): bigint {
  const flags = value & 0xf000_0000n;
  const mode = value & 0xfn;
  const el1Mode = mode === 4n || mode === 5n;
  return tcb.vcpu && el1Mode ? flags | (value & 0x3cfn) : flags;
}

/**
 * handleFaultReply: what a reply to a fault does. UnknownSyscall and UserException replies write
 * registers back and restart only with label 0; every other fault restarts.
 */
export function handleFaultReply(kernel: MemoryPort, faulter: Tcb, replier: Tcb): boolean {
  const fault = faulter.fault!;
  switch (fault.kind) {
    case "unknownSyscall":
      return writeBackFaultReply(kernel, faulter, replier, UNKNOWN_SYSCALL_REPLY_ORDER, 12);
    case "userException":
      return writeBackFaultReply(kernel, faulter, replier, USER_EXCEPTION_REPLY_ORDER, 3);
    case "timeout":
      // seL4_TimeoutReply: pc, sp, spsr, then the registers in seL4_UserContext order.
      return writeBackFaultReply(kernel, faulter, replier, TIMEOUT_REPLY_ORDER, seL4_TimeoutReply_Length);
    default:
      return true;
  }
}

/** The registers of the reply message (at most `max`, in `order`) written back; true (restart) only with label 0. */
function writeBackFaultReply(kernel: MemoryPort, faulter: Tcb, replier: Tcb, order: readonly number[], max: number): boolean {
  const tag = decodeMessageInfo(replier.regs[REG_X1]!);
  const buffer = lookupIpcBuffer(kernel.memory, replier, false);
  const oldPc = faulter.regs[REG_PC]!;
  const n = Math.min(tag.length, max);
  for (let i = 0; i < n; i++) {
    const reg = order[i]!;
    if (reg < 0) continue; // "LR" (the next PC) has no separate slot in the saved context
    const value = getMR(replier, buffer, i);
    faulter.regs[reg] = reg === REG_SPSR ? sanitiseSpsr(faulter, value) : value;
  }
  if (faulter.regs[REG_PC] !== oldPc) faulter.pcRewritten = true;
  return tag.label === 0;
}
