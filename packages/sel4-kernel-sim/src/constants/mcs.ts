import { InvocationLabel } from "./labels";
import type { seL4_ObjectType } from "./object-types";
import { seL4_FaultType } from "./faults";

/**
 * seL4_ObjectType numbers of an MCS kernel (AArch64, hypervisor): SchedContext and Reply are
 * inserted at 5 and 6, so every architecture type moves up by two.
 */
export enum seL4_ObjectType_MCS {
  seL4_UntypedObject = 0,
  seL4_TCBObject = 1,
  seL4_EndpointObject = 2,
  seL4_NotificationObject = 3,
  seL4_CapTableObject = 4,
  seL4_SchedContextObject = 5,
  seL4_ReplyObject = 6,
  seL4_ARM_HugePageObject = 7,
  seL4_ARM_VSpaceObject = 8,
  seL4_ARM_SmallPageObject = 9,
  seL4_ARM_LargePageObject = 10,
  seL4_ARM_PageTableObject = 11,
  seL4_ARM_VCPUObject = 12,
}

/** seL4_ObjectTypeCount of an MCS kernel. */
export const seL4_ObjectTypeCount_MCS = 13;

/** MCS object sizes (log2 bytes): a scheduling context is at least 2^7, a reply 2^5, a notification 2^6. */
export const seL4_MinSchedContextBits = 7;
export const seL4_ReplyBits = 5;
export const seL4_NotificationBits_MCS = 6;
/** Bytes of a scheduling context's core with its two minimum refills, and of one more refill. */
export const seL4_CoreSchedContextBytes = 10 * 8 + 6 * 8;
export const seL4_RefillSizeBytes = 2 * 8;
/** MIN_REFILLS: every configured scheduling context has room for at least two refills. */
export const MIN_REFILLS = 2;

/** seL4_MaxExtraRefills: extra refills a scheduling context of 2^size bytes can hold. */
export function seL4_MaxExtraRefills(size: number): number {
  return Math.floor((2 ** size - seL4_CoreSchedContextBytes) / seL4_RefillSizeBytes);
}

/** seL4_SchedContextFlag. */
export enum seL4_SchedContextFlag {
  seL4_SchedContext_NoFlag = 0x0,
  seL4_SchedContext_Sporadic = 0x1,
}

/** Kernel WCET of qemu-arm-virt (KERNEL_WCET 10 µs, KernelWcetScale 1): MIN_BUDGET_US = 2 · WCET. */
export const MIN_BUDGET_US = 20;
/** MAX_PERIOD_US = getMaxUsToTicks() / 8 with the 62.5 MHz generic timer (62 ticks per µs). */
export const MAX_PERIOD_US = (2n ** 64n - 1n) / 62n / 8n;
/** CONFIG_BOOT_THREAD_TIME_SLICE: the root task's round-robin budget (5 ms). */
export const BOOT_THREAD_TIME_SLICE_US = 5000;

/** MCS system call numbers (x7 at `svc #0`). There is no Reply syscall under MCS. */
export enum seL4_Syscall_MCS {
  seL4_SysCall = -1,
  seL4_SysReplyRecv = -2,
  seL4_SysNBSendRecv = -3,
  seL4_SysNBSendWait = -4,
  seL4_SysSend = -5,
  seL4_SysNBSend = -6,
  seL4_SysRecv = -7,
  seL4_SysNBRecv = -8,
  seL4_SysWait = -9,
  seL4_SysNBWait = -10,
  seL4_SysYield = -11,
  seL4_SysDebugPutChar = -12,
  seL4_SysDebugDumpScheduler = -13,
  seL4_SysDebugHalt = -14,
  seL4_SysDebugCapIdentify = -15,
  seL4_SysDebugSnapshot = -16,
  seL4_SysDebugNameThread = -17,
  seL4_SysSetTLSBase = -33,
}

