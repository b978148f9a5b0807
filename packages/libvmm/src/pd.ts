// The part of a Microkit PD that libvmm uses: a narrow interface so that the modules below the
// Libvmm class never import @sel4ts/microkit's runtime (and tests can hand in a real PD).
import type { MicrokitPd } from "@sel4ts/microkit";

export type VmmPd = Pick<
  MicrokitPd,
  | "microkit_name"
  | "microkit_dbg_puts"
  | "microkit_mr_get"
  | "microkit_irq_ack"
  | "microkit_vcpu_restart"
  | "microkit_vcpu_stop"
  | "microkit_vcpu_arm_inject_irq"
  | "microkit_vcpu_arm_ack_vppi"
  | "microkit_vcpu_arm_read_reg"
  | "microkit_vcpu_arm_write_reg"
  | "sel4"
>;

/** LOG_VMM / LOG_VMM_ERR of one VMM PD. */
export interface VmmLog {
  info(text: string): void;
  error(func: string, text: string): void;
}

export function vmmLog(pd: VmmPd): VmmLog {
  return {
    info: (text) => pd.microkit_dbg_puts(`${pd.microkit_name}|INFO: ${text}\n`),
    error: (func, text) => pd.microkit_dbg_puts(`${pd.microkit_name}|ERROR: ${func}: ${text}\n`),
  };
}

export const hex = (value: number | bigint): string => `0x${value.toString(16)}`;
