/** Non-MCS system call numbers (the value in x7 at `svc #0`), plus the debug calls the sim implements. */
export enum seL4_Syscall {
  seL4_SysCall = -1,
  seL4_SysReplyRecv = -2,
  seL4_SysSend = -3,
  seL4_SysNBSend = -4,
  seL4_SysRecv = -5,
  seL4_SysReply = -6,
  seL4_SysYield = -7,
  seL4_SysNBRecv = -8,
  seL4_SysDebugPutChar = -9,
  seL4_SysDebugDumpScheduler = -10,
  seL4_SysDebugHalt = -11,
  seL4_SysDebugNameThread = -14,
  seL4_SysSetTLSBase = -30,
}
