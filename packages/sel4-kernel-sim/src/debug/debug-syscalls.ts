import { seL4_Syscall } from "../constants/syscalls";
import { lookupSlot } from "../cspace/lookup";
import { IPCBUF_MSG, lookupIpcBuffer } from "../ipc/ipc-buffer";
import type { DebugConsolePort, MemoryPort, ObjectTables, SchedulerPort } from "../kernel-ports";
import type { Tcb } from "../objects/tcb";
import { REG_TPIDR_EL0, REG_X0 } from "../objects/user-context";
import { formatSchedulerDump } from "./scheduler-dump";

/** Longest thread name seL4_DebugNameThread reads (the message registers of the IPC buffer). */
const MAX_NAME_BYTES = 119 * 8;

/**
 * The debug system calls of a debug kernel (PutChar, DumpScheduler, Halt, NameThread) and
 * SetTLSBase. Returns false for numbers that are not configured (they become UnknownSyscall).
 */
export function handleDebugSyscall(kernel: DebugConsolePort & MemoryPort & SchedulerPort & Pick<ObjectTables, "tcbs">, thread: Tcb, sysno: number): boolean {
  switch (sysno as seL4_Syscall) {
    case seL4_Syscall.seL4_SysDebugPutChar:
      kernel.writeConsole(String.fromCharCode(Number(thread.regs[REG_X0]! & 0xffn)));
      return true;
    case seL4_Syscall.seL4_SysDebugDumpScheduler:
      kernel.writeConsole(formatSchedulerDump(kernel));
      return true;
    case seL4_Syscall.seL4_SysDebugHalt:
      kernel.halt();
      return true;
    case seL4_Syscall.seL4_SysDebugNameThread: {
      const found = lookupSlot(thread.cspaceSlot.cap, thread.regs[REG_X0]!);
      const target = found.ok ? found.value.slot.cap : null;
      const buffer = lookupIpcBuffer(kernel.memory, thread, false);
      if (target?.kind === "tcb" && buffer) {
        const bytes = kernel.memory.read(buffer.paddr + IPCBUF_MSG * 8, MAX_NAME_BYTES);
        const end = bytes.indexOf(0);
        target.obj.name = new TextDecoder().decode(bytes.subarray(0, end < 0 ? bytes.length : end));
      }
      return true;
    }
    case seL4_Syscall.seL4_SysSetTLSBase:
      thread.regs[REG_TPIDR_EL0] = thread.regs[REG_X0]!;
      return true;
    default:
      return false;
  }
}
