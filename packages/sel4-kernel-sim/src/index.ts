// @sel4ts/sel4-kernel-sim: a simulated seL4 kernel with the libsel4 API. See README.md.
export { Kernel } from "./kernel";
export type { KernelOptions, RunOptions, RunResult } from "./kernel";
export { KernelSimError } from "./errors";
export type { KernelSimErrorKind } from "./errors";
export { PhysicalMemory, PHYSICAL_CHUNK_BITS } from "./memory/physical-memory";
export type { PageBacking, PhysicalRegion } from "./memory/physical-memory";
export { qemuVirtPlatform } from "./platform";
export type { DeviceRegion, PlatformDescription, QemuVirtOptions } from "./platform";
export { VirtualClock, TICK_NS } from "./time/virtual-clock";
export * from "./constants/index";
export {
  seL4_ObjectType_MCS,
  seL4_ObjectTypeCount_MCS,
  seL4_Syscall_MCS,
  seL4_FaultType_MCS,
  InvocationLabel_MCS,
  seL4_SchedContextFlag,
  seL4_MinSchedContextBits,
  seL4_ReplyBits,
  seL4_NotificationBits_MCS,
  seL4_CoreSchedContextBytes,
  seL4_RefillSizeBytes,
  seL4_MaxExtraRefills,
  seL4_Timeout_Data,
  seL4_Timeout_Consumed,
  seL4_Timeout_Length,
  seL4_TimeoutReply_Length,
  MIN_BUDGET_US,
  MAX_PERIOD_US,
  BOOT_THREAD_TIME_SLICE_US,
} from "./constants/mcs";
export {
  seL4_MessageInfo_new,
  seL4_MessageInfo_get_label,
  seL4_MessageInfo_get_capsUnwrapped,
  seL4_MessageInfo_get_extraCaps,
  seL4_MessageInfo_get_length,
  seL4_MessageInfo_set_label,
  seL4_MessageInfo_set_length,
  seL4_MessageInfo_set_extraCaps,
  encodeMessageInfo,
  decodeMessageInfo,
} from "./message-info";
export type { seL4_MessageInfo_t } from "./message-info";
export { Sel4 } from "./api/sel4";
export type { seL4_ARM_Page_GetAddress_t, seL4_ARM_VCPU_ReadRegs_t } from "./api/sel4";
export type { seL4_TCB_SetFlags_t } from "./api/sel4-objects";
export type { seL4_SchedContext_Consumed_t, seL4_SchedContext_YieldTo_t, seL4_Time } from "./api/sel4-mcs";
export type { Box, seL4_CPtr, seL4_IPCBuffer, seL4_Word } from "./api/sel4-base";
export type { NativeThreadBody } from "./native/native-executor";
export type { seL4_BootInfo, seL4_SlotRegion, seL4_UntypedDesc } from "./boot/boot-info";
export { BOOT_INFO_VADDR, ROOT_IPC_BUFFER_VADDR } from "./boot/root-task";
export { seL4_VCPUReg } from "./objects/vcpu";
export type { ListRegister } from "./objects/vcpu";
export { emptyUserContext, gpRegisterName, USER_CONTEXT_NAMES } from "./objects/user-context";
export type { seL4_UserContext, UserContextReg } from "./objects/user-context";
export type { Tcb } from "./objects/tcb";
export type { SchedContext, Refill } from "./objects/sched-context";
export type { Reply } from "./objects/reply";
export type { McsScheduling } from "./scheduler/mcs-scheduling";
export type { Vcpu } from "./objects/vcpu";
export type { VSpace, VSpaceListener, Translation } from "./objects/vspace";
export type { Fault } from "./ipc/fault";
export * from "./helpers/box";
export * from "./helpers/vka";
export * from "./helpers/vspace";
export * from "./helpers/simple";
export { UntypedPool } from "./helpers/untyped-pool";
export type { PoolUntyped, RetypeTarget } from "./helpers/untyped-pool";
export * from "./board/index";
export type { CpuThreadExecutor } from "./kernel";
export { VcpuExecutor, faultForSyndrome } from "./hyp/vcpu-executor";
export type { VcpuExecutorOptions } from "./hyp/vcpu-executor";
export type { VcpuRegisterFile } from "./objects/vcpu";
