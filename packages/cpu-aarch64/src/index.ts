// @sel4ts/cpu-aarch64: the A64 integer core, its memory and its disassembler.
export { Cpu, FP_STATE_BYTES } from "./core/cpu.js";
export { TranslationCache } from "./core/jit/block-translator.js";
export type { CpuModel, CpuOptions, InterruptLine, JitOptions, PcSampler } from "./core/cpu.js";
export type { TakenException } from "./core/system-level.js";
export { USER_CONTEXT_ORDER } from "./core/user-context.js";
export type { CpuExit, CpuExitKind } from "./core/exits.js";
export { CpuError, GuestMemoryError } from "./core/errors.js";
export type { SysregName } from "./core/sysregs.js";
// The system level's units: CPU model data, system register file, syndromes, exceptions,
// hypervisor traps (src/system), the generic timer (src/timer) and stage-1 MMU (src/mmu).
export * from "./system/index.js";
export * from "./timer/index.js";
export * from "./mmu/index.js";
export * from "./gicv3/index.js";
export { GuestMemory } from "./memory/guest-memory.js";
export type { MmioDevice, MmioSize, PagePerms } from "./memory/types.js";
export { PAGE_SIZE } from "./memory/types.js";
export type { WasmRam } from "./memory/types.js";
export { decodeA64, OP_NAMES } from "./decode/decoder.generated.js";
export type { OpName } from "./decode/decoder.generated.js";
export {
  runLinuxUserProgram,
  createLinuxUserProcess,
  LinuxUserProcess,
  LinuxUserError,
  BufferedUserIo,
  nodeHostFileSystem,
  createNodeHostFileSystem,
  parseElf,
  EXIT_SIGILL,
  EXIT_SIGSEGV,
  EXIT_SIGBUS,
  EXIT_SIGTRAP,
  DEFAULT_SEED,
  PIE_LOAD_BASE,
  STACK_TOP,
  STACK_SIZE,
} from "./user/index.js";
export type {
  RunLinuxUserProgramOptions,
  LinuxUserProgramResult,
  LinuxUserProcessOptions,
  UserRunResult,
  UserCpu,
  LinuxUserErrorKind,
  UserIo,
  TerminalSize,
  HostFileSystem,
  HostStat,
  ElfImage,
  ElfSegment,
  ClockSource,
  ProcessIdentity,
} from "./user/index.js";
export { disassemble } from "./disasm/index.js";
export {
  BARE_DEFAULT_MAX_INSTRUCTIONS,
  BARE_DEFAULT_MEM_SIZE,
  BARE_RAM_BASE,
  BARE_UART_BASE,
  runBareMetal,
  Pl011Transmitter,
  PSCI,
  PSCI_NOT_SUPPORTED,
  PSCI_VERSION_1_1,
  psciCall,
} from "./bare/index.js";
export type { BareMetalResult, RunBareMetalOptions, PsciOutcome } from "./bare/index.js";
