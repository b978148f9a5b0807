/** seL4_FaultType: the label of a fault message (non-MCS, hypervisor). */
export enum seL4_FaultType {
  seL4_Fault_NullFault = 0,
  seL4_Fault_CapFault = 1,
  seL4_Fault_UnknownSyscall = 2,
  seL4_Fault_UserException = 3,
  seL4_Fault_VMFault = 5,
  seL4_Fault_VGICMaintenance = 6,
  seL4_Fault_VCPUFault = 7,
  seL4_Fault_VPPIEvent = 8,
}

/** Message register indexes of the CapFault message. */
export const seL4_CapFault_IP = 0;
export const seL4_CapFault_Addr = 1;
export const seL4_CapFault_InRecvPhase = 2;
export const seL4_CapFault_LookupFailureType = 3;
export const seL4_CapFault_BitsLeft = 4;
export const seL4_CapFault_DepthMismatch_BitsFound = 5;
export const seL4_CapFault_GuardMismatch_GuardFound = 5;
export const seL4_CapFault_GuardMismatch_BitsFound = 6;

/** Message register indexes of the UnknownSyscall message (13 words). */
export const seL4_UnknownSyscall_X0 = 0;
export const seL4_UnknownSyscall_FaultIP = 8;
export const seL4_UnknownSyscall_SP = 9;
export const seL4_UnknownSyscall_LR = 10;
export const seL4_UnknownSyscall_SPSR = 11;
export const seL4_UnknownSyscall_Syscall = 12;
export const seL4_UnknownSyscall_Length = 13;

/** Message register indexes of the UserException message (5 words). */
export const seL4_UserException_FaultIP = 0;
export const seL4_UserException_SP = 1;
export const seL4_UserException_SPSR = 2;
export const seL4_UserException_Number = 3;
export const seL4_UserException_Code = 4;
export const seL4_UserException_Length = 5;

/** Message register indexes of the VMFault message (4 words). */
export const seL4_VMFault_IP = 0;
export const seL4_VMFault_Addr = 1;
export const seL4_VMFault_PrefetchFault = 2;
export const seL4_VMFault_FSR = 3;
export const seL4_VMFault_Length = 4;
