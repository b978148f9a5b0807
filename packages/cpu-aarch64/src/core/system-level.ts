/**
 * The EL0/EL1 system level of one core: PSTATE beyond NZCV, the banked stack pointers, the
 * system register file, the generic timer, stage-1 translation, interrupt inputs and the
 * HCR_EL2-style hypervisor configuration. Handlers in `exec/` call in here only from their
 * system-level branches, so a user-level core (no SystemLevel) pays nothing for it.
 */
import type { GicSystemRegisterPort } from "../gicv3/icc-registers.js";
import type { PageEntry } from "../memory/types.js";
import { PAGE_SIZE } from "../memory/types.js";
import { Stage1Mmu } from "../mmu/stage1-mmu.js";
import { faultStatusCode } from "../mmu/fault-status.js";
import type { Access } from "../mmu/types.js";
import type { CpuModelData } from "../system/cpu-model.js";
import {
  eretTarget,
  packSpsr,
  preferredReturnAddress,
  takenInterrupt,
  vectorOffset,
  wfeWakes,
  wfiWakes,
} from "../system/exceptions.js";
import type { ExceptionCause, PendingInterrupts, VectorKind } from "../system/exceptions.js";
import { NO_HYP_TRAPS, hvcOutcome, routeInterrupts, smcOutcome, wfxOutcome } from "../system/hyp-traps.js";
import type { HypTrapConfig, InterruptInputs, SystemException } from "../system/hyp-traps.js";
import type { Pstate } from "../system/pstate.js";
import {
  EC,
  esrBrk,
  esrClass,
  esrDataAbort,
  esrIllegalState,
  esrInstructionAbort,
  esrPcAlignment,
  esrSvc,
  esrUndefined,
  loadStoreSyndrome,
  FSC,
} from "../system/syndrome.js";
import { SysregFile } from "../system/sysreg-file.js";
import type { SysregHost } from "../system/sysreg-file.js";
import type { HostRegister } from "../system/sysreg-table.js";
import { GenericTimer } from "../timer/generic-timer.js";
import { instructionsFromTicks, ticksFromInstructions } from "../timer/virtual-time.js";
import { loadStoreShapeOf } from "./access-shape.js";
import type { CpuExit } from "./exits.js";
import { FPCR, FPSR, JUMP, NEXT, SP, STOP, TPIDRRO_EL0, TPIDR_EL0 } from "./layout.js";
import type { AddressTranslator } from "./memory-port.js";
import type { CoreState } from "./state.js";

/** Stage-2 data abort ESRs kept by instruction and fault (see SystemLevel.stage2DataAbortEsr). */
const STAGE2_ESR_CACHE_SIZE = 1024;

/**
 * What a handler stops with when the system driver must look at the CPU again before running on
 * (an interrupt may have become deliverable, or the CPU started waiting). Never returned by `run`.
 */
export const SYSTEM_EVENT: CpuExit = Object.freeze({ kind: "budget" });

/** Options of the system level (see CpuOptions). */
export interface SystemLevelOptions {
  model?: CpuModelData;
  cpuIndex?: number;
  hypTraps?: HypTrapConfig;
  /** Wire the timer outputs into this CPU's physical IRQ input (a machine without a GIC). */
  timerToIrq?: boolean;
  /** The GICv3 CPU interface behind the ICC_* registers (absent: a GICv2 machine). */
  gic?: GicSystemRegisterPort;
}

/** The last exception taken to EL1 (for crash reports). */
export interface TakenException {
  kind: VectorKind;
  esr: number;
  elr: bigint;
  far: bigint | null;
  vector: bigint;
  /** Instructions retired when it was taken. */
  retired: number;
}

const SCTLR_M = 1n;
const ESR_SERROR = (EC.SERROR << 26) | (1 << 25);

const ACCESS = {
  el1Read: { write: false, fetch: false, el0: false },
  el1Write: { write: true, fetch: false, el0: false },
  el1Fetch: { write: false, fetch: true, el0: false },
  el0Read: { write: false, fetch: false, el0: true },
  el0Write: { write: true, fetch: false, el0: true },
  el0Fetch: { write: false, fetch: true, el0: true },
} as const satisfies Record<string, Access>;

