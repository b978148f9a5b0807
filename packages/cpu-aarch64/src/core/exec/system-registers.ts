/**
 * MRS, MSR (register and immediate), SYS and SYSL at the system level: the SysregFile decides
 * (value, operation or exception) and these carry the outcome into the core: register writes,
 * translation changes, interrupt re-checks, TLBI and AT.
 */
import { parFromResult } from "../../mmu/par.js";
import { asid16 } from "../../mmu/regime.js";
import { decodeTlbiInstruction, decodeTlbiOperand, executeTlbi } from "../../mmu/tlbi.js";
import { translateStage1 } from "../../mmu/translate.js";
import type { Access } from "../../mmu/types.js";
import { TRANSLATION_REGISTERS } from "../../system/sysreg-file.js";
import type { SysregOutcome } from "../../system/sysreg-file.js";
import type { SysOpName } from "../../system/sysreg-table.js";
import { NEXT } from "../layout.js";
import type { CoreState } from "../state.js";
import { readPhys64 } from "../system-level.js";
import type { SystemLevel } from "../system-level.js";

/** The SysregFile key of an MRS/MSR/SYS instruction: bits 20..5 (op0:op1:CRn:CRm:op2). */
function keyOf(insn: number): number {
  return (insn >>> 5) & 0xffff;
}

function operandOf(s: CoreState, rt: number): bigint {
  return rt === 31 ? 0n : s.x[rt]!;
}

/** MRS Xt, <reg> and SYSL Xt, <op>. */
export function systemMrs(system: SystemLevel, s: CoreState, insn: number): number {
  const rt = insn & 31;
  const key = keyOf(insn);
  // Registers held as 64-bit words land in Xt as halves (no outcome, no BigInt). None of them
  // depends on the counter, so only `read`, which covers the rest and every refusal, syncs it.
  if (system.sysregs.readHalves(key, system.el, rt, s.u32)) return NEXT;
  system.syncCounter();
  const outcome = system.sysregs.read(key, system.el, rt);
  if (outcome.kind === "done") {
    if (rt !== 31) s.x[rt] = outcome.value;
    return NEXT;
  }
  return outcome.kind === "exception" ? system.raise(outcome) : system.undefinedInstruction(insn);
}

/** MSR <reg>, Xt. */
export function systemMsr(system: SystemLevel, s: CoreState, insn: number): number {
  system.syncCounter();
  const rt = insn & 31;
  return afterWrite(system, system.sysregs.write(keyOf(insn), system.el, rt, operandOf(s, rt)), insn);
}

/** MSR <pstatefield>, #imm (DAIFSet, DAIFClr, SPSel). */
export function systemMsrImmediate(system: SystemLevel, insn: number): number {
  const outcome = system.sysregs.msrImmediate((insn >>> 16) & 7, (insn >>> 5) & 7, (insn >>> 8) & 15, system.el);
  return afterWrite(system, outcome, insn);
}

/**
 * SYS <op>, Xt: the access checks. Returns the operation for the caller to perform (its operand
 * is Xt), or the handler result when the instruction is finished (an exception, an UNDEFINED
 * encoding, a register write).
 */
export function systemSysCheck(system: SystemLevel, s: CoreState, insn: number): SysOpName | number {
  const rt = insn & 31;
  const checked = system.sysregs.operation(keyOf(insn), system.el, rt);
  if (typeof checked === "string") return checked;
  return afterWrite(system, checked ?? system.sysregs.write(keyOf(insn), system.el, rt, operandOf(s, rt)), insn);
}

function afterWrite(system: SystemLevel, outcome: SysregOutcome, insn: number): number {
  switch (outcome.kind) {
    case "exception":
      return system.raise(outcome);
    case "op":
      return system.undefinedInstruction(insn);
    case "done":
      if (TRANSLATION_REGISTERS.has(outcome.name)) {
        system.regimeChanged();
        return system.nextAndReload();
      }
      // DAIF, SPSel and the timer can make an interrupt deliverable or move a deadline; a GICv3
      // CPU interface write (PMR, EOIR, IGRPEN…) can change the IRQ and maintenance lines.
      if (outcome.name === "DAIF" || outcome.name === "SPSel" || outcome.name.startsWith("CNT") || outcome.name.startsWith("ICC_")) {
        return system.nextAndRecheck();
      }
      return NEXT;
  }
}

/** TLBI <op>, Xt: this CPU's TLB (the IS forms too: broadcasting is the host's business). */
export function systemTlbi(system: SystemLevel, insn: number, operand: bigint): number {
  const op = decodeTlbiInstruction((insn >>> 16) & 7, (insn >>> 12) & 15, (insn >>> 8) & 15, (insn >>> 5) & 7);
  if (op === null) return system.undefinedInstruction(insn);
  if (executeTlbi(system.mmu.tlb, op.operation, operand, asid16(system.mmu.regime)) === "all") {
    system.translationChanged();
  } else {
    // One page changed: the other cached translations stay (the next instruction re-enters its
    // code page through the fetch cache).
    const { vaLo, vaHi } = decodeTlbiOperand(operand, false);
    system.pageTranslationChanged(vaLo, vaHi);
  }
  return system.nextAndReload();
}

/** AT S1E{0,1}{R,W}, Xt: translate without the TLB and write PAR_EL1. */
export function systemAddressTranslate(system: SystemLevel, s: CoreState, op: SysOpName, operand: bigint): number {
  const lo = Number(operand & 0xffffffffn);
  const hi = Number(operand >> 32n);
  const access: Access = { write: op.endsWith("W"), fetch: false, el0: op.startsWith("AT S1E0") };
  const result = translateStage1(system.sysregs.translationRegime(), lo, hi, access, (pa) => readPhys64(s, pa));
  system.sysregs.set("PAR_EL1", parFromResult(result));
  return NEXT;
}
