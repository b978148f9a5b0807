import type { GicSystemRegisterPort } from "../gicv3/icc-registers.js";
import type { GuestMemory } from "../memory/guest-memory.js";
import { CpuError } from "./errors.js";
import { ENDS_STRAIGHT_RUN, EXECUTORS } from "./executors.js";
import { addW, andW, bicW, eorW, movz, orrW, sbfxLowX, subW, subsW } from "./exec/hot.js";
import { adcX, addX, addXExtended, addsX, andImmX, cselX, csincX, lslImmX, lsrImmX, maddX, orrX, subX, subsX } from "./exec/hot-x.js";
import {
  ldp, ldrWImmediate, ldrXImmediate, ldrXRegister, ldrbImmediate, stp, strWImmediate, strXImmediate, strXRegister, strbImmediate,
} from "./exec/hot-load-store.js";
import { b, bCond, bl, br, cbnz, cbz, tbnz, tbz } from "./exec/branch.js";
import { addImm, addsImm, subImm, subsImm } from "./exec/dp-immediate.js";
import type { CpuExit } from "./exits.js";
import { BlockTranslator } from "./jit/block-translator.js";
import type { Block } from "./jit/page-translations.js";
import type { TranslationCache } from "./jit/block-translator.js";
import { FPCR, FPSR, PC_HIGH, SP, STOP, TPIDRRO_EL0, TPIDR_EL0 } from "./layout.js";
import { CoreState, V_FILE_BYTES } from "./state.js";
import { FPCR_MASK, FPSR_MASK } from "./sysregs.js";
import { SYSREG_KEYS, readSysreg, writeSysreg } from "./sysregs.js";
import type { SysregName } from "./sysregs.js";
import { T0 } from "./layout.js";
import { runSystemLevel } from "./system-driver.js";
import { SystemLevel } from "./system-level.js";
import type { TakenException } from "./system-level.js";
import { packSpsr, unpackSpsr } from "../system/exceptions.js";
import type { VectorKind } from "../system/exceptions.js";
import type { HypTrapConfig } from "../system/hyp-traps.js";
import type { Pstate } from "../system/pstate.js";
import { describeEsr } from "../system/syndrome.js";
import { SEL4_VCPU_REGS, TRANSLATION_REGISTERS } from "../system/sysreg-file.js";
import type { GenericTimer } from "../timer/generic-timer.js";
import { USER_CONTEXT_ORDER } from "./user-context.js";
import { primeInterpreter } from "./interpreter-priming.js";

/** The CPU implementation being modelled (identification registers, cache geometry). */
export type CpuModel = "cortex-a53";

/** Options of `new Cpu`. */
export interface CpuOptions {
  memory: GuestMemory;
  model?: CpuModel;
  /**
   * "user" (default): EL0 only, every exception is an exit for the host (the Linux user-mode
   * runner). "system": starts at EL1h with the MMU off and DAIF masked; exceptions go to the
   * VBAR_EL1 vectors and `run` returns only exits for the hypervisor (see SYSTEM.md).
   */
  level?: "user" | "system";
  /** System level: HCR_EL2-style traps (default none: a bare-metal machine). */
  hypTraps?: HypTrapConfig;
  /** System level: CPU index (MPIDR_EL1 affinity). */
  cpuIndex?: number;
  /**
   * System level: drive this CPU's physical IRQ input from its own timer outputs (default true,
   * a machine without an interrupt controller). With false, `run` returns a `timer` exit when an
   * output changes and the host routes it.
   */
  timerToIrq?: boolean;
  /**
   * System level: the GICv3 CPU interface behind the ICC_* system registers (for a guest with
   * HCR_EL2.IMO, a {@link GicV3VirtualInterface}). Absent (default), the machine has a GICv2:
   * ICC_* accesses are UNDEFINED and ID_AA64PFR0_EL1.GIC reads 0.
   */
  gicv3?: GicSystemRegisterPort;
  /**
   * Translate hot code into JavaScript functions (`new Function`): native JavaScript for the
   * frequent integer instructions, calls of the interpreter's executors for the rest (default
   * true; false interprets every instruction). Architecturally identical to the interpreter,
   * including instruction counts and where exceptions are taken; off while `traceHook` is set,
   * and off by itself where the host forbids `new Function`.
   */
  jit?: boolean | JitOptions;
}