function noLines(): PendingInterrupts {
  return { irq: false, fiq: false, serror: false };
}

/** One core's EL0/EL1 state and the operations the system instructions perform on it. */
export class SystemLevel implements SysregHost, AddressTranslator {
  el: 0 | 1 = 1;
  spSel: 0 | 1 = 1;
  /** D, A, I, F as bits 3..0. */
  daif = 0xf;
  il = false;
  /** The WFE event register. */
  eventRegister = false;
  /** Set by WFI/WFE that found nothing to wake them: the driver waits for a wake-up. */
  waiting: "none" | "wfi" | "wfe" = "none";
  /** While WFE waits: the counter value of the next timer event-stream event, which wakes it. */
  private wfeEventAt: bigint | null = null;
  /** Instructions' worth of idle time skipped forward (part of virtual time). */
  idleInstructions = 0;
  /** Host-driven interrupt lines (physical from the interrupt controller, virtual from EL2). */
  readonly inputs: InterruptInputs = { physical: noLines(), virtual: noLines() };
  readonly timerToIrq: boolean;
  readonly sysregs: SysregFile;
  readonly timer: GenericTimer;
  readonly mmu: Stage1Mmu;
  lastException: TakenException | null = null;
  /** Timer output levels last reported to the host (for `timerToIrq: false`). */
  reportedTimerLevels = 0;
  /** SP_EL0 and SP_EL1 while they are not the current SP (which lives in the SP slot). */
  private readonly banked = new BigUint64Array(2);
  /** `banked` as 32-bit halves, low first (for MRS without a BigInt). */
  private readonly bankedHalves = new Uint32Array(this.banked.buffer);
  /** Where `readHost` has `readHostHalves` put a value, as one word and as its halves. */
  private readonly hostWord = new BigUint64Array(1);
  private readonly hostWordHalves = new Uint32Array(this.hostWord.buffer);
  private readonly s: CoreState;

  constructor(s: CoreState, options: SystemLevelOptions = {}) {
    this.s = s;
    this.timerToIrq = options.timerToIrq ?? true;
    this.timer = new GenericTimer();
    this.sysregs = new SysregFile({
      host: this,
      timer: this.timer,
      model: options.model,
      cpuIndex: options.cpuIndex,
      hypTraps: options.hypTraps ?? NO_HYP_TRAPS,
      gic: options.gic,
    });
    this.mmu = new Stage1Mmu((pa) => readPhys64(s, pa));
  }

  // ---- PSTATE and stack pointers -------------------------------------------------------------

  /** PSTATE as a record (NZCV from the core). */
  pstate(): Pstate {
    return {
      nzcv: this.s.nzcv,
      daif: this.daif,
      el: this.el,
      spSel: this.spSel,
      ss: false,
      il: this.il,
      pan: false,
      ssbs: false,
      btype: 0,
    };
  }

  /** Installs a PSTATE (the host's, or ERET's), switching stacks and translation as needed. */
  setPstate(p: Pstate): void {
    this.s.nzcv = p.nzcv & 15;
    this.daif = p.daif & 15;
    this.il = p.il;
    this.selectStack(p.el, p.el === 0 ? 0 : p.spSel);
  }

  private stackIndex(): 0 | 1 {
    return this.el === 1 && this.spSel === 1 ? 1 : 0;
  }

  /** Changes EL and SPSel, moving the current SP to its bank and loading the new one. */
  selectStack(el: 0 | 1, spSel: 0 | 1): void {
    const before = this.stackIndex();
    const elBefore = this.el;
    this.el = el;
    this.spSel = spSel;
    const after = this.stackIndex();
    const x = this.s.x;
    if (before !== after) {
      this.banked[before] = x[SP]!;
      x[SP] = this.banked[after]!;
    }
    // EL0 and EL1 permissions differ under stage 1: loads and stores switch to the data TLBs of
    // the new EL's rights, and the code page and fetch cache are redone (with the MMU off
    // nothing cached depends on the EL, and both TLB sets hold the same physical pages).
    if (elBefore !== el) {
      this.s.useUnprivilegedTlbs(el === 0);
      if (this.s.translator !== null) {
        this.s.forgetFetches();
        this.s.codeBase = -Infinity;
      }
    }
  }

