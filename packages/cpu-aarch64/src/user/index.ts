// Public surface of the Linux user-mode runner (re-exported by the package entry point).
export { runLinuxUserProgram, createLinuxUserProcess } from "./run.js";
export type { RunLinuxUserProgramOptions, LinuxUserProgramResult } from "./run.js";
export { LinuxUserProcess, EXIT_SIGILL, EXIT_SIGSEGV, EXIT_SIGBUS, EXIT_SIGTRAP, DEFAULT_SEED } from "./process.js";
export type { LinuxUserProcessOptions, UserRunResult, UserCpu } from "./process.js";
export { LinuxUserError } from "./errors.js";
export type { LinuxUserErrorKind } from "./errors.js";
export { BufferedUserIo } from "./io.js";
export type { UserIo, TerminalSize } from "./io.js";
export { nodeHostFileSystem, createNodeHostFileSystem } from "./host-fs.js";
export type { HostFileSystem, HostStat } from "./host-fs.js";
export { parseElf } from "./elf.js";
export type { ElfImage, ElfSegment } from "./elf.js";
export { PIE_LOAD_BASE, STACK_TOP, STACK_SIZE } from "./layout.js";
export type { ClockSource } from "./virtual-clock.js";
export type { ProcessIdentity } from "./process-state.js";
