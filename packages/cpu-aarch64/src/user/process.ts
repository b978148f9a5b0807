import type { CpuExit } from "../core/exits.js";
import type { UserMemory } from "./address-space.js";
import { AddressSpace, PROT_READ, PROT_WRITE } from "./address-space.js";
import { parseElf, requireStaticExecutable } from "./elf.js";
import { LinuxUserError } from "./errors.js";
import type { HostFileSystem } from "./host-fs.js";
import { nodeHostFileSystem } from "./host-fs.js";
import { USER_HWCAP, USER_HWCAP2 } from "./hwcaps.js";
import type { UserIo } from "./io.js";
import { STACK_SIZE, STACK_TOP } from "./layout.js";
import type { LoadedProgram } from "./loader.js";
import { loadElf } from "./loader.js";
import type { ProcessIdentity } from "./process-state.js";
import { LinuxUserState } from "./process-state.js";
import type { InitialStack } from "./stack.js";
import {
  AT_BASE,
  AT_CLKTCK,
  AT_EGID,
  AT_ENTRY,
  AT_EUID,
  AT_FLAGS,
  AT_GID,
  AT_HWCAP,
  AT_HWCAP2,
  AT_MINSIGSTKSZ,
  AT_PAGESZ,
  AT_PHDR,
  AT_PHENT,
  AT_PHNUM,
  AT_SECURE,
  AT_UID,
  writeInitialStack,
} from "./stack.js";
import { dispatchSyscall } from "./syscalls/dispatch.js";
import { MINSIGSTKSZ } from "./syscalls/process.js";
import type { ClockSource } from "./virtual-clock.js";

/** The CPU operations the runner needs (a subset of `Cpu`, see ARCHITECTURE.md). */
export interface UserCpu {
  getX(n: number): bigint;
  setX(n: number, value: bigint): void;
  getPC(): bigint;
  setPC(value: bigint): void;
  getSP(): bigint;
  setSP(value: bigint): void;
  /** SIMD&FP state (the process's fpsimd context). */
  getV(n: number): bigint;
  setV(n: number, value: bigint): void;
  getFPCR(): number;
  setFPCR(value: number): void;
  getFPSR(): number;
  setFPSR(value: number): void;
  run(budget: number): CpuExit;
  readonly instructionsRetired: number;
}

/** Exit status of a process killed by SIGILL, SIGTRAP and SIGSEGV (128 + signal), as a shell reports it. */
export const EXIT_SIGILL = 132;
/** 128 + SIGTRAP. */
export const EXIT_SIGTRAP = 133;
/** 128 + SIGBUS (misaligned accesses the core reports as alignment faults). */
export const EXIT_SIGBUS = 135;
/** 128 + SIGSEGV. */
export const EXIT_SIGSEGV = 139;

/** The seed AT_RANDOM and getrandom use when none is given. */
export const DEFAULT_SEED = 0x5e14;
/** Instructions per `Cpu.run` call: small enough to notice a limit promptly, big enough to be cheap. */
const SLICE = 1 << 20;

/** How to start a LinuxUserProcess. */
export interface LinuxUserProcessOptions {
  /** A static AArch64 ELF executable (ET_EXEC or static-pie). */
  image: Uint8Array;
  /** AT_EXECFN, /proc/self/exe and the name used in messages; defaults to argv[0]. */
  path?: string;
  /** What readlink("/proc/self/exe") returns; defaults to `path`. */
  exePath?: string;
  argv: string[];
  env?: string[];
  seed?: number;
  io: UserIo;
  /** Receives one strace-style line per syscall. */
  strace?: (line: string) => void;
  /** Directory relative paths resolve against; defaults to the host's cwd (or "/"). */
  cwd?: string;
  /** Host files for openat and friends; defaults to Node's fs (null: no host files). */
  hostFs?: HostFileSystem | null;
  /** "virtual" (default): time from instructions retired; "host": the host's clocks. */
  clock?: ClockSource;
  identity?: ProcessIdentity;
}

/** How a run ended. */
export interface UserRunResult {
  exitCode: number;
  instructions: number;
}

