import type { PhysicalMemory } from "../memory/physical-memory";

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
