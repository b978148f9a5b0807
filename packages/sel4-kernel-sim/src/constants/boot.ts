/** Fixed slots of the root task's CNode (seL4_RootCNodeCapSlots). */
export enum seL4_RootCNodeCapSlots {
  seL4_CapNull = 0,
  seL4_CapInitThreadTCB = 1,
  seL4_CapInitThreadCNode = 2,
  seL4_CapInitThreadVSpace = 3,
  seL4_CapIRQControl = 4,
  seL4_CapASIDControl = 5,
  seL4_CapInitThreadASIDPool = 6,
  seL4_CapIOPortControl = 7,
  seL4_CapIOSpace = 8,
  seL4_CapBootInfoFrame = 9,
  seL4_CapInitThreadIPCBuffer = 10,
  seL4_CapDomain = 11,
  seL4_CapSMMUSIDControl = 12,
  seL4_CapSMMUCBControl = 13,
  seL4_CapInitThreadSC = 14,
  seL4_CapSMC = 15,
  seL4_NumInitialCaps = 16,
}

/** Scheduling and IPC constants. */
export const seL4_MaxPrio = 255;
export const seL4_MsgMaxLength = 120;
export const seL4_MsgMaxExtraCaps = 3;
export const seL4_FastMessageRegisters = 4;
export const seL4_IPCBufferSizeBits = 10;
export const seL4_WordBits = 64;
export const seL4_NumASIDPoolsBits = 7;
export const seL4_ASIDPoolIndexBits = 9;
/** Number of seL4_UserContext words on AArch64. */
export const seL4_UserContextWords = 36;
/** Number of VCPU registers (seL4_VCPUReg_Num). */
export const seL4_VCPUReg_Num = 24;
/** Highest user address of a 40-bit IPA stage-2 VSpace (Cortex-A53). */
export const seL4_UserTop = 0xff_ffff_ffff;
/** Maximum number of untyped descriptors in seL4_BootInfo. */
export const CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS = 230;
