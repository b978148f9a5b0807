import type { LinuxUserState } from "../process-state.js";

/**
 * How strace shows one argument: `d` signed decimal, `u` unsigned decimal, `x` hex, `fd` a
 * descriptor (AT_FDCWD by name), `path` a NUL-terminated string, `wbuf` the bytes the next
 * argument counts (shown before the call, like strace does for write).
 */
export type ArgFormat = "d" | "u" | "x" | "fd" | "path" | "wbuf";

/** A syscall handler: returns the value for x0 (negative errno on failure). */
export type SyscallHandler = (state: LinuxUserState, args: readonly bigint[]) => number | bigint;

/** One entry of the syscall table. */
export interface SyscallDefinition {
  number: number;
  name: string;
  args: readonly ArgFormat[];
  /** How strace shows a successful result: addresses in hex, everything else decimal. */
  result: "d" | "x";
  handler: SyscallHandler;
}

/** The low 32 bits of a syscall argument as a signed int (fds, flags, signal numbers). */
export function int32(value: bigint | undefined): number {
  return Number(BigInt.asIntN(32, value ?? 0n));
}

/** A syscall argument as a non-negative size; values beyond 2^53 clamp (they cannot fit anyway). */
export function size(value: bigint | undefined): number {
  const v = value ?? 0n;
  return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
}

/** A syscall argument as a signed 64-bit number (offsets). */
export function int64(value: bigint | undefined): bigint {
  return BigInt.asIntN(64, value ?? 0n);
}
