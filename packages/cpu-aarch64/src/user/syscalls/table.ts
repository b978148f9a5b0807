import { FILE_SYSCALLS } from "./files.js";
import { MEMORY_SYSCALLS } from "./memory.js";
import { PROCESS_SYSCALLS } from "./process.js";
import { TIME_RANDOM_SYSCALLS } from "./time-random.js";
import type { SyscallDefinition } from "./types.js";

/** Every syscall the runner implements, by AArch64 syscall number (asm-generic/unistd.h). */
export const SYSCALLS: ReadonlyMap<number, SyscallDefinition> = new Map(
  [...FILE_SYSCALLS, ...MEMORY_SYSCALLS, ...PROCESS_SYSCALLS, ...TIME_RANDOM_SYSCALLS].map((d) => [d.number, d]),
);