  // ---- SysregHost ----------------------------------------------------------------------------

  /** @inheritdoc */
  readHost(name: HostRegister): bigint {
    this.readHostHalves(name, this.hostWordHalves, 0);
    return this.hostWord[0]!;
  }

  /** @inheritdoc */
  readHostHalves(name: HostRegister, out: Uint32Array, at: number): void {
    const u32 = this.s.u32;
    switch (name) {
      case "NZCV":
        setHalves(out, at, (this.s.nzcv << 28) >>> 0);
        return;
      case "DAIF":
        setHalves(out, at, this.daif << 6);
        return;
      case "SPSel":
        setHalves(out, at, this.spSel);
        return;
      case "SP_EL0":
        if (this.stackIndex() === 0) copyHalves(u32, SP, out, at);
        else copyHalves(this.bankedHalves, 0, out, at);
        return;
      case "SP_EL1":
        if (this.stackIndex() === 1) copyHalves(u32, SP, out, at);
        else copyHalves(this.bankedHalves, 1, out, at);
        return;
      case "FPCR":
        copyHalves(u32, FPCR, out, at);
        return;
      case "FPSR":
        copyHalves(u32, FPSR, out, at);
        return;
      case "TPIDR_EL0":
        copyHalves(u32, TPIDR_EL0, out, at);
        return;
      case "TPIDRRO_EL0":
        copyHalves(u32, TPIDRRO_EL0, out, at);
    }
  }

  /** @inheritdoc */
  writeHost(name: HostRegister, value: bigint): void {
    const x = this.s.x;
    switch (name) {
      case "NZCV":
        this.s.nzcv = Number((value >> 28n) & 15n);
        return;
      case "DAIF":
        this.daif = Number((value >> 6n) & 15n);
        return;
      case "SPSel":
        this.selectStack(this.el, this.el === 0 ? 0 : (Number(value & 1n) as 0 | 1));
        return;
      case "SP_EL0":
        if (this.stackIndex() === 0) x[SP] = value;
        else this.banked[0] = value;
        return;
      case "SP_EL1":
        if (this.stackIndex() === 1) x[SP] = value;
        else this.banked[1] = value;
        return;
      case "FPCR":
        x[FPCR] = value;
        return;
      case "FPSR":
        x[FPSR] = value;
        return;
      case "TPIDR_EL0":
        x[TPIDR_EL0] = value;
        return;
      case "TPIDRRO_EL0":
        x[TPIDRRO_EL0] = value;
    }
  }

  /** @inheritdoc */
  pendingInterrupts(): PendingInterrupts {
    return this.routedLines().el1;
  }

  // ---- time and interrupts -------------------------------------------------------------------

  /** Brings the timer's counter up to the virtual time of the core. */
  syncCounter(): void {
    // Only this sets the counter, so it is still right when no instruction time has passed.
    const instructions = this.s.retired + this.idleInstructions;
    if (instructions === this.syncedAt) return;
    this.syncedAt = instructions;
    this.timer.setCounter(ticksFromInstructions(instructions));
  }

  /** The instruction time the counter was last brought up to (-1: never). */
  private syncedAt = -1;

  /** Timer output levels as bits: 1 virtual, 2 physical. */
  timerLevels(): number {
    return (this.timer.virtualIrqLevel ? 1 : 0) | (this.timer.physicalIrqLevel ? 2 : 0);
  }

  /** Lines EL1 sees and lines that belong to the hypervisor, after IMO/FMO routing. */
  routedLines(): { el1: PendingInterrupts; el2: PendingInterrupts } {
    this.syncCounter();
    let physical = this.inputs.physical;
    if (this.timerToIrq && this.timerLevels() !== 0) physical = { ...physical, irq: true };
    return routeInterrupts({ physical, virtual: this.inputs.virtual }, this.sysregs.hypTraps);
  }

