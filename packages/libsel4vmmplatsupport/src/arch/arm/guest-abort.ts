import { emptyUserContext, seL4_VCPUReg } from "@sel4ts/sel4-kernel-sim";
import {
  get_vcpu_fault_address,
  is_vcpu_read_fault,
  restart_vcpu_fault,
  vm_get_arm_vcpu_reg,
  vm_get_thread_context,
  vm_set_arm_vcpu_reg,
  vm_set_thread_context,
  type vm_vcpu_t,
} from "@sel4ts/libsel4vm";

/** ESR_ELx exception classes of a data abort taken to EL1 (Arm ARM D17.2.37). */
const EC_DABT_LOWER_EL = 0x24;
const EC_DABT_SAME_EL = 0x25;
const ESR_IL = 1 << 25;
/** ISS: FAR not valid (allowed for a synchronous External abort), write-not-read, fault status. */
const ISS_FNV = 1 << 10;
const ISS_WNR = 1 << 6;
/** DFSC 0b010000: synchronous External abort, not on a translation table walk. */
const DFSC_SYNC_EXTERNAL_ABORT = 0x10;
/** Vector offsets from VBAR_EL1 for a synchronous exception (Arm ARM D1.10.2). */
const VECTOR_CURRENT_EL_SP0 = 0x000n;
const VECTOR_CURRENT_EL_SPX = 0x200n;
const VECTOR_LOWER_EL_AARCH64 = 0x400n;
/** PSTATE on exception entry to EL1: EL1h with D, A, I and F masked. */
const SPSR_EL1H_MASKED = 0x3c5n;
const SCTLR_M = 1n;

/**
 * TypeScript-only: completes the vCPU's pending data fault by taking a synchronous External abort
 * to the guest's EL1, as a bus error does on hardware (an access to an address no device
 * decodes): ESR_EL1 = data abort (EC 0x25 from EL1, 0x24 from EL0), DFSC 0x10, WnR; FAR_EL1 =
 * the address while the guest's MMU is off (then VA = IPA), else FnV set; ELR_EL1 = the faulting
 * instruction; SPSR_EL1 = its PSTATE; PC = VBAR_EL1 + the synchronous vector. 0 / -1.
 */
export function vm_inject_data_abort(vcpu: vm_vcpu_t): number {
  const regs = emptyUserContext();
  const sctlr = { value: 0n };
  const vbar = { value: 0n };
  if (vm_get_thread_context(vcpu, regs) !== 0) return -1;
  if (vm_get_arm_vcpu_reg(vcpu, seL4_VCPUReg.seL4_VCPUReg_SCTLR, sctlr) !== 0) return -1;
  if (vm_get_arm_vcpu_reg(vcpu, seL4_VCPUReg.seL4_VCPUReg_VBAR, vbar) !== 0) return -1;
  const mode = Number(regs.spsr & 0xfn);
  const fromEl0 = mode === 0;
  const mmuOn = (sctlr.value & SCTLR_M) !== 0n;
  const esr =
    ((fromEl0 ? EC_DABT_LOWER_EL : EC_DABT_SAME_EL) << 26) | ESR_IL | (mmuOn ? ISS_FNV : 0) | (is_vcpu_read_fault(vcpu) ? 0 : ISS_WNR) | DFSC_SYNC_EXTERNAL_ABORT;
  const vector = fromEl0 ? VECTOR_LOWER_EL_AARCH64 : mode === 0x5 ? VECTOR_CURRENT_EL_SPX : VECTOR_CURRENT_EL_SP0;
  const writes: [seL4_VCPUReg, bigint][] = [
    [seL4_VCPUReg.seL4_VCPUReg_ESR, BigInt(esr >>> 0)],
    [seL4_VCPUReg.seL4_VCPUReg_FAR, mmuOn ? 0n : BigInt(get_vcpu_fault_address(vcpu))],
    [seL4_VCPUReg.seL4_VCPUReg_ELR_EL1, regs.pc],
    [seL4_VCPUReg.seL4_VCPUReg_SPSR_EL1, regs.spsr],
  ];
  for (const [reg, value] of writes) if (vm_set_arm_vcpu_reg(vcpu, reg, value) !== 0) return -1;
  regs.pc = BigInt.asUintN(64, vbar.value + vector);
  regs.spsr = SPSR_EL1H_MASKED;
  if (vm_set_thread_context(vcpu, regs) !== 0) return -1;
  restart_vcpu_fault(vcpu);
  return 0;
}
