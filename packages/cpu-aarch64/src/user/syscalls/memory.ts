import { PROT_EXEC, PROT_READ, PROT_WRITE, isPageAligned } from "../address-space.js";
import { EACCES, EBADF, EEXIST, EFAULT, EINVAL, ENODEV, ENOMEM, SyscallErrno, errnoFromHostCode } from "../errno.js";
import { toAddress } from "../guest-access.js";
import { ADDRESS_SPACE_TOP, MMAP_BOTTOM, pageCeil } from "../layout.js";
import type { LinuxUserState } from "../process-state.js";
import type { SyscallDefinition } from "./types.js";
import { int32, int64, size } from "./types.js";

const MAP_SHARED = 0x01;
const MAP_PRIVATE = 0x02;
const MAP_SHARED_VALIDATE = 0x03;
const MAP_FIXED = 0x10;
const MAP_ANONYMOUS = 0x20;
const MAP_FIXED_NOREPLACE = 0x100000;
const MREMAP_MAYMOVE = 1;
const MREMAP_FIXED = 2;
const MADV_DONTNEED = 4;
const PROT_MASK = PROT_READ | PROT_WRITE | PROT_EXEC;

function sys_brk(state: LinuxUserState, [addr]: readonly bigint[]): number {
  const requested = Number(addr! > BigInt(Number.MAX_SAFE_INTEGER) ? 0n : addr!);
  if (requested < state.brkStart) return state.brkCurrent;
  const mappedEnd = pageCeil(state.brkCurrent);
  const wantedEnd = pageCeil(requested);
  if (wantedEnd > mappedEnd) {
    // Like Linux: a break that would run into another mapping fails by returning the old break.
    if (!state.space.isFree(mappedEnd, wantedEnd - mappedEnd)) return state.brkCurrent;
    if (!state.space.tryMap(mappedEnd, wantedEnd - mappedEnd, PROT_READ | PROT_WRITE)) return state.brkCurrent;
  } else if (wantedEnd < mappedEnd) {
    state.space.unmap(wantedEnd, mappedEnd - wantedEnd);
  }
  state.brkCurrent = requested;
  return requested;
}

/** Copies file bytes [offset, offset+length) (short at end of file) into guest memory at `address`. */
function fillFromFile(state: LinuxUserState, handle: number, offset: number, address: number, length: number): void {
  const buffer = new Uint8Array(length);
  let filled = 0;
  while (filled < length) {
    let count: number;
    try {
      count = state.hostFs!.read(handle, buffer.subarray(filled), offset + filled);
    } catch (error) {
      throw new SyscallErrno(errnoFromHostCode((error as { code?: unknown }).code));
    }
    if (count === 0) break;
    filled += count;
  }
  state.memory.write(address, buffer.subarray(0, filled));
}

function sys_mmap(state: LinuxUserState, [addr, length, prot, flags, fd, offset]: readonly bigint[]): number {
  const bytes = size(length);
  const protection = int32(prot);
  const mapFlags = int32(flags);
  const fileOffset = int64(offset);
  if (bytes === 0 || (protection & ~PROT_MASK) !== 0 || fileOffset < 0n || fileOffset % 4096n !== 0n) return -EINVAL;
  const sharing = mapFlags & MAP_SHARED_VALIDATE;
  if (sharing === 0) return -EINVAL;
  const span = pageCeil(bytes);
  let source: { handle: number } | null = null;
  if ((mapFlags & MAP_ANONYMOUS) === 0) {
    const file = state.files.get(int32(fd));
    if (file === undefined) return -EBADF;
    if (file.kind !== "host" || file.isDirectory) return -ENODEV;
    // The descriptor is read-only, so a shared writable map is refused as Linux refuses it.
    if ((sharing & MAP_SHARED) !== 0 && (sharing & MAP_PRIVATE) === 0 && (protection & PROT_WRITE) !== 0) return -EACCES;
    source = { handle: file.handle };
  }
  const hint = toAddress(addr!);
  let start: number;
  if ((mapFlags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) !== 0) {
    if (!isPageAligned(hint) || hint === 0) return -EINVAL;
    if ((mapFlags & MAP_FIXED) === 0 && !state.space.isFree(hint, span)) return -EEXIST;
    start = hint;
    state.space.unmap(start, span);
  } else if (hint >= MMAP_BOTTOM && isPageAligned(hint) && state.space.isFree(hint, span)) {
    start = hint;
  } else {
    const found = state.space.findFree(span);
    if (found === null) return -ENOMEM;
    start = found;
  }
  if (!state.space.tryMap(start, span, protection)) return -ENOMEM;
  if (source !== null) fillFromFile(state, source.handle, Number(fileOffset), start, bytes);
  return start;
}

