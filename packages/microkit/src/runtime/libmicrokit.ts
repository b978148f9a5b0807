/**
 * libmicrokit for TypeScript protection domains: every call keeps its C name and arguments and is
 * a method of the PD's context (its `microkit_*` globals are properties), and each does what the C
 * inline function does on the PD's own caps (microkit.h): the same cap slots, the same channel
 * checks against the bitmasks the tool patches in, the same debug messages.
 */
import {
  InvocationLabel, seL4_Error, seL4_MessageInfo_new, seL4_MessageInfo_get_label, seL4_MessageInfo_get_length, emptyUserContext,
  type Sel4, type seL4_MessageInfo_t,
} from "@sel4ts/sel4-kernel-sim";
import { MICROKIT_MAX_CHANNEL_ID, MicrokitSlots as S, PD_CAP_BITS, PD_ROOT_CAP_BITS, PROGRAM_ENTRY } from "./layout.js";
import type { microkit_channel, microkit_child, microkit_msginfo } from "./program.js";

/** What a PD's context is given by the system builder (the values the Microkit tool patches into the ELF). */
export interface MicrokitPdConfig {
  readonly name: string;
  /** bit n set: channel n has an IRQ */
  readonly irqs: bigint;
  /** bit n set: channel n may be notified */
  readonly notifications: bigint;
  /** bit n set: channel n may be PPC'd */
  readonly pps: bigint;
  readonly passive: boolean;
  /** `setvar` symbols and their values */
  readonly setvars: Readonly<Record<string, bigint>>;
  /** writes debug output (seL4_DebugPutChar's console) */
  readonly debugOutput: (text: string) => void;
  /** native entry PC of a child PD's program, for microkit_pd_restart(child, PROGRAM_ENTRY) */
  readonly childEntry: (child: number) => bigint | undefined;
}

/** Thrown inside a PD by microkit_internal_crash; the event loop turns it into a real seL4 fault. */
export class MicrokitCrash extends Error {
  constructor(readonly error: number) {
    super(`microkit_internal_crash(${error})`);
  }
}

/** A protection domain's libmicrokit: `microkit_*` calls and globals, on the PD's own libsel4. */
export class MicrokitPd {
  /** microkit_name */
  readonly microkit_name: string;
  /** The bitmasks the Microkit tool patches in to validate channels. */
  readonly microkit_irqs: bigint;
  readonly microkit_notifications: bigint;
  readonly microkit_pps: bigint;
  readonly microkit_passive: boolean;
  /** The one deferred signal (microkit_deferred_notify / _irq_ack), sent at the next wait. */
  microkit_have_signal = false;
  microkit_signal_cap = 0;
  microkit_signal_msg: seL4_MessageInfo_t = seL4_MessageInfo_new(0, 0, 0, 0);
  /** Values of the PD's `setvar` symbols (a C program reads the patched variables). */
  readonly setvars: Readonly<Record<string, bigint>>;

  constructor(
    /** The PD thread's libsel4, for calls libmicrokit does not wrap. */
    readonly sel4: Sel4,
    private readonly config: MicrokitPdConfig,
  ) {
    this.microkit_name = config.name;
    this.microkit_irqs = config.irqs;
    this.microkit_notifications = config.notifications;
    this.microkit_pps = config.pps;
    this.microkit_passive = config.passive;
    this.setvars = config.setvars;
  }

  // --- debug output (dbg.c) ---------------------------------------------------------------

  microkit_dbg_putc(c: number | string): void {
    this.config.debugOutput(typeof c === "number" ? String.fromCharCode(c) : c.charAt(0));
  }
  microkit_dbg_puts(s: string): void {
    this.config.debugOutput(s);
  }
  microkit_dbg_put8(x: number): void {
    this.config.debugOutput(String(x & 0xff));
  }
  microkit_dbg_put32(x: number): void {
    this.config.debugOutput(String(x >>> 0));
  }

  /** Crashes the PD (the C version faults on address `err`); the PD's parent or the monitor sees the fault. */
  microkit_internal_crash(err: number): never {
    throw new MicrokitCrash(err);
  }

  private validChannel(ch: number, mask: bigint, call: string): boolean {
    if (ch > MICROKIT_MAX_CHANNEL_ID || ch < 0 || !Number.isInteger(ch) || (mask & (1n << BigInt(ch))) === 0n) {
      this.microkit_dbg_puts(`${this.microkit_name} ${call}: invalid channel given '${ch}'\n`);
      return false;
    }
    return true;
  }

  private check(err: seL4_Error, message: string): void {
    if (err !== seL4_Error.seL4_NoError) {
      this.microkit_dbg_puts(message);
      this.microkit_internal_crash(err);
    }
  }

  // --- channels -----------------------------------------------------------------------------

