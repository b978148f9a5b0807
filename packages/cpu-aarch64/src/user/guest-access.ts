import type { UserMemory } from "./address-space.js";
import { EFAULT, ENAMETOOLONG, SyscallErrno } from "./errno.js";
import { PAGE_SIZE } from "./layout.js";

/** Syscall arguments arrive as 64-bit values; addresses beyond 2^53 cannot be guest RAM here. */
export function toAddress(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new SyscallErrno(EFAULT);
  return Number(value);
}

/** Copies guest bytes out; a hole in guest memory becomes -EFAULT. */
export function readGuest(memory: UserMemory, addr: number, length: number): Uint8Array {
  if (length === 0) return new Uint8Array(0);
  try {
    return memory.read(addr, length);
  } catch {
    throw new SyscallErrno(EFAULT);
  }
}

/** Copies bytes into the guest; a hole in guest memory becomes -EFAULT. */
export function writeGuest(memory: UserMemory, addr: number, bytes: Uint8Array): void {
  if (bytes.length === 0) return;
  try {
    memory.write(addr, bytes);
  } catch {
    throw new SyscallErrno(EFAULT);
  }
}

const decoder = new TextDecoder();

/** Reads a NUL-terminated string of at most `limit` bytes (PATH_MAX by default), page by page. */
export function readCString(memory: UserMemory, addr: number, limit = 4096): string {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let cursor = addr;
  while (total < limit) {
    const chunk = readGuest(memory, cursor, Math.min(PAGE_SIZE - (cursor % PAGE_SIZE), limit - total));
    const nul = chunk.indexOf(0);
    if (nul >= 0) {
      chunks.push(chunk.subarray(0, nul));
      const bytes = new Uint8Array(total + nul);
      let at = 0;
      for (const c of chunks) {
        bytes.set(c, at);
        at += c.length;
      }
      return decoder.decode(bytes);
    }
    chunks.push(chunk);
    total += chunk.length;
    cursor += chunk.length;
  }
  throw new SyscallErrno(ENAMETOOLONG);
}

/** Little-endian 64-bit store of `values` into a fresh byte array. */
export function packUint64(values: ReadonlyArray<number | bigint>): Uint8Array {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setBigUint64(i * 8, BigInt.asUintN(64, BigInt(v)), true));
  return bytes;
}
