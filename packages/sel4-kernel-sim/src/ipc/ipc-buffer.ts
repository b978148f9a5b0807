import { seL4_FastMessageRegisters } from "../constants/boot";
import { seL4_CanRead, seL4_CanWrite } from "../constants/rights";
import type { PhysicalMemory } from "../memory/physical-memory";
import type { Tcb } from "../objects/tcb";
import { REG_MR0 } from "../objects/user-context";
import { IpcBuffer, IPCBUF_MSG } from "./ipc-buffer-view";

export { IPCBUF_TAG, IPCBUF_MSG, IPCBUF_USER_DATA, IPCBUF_CAPS_OR_BADGES, IPCBUF_RECEIVE_CNODE, IPCBUF_RECEIVE_INDEX, IPCBUF_RECEIVE_DEPTH, IpcBuffer } from "./ipc-buffer-view";

/**
 * lookupIPCBuffer: the thread's buffer if its buffer cap is a RAM frame with enough rights
 * (a receiver needs ReadWrite; a sender needs Read).
 */
export function lookupIpcBuffer(memory: PhysicalMemory, tcb: Tcb, isReceiver: boolean): IpcBuffer | null {
  const cap = tcb.bufferSlot.cap;
  if (!cap || cap.kind !== "frame" || cap.obj.isDevice) return null;
  if ((cap.rights & seL4_CanRead) === 0) return null;
  if (isReceiver && (cap.rights & seL4_CanWrite) === 0) return null;
  // Reuse the view while the buffer stays put (the same frame at the same address): this runs
  // several times per system call.
  const cached = tcb.ipcBufferView;
  if (cached !== null && cached.frame === cap.obj && cached.vaddr === tcb.ipcBufferVaddr) return cached;
  const paddr = cap.obj.paddr + (tcb.ipcBufferVaddr % cap.obj.size);
  const buffer = new IpcBuffer(memory, paddr, cap.obj, tcb.ipcBufferVaddr);
  tcb.ipcBufferView = buffer;
  return buffer;
}

/** Copies `count` words from `src[from..]` to `dst[at..]`: no subarray views made (this runs per message). */
export function copyWords(dst: BigUint64Array, at: number, src: BigUint64Array, from: number, count: number): void {
  for (let i = 0; i < count; i++) dst[at + i] = src[from + i]!;
}

/** Message register `i`: MR0-3 in x2-x5, the rest in the buffer (0 without one). */
export function getMR(tcb: Tcb, buffer: IpcBuffer | null, i: number): bigint {
  if (i < seL4_FastMessageRegisters) return tcb.regs[REG_MR0 + i]!;
  return buffer ? buffer.word(IPCBUF_MSG + i) : 0n;
}

/** Writes message register `i`; returns false when it needs a buffer the thread lacks. */
export function setMR(tcb: Tcb, buffer: IpcBuffer | null, i: number, value: bigint): boolean {
  if (i < seL4_FastMessageRegisters) {
    tcb.regs[REG_MR0 + i] = BigInt.asUintN(64, value);
    return true;
  }
  if (!buffer) return false;
  buffer.setWord(IPCBUF_MSG + i, value);
  return true;
}

/**
 * Writes `values` as MR0..; returns how many were written (stops where the buffer is missing).
 * A BigUint64Array (a register snapshot) is copied word for word without making bigints.
 */
export function setMRs(tcb: Tcb, buffer: IpcBuffer | null, values: ArrayLike<bigint>): number {
  if (values instanceof BigUint64Array) {
    const inRegisters = Math.min(values.length, seL4_FastMessageRegisters);
    copyWords(tcb.regs, REG_MR0, values, 0, inRegisters);
    if (values.length <= inRegisters) return values.length;
    if (!buffer) return inRegisters;
    copyWords(buffer.words, IPCBUF_MSG + inRegisters, values, inRegisters, values.length - inRegisters);
    return values.length;
  }
  let n = 0;
  for (; n < values.length; n++) if (!setMR(tcb, buffer, n, values[n]!)) break;
  return n;
}
