// MMIO load/store emulation from a data-abort syndrome (ESR_EL2 with ISV = 1): the arithmetic
// both libsel4vm's emulate_vcpu_fault and libvmm's fault_emulate perform, on plain numbers.
import { hsrSas, hsrWnR } from "./hsr";

const WORD_MASK = 0xffff_ffff_ffff_ffffn;

/** Access size in bytes from SAS (ESR bits 22-23): 1, 2, 4 or 8. */
export const dataAbortWidth = (esr: number): number => 1 << hsrSas(esr);

/** The accessed bytes within the aligned 32-bit word: width mask << ((addr & 3) * 8). */
export function dataAbortMask(addr: number, esr: number): bigint {
  const width = dataAbortWidth(esr);
  const mask = width === 8 ? WORD_MASK : (1n << BigInt(width * 8)) - 1n;
  return (mask << BigInt((addr & 3) * 8)) & WORD_MASK;
}

/**
 * Merges an access into `reg` (a register image), s = (addr & 3) * 8, m = the mask:
 * read: `(reg & ~(m >> s)) | ((val & m) >> s)`; write: `(reg & ~m) | ((val << s) & m)`.
 */
export function emulateDataAbort(reg: bigint, addr: number, esr: number, val: bigint): bigint {
  const s = BigInt((addr & 3) * 8);
  const m = dataAbortMask(addr, esr);
  const merged = hsrWnR(esr) ? (reg & ~m) | ((val << s) & m) : (reg & ~(m >> s)) | ((val & m) >> s);
  return merged & WORD_MASK;
}
