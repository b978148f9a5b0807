import { Cpu } from "../core/cpu.js";
import type { JitOptions } from "../core/cpu.js";
import { disassemble } from "../disasm/index.js";
import { GuestMemory } from "../memory/guest-memory.js";
import { BufferedUserIo } from "./io.js";
import type { UserIo } from "./io.js";
import type { LinuxUserProcessOptions } from "./process.js";
import { LinuxUserProcess } from "./process.js";

/** Options of runLinuxUserProgram (ARCHITECTURE.md, "User-mode runner", plus optional extras). */
export interface RunLinuxUserProgramOptions extends Omit<LinuxUserProcessOptions, "io"> {
  /** Bytes the program reads from fd 0 when `io` is not given; default empty. */
  stdin?: Uint8Array;
  /** Stops the run with a LinuxUserError ("instructionLimit") after this many instructions. */
  maxInstructions?: number;
  /** Standard streams; default: `stdin` in, stdout and stderr collected into the result. */
  io?: UserIo;
  /** Called before every instruction (slow: for --trace). */
  trace?: (pc: bigint, insn: number) => void;
  /** Run hot code as translated blocks (CpuOptions.jit; default true, false interprets every instruction). */
  jit?: boolean | JitOptions;
}

/** How a program run ended. `stdout`/`stderr` are empty when a custom `io` took the output. */
export interface LinuxUserProgramResult {
  exitCode: number;
  stdout: Uint8Array;
  stderr: Uint8Array;
  instructions: number;
}

/**
 * Builds a LinuxUserProcess on a fresh GuestMemory and Cpu: the lower-level entry point for
 * callers that want to inspect registers or memory before or after running.
 */
export function createLinuxUserProcess(
  options: LinuxUserProcessOptions & { trace?: (pc: bigint, insn: number) => void; jit?: boolean | JitOptions },
): LinuxUserProcess<GuestMemory> {
  const createCpu = (memory: GuestMemory): Cpu => {
    const cpu = new Cpu({ memory, jit: options.jit });
    if (options.trace !== undefined) cpu.traceHook = options.trace;
    return cpu;
  };
  return new LinuxUserProcess(options, new GuestMemory(), createCpu, disassemble);
}

/**
 * Runs a static AArch64 Linux executable to completion, like `qemu-aarch64`: returns its exit
 * status (132 after an undefined instruction, 139 after a fault on an unmapped address, both
 * reported on its stderr), what it wrote and how many instructions it retired. Throws
 * LinuxUserError for an image it cannot run (not ELF, not AArch64, dynamically linked, …).
 */
export function runLinuxUserProgram(options: RunLinuxUserProgramOptions): LinuxUserProgramResult {
  const buffered = options.io === undefined ? new BufferedUserIo(options.stdin) : null;
  const userProcess = createLinuxUserProcess({ ...options, io: options.io ?? buffered! });
  const { exitCode, instructions } = userProcess.run(options.maxInstructions);
  return {
    exitCode,
    instructions,
    stdout: buffered?.collected(1) ?? new Uint8Array(0),
    stderr: buffered?.collected(2) ?? new Uint8Array(0),
  };
}
