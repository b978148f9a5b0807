import { USER_CONTEXT_NAMES, seL4_Error, seL4_UserContextWords, emptyUserContext, type Box, type seL4_UserContext } from "@sel4ts/sel4-kernel-sim";
import { logError } from "./log";
import type { vm_vcpu_t } from "./types";

/**
 * guest_arm_context.h: a vCPU's thread registers (seL4_UserContext) and VCPU system registers.
 * While a fault is pending, reads and writes go through the fault's register cache so that
 * advancing the fault keeps the changes.
 */

/** vm_set_thread_context: writes all thread registers of the vCPU; 0 / -1. */
export function vm_set_thread_context(vcpu: vm_vcpu_t, context: seL4_UserContext): number {
  if (vcpu.vcpu_arch.fault.setContext(context) !== 0) {
    logError(vcpu.vm, "vm_set_thread_context", `writing the registers of vcpu ${vcpu.vcpu_id} failed`);
    return -1;
  }
  return 0;
}

/** vm_get_thread_context: reads all thread registers of the vCPU into `context`; 0 / -1. */
export function vm_get_thread_context(vcpu: vm_vcpu_t, context: seL4_UserContext): number {
  const fault = vcpu.vcpu_arch.fault;
  if (!fault.handled) {
    Object.assign(context, fault.context());
    return 0;
  }
  const regs = emptyUserContext();
  const error = vcpu.vm.vka.sel4.seL4_TCB_ReadRegisters(vcpu.tcb.tcb.cptr, false, 0, seL4_UserContextWords, regs);
  if (error !== seL4_Error.seL4_NoError) {
    logError(vcpu.vm, "vm_get_thread_context", `reading the registers of vcpu ${vcpu.vcpu_id} failed (${seL4_Error[error]})`);
    return -1;
  }
  Object.assign(context, regs);
  return 0;
}

function regName(vcpu: vm_vcpu_t, fn: string, reg: number) {
  const name = USER_CONTEXT_NAMES[reg];
  if (name === undefined) logError(vcpu.vm, fn, `register index ${reg} is outside 0..${seL4_UserContextWords - 1}`);
  return name ?? null;
}

/** vm_set_thread_context_reg: writes one thread register (seL4_UserContext word index, pc = 0); 0 / -1. */
export function vm_set_thread_context_reg(vcpu: vm_vcpu_t, reg: number, value: bigint): number {
  const name = regName(vcpu, "vm_set_thread_context_reg", reg);
  const context = emptyUserContext();
  if (name === null || vm_get_thread_context(vcpu, context) !== 0) return -1;
  context[name] = BigInt.asUintN(64, value);
  return vm_set_thread_context(vcpu, context);
}

/** vm_get_thread_context_reg: reads one thread register into `value`; 0 / -1. */
export function vm_get_thread_context_reg(vcpu: vm_vcpu_t, reg: number, value: Box<bigint>): number {
  const name = regName(vcpu, "vm_get_thread_context_reg", reg);
  const context = emptyUserContext();
  if (name === null || vm_get_thread_context(vcpu, context) !== 0) return -1;
  value.value = context[name];
  return 0;
}

/** vm_set_arm_vcpu_reg: writes a VCPU register (seL4_VCPUReg_*); 0 / -1. */
export function vm_set_arm_vcpu_reg(vcpu: vm_vcpu_t, reg: number, value: bigint): number {
  const error = vcpu.vm.vka.sel4.seL4_ARM_VCPU_WriteRegs(vcpu.vcpu.cptr, reg, value);
  if (error !== seL4_Error.seL4_NoError) {
    logError(vcpu.vm, "vm_set_arm_vcpu_reg", `writing VCPU register ${reg} of vcpu ${vcpu.vcpu_id} failed (${seL4_Error[error]})`);
    return -1;
  }
  return 0;
}

/** vm_get_arm_vcpu_reg: reads a VCPU register into `value`; 0 / -1. */
export function vm_get_arm_vcpu_reg(vcpu: vm_vcpu_t, reg: number, value: Box<bigint>): number {
  const result = vcpu.vm.vka.sel4.seL4_ARM_VCPU_ReadRegs(vcpu.vcpu.cptr, reg);
  if (result.error !== seL4_Error.seL4_NoError) {
    logError(vcpu.vm, "vm_get_arm_vcpu_reg", `reading VCPU register ${reg} of vcpu ${vcpu.vcpu_id} failed (${seL4_Error[result.error]})`);
    return -1;
  }
  value.value = result.value;
  return 0;
}
