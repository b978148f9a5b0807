import type { GuestMemory } from "../memory/guest-memory.js";
import { PAGE_SIZE } from "../memory/types.js";
import { CpuError } from "./errors.js";
import { EXECUTORS } from "./executors.js";
import type { CpuExit } from "./exits.js";
import { JUMP, NEXT, SP } from "./layout.js";
import { CoreState } from "./state.js";
import { SYSREG_KEYS, readSysreg, writeSysreg } from "./sysregs.js";
import type { SysregName } from "./sysregs.js";
import { T0 } from "./layout.js";

/** The CPU implementation being modelled (identification registers, cache geometry). */
export type CpuModel = "cortex-a53";

/** Options of `new Cpu`. */
export interface CpuOptions {
  memory: GuestMemory;
  model?: CpuModel;
}

const BUDGET_EXIT: CpuExit = Object.freeze({ kind: "budget" });

function checkRegister(n: number): void {
  if (!Number.isInteger(n) || n < 0 || n > 31) throw new CpuError(`register number ${n} is not 0..31`);
}

/**
 * An AArch64 core running EL0 (user) code over a GuestMemory. `run(budget)` interprets up to
 * `budget` instructions and returns why it stopped; everything that would enter EL1 (SVC, faults,
 * UNDEFINED, BRK, WFI) is returned as an exit for the host to handle.
 *
 * ```ts
 * const memory = new GuestMemory();
 * memory.mapRam(0x400000, 0x1000).set(code);
 * const cpu = new Cpu({ memory });
 * cpu.setPC(0x400000n);
 * const exit = cpu.run(1_000_000);
 * ```
 */
export class Cpu {
  readonly memory: GuestMemory;
  readonly model: CpuModel;
  /** When set, called before each instruction (slow; for tracing). */
  traceHook: ((pc: bigint, insn: number) => void) | null = null;
  private readonly state: CoreState;

  constructor(options: CpuOptions) {
    this.memory = options.memory;
    this.model = options.model ?? "cortex-a53";
    this.state = new CoreState(options.memory);
  }

  /** Instructions retired since the CPU was created (SVC/WFI/WFE count; faulting ones do not). */
  get instructionsRetired(): number {
    return this.state.retired;
  }

  /** X[n] for n 0..30; 31 reads as XZR (0). */
  getX(n: number): bigint {
    checkRegister(n);
    return this.state.x[n]!;
  }

  /** Sets X[n] (n 0..30; writes to 31, XZR, are ignored). */
  setX(n: number, value: bigint): void {
    checkRegister(n);
    if (n !== 31) this.state.x[n] = BigInt.asUintN(64, value);
  }

  getSP(): bigint {
    return this.state.x[SP]!;
  }

  setSP(value: bigint): void {
    this.state.x[SP] = BigInt.asUintN(64, value);
  }

  getPC(): bigint {
    return this.state.pcBig();
  }

  setPC(value: bigint): void {
    this.state.setPcBig(value);
  }

  /** NZCV in bits 31..28, as the NZCV system register holds it. */
  getNZCV(): number {
    return (this.state.nzcv << 28) >>> 0;
  }

  setNZCV(value: number): void {
    this.state.nzcv = (value >>> 28) & 15;
  }

  /** Reads a system register EL0 can see (CNTVCT_EL0 follows the retired-instruction count). */
  getSysreg(name: SysregName): bigint {
    const key = SYSREG_KEYS[name];
    if (key === undefined || !readSysreg(this.state, key)) throw new CpuError(`unknown system register ${name}`);
    return this.state.x[T0]!;
  }

  /** Writes a system register; the host may also set TPIDRRO_EL0. Read-only ones throw CpuError. */
  setSysreg(name: SysregName, value: bigint): void {
    const key = SYSREG_KEYS[name];
    const v = BigInt.asUintN(64, value);
    const lo = Number(v & 0xffffffffn);
    const hi = Number(v >> 32n);
    if (key === undefined || !writeSysreg(this.state, key, lo, hi, true)) {
      throw new CpuError(`system register ${name} cannot be written`);
    }
  }

  /** Forgets the exclusive monitor (as an exception return does). */
  clearExclusiveMonitor(): void {
    this.state.exclusiveArmed = false;
  }

  /** Executes at most `budget` instructions; returns why it stopped. */
  run(budget: number): CpuExit {
    const s = this.state;
    s.exit = null;
    if (s.pcHigh || s.pc % 4 !== 0) {
      const pc = s.pcBig();
      return s.pcHigh
        ? { kind: "instructionAbort", address: pc, pc }
        : { kind: "instructionAbort", address: pc, pc, alignment: true };
    }
    s.syncEpoch();
    const executors = EXECUTORS;
    const trace = this.traceHook;
    const end = s.retired + budget;
    // The current code page is kept in locals; it is reloaded whenever control leaves the
    // straight line (a branch, a decode, a page crossing), which is when it can change.
    let code = s.code;
    let codeBase = s.codeBase;
    while (s.retired < end) {
      const pc = s.pc;
      let off = pc - codeBase;
      if (!(off >= 0 && off < PAGE_SIZE)) {
        if (!s.enterCodePage()) return s.exit!;
        code = s.code;
        codeBase = s.codeBase;
        off = pc - codeBase;
      }
      const slot = off >>> 2;
      const executor = code[slot]!;
      if (trace !== null) trace(s.pcBig(), executor === 0 ? s.fetchWord() >>> 0 : code[slot + 1024]! >>> 0);
      const result = executors[executor]!(s, code[slot + 1024]!);
      if (result === NEXT) {
        s.pc = pc + 4;
        s.retired++;
        if (executor !== 0) continue;
      } else if (result === JUMP) {
        s.retired++;
      } else {
        const exit = s.exit!;
        if (exit.kind === "svc" || exit.kind === "wfi" || exit.kind === "wfe") s.retired++;
        return exit;
      }
      code = s.code;
      codeBase = s.codeBase;
    }
    return BUDGET_EXIT;
  }
}