  /** Instructions until the timer's next deadline, or null when no output will rise. */
  instructionsToDeadline(): number | null {
    this.syncCounter();
    const at = this.timer.nextDeadline();
    if (at === null) return null;
    const target = instructionsFromTicks(at);
    return Math.max(1, target - (this.s.retired + this.idleInstructions));
  }

  /** Counter value at which the waiting WFI/WFE is next woken by time, or null (never). */
  wakeAt(): bigint | null {
    this.syncCounter();
    const timer = this.timer.nextDeadline();
    const event = this.waiting === "wfe" ? this.wfeEventAt : null;
    if (timer === null || event === null) return timer ?? event;
    return timer < event ? timer : event;
  }

  /** Skips idle time to the next wake-up (`wakeAt`); false when nothing will wake the CPU. */
  skipToDeadline(): boolean {
    const at = this.wakeAt();
    if (at === null) return false;
    const target = instructionsFromTicks(at);
    this.idleInstructions += Math.max(1, target - (this.s.retired + this.idleInstructions));
    return true;
  }

  /** Instructions' worth of time from now until the counter reaches `counter` (0 if it has). */
  instructionsUntilCounter(counter: bigint): number {
    return Math.max(0, instructionsFromTicks(counter) - (this.s.retired + this.idleInstructions));
  }

  /** True when the waiting WFI/WFE would complete now. */
  wakes(): boolean {
    const lines = this.routedLines();
    const el2 = lines.el2.irq || lines.el2.fiq || lines.el2.serror;
    if (this.waiting === "wfe") {
      const streamEvent = this.wfeEventAt !== null && this.timer.counter >= this.wfeEventAt;
      return el2 || streamEvent || wfeWakes(this.eventRegister, lines.el1, this.daif);
    }
    return el2 || wfiWakes(lines.el1);
  }

  /** Takes the highest-priority unmasked interrupt, if any; returns true when one was taken. */
  takeInterrupt(lines: PendingInterrupts): boolean {
    const kind = takenInterrupt(lines, this.daif);
    if (kind === null) return false;
    this.enterException(kind, kind === "serror" ? ESR_SERROR : null, this.s.pcBig(), null);
    return true;
  }

  // ---- exception entry and return ------------------------------------------------------------

  /**
   * Takes an exception to EL1: saves PSTATE in SPSR_EL1 and the return address in ELR_EL1, sets
   * ESR_EL1 (when `esr` is not null) and FAR_EL1 (when `far` is not null), masks DAIF, selects
   * SP_EL1 and branches to the vector. Returns the handler code to continue with (JUMP).
   */
  enterException(kind: VectorKind, esr: number | null, elr: bigint, far: bigint | null): number {
    const s = this.s;
    const f = this.sysregs;
    const from = { el: this.el, spSel: this.spSel };
    f.set("SPSR_EL1", BigInt(packSpsr(this.pstate())));
    f.set("ELR_EL1", elr);
    if (esr !== null) f.set("ESR_EL1", BigInt(esr >>> 0));
    if (far !== null) f.set("FAR_EL1", far);
    this.daif = 0xf;
    this.il = false;
    this.waiting = "none";
    this.selectStack(1, 1);
    const vector = BigInt.asUintN(64, f.get("VBAR_EL1") + BigInt(vectorOffset(kind, from)));
    this.lastException = { kind, esr: esr ?? 0, elr, far, vector, retired: s.retired };
    s.setPcBig(vector);
    s.codeBase = -Infinity;
    return JUMP;
  }

  /** A synchronous exception raised by the instruction at the PC. */
  synchronous(esr: number, cause: ExceptionCause, far: bigint | null = null): number {
    return this.enterException("sync", esr, preferredReturnAddress(cause, this.s.pcBig()), far);
  }

