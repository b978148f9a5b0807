/**
 * Exception entry and return at EL1 (spec aarch64-linux-boot.md §4 "Exception entry"): vector
 * offsets, SPSR packing, the PSTATE after entry, ELR values, ERET (with illegal returns) and the
 * WFI/WFE wake rules. The caller moves the values into its registers.
 */
import { DAIF_BIT, type Pstate } from "./pstate.js";

/** Asynchronous and synchronous exception kinds that select a vector. */
export type VectorKind = "sync" | "irq" | "fiq" | "serror";

const KIND_OFFSET: Readonly<Record<VectorKind, number>> = { sync: 0x000, irq: 0x080, fiq: 0x100, serror: 0x180 };

/**
 * Offset from VBAR_EL1 of the vector for an exception taken to EL1: +0 from EL1 with SP_EL0,
 * +0x200 from EL1 with SP_EL1, +0x400 from EL0 in AArch64, +0x600 from EL0 in AArch32.
 */
export function vectorOffset(kind: VectorKind, from: { el: 0 | 1; spSel: 0 | 1; aarch32?: boolean }): number {
  let group: number;
  if (from.el === 0) group = from.aarch32 ? 0x600 : 0x400;
  else group = from.spSel === 1 ? 0x200 : 0x000;
  return group + KIND_OFFSET[kind];
}

/** SPSR_EL1 bit positions for AArch64 state (spec §4 table). */
const SPSR = { NZCV: 28, PAN: 22, SS: 21, IL: 20, SSBS: 12, BTYPE: 10, DAIF: 6, M4: 4 } as const;

/** Packs PSTATE into an SPSR value: N Z C V, PAN, SS, IL, SSBS, BTYPE, D A I F, M[3:0] = EL<<2 | SPSel. */
export function packSpsr(p: Pstate): number {
  return (
    (((p.nzcv & 0xf) << SPSR.NZCV) |
      (p.pan ? 1 << SPSR.PAN : 0) |
      (p.ss ? 1 << SPSR.SS : 0) |
      (p.il ? 1 << SPSR.IL : 0) |
      (p.ssbs ? 1 << SPSR.SSBS : 0) |
      ((p.btype & 3) << SPSR.BTYPE) |
      ((p.daif & 0xf) << SPSR.DAIF) |
      (p.el << 2) |
      p.spSel) >>>
    0
  );
}

/**
 * Unpacks an SPSR value written for AArch64 EL0/EL1 (M[3:0] = 0 EL0t, 4 EL1t, 5 EL1h). Use
 * {@link eretTarget} to decide whether an SPSR describes a legal return at all.
 */
export function unpackSpsr(spsr: number): Pstate {
  return {
    nzcv: (spsr >>> SPSR.NZCV) & 0xf,
    daif: (spsr >>> SPSR.DAIF) & 0xf,
    el: ((spsr >>> 2) & 1) as 0 | 1,
    spSel: (spsr & 1) as 0 | 1,
    ss: ((spsr >>> SPSR.SS) & 1) === 1,
    il: ((spsr >>> SPSR.IL) & 1) === 1,
    pan: ((spsr >>> SPSR.PAN) & 1) === 1,
    ssbs: ((spsr >>> SPSR.SSBS) & 1) === 1,
    btype: (spsr >>> SPSR.BTYPE) & 3,
  };
}

/** What changes in PSTATE beyond the fixed rules when the CPU has the optional features. */
export interface EntryOptions {
  /** FEAT_PAN with SCTLR_EL1.SPAN = 0: PSTATE.PAN is set on entry to EL1. */
  setPan?: boolean;
  /** FEAT_SSBS: PSTATE.SSBS takes SCTLR_EL1.DSSBS. */
  ssbs?: boolean;
}

/**
 * PSTATE after taking an exception to EL1: EL1h, DAIF = 1111, SS = IL = 0, BTYPE = 0; NZCV is
 * kept. The caller saves {@link packSpsr} of the old PSTATE in SPSR_EL1 first.
 */
export function pstateAfterEntry(current: Pstate, options: EntryOptions = {}): Pstate {
  return {
    nzcv: current.nzcv,
    daif: 0xf,
    el: 1,
    spSel: 1,
    ss: false,
    il: false,
    pan: current.pan || options.setPan === true,
    ssbs: options.ssbs ?? current.ssbs,
    btype: 0,
  };
}