  /** seL4_Signal on the channel's notification cap (slot 10 + ch). */
  microkit_notify(ch: microkit_channel): Promise<void> {
    if (!this.validChannel(ch, this.microkit_notifications, "microkit_notify")) return Promise.resolve();
    return this.sel4.seL4_Signal(S.BASE_OUTPUT_NOTIFICATION_CAP + ch);
  }

  /** seL4_IRQHandler_Ack on the channel's IRQ handler cap (slot 138 + ch). */
  microkit_irq_ack(ch: microkit_channel): void {
    if (!this.validChannel(ch, this.microkit_irqs, "microkit_irq_ack")) return;
    this.sel4.seL4_IRQHandler_Ack(S.BASE_IRQ_CAP + ch);
  }

  /** seL4_Call on the channel's endpoint cap (slot 74 + ch); the callee's `protected` answers. */
  microkit_ppcall(ch: microkit_channel, msginfo: microkit_msginfo): Promise<microkit_msginfo> {
    if (!this.validChannel(ch, this.microkit_pps, "microkit_ppcall")) return Promise.resolve(seL4_MessageInfo_new(0, 0, 0, 0));
    return this.sel4.seL4_Call(S.BASE_ENDPOINT_CAP + ch, msginfo);
  }

  /** Sends seL4_Signal(10 + ch) together with the PD's next wait (seL4_NBSendRecv); one at a time. */
  microkit_deferred_notify(ch: microkit_channel): void {
    if (!this.validChannel(ch, this.microkit_notifications, "microkit_deferred_notify")) return;
    this.microkit_have_signal = true;
    this.microkit_signal_msg = seL4_MessageInfo_new(0, 0, 0, 0);
    this.microkit_signal_cap = S.BASE_OUTPUT_NOTIFICATION_CAP + ch;
  }

  /** Sends IRQHandler_Ack(138 + ch) together with the PD's next wait; one at a time. */
  microkit_deferred_irq_ack(ch: microkit_channel): void {
    if (!this.validChannel(ch, this.microkit_irqs, "microkit_deferred_irq_ack")) return;
    this.microkit_have_signal = true;
    this.microkit_signal_msg = seL4_MessageInfo_new(InvocationLabel.IRQAckIRQ, 0, 0, 0);
    this.microkit_signal_cap = S.BASE_IRQ_CAP + ch;
  }

  // --- messages -----------------------------------------------------------------------------

  microkit_msginfo_new(label: number, count: number): microkit_msginfo {
    return microkit_msginfo_new(label, count);
  }
  microkit_msginfo_get_label(msginfo: microkit_msginfo): number {
    return microkit_msginfo_get_label(msginfo);
  }
  microkit_msginfo_get_count(msginfo: microkit_msginfo): number {
    return microkit_msginfo_get_count(msginfo);
  }
  /** seL4_SetMR; `mr` is a seL4_Uint8 */
  microkit_mr_set(mr: number, value: bigint | number): void {
    this.sel4.seL4_SetMR(mr & 0xff, BigInt.asUintN(64, BigInt(value)));
  }
  /** seL4_GetMR */
  microkit_mr_get(mr: number): bigint {
    return this.sel4.seL4_GetMR(mr & 0xff);
  }

  // --- child protection domains ---------------------------------------------------------------

  /**
   * seL4_TCB_WriteRegisters(202 + pd, resume, pc = entry_point). `PROGRAM_ENTRY` (0x200000)
   * restarts the child's TypeScript program from `init`.
   */
  microkit_pd_restart(pd: microkit_child, entry_point: bigint | number): void {
    const regs = emptyUserContext();
    const native = BigInt(entry_point) === BigInt(PROGRAM_ENTRY) ? this.config.childEntry(pd) : undefined;
    if (native !== undefined) {
      // The kernel sim starts a native thread's body afresh only when its PC changes, and a
      // TypeScript PD's PC stays at its entry: move it away first (not resumed), then restart.
      const err = this.sel4.seL4_TCB_WriteRegisters(S.BASE_TCB_CAP + pd, false, 0, 1, regs);
      this.check(err, "microkit_pd_restart: error writing TCB registers\n");
    }
    regs.pc = native ?? BigInt(entry_point);
    const err = this.sel4.seL4_TCB_WriteRegisters(S.BASE_TCB_CAP + pd, true, 0, 1, regs);
    this.check(err, "microkit_pd_restart: error writing TCB registers\n");
  }

  /** seL4_TCB_Suspend(202 + pd) */
  microkit_pd_stop(pd: microkit_child): void {
    const err = this.sel4.seL4_TCB_Suspend(S.BASE_TCB_CAP + pd);
    this.check(err, `microkit_pd_stop: error stopping TCB '${pd}'\n`);
  }

  /** seL4_TCB_Resume(202 + pd) */
  microkit_pd_resume(pd: microkit_child): void {
    const err = this.sel4.seL4_TCB_Resume(S.BASE_TCB_CAP + pd);
    this.check(err, `microkit_pd_resume: error resuming TCB '${pd}'\n`);
  }

