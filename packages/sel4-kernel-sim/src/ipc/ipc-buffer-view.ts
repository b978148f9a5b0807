import type { PhysicalMemory } from "../memory/physical-memory";

/** Word indexes inside the IPC buffer. */
export const IPCBUF_TAG = 0;
export const IPCBUF_MSG = 1;
export const IPCBUF_USER_DATA = 121;
export const IPCBUF_CAPS_OR_BADGES = 122;
export const IPCBUF_RECEIVE_CNODE = 125;
export const IPCBUF_RECEIVE_INDEX = 126;
export const IPCBUF_RECEIVE_DEPTH = 127;

/** MR0-3 travel in registers (seL4_FastMessageRegisters). */
const FAST_MESSAGE_REGISTERS = 4;

/**
 * A thread's IPC buffer in physical memory as 128 words in host byte order (little-endian on
 * every host this runs on, as seL4_GetIPCBuffer assumes). The buffer is 1 KiB aligned, so a
 * word view needs no unaligned access.
 */
export class IpcBuffer {
  /** The 128 words; a store wraps its value to 64 bits as BigInt.asUintN(64, v) would. */
  readonly words: BigUint64Array;
  /** {@link words} as 32-bit halves (a view made once), for reading small words without a new BigInt. */
  readonly halves: Uint32Array;
  /** msg[0..3], the buffer slots of the message registers that travel in x2-x5 (a view made once). */
  readonly fastMessageWords: BigUint64Array;

  /**
   * Wraps the 1 KiB buffer at `paddr`; `frame` and `vaddr` say where it came from (the frame
   * object and the thread's buffer address), so that a thread's view can be reused while both stay.
   */
  constructor(
    memory: PhysicalMemory,
    readonly paddr: number,
    readonly frame: object | null = null,
    readonly vaddr = 0,
  ) {
    const bytes = memory.bytes(paddr, 1024);
    this.words = new BigUint64Array(bytes.buffer, bytes.byteOffset, 128);
    this.halves = new Uint32Array(bytes.buffer, bytes.byteOffset, 256);
    this.fastMessageWords = this.words.subarray(IPCBUF_MSG, IPCBUF_MSG + FAST_MESSAGE_REGISTERS);
  }

  /** Reads word `index` (0..127). */
  word(index: number): bigint {
    return this.words[index]!;
  }

  /** Writes word `index`. */
  setWord(index: number, value: bigint): void {
    this.words[index] = value;
  }
}
