import { ENOSYS, SyscallErrno } from "../errno.js";
import type { LinuxUserState } from "../process-state.js";
import { formatCall, formatResult } from "./strace.js";
import { SYSCALLS } from "./table.js";

/**
 * Runs syscall `number` with arguments x0..x5 against the process state and returns the 64-bit
 * value for x0 (a negative errno on failure, -ENOSYS for anything not implemented). With
 * `strace`, reports one strace-style line per call.
 */
export function dispatchSyscall(
  state: LinuxUserState,
  number: number,
  args: readonly bigint[],
  strace?: (line: string) => void,
): bigint {
  const definition = SYSCALLS.get(number);
  const call = strace !== undefined ? formatCall(state, number, definition, args) : "";
  let result: number | bigint;
  if (definition === undefined) {
    result = -ENOSYS;
  } else {
    try {
      result = definition.handler(state, args);
    } catch (error) {
      if (!(error instanceof SyscallErrno)) throw error;
      result = -error.errno;
    }
  }
  const value = BigInt.asUintN(64, BigInt(result));
  if (strace !== undefined) {
    strace(state.exitStatus !== null ? `${call} = ?` : `${call} ${formatResult(definition, value)}`);
  }
  return value;
}
