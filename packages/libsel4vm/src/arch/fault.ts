import { emptyUserContext, gpRegisterName, seL4_Error, seL4_RootCNodeCapSlots, seL4_UserContextWords, seL4_WordBits, type seL4_UserContext, type UserContextReg } from "@sel4ts/sel4-kernel-sim";
import { logError } from "../log";
import type { vm_vcpu_t } from "../types";
import { HSR_EC_WFX, hsrExceptionClass, hsrIsv, hsrSas, hsrSf, hsrSrt, hsrSse, hsrWnR } from "@sel4ts/vmm-common";

/** What kind of exit a fault_t describes. */
export type fault_kind = "none" | "data" | "prefetch" | "vcpu" | "other";

const WORD_MASK = (1n << 64n) - 1n;

/** The seL4_UserContext name of general-purpose register n (31 is the zero register: null). */
export function gpRegName(n: number): UserContextReg | null {
  return gpRegisterName(n);
}

/**
 * fault_t: the exit a vCPU is blocked on, with lazily read registers and the saved reply cap.
 * Replies are queued (`reply_pending`) and sent by vm_run before it waits again, because an
 * seL4 reply is a system call, which is asynchronous for a native thread.
 */
export class fault_t {
  kind: fault_kind = "none";
  /** Fault address (guest physical). */
  addr = 0;
  /** Faulting instruction address. */
  ip = 0n;
  /** HSR / FSR of the fault. */
  fsr = 0;
  /** Data: the source register on writes, the value to load on reads. */
  data = 0n;
  /** Access size in bytes (0 when the syndrome does not say). */
  width = 0;
  /** Steps left before the fault completes (C's stage counter; always 1 on AArch64). */
  stage = 0;
  /** The fault has been answered (or is about to be). */
  handled = true;
  /** A reply must be sent before vm_run waits again. */
  reply_pending = false;
  private regs: seL4_UserContext | null = null;
  /** The record context() reads into, reused by every fault (C's fault_t embeds its seL4_UserContext). */
  private readonly saved: seL4_UserContext = emptyUserContext();

  /** Creates the fault record of `vcpu`; `reply_slot` is a VMM CSpace slot for the saved reply cap. */
  constructor(
    readonly vcpu: vm_vcpu_t,
    readonly reply_slot: number,
  ) {}

  /** Starts a new fault: saves the caller's reply cap so that the fault can be answered later. */
  begin(kind: fault_kind, ip: bigint, fsr: number): boolean {
    this.kind = kind;
    this.ip = ip;
    this.fsr = fsr;
    this.addr = 0;
    this.data = 0n;
    this.width = 0;
    this.stage = 1;
    this.handled = false;
    this.reply_pending = false;
    this.regs = null;
    const sel4 = this.vcpu.vm.vka.sel4;
    sel4.seL4_CNode_Delete(seL4_RootCNodeCapSlots.seL4_CapInitThreadCNode, this.reply_slot, seL4_WordBits);
    const error = sel4.seL4_CNode_SaveCaller(seL4_RootCNodeCapSlots.seL4_CapInitThreadCNode, this.reply_slot, seL4_WordBits);
    if (error !== seL4_Error.seL4_NoError) {
      logError(this.vcpu.vm, "fault", `saving the reply cap of vcpu ${this.vcpu.vcpu_id} failed (${seL4_Error[error]})`);
      return false;
    }
    return true;
  }

  /** new_memory_fault: a data or prefetch abort at `addr` with syndrome `fsr`. */
  beginMemory(ip: bigint, addr: number, fsr: number, prefetch: boolean): boolean {
    if (!this.begin(prefetch ? "prefetch" : "data", ip, fsr)) return false;
    this.addr = addr;
    this.width = prefetch ? 4 : hsrIsv(fsr) ? 1 << hsrSas(fsr) : 0;
    if (!prefetch && this.isWrite() && this.width > 0) {
      const name = gpRegName(hsrSrt(fsr));
      this.data = name ? this.context()[name] : 0n;
    }
    return true;
  }

  /** new_vcpu_fault: a VCPUFault with `hsr`. */
  beginVcpu(hsr: number): boolean {
    return this.begin("vcpu", 0n, hsr);
  }

  /** True for a data abort that writes. */
  isWrite(): boolean {
    return this.kind === "data" && hsrWnR(this.fsr);
  }

  /** True for a VCPUFault from WFI/WFE (the vCPU waits for an interrupt). */
  isWfi(): boolean {
    return this.kind === "vcpu" && !this.handled && hsrExceptionClass(this.fsr) === HSR_EC_WFX;
  }

  /** The mask of the accessed bytes within the aligned word (C's fault_get_data_mask). */
  dataMask(): bigint {
    const shift = BigInt((this.addr & 3) * 8);
    const base = this.width >= 8 || this.width === 0 ? WORD_MASK : (1n << BigInt(this.width * 8)) - 1n;
    return (base << shift) & WORD_MASK;
  }

  /** The faulting thread's registers (read once per fault). */
  context(): seL4_UserContext {
    if (!this.regs) {
      const regs = this.saved;
      const error = this.vcpu.vm.vka.sel4.seL4_TCB_ReadRegisters(this.vcpu.tcb.tcb.cptr, false, 0, seL4_UserContextWords, regs);
      if (error !== seL4_Error.seL4_NoError) logError(this.vcpu.vm, "fault", `reading the registers of vcpu ${this.vcpu.vcpu_id} failed`);
      this.regs = regs;
    }
    return this.regs;
  }

  /** Replaces the cached registers (copied into the fault's own record) and writes them to the TCB; 0 / -1. */
  setContext(regs: seL4_UserContext): number {
    this.regs = regs === this.saved ? regs : Object.assign(this.saved, regs);
    const error = this.vcpu.vm.vka.sel4.seL4_TCB_WriteRegisters(this.vcpu.tcb.tcb.cptr, false, 0, seL4_UserContextWords, this.regs);
    return error === seL4_Error.seL4_NoError ? 0 : -1;
  }

  /**
   * The value a read access loads, as the architecture defines it: the accessed bytes of the
   * fault data, sign-extended if the syndrome says so, truncated to a W register if not SF.
   */
  loadedValue(): bigint {
    const shift = BigInt((this.addr & 3) * 8);
    let value = (this.data & this.dataMask()) >> shift;
    const bits = BigInt(Math.min(this.width, 8) * 8);
    if (hsrSse(this.fsr) && bits < 64n) value = BigInt.asUintN(64, BigInt.asIntN(Number(bits), value));
    return hsrSf(this.fsr) ? value : value & 0xffff_ffffn;
  }

  /** Completes the fault: on a read, loads the destination register; then PC += 4 and a reply. */
  advance(): void {
    if (this.handled) return;
    if (--this.stage > 0) return;
    const regs = this.context();
    if (this.kind === "data" && !this.isWrite()) {
      const name = gpRegName(hsrSrt(this.fsr));
      if (name) regs[name] = this.loadedValue();
    }
    regs.pc = BigInt.asUintN(64, regs.pc + 4n);
    this.setContext(regs);
    this.finish();
  }

  /** Skips the faulting instruction without emulating it (C's ignore_fault). */
  ignore(): void {
    if (this.handled) return;
    const regs = this.context();
    regs.pc = BigInt.asUintN(64, regs.pc + 4n);
    this.setContext(regs);
    this.finish();
  }

  /** Re-executes the faulting instruction (C's restart_fault). */
  restart(): void {
    if (this.handled) return;
    this.finish();
  }

  /** Marks the fault answered: vm_run sends the reply. */
  finish(): void {
    this.handled = true;
    this.reply_pending = true;
  }
}
