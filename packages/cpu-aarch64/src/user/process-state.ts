import type { AddressSpace, UserMemory } from "./address-space.js";
import { DeterministicRandom } from "./deterministic-random.js";
import { FileTable } from "./file-table.js";
import type { HostFileSystem } from "./host-fs.js";
import type { UserIo } from "./io.js";
import type { ClockSource } from "./virtual-clock.js";
import { VirtualClock } from "./virtual-clock.js";

/** The ids a process reports about itself. */
export interface ProcessIdentity {
  pid: number;
  ppid: number;
  uid: number;
  gid: number;
}

/** Deterministic defaults: the same on every host. */
export const DEFAULT_IDENTITY: ProcessIdentity = { pid: 1000, ppid: 999, uid: 1000, gid: 1000 };

/** Signal bookkeeping: handlers and masks are remembered and reported back; no signal is delivered. */
export interface SignalState {
  /** Raw 32-byte arm64 `struct sigaction` per signal number. */
  actions: Map<number, Uint8Array>;
  /** Blocked signals, bit (n-1) for signal n. */
  mask: bigint;
  /** Raw 24-byte `stack_t`. */
  altStack: Uint8Array;
}

/** What a LinuxUserState is built from. */
export interface LinuxUserStateOptions {
  /** The process's mappings (the executable is already loaded into it). */
  space: AddressSpace;
  io: UserIo;
  hostFs: HostFileSystem | null;
  /** Directory that relative paths resolve against. */
  cwd: string;
  /** What readlink("/proc/self/exe") returns. */
  execPath: string;
  seed: number;
  clock: ClockSource;
  instructionsRetired: () => number;
  identity?: ProcessIdentity;
  /** First address of the heap (page after the executable's highest segment). */
  brkStart: number;
}

/**
 * Everything a syscall can see or change of one Linux process, apart from the CPU registers:
 * mappings, brk, descriptors, signal bookkeeping, ids, clocks, the random stream, exit status.
 */
export class LinuxUserState {
  readonly space: AddressSpace;
  readonly files: FileTable;
  readonly io: UserIo;
  readonly hostFs: HostFileSystem | null;
  readonly cwd: string;
  readonly execPath: string;
  readonly random: DeterministicRandom;
  readonly clock: VirtualClock;
  readonly identity: ProcessIdentity;
  readonly brkStart: number;
  /** Current program break (brk(0) returns it). */
  brkCurrent: number;
  readonly signals: SignalState;
  /** set_tid_address pointer, kept for completeness (cleared on thread exit in Linux). */
  clearChildTid = 0;
  /** Set by exit/exit_group (or a fatal signal); the run loop stops when it is not null. */
  exitStatus: number | null = null;
  /** The signal that killed the process (then exitStatus is 128 + it), for the run loop's report. */
  fatalSignal: number | null = null;

  /** @param options see LinuxUserStateOptions */
  constructor(options: LinuxUserStateOptions) {
    this.space = options.space;
    this.io = options.io;
    this.hostFs = options.hostFs;
    this.files = new FileTable(options.hostFs);
    this.cwd = options.cwd;
    this.execPath = options.execPath;
    this.random = new DeterministicRandom(options.seed);
    this.clock = new VirtualClock(options.clock, options.instructionsRetired);
    this.identity = options.identity ?? DEFAULT_IDENTITY;
    this.brkStart = options.brkStart;
    this.brkCurrent = options.brkStart;
    const altStack = new Uint8Array(24);
    altStack[8] = 2; // ss_flags = SS_DISABLE
    this.signals = { actions: new Map(), mask: 0n, altStack };
  }

  /** The guest memory the mappings live in. */
  get memory(): UserMemory {
    return this.space.memory;
  }
}
