/**
 * What the hypervisor (EL2) traps, as a small record equivalent to the HCR_EL2 bits that matter
 * here, and the outcome of the instructions those bits and SCTLR_EL1 govern: WFI/WFE, HVC, SMC.
 * Facts: spec sel4-kernel.md §4 "Trap routing", aarch64-linux-boot.md §4 ESR table.
 */
import type { ExceptionCause, PendingInterrupts } from "./exceptions.js";
import { esrHvc, esrSmc, esrUndefined, esrWfx } from "./syndrome.js";

/** HCR_EL2 trap and routing controls (true = the bit is set). */
export interface HypTrapConfig {
  /** TWI: WFI at EL0/EL1 traps to EL2 (EC 0x01) unless SCTLR_EL1.nTWI traps an EL0 one to EL1 first. */
  twi: boolean;
  /** TWE: the same for WFE. */
  twe: boolean;
  /** TSC: SMC at EL1 traps to EL2 (EC 0x17); without it SMC is UNDEFINED (no EL3). */
  tsc: boolean;
  /** HCD: HVC is disabled (UNDEFINED). */
  hcd: boolean;
  /** TVM: EL1 writes of the virtual-memory control registers trap to EL2 (EC 0x18). */
  tvm: boolean;
  /** TRVM: EL1 reads of those registers trap to EL2 (EC 0x18). */
  trvm: boolean;
  /** IMO: physical IRQs go to EL2; EL1 sees the virtual IRQ line. */
  imo: boolean;
  /** FMO: physical FIQs go to EL2; EL1 sees the virtual FIQ line. */
  fmo: boolean;
  /**
   * CPTR_EL2.TFP: FP/AdvSIMD instructions and FPCR/FPSR accesses at EL0/EL1 trap to EL2 (EC 0x07)
   * unless CPACR_EL1.FPEN traps them to EL1 first. Optional: absent means clear.
   */
  tfp?: boolean;
}

/** No EL2 in the way: a bare-metal CPU (the bare-metal runner's machine). */
export const NO_HYP_TRAPS: Readonly<HypTrapConfig> = {
  twi: false,
  twe: false,
  tsc: false,
  hcd: false,
  tvm: false,
  trvm: false,
  imo: false,
  fmo: false,
};

/**
 * What seL4 sets for a running VCPU (HCR_VCPU: TWI, TWE, TSC, IMO, FMO; HVC enabled).
 * KernelArmDisableWFIWFETraps clears `twi` and `twe`.
 */
export const SEL4_VCPU_TRAPS: Readonly<HypTrapConfig> = {
  ...NO_HYP_TRAPS,
  twi: true,
  twe: true,
  tsc: true,
  imo: true,
  fmo: true,
};

/** A synchronous exception an instruction raises instead of completing. */
export interface SystemException {
  kind: "exception";
  /** The EL that takes it: 1 (guest vectors) or 2 (exit to the hypervisor with this ESR). */
  target: 1 | 2;
  esr: number;
  /** Selects the ELR value with {@link preferredReturnAddress}. */
  cause: ExceptionCause;
}

/** The instruction is UNDEFINED: EC 0x00 taken to EL1. */
export function undefinedInstruction(): SystemException {
  return { kind: "exception", target: 1, esr: esrUndefined(), cause: "undefined" };
}

const SCTLR_NTWI = 1n << 16n;
const SCTLR_NTWE = 1n << 18n;

/**
 * WFI/WFE: "execute" (wait, or complete at once) or the trap. The traps apply only when the
 * instruction would wait, so `wouldWait` = false (a wake-up event is already pending: see
 * wfiWakes/wfeWakes) completes it as a NOP, as QEMU does. At EL0, SCTLR_EL1.nTWI/nTWE = 0 traps
 * to EL1 first (Linux leaves nTWI = 0); otherwise HCR_EL2.TWI/TWE trap EL0 and EL1 to EL2.
 */
export function wfxOutcome(
  isWfe: boolean,
  el: 0 | 1,
  sctlr: bigint,
  hyp: HypTrapConfig,
  wouldWait = true
): "execute" | SystemException {
  if (!wouldWait) return "execute";
  if (el === 0 && (sctlr & (isWfe ? SCTLR_NTWE : SCTLR_NTWI)) === 0n) {
    return { kind: "exception", target: 1, esr: esrWfx(isWfe), cause: "wfxTrap" };
  }
  if (isWfe ? hyp.twe : hyp.twi) return { kind: "exception", target: 2, esr: esrWfx(isWfe), cause: "wfxTrap" };
  return "execute";
}

/** HVC: UNDEFINED at EL0 or with HCR_EL2.HCD; otherwise taken to EL2 (EC 0x16, ELR = next). */
export function hvcOutcome(el: 0 | 1, imm16: number, hyp: HypTrapConfig): SystemException {
  if (el === 0 || hyp.hcd) return undefinedInstruction();
  return { kind: "exception", target: 2, esr: esrHvc(imm16), cause: "hvc" };
}

/**
 * SMC: UNDEFINED at EL0; at EL1 trapped to EL2 by HCR_EL2.TSC (EC 0x17, ELR = the SMC itself),
 * else UNDEFINED because there is no EL3.
 */
export function smcOutcome(el: 0 | 1, imm16: number, hyp: HypTrapConfig): SystemException {
  if (el === 1 && hyp.tsc) return { kind: "exception", target: 2, esr: esrSmc(imm16), cause: "smcTrapped" };
  return undefinedInstruction();
}

/** Interrupt lines at the CPU: physical ones from the GIC and the virtual ones EL2 asserts. */
export interface InterruptInputs {
  physical: PendingInterrupts;
  /** HCR_EL2.VI/VF/VSE or the GIC's virtual CPU interface. */
  virtual: PendingInterrupts;
}

/**
 * Which lines EL1 sees (for ISR_EL1, WFI wake and interrupt entry) and which go to EL2: with
 * IMO/FMO set the physical IRQ/FIQ belong to EL2 and EL1 sees the virtual line; without them
 * EL1 sees the physical line and virtual ones are ignored. SError routing (AMO) follows IMO.
 */
export function routeInterrupts(
  inputs: InterruptInputs,
  hyp: HypTrapConfig
): { el1: PendingInterrupts; el2: PendingInterrupts } {
  const { physical: p, virtual: v } = inputs;
  return {
    el1: { irq: hyp.imo ? v.irq : p.irq, fiq: hyp.fmo ? v.fiq : p.fiq, serror: hyp.imo ? v.serror : p.serror },
    el2: { irq: hyp.imo && p.irq, fiq: hyp.fmo && p.fiq, serror: hyp.imo && p.serror },
  };
}