/** seL4_FaultType of an MCS kernel: Timeout is 5 and the hypervisor faults move up by one. */
export enum seL4_FaultType_MCS {
  seL4_Fault_NullFault = 0,
  seL4_Fault_CapFault = 1,
  seL4_Fault_UnknownSyscall = 2,
  seL4_Fault_UserException = 3,
  seL4_Fault_Timeout = 5,
  seL4_Fault_VMFault = 6,
  seL4_Fault_VGICMaintenance = 7,
  seL4_Fault_VCPUFault = 8,
  seL4_Fault_VPPIEvent = 9,
}

/** Message register indexes of the Timeout fault message. */
export const seL4_Timeout_Data = 0;
export const seL4_Timeout_Consumed = 1;
export const seL4_Timeout_Length = 2;
/** Registers a reply to a Timeout fault may write back (seL4_TimeoutReply_Length on AArch64). */
export const seL4_TimeoutReply_Length = 34;

/**
 * Invocation labels of seL4 16.0 on an MCS kernel (hypervisor, non-SMP). The MCS-only methods sit
 * between the generic ones, so every label from TCBSetIPCBuffer on differs from the non-MCS
 * numbering; the architecture labels move up by six.
 */
export enum InvocationLabel_MCS {
  InvalidInvocation = 0,
  UntypedRetype = 1,
  TCBReadRegisters = 2,
  TCBWriteRegisters = 3,
  TCBCopyRegisters = 4,
  TCBConfigure = 5,
  TCBSetPriority = 6,
  TCBSetMCPriority = 7,
  TCBSetSchedParams = 8,
  TCBSetTimeoutEndpoint = 9,
  TCBSetIPCBuffer = 10,
  TCBSetSpace = 11,
  TCBSuspend = 12,
  TCBResume = 13,
  TCBBindNotification = 14,
  TCBUnbindNotification = 15,
  TCBSetTLSBase = 16,
  TCBSetFlags = 17,
  CNodeRevoke = 18,
  CNodeDelete = 19,
  CNodeCancelBadgedSends = 20,
  CNodeCopy = 21,
  CNodeMint = 22,
  CNodeMove = 23,
  CNodeMutate = 24,
  CNodeRotate = 25,
  IRQIssueIRQHandler = 26,
  IRQAckIRQ = 27,
  IRQSetIRQHandler = 28,
  IRQClearIRQHandler = 29,
  DomainSetSet = 30,
  DomainScheduleConfigure = 31,
  DomainScheduleSetStart = 32,
  SchedControlConfigureFlags = 33,
  SchedContextBind = 34,
  SchedContextUnbind = 35,
  SchedContextUnbindObject = 36,
  SchedContextConsumed = 37,
  SchedContextYieldTo = 38,
  ARMVSpaceClean_Data = 39,
  ARMVSpaceInvalidate_Data = 40,
  ARMVSpaceCleanInvalidate_Data = 41,
  ARMVSpaceUnify_Instruction = 42,
  ARMSMCCall = 43,
  ARMPageTableMap = 44,
  ARMPageTableUnmap = 45,
  ARMPageMap = 46,
  ARMPageUnmap = 47,
  ARMPageClean_Data = 48,
  ARMPageInvalidate_Data = 49,
  ARMPageCleanInvalidate_Data = 50,
  ARMPageUnify_Instruction = 51,
  ARMPageGetAddress = 52,
  ARMASIDControlMakePool = 53,
  ARMASIDPoolAssign = 54,
  ARMVCPUSetTCB = 55,
  ARMVCPUInjectIRQ = 56,
  ARMVCPUReadReg = 57,
  ARMVCPUWriteReg = 58,
  ARMVCPUAckVPPI = 59,
  ARMIRQIssueIRQHandlerTrigger = 60,
  ARMIRQIssueSGISignal = 61,
}

/**
 * The kernel decodes invocations by one internal label set: the non-MCS {@link InvocationLabel}
 * numbers, plus these for the methods only an MCS kernel has (values no wire label uses).
 */