  /** Carries out a SystemException: to the EL1 vectors, or as an exit to the hypervisor. */
  raise(ex: SystemException): number {
    if (ex.target === 1) return this.synchronous(ex.esr, ex.cause);
    const s = this.s;
    const pc = s.pcBig();
    switch (esrClass(ex.esr)) {
      case EC.HVC64:
        s.pc += 4;
        s.retired++;
        s.exit = { kind: "hvc", imm16: ex.esr & 0xffff, esr: ex.esr, pc };
        break;
      case EC.SMC64:
        s.exit = { kind: "smc", imm16: ex.esr & 0xffff, esr: ex.esr, pc };
        break;
      case EC.WFX:
        s.exit = { kind: "wfxTrap", isWfe: (ex.esr & 1) === 1, esr: ex.esr, pc };
        break;
      case EC.FP_ACCESS:
        s.exit = { kind: "fpTrap", esr: ex.esr, pc };
        break;
      default:
        s.exit = { kind: "sysregTrap", esr: ex.esr, pc };
    }
    return STOP;
  }

  /** ERET: restores PSTATE from SPSR_EL1 and the PC from ELR_EL1 (UNDEFINED at EL0). */
  eret(insn: number): number {
    const s = this.s;
    if (this.el === 0) return this.undefinedInstruction(insn);
    const f = this.sysregs;
    const spsr = Number(f.get("SPSR_EL1") & 0xffffffffn);
    const target = f.get("ELR_EL1");
    const result = eretTarget(spsr, this.pstate());
    this.setPstate(result.pstate);
    s.exclusiveArmed = false;
    this.eventRegister = true;
    s.setPcBig(target);
    s.codeBase = -Infinity;
    if (result.illegal) return this.enterException("sync", esrIllegalState(), target, null);
    s.retired++;
    return this.recheck();
  }

  /** Stops so that the driver looks for a deliverable interrupt before the next instruction. */
  recheck(): number {
    this.s.exit = SYSTEM_EVENT;
    return STOP;
  }

  /** Completes the current (non-branching) instruction and stops for the driver. */
  nextAndRecheck(): number {
    this.s.pc += 4;
    this.s.retired++;
    return this.recheck();
  }

  /** Completes the current instruction and makes the run loop reload its code page. */
  nextAndReload(): number {
    this.s.pc += 4;
    this.s.codeBase = -Infinity;
    return JUMP;
  }

  /**
   * FP/AdvSIMD access check for the instruction at the PC: CPACR_EL1.FPEN traps EL0/EL1 to EL1,
   * then the hypervisor's CPTR_EL2.TFP to EL2 (both EC 0x07). NEXT when enabled, otherwise the
   * handler code after raising the trap.
   */
  checkFp(): number {
    const ex = this.sysregs.fpAccessCheck(this.el);
    return ex === null ? NEXT : this.raise(ex);
  }

  /** An UNDEFINED instruction: EC 0x00 to EL1, ELR = the instruction. */
  undefinedInstruction(_insn: number): number {
    return this.synchronous(esrUndefined(), "undefined");
  }

  /** SVC #imm16: EC 0x15 to EL1, ELR = the next instruction. */
  svc(imm16: number): number {
    return this.enterException("sync", esrSvc(imm16), BigInt.asUintN(64, BigInt(this.s.pc + 4)), null);
  }

  /** BRK #imm16: EC 0x3C to EL1, ELR = the BRK. */
  brk(imm16: number): number {
    return this.synchronous(esrBrk(imm16), "brk");
  }

  /** HVC #imm16: an exit for the hypervisor, or UNDEFINED (EL0, or HVC disabled). */
  hvc(imm16: number): number {
    return this.raise(hvcOutcome(this.el, imm16, this.sysregs.hypTraps));
  }

  /** SMC #imm16: an exit when the hypervisor traps it (TSC), else UNDEFINED. */
  smc(imm16: number): number {
    return this.raise(smcOutcome(this.el, imm16, this.sysregs.hypTraps));
  }

  /**
   * A branch to an address at or above 2^53, which the core cannot hold as a number: nothing is
   * mapped there, so it is a translation fault (level 0) on the fetch.
   */
  unreachablePc(): number {
    const pc = this.s.pcBig();
    const ec = this.el === 0 ? EC.INSTRUCTION_ABORT_LOWER : EC.INSTRUCTION_ABORT_SAME;
    return this.enterException("sync", esrInstructionAbort({ ec, ifsc: FSC.translation(0) }), pc, pc);
  }