/** Tuning of the block translator (`CpuOptions.jit`). */
export interface JitOptions {
  /**
   * Times the interpreter enters an instruction before a block is translated from it, 1..65535
   * (default 16384: only hot code repays its compile; tests use 1 so that every block runs
   * translated).
   */
  threshold?: number;
  /**
   * Runs of a translated block (entries and loop iterations) that call the interpreter's
   * executors before it is translated again into native code: guest registers in JavaScript
   * locals, lazy NZCV, the TLB hit path inline, direct chaining (default 0: native code at once;
   * a block is hot by the time it is translated).
   */
  nativeAfter?: number;
  /**
   * Native instructions a block needs to be translated at `threshold` entries (default 8); one
   * with n < minNative waits for ceil(minNative / n) times as many, as it gains less per run,
   * unless it ends in RET (a function's epilogue, which the blocks before it then chain into).
   * 0 translates every block at the threshold (tests).
   */
  minNative?: number;
  /** Compiled blocks to share with other CPUs or runs of the same code (default: this CPU's own). */
  cache?: TranslationCache;
}

/** A guest PC profiler attached to a core (`Cpu.pcSampler`). */
export interface PcSampler {
  /** Retired instructions between samples (a whole number, at least 1). */
  readonly interval: number;
  /** Called with the address of the next instruction each time `interval` more have retired. */
  sample(pc: bigint): void;
}

/** An interrupt input of the CPU. */
export type InterruptLine = "irq" | "fiq" | "serror";

const BUDGET_EXIT: CpuExit = Object.freeze({ kind: "budget" });

/**
 * Bytes of a saved FP/AdvSIMD context (`saveFpState`): V0–V31 (16 bytes each, little-endian),
 * then FPSR and FPCR as 32-bit little-endian words: the layout of seL4's `user_fpu_state_t`.
 */
export const FP_STATE_BYTES = V_FILE_BYTES + 8;

const MASK_128 = (1n << 128n) - 1n;

/** seL4_UserContext words (pc, sp and spsr first, then what the register file holds). */
const USER_CONTEXT_WORDS = USER_CONTEXT_ORDER.length;
/**
 * Register-file slot of seL4_UserContext word i for i ≥ 3 (X registers, TPIDR_EL0, TPIDRRO_EL0),
 * so that a context switch moves them as 32-bit halves: no bigint per register.
 */
const CONTEXT_SLOTS = Int32Array.from(USER_CONTEXT_ORDER, (reg, i) => {
  if (i < 3) return -1;
  if (typeof reg === "number") return reg;
  if (reg === "tpidr_el0") return TPIDR_EL0;
  if (reg === "tpidrro_el0") return TPIDRRO_EL0;
  throw new CpuError(`seL4_UserContext word ${i} (${reg}) has no register-file slot`);
});
/** A seL4_UserContext buffer seen as 36 words and as 72 halves. */
function newContextScratch(): { readonly whole: BigUint64Array; readonly halves: Uint32Array } {
  const whole = new BigUint64Array(USER_CONTEXT_WORDS);
  return { whole, halves: new Uint32Array(whole.buffer) };
}
if (USER_CONTEXT_ORDER[0] !== "pc" || USER_CONTEXT_ORDER[1] !== "sp" || USER_CONTEXT_ORDER[2] !== "spsr") {
  throw new CpuError("seL4_UserContext must start with pc, sp, spsr");
}

function writeU32le(out: Uint8Array, at: number, value: number): void {
  out[at] = value & 0xff;
  out[at + 1] = (value >>> 8) & 0xff;
  out[at + 2] = (value >>> 16) & 0xff;
  out[at + 3] = (value >>> 24) & 0xff;
}

function readU32le(bytes: Uint8Array, at: number): number {
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
}

/**
 * The exit an instruction stopped with (s.exit). SVC, WFI and WFE complete before they exit, so
 * they count as retired; a fault's instruction does not.
 */
