// libvmm's data-abort helpers on a seL4_UserContext (fault.h), over @sel4ts/vmm-common's decoding.
import { gpRegisterName, type seL4_UserContext, type UserContextReg } from "@sel4ts/sel4-kernel-sim";
import { dataAbortMask, describeHsr, emulateDataAbort, hsrSas, hsrSf, hsrSrt, hsrSse, hsrWnR } from "@sel4ts/vmm-common";

/** decode_rt: the seL4_UserContext field of register `reg` (31 = the zero register: null). */
export function decode_rt(reg: number): UserContextReg | null {
  return gpRegisterName(reg);
}

export const fault_is_write = (fsr: number): boolean => hsrWnR(fsr);
export const fault_is_read = (fsr: number): boolean => !hsrWnR(fsr);

/** fault_get_data_mask: the accessed bytes within the aligned 32-bit word. */
export const fault_get_data_mask = (addr: number, fsr: number): bigint => dataAbortMask(addr, fsr);

/** fault_get_data: the value of the transfer register (a store's data); 0 for xzr. */
export function fault_get_data(regs: seL4_UserContext, fsr: number): bigint {
  const reg = decode_rt(hsrSrt(fsr));
  return reg === null ? 0n : regs[reg];
}

/** fault_emulate: merges an access into `reg` (see emulateDataAbort). */
export const fault_emulate = (_regs: seL4_UserContext, reg: bigint, addr: number, fsr: number, reg_val: bigint): bigint => emulateDataAbort(reg, addr, fsr, reg_val);

/**
 * fault_emulate_write: completes a guest load: the transfer register receives `reg_val` (the
 * word the device returns, as read at the aligned address). Unlike C, which keeps the
 * register's upper bits, the value is zero- or sign-extended as SSE/SF say, as hardware does.
 */
export function fault_emulate_write(regs: seL4_UserContext, addr: number, fsr: number, reg_val: bigint): void {
  const reg = decode_rt(hsrSrt(fsr));
  if (reg === null) return;
  const bits = 8n << BigInt(hsrSas(fsr));
  let value = BigInt.asUintN(Number(bits), reg_val >> BigInt((addr & 3) * 8));
  if (hsrSse(fsr) && bits < 64n) value = BigInt.asUintN(64, BigInt.asIntN(Number(bits), value));
  regs[reg] = hsrSf(fsr) ? value : value & 0xffff_ffffn;
}

/** fault_to_string: the fault label's name. */
export function fault_to_string(label: number): string {
  return ["NullFault", "CapFault", "UnknownSyscall", "UserException", "DebugException", "Timeout", "VMFault", "VGICMaintenance", "VCPUFault", "VPPIEvent"][label] ?? `unknown fault ${label}`;
}

export { describeHsr };