/** Turns guest memory and a CPU into the runner's CPU; supplied by the package entry point. */
export type UserCpuFactory<M extends UserMemory> = (memory: M) => UserCpu;

/** Formats an instruction for reports, e.g. `0x00000000 udf #0`. */
export type Disassembler = (insn: number, pc: bigint) => string;

const SIGNAL_NAMES = [
  "", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1",
  "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
];

/** `SIGABRT` for 6, `SIG34` past the classic names. */
function signalName(sig: number): string {
  return SIGNAL_NAMES[sig] ?? `SIG${sig}`;
}

function hex(value: bigint | number): string {
  return `0x${value.toString(16)}`;
}

/**
 * One Linux process on an emulated AArch64 CPU: the executable is loaded and the initial stack
 * built on construction; `run` executes it, serving SVCs with the syscall layer, until the
 * program exits or is killed by a fault (reported on its stderr).
 */
export class LinuxUserProcess<M extends UserMemory = UserMemory> {
  readonly memory: M;
  readonly cpu: UserCpu;
  readonly state: LinuxUserState;
  readonly program: LoadedProgram;
  readonly stack: InitialStack;
  private readonly strace: ((line: string) => void) | undefined;
  private readonly disassemble: Disassembler;
  private readonly name: string;
  /** Exit status once the program has ended. */
  private finalStatus: number | null = null;

  /**
   * @param options the program and its environment
   * @param memory empty guest memory to load it into
   * @param createCpu builds the CPU over that memory
   * @param disassemble used in fault reports
   */
  constructor(options: LinuxUserProcessOptions, memory: M, createCpu: UserCpuFactory<M>, disassemble: Disassembler) {
    const path = options.path ?? options.argv[0] ?? "a.out";
    this.name = path;
    const elf = parseElf(options.image, path);
    requireStaticExecutable(elf, path);
    this.memory = memory;
    this.cpu = createCpu(memory);
    this.disassemble = disassemble;
    this.strace = options.strace;
    const space = new AddressSpace(memory);
    this.program = loadElf(space, elf, options.image, path);
    space.map(STACK_TOP - STACK_SIZE, STACK_SIZE, PROT_READ | PROT_WRITE);
    const hostFs = options.hostFs === undefined ? nodeHostFileSystem() : options.hostFs;
    const cpu = this.cpu;
    this.state = new LinuxUserState({
      space,
      io: options.io,
      hostFs,
      cwd: options.cwd ?? (typeof process !== "undefined" ? process.cwd() : "/"),
      execPath: options.exePath ?? path,
      seed: options.seed ?? DEFAULT_SEED,
      clock: options.clock ?? "virtual",
      instructionsRetired: () => cpu.instructionsRetired,
      ...(options.identity !== undefined ? { identity: options.identity } : {}),
      brkStart: this.program.brkStart,
    });
    const { uid, gid } = this.state.identity;
    this.stack = writeInitialStack(memory, STACK_TOP, {
      argv: options.argv,
      env: options.env ?? [],
      execFn: path,
      platform: "aarch64",
      random: this.state.random.bytes(16),
      auxv: [
        [AT_PHDR, this.program.programHeaderAddress],
        [AT_PHENT, elf.programHeaderEntrySize],
        [AT_PHNUM, elf.programHeaderCount],
        [AT_PAGESZ, 4096],
        [AT_BASE, 0],
        [AT_FLAGS, 0],
        [AT_ENTRY, this.program.entry],
        [AT_UID, uid],
        [AT_EUID, uid],
        [AT_GID, gid],
        [AT_EGID, gid],
        [AT_SECURE, 0],
        [AT_HWCAP, USER_HWCAP],
        [AT_HWCAP2, USER_HWCAP2],
        [AT_CLKTCK, 100],
        [AT_MINSIGSTKSZ, MINSIGSTKSZ],
      ],
    });
    this.cpu.setSP(BigInt(this.stack.sp));
    this.cpu.setPC(BigInt(this.program.entry));
  }