function retireTrappedInstruction(s: CoreState): CpuExit {
  const exit = s.exit!;
  if (exit.kind === "svc" || exit.kind === "wfi" || exit.kind === "wfe") s.retired++;
  return exit;
}

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
  /**
   * When set, `run` pauses every `interval` retired instructions to hand the PC to it: a cheap
   * profiler. Instructions, exits and guest state are exactly those of a run without it (a run
   * is already made of slices that can end anywhere).
   */
  pcSampler: PcSampler | null = null;
  /** Retired-instruction count at which the sampler takes its next sample. */
  private nextSampleAt = 0;
  /** "user" or "system" (see CpuOptions.level). */
  readonly level: "user" | "system";
  private readonly state: CoreState;
  private readonly translator: BlockTranslator | null;

  constructor(options: CpuOptions) {
    this.memory = options.memory;
    this.model = options.model ?? "cortex-a53";
    this.state = new CoreState(options.memory);
    this.vFile = this.state.vu8.subarray(0, V_FILE_BYTES);
    this.level = options.level ?? "user";
    const jit = options.jit ?? true;
    this.translator = jit === false ? null : new BlockTranslator(jit === true ? {} : jit);
    if (this.level === "system") {
      this.state.system = new SystemLevel(this.state, {
        cpuIndex: options.cpuIndex,
        hypTraps: options.hypTraps,
        timerToIrq: options.timerToIrq,
        gic: options.gicv3,
      });
    }
  }

  /** Whether hot code runs as translated blocks (CpuOptions.jit, and the host allows it). */
  get jit(): boolean {
    return this.translator !== null && this.translator.available;
  }

  /** Blocks the translator has made so far (0 without `jit`). */
  get translatedBlocks(): number {
    return this.translator?.translated ?? 0;
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

  /** Sets the PC. At the system level, moving it ends a WFI/WFE wait (a legal spurious wake-up). */
  setPC(value: bigint): void {
    const system = this.state.system;
    if (system !== null && system.waiting !== "none" && BigInt.asUintN(64, value) !== this.state.pcBig()) {
      system.waiting = "none";
    }
    this.state.setPcBig(value);
  }

  /** NZCV in bits 31..28, as the NZCV system register holds it. */
  getNZCV(): number {
    return (this.state.nzcv << 28) >>> 0;
  }

  setNZCV(value: number): void {
    this.state.nzcv = (value >>> 28) & 15;
  }

  /** V[n] (n 0..31) as an unsigned 128-bit value. */
  getV(n: number): bigint {
    checkRegister(n);
    const v = this.state.vu64;
    return (v[2 * n + 1]! << 64n) | v[2 * n]!;
  }

  /** Sets V[n] (n 0..31) to `value` mod 2^128. */
  setV(n: number, value: bigint): void {
    checkRegister(n);
    const v = BigInt.asUintN(128, value) & MASK_128;
    this.state.vu64[2 * n] = BigInt.asUintN(64, v);
    this.state.vu64[2 * n + 1] = v >> 64n;
  }

  /** FPCR (AHP, DN, FZ, RMode hold state; other bits read as zero). */
  getFPCR(): number {
    return this.state.u32[2 * FPCR]! >>> 0;
  }

  setFPCR(value: number): void {
    this.state.u32[2 * FPCR] = value & FPCR_MASK;
  }

  /** FPSR (QC and the cumulative exception flags IDC, IXC, UFC, OFC, DZC, IOC). */
  getFPSR(): number {
    return this.state.u32[2 * FPSR]! >>> 0;
  }

  setFPSR(value: number): void {
    this.state.u32[2 * FPSR] = value & FPSR_MASK;
  }

  /** A copy of the FP/AdvSIMD context in the layout described at {@link FP_STATE_BYTES}. */
  saveFpState(): Uint8Array {
    const out = new Uint8Array(FP_STATE_BYTES);
    out.set(this.state.vu8.subarray(0, V_FILE_BYTES));
    const words = new DataView(out.buffer);
    words.setUint32(V_FILE_BYTES, this.getFPSR(), true);
    words.setUint32(V_FILE_BYTES + 4, this.getFPCR(), true);
    return out;
  }

  /** Like {@link saveFpState}, into `out` (at least FP_STATE_BYTES bytes) instead of a new array: no allocation per context switch. */
  saveFpStateInto(out: Uint8Array): void {
    if (out.length < FP_STATE_BYTES) throw new CpuError(`saveFpStateInto: the array holds ${out.length} bytes; it needs ${FP_STATE_BYTES} (V0-V31, FPSR, FPCR)`);
    out.set(this.vFile);
    writeU32le(out, V_FILE_BYTES, this.getFPSR());
    writeU32le(out, V_FILE_BYTES + 4, this.getFPCR());
  }

  /** Loads an FP/AdvSIMD context saved by `saveFpState` (exactly FP_STATE_BYTES bytes). */
  restoreFpState(bytes: Uint8Array): void {
    if (bytes.length !== FP_STATE_BYTES) {
      throw new CpuError(`restoreFpState: expected ${FP_STATE_BYTES} bytes (V0-V31, FPSR, FPCR), got ${bytes.length}`);
    }
    this.state.vu8.set(bytes.subarray(0, V_FILE_BYTES));
    this.setFPSR(readU32le(bytes, V_FILE_BYTES));
    this.setFPCR(readU32le(bytes, V_FILE_BYTES + 4));
  }

  /**
   * Reads a system register EL0 can see (CNTVCT_EL0 follows virtual time). At the system level
   * this is `readSystemRegister(name)`.
   */
  getSysreg(name: SysregName): bigint {
    if (this.state.system !== null) return this.readSystemRegister(name);
    const key = SYSREG_KEYS[name];
    if (key === undefined || !readSysreg(this.state, key)) throw new CpuError(`unknown system register ${name}`);
    return this.state.x[T0]!;
  }

  /** Writes a system register; the host may also set TPIDRRO_EL0. Read-only ones throw CpuError. */
  setSysreg(name: SysregName, value: bigint): void {
    if (this.state.system !== null) return this.writeSystemRegister(name, value);
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
    return this.pcSampler === null ? this.runSlice(budget) : this.runSampled(budget, this.pcSampler);
  }

  /** `run` with a PC sample each `sampler.interval` instructions: slices that end at the samples. */
  private runSampled(budget: number, sampler: PcSampler): CpuExit {
    const s = this.state;
    const end = s.retired + budget;
    if (this.nextSampleAt <= s.retired) this.nextSampleAt = s.retired + sampler.interval;
    for (;;) {
      const exit = this.runSlice(Math.min(end, this.nextSampleAt) - s.retired);
      if (s.retired >= this.nextSampleAt) {
        sampler.sample(s.pcBig());
        this.nextSampleAt = s.retired + sampler.interval;
      }
      // A budget exit means the slice ran out; anything else goes to the caller as it came.
      if (exit.kind !== "budget" || s.retired >= end) return exit;
    }
  }

  private runSlice(budget: number): CpuExit {
    const system = this.state.system;
    if (system !== null) return runSystemLevel(system, this.state, budget, (n) => this.interpret(n));
    return this.interpret(budget);
  }

  // ---- system level (level: "system"); each throws CpuError on a user-level CPU ----------------

  private system(): SystemLevel {
    const system = this.state.system;
    if (system === null) throw new CpuError("this Cpu was created with level \"user\": it has no EL1 state");
    return system;
  }

  /** Reads an EL1 system register by name (SCTLR_EL1, ELR_EL1, SP_EL0, CNTV_CTL_EL0, …), unchecked. */
  readSystemRegister(name: string): bigint {
    const system = this.system();
    system.syncCounter();
    return system.sysregs.get(name);
  }

  /** Writes an EL1 system register by name, unchecked (write masks apply; translation follows). */
  writeSystemRegister(name: string, value: bigint): void {
    const system = this.system();
    system.syncCounter();
    system.sysregs.set(name, value);
    if (TRANSLATION_REGISTERS.has(name)) system.regimeChanged();
  }

  /** seL4_ARM_VCPU_ReadRegs: the register at seL4_VCPUReg `index`. */
  readVcpuReg(index: number): bigint {
    const system = this.system();
    system.syncCounter();
    return system.sysregs.readVcpuReg(index);
  }

  /** seL4_ARM_VCPU_WriteRegs: writes the register at seL4_VCPUReg `index`. */
  writeVcpuReg(index: number, value: bigint): void {
    const system = this.system();
    system.syncCounter();
    system.sysregs.writeVcpuReg(index, value);
    if (TRANSLATION_REGISTERS.has(SEL4_VCPU_REGS[index] ?? "")) system.regimeChanged();
  }

  /** PSTATE (EL, SPSel, DAIF, NZCV, IL). */
  getPstate(): Pstate {
    return this.system().pstate();
  }

  /** Installs a PSTATE, switching the stack pointer and translation with EL/SPSel. */
  setPstate(pstate: Pstate): void {
    this.system().setPstate(pstate);
  }

  /** HCR_EL2-style trap configuration in force. */
  get hypTraps(): HypTrapConfig {
    return this.system().sysregs.hypTraps;
  }

  set hypTraps(config: HypTrapConfig) {
    this.system().sysregs.hypTraps = config;
  }

  /**
   * Drives an interrupt input: `physical` lines come from the interrupt controller (with IMO/FMO
   * they go to the hypervisor as an `interrupt` exit), `virtual` ones are what EL2 injects
   * (HCR_EL2.VI/VF/VSE or a virtual CPU interface). Takes effect at the next instruction
   * boundary: a change during `run` (from a device the guest just accessed) ends the slice there.
   */
  setInterruptLine(line: InterruptLine, level: boolean, source: "physical" | "virtual" = "physical"): void {
    const inputs = this.system().inputs[source];
    if (inputs[line] === level) return;
    inputs[line] = level;
    const s = this.state;
    if (s.sliceEnd > s.retired + 1) s.sliceEnd = s.retired + 1;
  }

  /** The generic timer (outputs: `virtualIrqLevel`, `physicalIrqLevel`; `save`/`restore`). */
  get timer(): GenericTimer {
    const system = this.system();
    system.syncCounter();
    return system.timer;
  }

  /** Virtual time in counter ticks: retired instructions plus skipped idle time. */
  get counterTicks(): bigint {
    const system = this.system();
    system.syncCounter();
    return system.timer.counter;
  }

  /** After an `idle` exit: moves virtual time to the next timer deadline; false if none is set. */
  skipIdle(): boolean {
    return this.system().skipToDeadline();
  }

  /**
   * The host kept this core off the CPU while it waited (a vCPU parked in WFI): its virtual time
   * (the generic timer's counter) moves on by `instructions` instructions' worth; nothing executes.
   */
  passIdleTime(instructions: number): void {
    if (!Number.isInteger(instructions) || instructions < 0) throw new CpuError(`passIdleTime takes a whole number of instructions >= 0, got ${instructions}`);
    this.system().idleInstructions += instructions;
  }

  /** Instructions' worth of virtual time until the counter (CNTPCT) reaches `counter`; 0 if it has. */
  idleTimeUntil(counter: bigint): number {
    return this.system().instructionsUntilCounter(counter);
  }

  /**
   * Takes an exception to EL1 now, as the hypervisor injecting one would (ELR defaults to the PC;
   * ESR_EL1 and FAR_EL1 are written when given).
   */
  injectException(kind: VectorKind, options: { esr?: number; elr?: bigint; far?: bigint } = {}): void {
    const system = this.system();
    system.enterException(kind, options.esr ?? null, options.elr ?? this.getPC(), options.far ?? null);
  }

  /** The last exception taken to EL1, or null. */
  get lastException(): TakenException | null {
    return this.system().lastException;
  }

  /** One line describing an ESR value, naming system registers as this CPU's register file does. */
  describeEsr(esr: number): string {
    const state = this.state.system;
    return state === null ? describeEsr(esr) : describeEsr(esr, (key) => state.sysregs.nameOf(key));
  }

  /** The 36 registers of seL4_UserContext (aarch64) in the kernel's order (spec sel4-kernel.md §3). */
  getUserContext(): bigint[] {
    const out = new Array<bigint>(USER_CONTEXT_WORDS);
    this.readUserContextInto(out);
    return out;
  }

  /** Like {@link getUserContext}, into `out[0..35]` (a kernel's saved register file) without allocating. */
  readUserContextInto(out: { [index: number]: bigint; readonly length: number }): void {
    if (out.length < USER_CONTEXT_WORDS) throw new CpuError(`readUserContextInto: the array holds ${out.length} registers; seL4_UserContext has ${USER_CONTEXT_WORDS}`);
    const words = this.contextScratch;
    this.readUserContextWords(words.halves);
    for (let i = 0; i < USER_CONTEXT_WORDS; i++) out[i] = words.whole[i]!;
  }

  /** Like {@link setUserContext} with all 36 registers, read from `words[0..35]` (longer arrays: the rest is ignored). */
  writeUserContextFrom(words: ArrayLike<bigint>): void {
    if (words.length < USER_CONTEXT_WORDS) throw new CpuError(`writeUserContextFrom: got ${words.length} registers; seL4_UserContext has ${USER_CONTEXT_WORDS}`);
    const scratch = this.contextScratch;
    for (let i = 0; i < USER_CONTEXT_WORDS; i++) scratch.whole[i] = BigInt.asUintN(64, words[i]!);
    this.writeUserContextWords(scratch.halves);
  }

  /**
   * seL4_UserContext into `out` as 72 little-endian 32-bit halves (a Uint32Array over a saved
   * register file of 36 64-bit words): a context switch with no bigint per register.
   */
  readUserContextWords(out: Uint32Array): void {
    if (out.length < 2 * USER_CONTEXT_WORDS) throw new CpuError(`readUserContextWords: the array holds ${out.length} halves; seL4_UserContext needs ${2 * USER_CONTEXT_WORDS}`);
    const s = this.state;
    const u32 = s.u32;
    const system = s.system;
    if (s.pcHigh) {
      out[0] = u32[2 * PC_HIGH]!;
      out[1] = u32[2 * PC_HIGH + 1]!;
    } else {
      s.setXNumber(T0, s.pc);
      out[0] = u32[2 * T0]!;
      out[1] = u32[2 * T0 + 1]!;
    }
    if (system === null) {
      out[2] = u32[2 * SP]!;
      out[3] = u32[2 * SP + 1]!;
      out[4] = this.getNZCV();
    } else {
      // For a VCPU thread sp is SP_EL0 and spsr the guest's PSTATE, as the system-register reads give them.
      system.syncCounter();
      s.x[T0] = system.readHost("SP_EL0");
      out[2] = u32[2 * T0]!;
      out[3] = u32[2 * T0 + 1]!;
      out[4] = packSpsr(system.pstate());
    }
    out[5] = 0;
    for (let i = 3; i < USER_CONTEXT_WORDS; i++) {
      const slot = CONTEXT_SLOTS[i]!;
      out[2 * i] = u32[2 * slot]!;
      out[2 * i + 1] = u32[2 * slot + 1]!;
    }
  }

  /** Loads all of seL4_UserContext from 72 32-bit halves (the inverse of {@link readUserContextWords}). */
  writeUserContextWords(words: Uint32Array): void {
    if (words.length < 2 * USER_CONTEXT_WORDS) throw new CpuError(`writeUserContextWords: got ${words.length} halves; seL4_UserContext needs ${2 * USER_CONTEXT_WORDS}`);
    const s = this.state;
    const u32 = s.u32;
    const system = s.system;
    u32[2 * T0] = words[0]!;
    u32[2 * T0 + 1] = words[1]!;
    this.setPC(s.x[T0]!);
    if (system === null) {
      u32[2 * SP] = words[2]!;
      u32[2 * SP + 1] = words[3]!;
      s.nzcv = (words[4]! >>> 28) & 15;
    } else {
      system.syncCounter();
      u32[2 * T0] = words[2]!;
      u32[2 * T0 + 1] = words[3]!;
      system.writeHost("SP_EL0", s.x[T0]!);
      system.setPstate(unpackSpsr(words[4]!));
    }
    for (let i = 3; i < USER_CONTEXT_WORDS; i++) {
      const slot = CONTEXT_SLOTS[i]!;
      u32[2 * slot] = words[2 * i]!;
      u32[2 * slot + 1] = words[2 * i + 1]!;
    }
  }

  /** V0–V31 of the register file (a view made once: FP context moves copy it). */
  private readonly vFile: Uint8Array;

  /** A 36-word context as whole words and as halves (one buffer), for the bigint forms of the moves above. */
  private readonly contextScratch = newContextScratch();

  /** Writes registers in seL4_UserContext order (fewer than 36 writes a prefix). */
  setUserContext(words: readonly bigint[]): void {
    words.forEach((value, i) => {
      const reg = USER_CONTEXT_ORDER[i];
      if (reg === undefined) throw new CpuError(`seL4_UserContext has ${USER_CONTEXT_ORDER.length} registers, got ${words.length}`);
      this.writeContextRegister(reg, value);
    });
  }

  private writeContextRegister(reg: number | "pc" | "sp" | "spsr" | "tpidr_el0" | "tpidrro_el0", value: bigint): void {
    switch (reg) {
      case "pc":
        return this.setPC(value);
      case "sp":
        return this.state.system === null ? this.setSP(value) : this.writeSystemRegister("SP_EL0", value);
      case "spsr":
        if (this.state.system === null) return this.setNZCV(Number(value & 0xf0000000n));
        return this.setPstate(unpackSpsr(Number(value & 0xffffffffn)));
      case "tpidr_el0":
        return this.setSysreg("TPIDR_EL0", value);
      case "tpidrro_el0":
        return this.setSysreg("TPIDRRO_EL0", value);
      default:
        return this.setX(reg, value);
    }
  }

  /** The interpreter loop: at most `budget` instructions. */
  private interpret(budget: number): CpuExit {
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
    s.sliceEnd = s.retired + budget;
    // The current code page is kept in locals; it is reloaded whenever control leaves the
    // straight line (a branch, a decode, a page crossing), which is when it can change.
    let code = s.code;
    let codeBase = s.codeBase;
    // With the translator: the translated blocks of the current code page (see core/jit/).
    const translator = trace === null ? this.translator : null;
    let blocks = translator === null ? null : translator.pageOf(s);
    const threshold = translator === null ? 0 : translator.threshold;
    // Blocks start where control arrives other than by falling through (a branch target, after a
    // block, an instruction that ends blocks, a new page): only there does the loop look for one.
    let entry = true;
    const runEnds = ENDS_STRAIGHT_RUN;
    // s.sliceEnd, not a local: an interrupt line that changes mid-slice pulls it in to the next
    // instruction boundary (setInterruptLine), for translated blocks too.
    outer: while (s.retired < s.sliceEnd) {
      let pc = s.pc;
      let off = pc - codeBase;
      // Literals in this loop, not the imported PAGE_SIZE, BLOCK_MARK, MAX_BLOCK_INSTRUCTIONS,
      // NEXT, JUMP and CODE_SLOTS: V8 loads an imported constant at each use (hot.test.ts checks them).
      if (!(off >= 0 && off < 4096)) { // PAGE_SIZE
        if (!s.enterCodePage()) return s.exit!;
        code = s.code;
        codeBase = s.codeBase;
        off = pc - codeBase;
        if (translator !== null) blocks = translator.pageOf(s);
        entry = true;
      }
      let slot = off >>> 2;
      if (blocks !== null && entry) {
        const hits = blocks.hits;
        const count = hits[slot]!;
        let block: Block | undefined;
        if (count === 0xffff) { // BLOCK_MARK
          const found = blocks.blocks[slot]!;
          if (found !== blocks.none) block = found;
        } else if (s.sliceEnd - s.retired >= 64) { // MAX_BLOCK_INSTRUCTIONS
          // Not counted near the slice end, where blocks that do not fit are stepped through:
          // their later instructions would become block starts that nothing else enters.
          hits[slot] = count + 1;
          if (count + 1 === threshold) block = translator!.translate(s, blocks, slot);
        }
        if (block !== undefined && s.retired + block.length <= s.sliceEnd) {
          if (block.run(s, 0) === STOP) return retireTrappedInstruction(s);
          if (s.code !== code) {
            code = s.code;
            blocks = translator!.pageOf(s);
          }
          codeBase = s.codeBase;
          continue;
        }
      }
      // A straight run: instructions of this page that fall through, one after another, until
      // one branches, ends a block (where the next may start one), decodes, or the slice ends.
      // Only then does the loop above look at the PC, the page and the translated blocks again.
      for (;;) {
        const executor = code[slot]!;
        if (trace !== null) trace(s.pcBig(), executor === 0 ? s.fetchWord() >>> 0 : code[slot + 1024]! >>> 0);
        const insn = code[slot + 1024]!;
        // Direct calls for the specialised executors, which the JIT can inline; the table otherwise.
        // The labels are exec/hot.ts's ids as literals (hot.test.ts checks them): with the imported
        // names, V8 compiles a chain of compares against module bindings instead of a jump table.
        let result: number;
        switch (executor) {
          case 2: // HOT_AND_W
            result = andW(s, insn);
            break;
          case 3: // HOT_ORR_W
            result = orrW(s, insn);
            break;
          case 4: // HOT_EOR_W
            result = eorW(s, insn);
            break;
          case 5: // HOT_BIC_W
            result = bicW(s, insn);
            break;
          case 6: // HOT_ADD_W
            result = addW(s, insn);
            break;
          case 7: // HOT_SUB_W
            result = subW(s, insn);
            break;
          case 8: // HOT_B_COND
            result = bCond(s, insn);
            break;
          case 9: // HOT_SUBS_IMM
            result = subsImm(s, insn);
            break;
          case 10: // HOT_ADD_IMM
            result = addImm(s, insn);
            break;
          case 11: // HOT_SBFX_LOW_X
            result = sbfxLowX(s, insn);
            break;
          case 12: // HOT_ADD_X
            result = addX(s, insn);
            break;
          case 13: // HOT_SUB_X
            result = subX(s, insn);
            break;
          case 14: // HOT_SUBS_X
            result = subsX(s, insn);
            break;
          case 15: // HOT_ORR_X
            result = orrX(s, insn);
            break;
          case 16: // HOT_MADD_X
            result = maddX(s, insn);
            break;
          case 17: // HOT_LSR_IMM_X
            result = lsrImmX(s, insn);
            break;
          case 18: // HOT_LSL_IMM_X
            result = lslImmX(s, insn);
            break;
          case 19: // HOT_AND_IMM_X
            result = andImmX(s, insn);
            break;
          case 20: // HOT_CSEL_X
            result = cselX(s, insn);
            break;
          case 21: // HOT_CSINC_X
            result = csincX(s, insn);
            break;
          case 22: // HOT_ADDS_IMM
            result = addsImm(s, insn);
            break;
          case 23: // HOT_NOP
            result = 0; // NEXT
            break;
          case 24: // HOT_LDR_X_REG
            result = ldrXRegister(s, insn);
            break;
          case 25: // HOT_STR_X_REG
            result = strXRegister(s, insn);
            break;
          case 26: // HOT_LDR_X_IMM
            result = ldrXImmediate(s, insn);
            break;
          case 27: // HOT_STR_X_IMM
            result = strXImmediate(s, insn);
            break;
          case 28: // HOT_ADDS_X
            result = addsX(s, insn);
            break;
          case 29: // HOT_ADD_X_EXT
            result = addXExtended(s, insn);
            break;
          case 30: // HOT_ADC_X
            result = adcX(s, insn);
            break;
          case 31: // HOT_STP
            result = stp(s, insn);
            break;
          case 32: // HOT_LDP
            result = ldp(s, insn);
            break;
          case 33: // HOT_MOVZ
            result = movz(s, insn);
            break;
          case 34: // HOT_B
            result = b(s, insn);
            break;
          case 35: // HOT_BL
            result = bl(s, insn);
            break;
          case 36: // HOT_RET
            result = br(s, insn);
            break;
          case 37: // HOT_CBZ
            result = cbz(s, insn);
            break;
          case 38: // HOT_CBNZ
            result = cbnz(s, insn);
            break;
          case 39: // HOT_TBZ
            result = tbz(s, insn);
            break;
          case 40: // HOT_TBNZ
            result = tbnz(s, insn);
            break;
          case 41: // HOT_LDR_W_IMM
            result = ldrWImmediate(s, insn);
            break;
          case 42: // HOT_STR_W_IMM
            result = strWImmediate(s, insn);
            break;
          case 43: // HOT_LDRB_IMM
            result = ldrbImmediate(s, insn);
            break;
          case 44: // HOT_STRB_IMM
            result = strbImmediate(s, insn);
            break;
          case 45: // HOT_SUBS_W
            result = subsW(s, insn);
            break;
          case 46: // HOT_SUB_IMM
            result = subImm(s, insn);
            break;
          // Frequent table executors of a Linux boot, each from a call site of its own: V8 sees
          // one target there (and may inline it) instead of the megamorphic call below. The labels
          // are their ids (decoder pattern order; hot.test.ts checks the names).
          case 49: // OP ADRP
            result = executors[49]!(s, insn);
            break;
          case 54: // OP AND_i
            result = executors[54]!(s, insn);
            break;
          case 55: // OP ORR_i
            result = executors[55]!(s, insn);
            break;
          case 57: // OP ANDS_i
            result = executors[57]!(s, insn);
            break;
          case 58: // OP MOVN
            result = executors[58]!(s, insn);
            break;
          case 60: // OP MOVK
            result = executors[60]!(s, insn);
            break;
          case 63: // OP UBFM
            result = executors[63]!(s, insn);
            break;
          case 64: // OP EXTR
            result = executors[64]!(s, insn);
            break;
          case 78: // OP BLR
            result = executors[78]!(s, insn);
            break;
          case 90: // OP SYS
            result = executors[90]!(s, insn);
            break;
          case 93: // OP MRS
            result = executors[93]!(s, insn);
            break;
          case 112: // OP LDST_u
            result = executors[112]!(s, insn);
            break;
          case 114: // OP LDST_post
            result = executors[114]!(s, insn);
            break;
          case 117: // OP LDST_reg
            result = executors[117]!(s, insn);
            break;
          case 122: // OP EOR_r
            result = executors[122]!(s, insn);
            break;
          case 139: // OP CCMP_r
            result = executors[139]!(s, insn);
            break;
          case 141: // OP CCMP_i
            result = executors[141]!(s, insn);
            break;
          case 156: // OP LSLV
            result = executors[156]!(s, insn);
            break;
          case 157: // OP LSRV
            result = executors[157]!(s, insn);
            break;
          case 164: // OP REV_x
            result = executors[164]!(s, insn);
            break;
          default:
            result = executors[executor]!(s, insn);
        }
        if (result !== 0) { // NEXT
          if (result !== 1) return retireTrappedInstruction(s); // JUMP
          s.retired++;
          entry = true;
          break;
        }
        s.pc = pc += 4;
        s.retired++;
        if (executor === 0) {
          // Decoded just now: decodeAndExecute entered the code page itself.
          entry = true;
          break;
        }
        if (blocks !== null && runEnds[executor] === 1) {
          entry = true;
          continue outer;
        }
        if (++slot === 1024 || s.retired >= s.sliceEnd) { // CODE_SLOTS
          entry = false;
          continue outer;
        }
      }
      if (translator !== null && s.code !== code) blocks = translator.pageOf(s);
      code = s.code;
      codeBase = s.codeBase;
    }
    return BUDGET_EXIT;
  }
}

// Once per process: V8 sees every call site of the run loop before it optimises it.
primeInterpreter((options) => new Cpu(options));