export enum McsOnlyLabel {
  TCBSetTimeoutEndpoint = 0x1000,
  SchedControlConfigureFlags,
  SchedContextBind,
  SchedContextUnbind,
  SchedContextUnbindObject,
  SchedContextConsumed,
  SchedContextYieldTo,
}

/** An internal invocation label: a non-MCS label or an MCS-only one. */
export type InternalLabel = InvocationLabel | McsOnlyLabel;

function buildLabelTables(): { fromWire: Int32Array; toWire: Map<number, number> } {
  const fromWire = new Int32Array(InvocationLabel_MCS.ARMIRQIssueSGISignal + 1).fill(InvocationLabel.InvalidInvocation);
  const toWire = new Map<number, number>();
  for (const [name, wire] of Object.entries(InvocationLabel_MCS)) {
    if (typeof wire !== "number") continue;
    const internal = (McsOnlyLabel as Record<string, number | string>)[name] ?? (InvocationLabel as Record<string, number | string>)[name];
    if (typeof internal !== "number") continue;
    fromWire[wire] = internal;
    toWire.set(internal, wire);
  }
  return { fromWire, toWire };
}

const LABELS = buildLabelTables();

/** The internal label of an MCS wire label (InvalidInvocation for unknown numbers). */
export function mcsLabelToInternal(wire: number): InternalLabel {
  return wire >= 0 && wire < LABELS.fromWire.length ? LABELS.fromWire[wire]! : InvocationLabel.InvalidInvocation;
}

/** The MCS wire label of an internal label (0 for methods an MCS kernel lacks, e.g. CNode_SaveCaller). */
export function internalLabelToMcs(label: InternalLabel): number {
  return LABELS.toWire.get(label) ?? InvocationLabel.InvalidInvocation;
}

/** The name of an internal label, for debug messages. */
export function internalLabelName(label: number): string | undefined {
  return McsOnlyLabel[label] ?? InvocationLabel[label];
}

/** The MCS fault label of a non-MCS one (the hypervisor faults shift up by one for Timeout). */
export function mcsFaultLabel(label: seL4_FaultType): number {
  switch (label) {
    case seL4_FaultType.seL4_Fault_VMFault:
      return seL4_FaultType_MCS.seL4_Fault_VMFault;
    case seL4_FaultType.seL4_Fault_VGICMaintenance:
      return seL4_FaultType_MCS.seL4_Fault_VGICMaintenance;
    case seL4_FaultType.seL4_Fault_VCPUFault:
      return seL4_FaultType_MCS.seL4_Fault_VCPUFault;
    case seL4_FaultType.seL4_Fault_VPPIEvent:
      return seL4_FaultType_MCS.seL4_Fault_VPPIEvent;
    default:
      return label;
  }
}

/** An object type as Retype creates it: a non-MCS type number, or one of the MCS-only objects. */
export type RetypeObjectType = seL4_ObjectType | "schedContext" | "reply";

/** The internal object type (non-MCS numbering, or "schedContext"/"reply") of an MCS type number; null if invalid. */
export function mcsObjectType(wire: number): RetypeObjectType | null {
  switch (wire as seL4_ObjectType_MCS) {
    case seL4_ObjectType_MCS.seL4_UntypedObject:
    case seL4_ObjectType_MCS.seL4_TCBObject:
    case seL4_ObjectType_MCS.seL4_EndpointObject:
    case seL4_ObjectType_MCS.seL4_NotificationObject:
    case seL4_ObjectType_MCS.seL4_CapTableObject:
      return wire;
    case seL4_ObjectType_MCS.seL4_SchedContextObject:
      return "schedContext";
    case seL4_ObjectType_MCS.seL4_ReplyObject:
      return "reply";
    default:
      // The architecture types follow at +2: HugePage 7 → 5, …, VCPU 12 → 10.
      return wire >= 7 && wire < seL4_ObjectTypeCount_MCS ? wire - 2 : null;
  }
}