  /** PC alignment fault at a misaligned branch target (already in the PC): FAR = ELR = target. */
  pcAlignment(): number {
    const pc = this.s.pcBig();
    return this.enterException("sync", esrPcAlignment(), pc, pc);
  }

  /** WFI/WFE: complete, wait for a wake-up, or trap (SCTLR_EL1.nTWx to EL1, HCR TWx to EL2). */
  waitFor(isWfe: boolean): number {
    if (isWfe && this.eventRegister) {
      this.eventRegister = false;
      return NEXT;
    }
    this.waiting = isWfe ? "wfe" : "wfi";
    this.wfeEventAt = null;
    const wouldWait = !this.wakes();
    this.waiting = "none";
    const outcome = wfxOutcome(isWfe, this.el, this.sysregs.get("SCTLR_EL1"), this.sysregs.hypTraps, wouldWait);
    if (outcome !== "execute") return this.raise(outcome);
    // Completing because an interrupt is pending: back to the run loop, which takes it (or exits
    // to the hypervisor for a physical one) before the next instruction.
    if (!wouldWait) return this.nextAndRecheck();
    this.waiting = isWfe ? "wfe" : "wfi";
    this.wfeEventAt = isWfe ? this.timer.nextEventStreamDeadline() : null;
    return this.nextAndRecheck();
  }

  /** SEV/SEVL: one core, so both just set the event register. */
  sendEvent(): void {
    this.eventRegister = true;
  }

  /** Re-reads SCTLR/TCR/TTBRs/MAIR into the MMU, turning translation on or off. */
  regimeChanged(): void {
    const regime = this.sysregs.translationRegime();
    this.mmu.setRegime(regime);
    this.s.translator = (regime.sctlr & SCTLR_M) !== 0n ? this : null;
    this.translationChanged();
  }

  /** Forgets the cached translations of one VA page outside the MMU's TLB (VA[55:12] as TLBI gives it). */
  pageTranslationChanged(vaLo: number, hi24: number): void {
    this.s.invalidatePage(vaLo, hi24);
    this.s.codeBase = -Infinity;
  }

  /** Forgets every cached translation outside the MMU's TLB (data TLBs, the current code page). */
  translationChanged(): void {
    this.s.flushTlb();
    this.s.codeBase = -Infinity;
  }

  // ---- translation (AddressTranslator) -------------------------------------------------------

  /** @inheritdoc */
  translate(lo: number, hi: number, write: boolean, fetch: boolean): number {
    const el0 = this.el === 0 || this.s.unprivileged;
    const access = fetch
      ? el0
        ? ACCESS.el0Fetch
        : ACCESS.el1Fetch
      : write
        ? el0
          ? ACCESS.el0Write
          : ACCESS.el1Write
        : el0
          ? ACCESS.el0Read
          : ACCESS.el1Read;
    const pa = this.mmu.translate(lo, hi, access);
    if (pa < 0) {
      const fault = this.mmu.lastFault!;
      const s = this.s;
      s.faultStage2 = fault.s1ptw;
      s.faultS1ptw = fault.s1ptw;
      s.faultIpa = fault.ipa ?? 0;
      s.faultStatus = fault.s1ptw ? FSC.translation(3) : faultStatusCode(fault.fault, fault.level);
    }
    return pa;
  }

  // ---- aborts --------------------------------------------------------------------------------

