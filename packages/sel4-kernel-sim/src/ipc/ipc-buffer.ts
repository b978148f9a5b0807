import { seL4_FastMessageRegisters } from "../constants/boot";
import { seL4_CanRead, seL4_CanWrite } from "../constants/rights";
import type { PhysicalMemory } from "../memory/physical-memory";
import type { Tcb } from "../objects/tcb";
import { REG_MR0 } from "../objects/user-context";

/** Word indexes inside the IPC buffer. */
export const IPCBUF_TAG = 0;
export const IPCBUF_MSG = 1;
export const IPCBUF_USER_DATA = 121;
export const IPCBUF_CAPS_OR_BADGES = 122;
export const IPCBUF_RECEIVE_CNODE = 125;
export const IPCBUF_RECEIVE_INDEX = 126;
export const IPCBUF_RECEIVE_DEPTH = 127;

/** A thread's IPC buffer in physical memory, accessed as little-endian words. */
export class IpcBuffer {
  private readonly view: DataView;

  /** Wraps the 1 KiB buffer at `paddr`. */
  constructor(memory: PhysicalMemory, readonly paddr: number) {
    const bytes = memory.bytes(paddr, 1024);
    this.view = new DataView(bytes.buffer, bytes.byteOffset, 1024);
  }

  /** Reads word `index` (0..127). */
  word(index: number): bigint {
    return this.view.getBigUint64(index * 8, true);
  }

  /** Writes word `index`. */
  setWord(index: number, value: bigint): void {
    this.view.setBigUint64(index * 8, BigInt.asUintN(64, value), true);
  }
}

/**
 * lookupIPCBuffer: the thread's buffer if its buffer cap is a RAM frame with enough rights
 * (a receiver needs ReadWrite; a sender needs Read).
 */
export function lookupIpcBuffer(memory: PhysicalMemory, tcb: Tcb, isReceiver: boolean): IpcBuffer | null {
  const cap = tcb.bufferSlot.cap;
  if (!cap || cap.kind !== "frame" || cap.obj.isDevice) return null;
  if ((cap.rights & seL4_CanRead) === 0) return null;
  if (isReceiver && (cap.rights & seL4_CanWrite) === 0) return null;
  const paddr = cap.obj.paddr + (tcb.ipcBufferVaddr % cap.obj.size);
  // Reuse the view while the buffer stays put: this runs several times per system call.
  const cached = tcb.ipcBufferView;
  if (cached && cached.paddr === paddr) return cached;
  const buffer = new IpcBuffer(memory, paddr);
  tcb.ipcBufferView = buffer;
  return buffer;
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

/** Writes `values` as MR0..; returns how many were written (stops where the buffer is missing). */
export function setMRs(tcb: Tcb, buffer: IpcBuffer | null, values: readonly bigint[]): number {
  let n = 0;
  for (const v of values) {
    if (!setMR(tcb, buffer, n, v)) break;
    n++;
  }
  return n;
}
