import type { Tcb } from "../objects/tcb";
import { REG_X7 } from "../objects/user-context";

/**
 * The syscall number in x7 as a signed number: Number(BigInt.asIntN(64, x7)), read from the
 * register's 32-bit halves (host order: little-endian) when it fits 32 bits, as every real one
 * does, so the kernel entry makes no BigInts.
 */
export function syscallNumber(thread: Tcb): number {
  const low = thread.regHalves[2 * REG_X7]!;
  const high = thread.regHalves[2 * REG_X7 + 1]!;
  if (high === 0xffff_ffff && low >= 0x8000_0000) return low - 0x1_0000_0000;
  if (high === 0 && low < 0x8000_0000) return low;
  return Number(BigInt.asIntN(64, thread.regs[REG_X7]!));
}