  /**
   * Runs until the program exits or dies, or `maxInstructions` have retired in total (then
   * throws a LinuxUserError of kind "instructionLimit"; calling `run` again resumes). Host files
   * the program opened are closed when it ends. After the end, `run` returns the same result.
   */
  run(maxInstructions = Number.POSITIVE_INFINITY): UserRunResult {
    if (this.finalStatus === null) {
      try {
        this.finalStatus = this.runUntilExit(maxInstructions);
      } catch (error) {
        // A limit leaves the process resumable; anything else ends it.
        if (!(error instanceof LinuxUserError)) this.state.files.closeAll();
        throw error;
      }
      this.state.files.closeAll();
    }
    return { exitCode: this.finalStatus, instructions: this.cpu.instructionsRetired };
  }

  private runUntilExit(maxInstructions: number): number {
    const cpu = this.cpu;
    for (;;) {
      const remaining = maxInstructions - cpu.instructionsRetired;
      if (remaining <= 0) {
        throw new LinuxUserError(
          "instructionLimit",
          `${this.name}: still running after ${maxInstructions} instructions (pc ${hex(cpu.getPC())})`,
        );
      }
      const exit = cpu.run(Math.min(SLICE, remaining));
      switch (exit.kind) {
        case "budget":
        case "wfi":
        case "wfe":
          // WFI/WFE at EL0 just return (Linux leaves them untrapped); PC is already past them.
          continue;
        case "svc": {
          const args = [0, 1, 2, 3, 4, 5].map((n) => cpu.getX(n));
          const number = Number(BigInt.asUintN(32, cpu.getX(8)));
          const result = dispatchSyscall(this.state, number, args, this.strace);
          if (this.state.fatalSignal !== null) {
            return this.die(this.state.exitStatus!, signalName(this.state.fatalSignal), `killed by signal ${this.state.fatalSignal} it sent itself`);
          }
          if (this.state.exitStatus !== null) return this.state.exitStatus;
          cpu.setX(0, result);
          continue;
        }
        case "undefined":
          return this.die(
            EXIT_SIGILL,
            "SIGILL",
            `undefined instruction at pc ${hex(exit.pc)}: ${this.describe(exit.insn, exit.pc)}`,
          );
        case "brk":
          return this.die(EXIT_SIGTRAP, "SIGTRAP", `brk #${hex(exit.imm16)} at pc ${hex(exit.pc)}`);
        case "dataAbort":
          return this.die(
            exit.alignment === true ? EXIT_SIGBUS : EXIT_SIGSEGV,
            exit.alignment === true ? "SIGBUS" : "SIGSEGV",
            `${exit.alignment === true ? "misaligned" : "invalid"} ${exit.isWrite ? "write to" : "read from"} ${hex(exit.address)} at pc ${hex(exit.pc)}: ${this.describeAt(exit.pc)}`,
          );
        case "instructionAbort": {
          // Like qemu-aarch64: a misaligned PC is SIGBUS only where the page is mapped.
          const misaligned = exit.alignment === true && this.memory.isMapped(Number(exit.address));
          return this.die(
            misaligned ? EXIT_SIGBUS : EXIT_SIGSEGV,
            misaligned ? "SIGBUS" : "SIGSEGV",
            `${misaligned ? "misaligned pc" : "instruction fetch from"} ${hex(exit.address)}`,
          );
        }
      }
    }
  }

  private describe(insn: number, pc: bigint): string {
    return `0x${(insn >>> 0).toString(16).padStart(8, "0")} ${this.disassemble(insn, pc)}`;
  }

  /** The instruction at `pc` for a report, or a note when it cannot be read. */
  private describeAt(pc: bigint): string {
    try {
      const bytes = this.memory.read(Number(pc), 4);
      return this.describe(new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true), pc);
    } catch {
      return "(instruction not readable)";
    }
  }

  private die(status: number, signal: string, what: string): number {
    const line = `${this.name}: ${signal}: ${what}\n`;
    this.state.io.write(2, new TextEncoder().encode(line));
    return status;
  }
}