  // --- virtual machines (CONFIG_ARM_HYPERVISOR_SUPPORT) --------------------------------------

  /** seL4_TCB_WriteRegisters(266 + vcpu, resume, pc = entry_point): only the PC is written. */
  microkit_vcpu_restart(vcpu: microkit_child, entry_point: bigint | number): void {
    const regs = emptyUserContext();
    regs.pc = BigInt(entry_point);
    const err = this.sel4.seL4_TCB_WriteRegisters(S.BASE_VM_TCB_CAP + vcpu, true, 0, 1, regs);
    this.check(err, "microkit_vcpu_restart: error writing registers\n");
  }

  /** seL4_TCB_Suspend(266 + vcpu) */
  microkit_vcpu_stop(vcpu: microkit_child): void {
    const err = this.sel4.seL4_TCB_Suspend(S.BASE_VM_TCB_CAP + vcpu);
    this.check(err, "microkit_vcpu_stop: error suspending TCB\n");
  }

  /** seL4_ARM_VCPU_InjectIRQ(330 + vcpu, irq, priority, group, index) */
  microkit_vcpu_arm_inject_irq(vcpu: microkit_child, irq: number, priority: number, group: number, index: number): void {
    const err = this.sel4.seL4_ARM_VCPU_InjectIRQ(S.BASE_VCPU_CAP + vcpu, irq & 0xffff, priority & 0xff, group & 0xff, index & 0xff);
    this.check(err, "microkit_vcpu_arm_inject_irq: error injecting IRQ\n");
  }

  /** seL4_ARM_VCPU_AckVPPI(330 + vcpu, irq) */
  microkit_vcpu_arm_ack_vppi(vcpu: microkit_child, irq: number): void {
    const err = this.sel4.seL4_ARM_VCPU_AckVPPI(S.BASE_VCPU_CAP + vcpu, irq);
    this.check(err, "microkit_vcpu_arm_ack_vppi: error acking VPPI\n");
  }

  /** seL4_ARM_VCPU_ReadRegs(330 + vcpu, reg); `reg` is a seL4_VCPUReg */
  microkit_vcpu_arm_read_reg(vcpu: microkit_child, reg: number): bigint {
    const result = this.sel4.seL4_ARM_VCPU_ReadRegs(S.BASE_VCPU_CAP + vcpu, reg);
    this.check(result.error, "microkit_vcpu_arm_read_reg: error reading vCPU register\n");
    return BigInt(result.value);
  }

  /** seL4_ARM_VCPU_WriteRegs(330 + vcpu, reg, value) */
  microkit_vcpu_arm_write_reg(vcpu: microkit_child, reg: number, value: bigint | number): void {
    const err = this.sel4.seL4_ARM_VCPU_WriteRegs(S.BASE_VCPU_CAP + vcpu, reg, value);
    this.check(err, "microkit_vcpu_arm_write_reg: error writing vCPU register\n");
  }

  /**
   * seL4_ARM_SMC_Call on the SMC cap (slot 7). The kernel sim has no SMC cap (as a kernel without
   * CONFIG_ALLOW_SMC_CALLS), so this reports the error and crashes the PD as libmicrokit does.
   */
  microkit_arm_smc_call(_args: seL4_ARM_SMCContext, _response: seL4_ARM_SMCContext): void {
    this.check(seL4_Error.seL4_InvalidCapability, "microkit_arm_smc_call: error making SMC call\n");
  }

  // --- user caps --------------------------------------------------------------------------

  /** The CPtr of slot `slot` of the PD's root CNode (`<cspace>` caps); seL4_CapNull when out of range. */
  microkit_cspace_root_slot_to_cptr(slot: number): bigint {
    if (slot === 0 || slot >= 1 << PD_ROOT_CAP_BITS) return 0n;
    return BigInt(slot) << BigInt(64 - PD_ROOT_CAP_BITS);
  }
}

/** seL4_ARM_SMCContext: x0-x7 of an SMC call. */
export interface seL4_ARM_SMCContext {
  x0: bigint; x1: bigint; x2: bigint; x3: bigint; x4: bigint; x5: bigint; x6: bigint; x7: bigint;
}

/** microkit_msginfo_new(label, count) = seL4_MessageInfo_new(label, 0, 0, count) */
export function microkit_msginfo_new(label: number, count: number): microkit_msginfo {
  return seL4_MessageInfo_new(label, 0, 0, count & 0xffff);
}
export function microkit_msginfo_get_label(msginfo: microkit_msginfo): number {
  return seL4_MessageInfo_get_label(msginfo);
}
export function microkit_msginfo_get_count(msginfo: microkit_msginfo): number {
  return seL4_MessageInfo_get_length(msginfo);
}

export { PD_CAP_BITS };