/** Synchronous exception causes and interrupts, for choosing the ELR value. */
export type ExceptionCause =
  | "svc"
  | "hvc"
  | "smc"
  | "smcTrapped"
  | "irq"
  | "fiq"
  | "serror"
  | "undefined"
  | "instructionAbort"
  | "dataAbort"
  | "brk"
  | "sysregTrap"
  | "wfxTrap"
  | "fpAccess"
  | "illegalState"
  | "pcAlignment"
  | "spAlignment";

/**
 * The preferred return address (ELR) for an exception raised at the instruction at `pc`:
 * the next instruction for SVC, HVC and an SMC taken to EL3; the instruction itself for aborts,
 * UNDEFINED, BRK, traps (including an SMC trapped by HCR_EL2.TSC) and alignment faults. For
 * interrupts `pc` is the first instruction not executed, which is where execution resumes.
 */
export function preferredReturnAddress(cause: ExceptionCause, pc: bigint): bigint {
  switch (cause) {
    case "svc":
    case "hvc":
    case "smc":
      return BigInt.asUintN(64, pc + 4n);
    default:
      return pc;
  }
}

/** Why an ERET is an illegal exception return. */
export type IllegalReturnReason = "aarch32" | "higherEl" | "reservedMode" | "el0WithSpx";

/** Result of an ERET: the new PSTATE, and whether the return was illegal (then PSTATE.IL = 1). */
export type EretResult =
  | { pstate: Pstate; illegal: false }
  | { pstate: Pstate; illegal: true; reason: IllegalReturnReason };

function illegalReason(spsr: number, current: Pstate): IllegalReturnReason | null {
  const m = spsr & 0x1f;
  if ((m & 0x10) !== 0) return "aarch32"; // no AArch32 at any EL
  const targetEl = (m >>> 2) & 3;
  if (targetEl > current.el) return "higherEl"; // also EL2/EL3, which the guest does not have
  if ((m & 2) !== 0) return "reservedMode";
  if (targetEl === 0 && (m & 1) !== 0) return "el0WithSpx";
  return null;
}

/**
 * PSTATE after ERET with this SPSR from `current` (ERET itself is UNDEFINED at EL0; ELR gives
 * the new PC in both outcomes). An illegal return (to AArch32, to a higher or unimplemented EL,
 * a reserved M encoding, EL0 with SP_ELx) keeps EL and SPSel, restores the other fields from the
 * SPSR and sets PSTATE.IL, so the instruction at the target raises EC 0x0E. A legal return also
 * copies SPSR.IL. The caller clears the exclusive monitor.
 */
export function eretTarget(spsr: number, current: Pstate): EretResult {
  const restored = unpackSpsr(spsr);
  const reason = illegalReason(spsr, current);
  if (reason === null) return { pstate: restored, illegal: false };
  return { pstate: { ...restored, el: current.el, spSel: current.spSel, il: true }, illegal: true, reason };
}

/** Interrupt lines pending at the CPU (virtual lines when a hypervisor routes them with IMO/FMO). */
export interface PendingInterrupts {
  irq: boolean;
  fiq: boolean;
  serror: boolean;
}

/** WFI completes when any interrupt is pending, even one PSTATE masks (spec §4). */
export function wfiWakes(lines: PendingInterrupts): boolean {
  return lines.irq || lines.fiq || lines.serror;
}

/**
 * WFE completes when the event register is set (SEV, SEVL, exception return, clearing the
 * exclusive monitor, the timer event stream) or an interrupt is pending that PSTATE does not mask.
 */
export function wfeWakes(eventRegister: boolean, lines: PendingInterrupts, daif: number): boolean {
  return eventRegister || takenInterrupt(lines, daif) !== null;
}

/**
 * The interrupt the CPU takes now, or null: SError before FIQ before IRQ, each only when its
 * PSTATE mask bit (A, F, I) is clear. Checked between instructions.
 */
export function takenInterrupt(lines: PendingInterrupts, daif: number): "serror" | "fiq" | "irq" | null {
  if (lines.serror && (daif & DAIF_BIT.A) === 0) return "serror";
  if (lines.fiq && (daif & DAIF_BIT.F) === 0) return "fiq";
  if (lines.irq && (daif & DAIF_BIT.I) === 0) return "irq";
  return null;
}