function sys_munmap(state: LinuxUserState, [addr, length]: readonly bigint[]): number {
  const start = toAddress(addr!);
  const bytes = size(length);
  if (!isPageAligned(start) || bytes === 0 || start + bytes > ADDRESS_SPACE_TOP) return -EINVAL;
  state.space.unmap(start, bytes);
  return 0;
}

function sys_mprotect(state: LinuxUserState, [addr, length, prot]: readonly bigint[]): number {
  const start = toAddress(addr!);
  const protection = int32(prot);
  if (!isPageAligned(start) || (protection & ~PROT_MASK) !== 0) return -EINVAL;
  if (size(length) === 0) return 0;
  return state.space.protect(start, size(length), protection) ? 0 : -ENOMEM;
}

function sys_mremap(state: LinuxUserState, [oldAddr, oldSize, newSize, flags, newAddr]: readonly bigint[]): number {
  const oldStart = toAddress(oldAddr!);
  const oldSpan = pageCeil(size(oldSize));
  const newSpan = pageCeil(size(newSize));
  const remapFlags = int32(flags);
  if (!isPageAligned(oldStart) || newSpan === 0 || oldSpan === 0) return -EINVAL;
  if ((remapFlags & ~(MREMAP_MAYMOVE | MREMAP_FIXED)) !== 0) return -EINVAL;
  if ((remapFlags & MREMAP_FIXED) !== 0 && (remapFlags & MREMAP_MAYMOVE) === 0) return -EINVAL;
  if (!state.space.isFullyMapped(oldStart, oldSpan)) return -EFAULT;
  const prot = state.space.regionAt(oldStart)!.prot;
  const moveTo = (target: number): number => {
    const contents = state.memory.read(oldStart, Math.min(oldSpan, newSpan));
    state.space.unmap(target, newSpan);
    if (!state.space.tryMap(target, newSpan, prot)) return -ENOMEM;
    state.memory.write(target, contents);
    state.space.unmap(oldStart, oldSpan);
    return target;
  };
  if ((remapFlags & MREMAP_FIXED) !== 0) {
    const target = toAddress(newAddr!);
    if (!isPageAligned(target) || (target < oldStart + oldSpan && oldStart < target + newSpan)) return -EINVAL;
    return moveTo(target);
  }
  if (newSpan <= oldSpan) {
    state.space.unmap(oldStart + newSpan, oldSpan - newSpan);
    return oldStart;
  }
  if (state.space.isFree(oldStart + oldSpan, newSpan - oldSpan)) {
    return state.space.tryMap(oldStart + oldSpan, newSpan - oldSpan, prot) ? oldStart : -ENOMEM;
  }
  if ((remapFlags & MREMAP_MAYMOVE) === 0) return -ENOMEM;
  const target = state.space.findFree(newSpan);
  return target === null ? -ENOMEM : moveTo(target);
}

function sys_madvise(state: LinuxUserState, [addr, length, advice]: readonly bigint[]): number {
  const start = toAddress(addr!);
  if (!isPageAligned(start)) return -EINVAL;
  const span = pageCeil(size(length));
  if (span === 0) return 0;
  if (!state.space.isFullyMapped(start, span)) return -ENOMEM;
  // Private anonymous memory reads back as zeros after MADV_DONTNEED; allocators rely on it.
  if (int32(advice) === MADV_DONTNEED) state.memory.write(start, new Uint8Array(span));
  return 0;
}

/** brk, mmap and friends. */
export const MEMORY_SYSCALLS: readonly SyscallDefinition[] = [
  { number: 214, name: "brk", args: ["x"], result: "x", handler: sys_brk },
  { number: 215, name: "munmap", args: ["x", "u"], result: "d", handler: sys_munmap },
  { number: 216, name: "mremap", args: ["x", "u", "u", "x", "x"], result: "x", handler: sys_mremap },
  { number: 222, name: "mmap", args: ["x", "u", "x", "x", "fd", "x"], result: "x", handler: sys_mmap },
  { number: 226, name: "mprotect", args: ["x", "u", "x"], result: "d", handler: sys_mprotect },
  { number: 233, name: "madvise", args: ["x", "u", "d"], result: "d", handler: sys_madvise },
];