  /**
   * Reports the data abort the last access recorded: an EL1 exception for a stage-1 or alignment
   * fault, an exit for the hypervisor when the IPA has nothing behind it.
   */
  dataAbort(insn: number): number {
    const s = this.s;
    const far = (BigInt(s.faultHi >>> 0) << 32n) | BigInt(s.faultLo >>> 0);
    const wnr = s.faultWrite;
    const stage2 = s.faultStage2 && !s.faultAlignment;
    const dfsc = s.faultAlignment ? FSC.alignment : s.faultStatus;
    s.clearFault();
    if (!stage2) {
      const ec = this.el === 0 ? EC.DATA_ABORT_LOWER : EC.DATA_ABORT_SAME;
      return this.synchronous(esrDataAbort({ ec, isv: false, wnr, dfsc }), "dataAbort", far);
    }
    const esr = this.stage2DataAbortEsr(insn, wnr, s.faultS1ptw, dfsc);
    s.exit = { kind: "vmFault", instruction: false, ipa: s.faultIpa, far, esr, pc: s.pcBig() };
    return STOP;
  }

  /**
   * The ESR of a stage-2 data abort. A VMM's MMIO loop faults on the same few instructions over and
   * over, so ESRs are kept by instruction and fault (at most {@link STAGE2_ESR_CACHE_SIZE}).
   */
  private stage2DataAbortEsr(insn: number, wnr: boolean, walk: boolean, dfsc: number): number {
    const key = (insn >>> 0) * 256 + (wnr ? 128 : 0) + (walk ? 64 : 0) + (dfsc & 0x3f);
    const known = this.stage2Esrs.get(key);
    if (known !== undefined) return known;
    // A stage-2 fault on the stage-1 walk's own read reports S1PTW and no instruction syndrome.
    const shape = walk ? null : loadStoreShapeOf(insn);
    const syndrome = shape === null ? { isv: false } : loadStoreSyndrome(shape);
    const esr = esrDataAbort({ ec: EC.DATA_ABORT_LOWER, ...syndrome, wnr: walk ? false : wnr, s1ptw: walk, dfsc });
    if (this.stage2Esrs.size >= STAGE2_ESR_CACHE_SIZE) this.stage2Esrs.clear();
    this.stage2Esrs.set(key, esr);
    return esr;
  }

  private readonly stage2Esrs = new Map<number, number>();

  /**
   * The instruction fetch at the PC faulted (recorded by the fetch path): an EL1 instruction
   * abort, or an exit for the hypervisor on a stage-2 hole. Returns false when the run must stop.
   */
  instructionAbort(): boolean {
    const s = this.s;
    const pc = s.pcBig();
    const last = this.lastException;
    if (last !== null && last.vector === pc && last.retired === s.retired) {
      // Fetching the vector itself faulted: taking the exception again would never end.
      s.exit = { kind: "exceptionLoop", esr: last.esr, elr: last.elr, far: last.far, pc };
      return false;
    }
    if (s.faultStage2) {
      const esr = esrInstructionAbort({ ec: EC.INSTRUCTION_ABORT_LOWER, s1ptw: s.faultS1ptw, ifsc: s.faultStatus });
      s.exit = { kind: "vmFault", instruction: true, ipa: s.faultIpa, far: pc, esr, pc };
      return false;
    }
    const ec = this.el === 0 ? EC.INSTRUCTION_ABORT_LOWER : EC.INSTRUCTION_ABORT_SAME;
    this.enterException("sync", esrInstructionAbort({ ec, ifsc: s.faultStatus }), pc, pc);
    return true;
  }
}

/** Writes a value below 2^32 as the halves of a 64-bit word at `out[at]`. */
function setHalves(out: Uint32Array, at: number, low: number): void {
  out[at] = low;
  out[at + 1] = 0;
}

/** Copies the halves of 64-bit word `word` of `from` (a 32-bit view, low half first) to `out[at]`. */
function copyHalves(from: Uint32Array, word: number, out: Uint32Array, at: number): void {
  out[at] = from[2 * word]!;
  out[at + 1] = from[2 * word + 1]!;
}

/** A 64-bit little-endian read of guest-physical memory for the table walker; null for a hole. */
export function readPhys64(s: CoreState, pa: number): bigint | null {
  const entry: PageEntry | undefined = s.memory.pages.get(Math.floor(pa / PAGE_SIZE));
  if (entry === undefined || entry.view === null) return null;
  return entry.view.getBigUint64(entry.offset + (pa % PAGE_SIZE), true);
}
