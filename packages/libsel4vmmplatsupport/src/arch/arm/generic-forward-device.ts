import {
  FAULT_HANDLED,
  advance_vcpu_fault,
  get_vcpu_fault_data,
  is_vcpu_read_fault,
  set_vcpu_fault_data,
  vm_reserve_memory_at,
  type MaybePromise,
  type memory_fault_result_t,
  type vm_t,
  type vm_vcpu_t,
} from "@sel4ts/libsel4vm";
import type { device } from "../../device";
import { hex, logError } from "../../log";

/** struct generic_forward_cfg: where reads and writes of the device window go (offsets from pstart). */
export interface generic_forward_cfg {
  write_fn: ((addr: number, value: number) => MaybePromise<void>) | null;
  read_fn: ((addr: number) => MaybePromise<number>) | null;
}

/**
 * vm_install_generic_forward_device: reserves the device window; each guest read returns
 * read_fn(offset) (0 without one), each write calls write_fn(offset, value); the access is then
 * completed. 0 / -1.
 */
export function vm_install_generic_forward_device(vm: vm_t, d: device, cfg: generic_forward_cfg): number {
  const handler = async (_vm: vm_t, vcpu: vm_vcpu_t, addr: number): Promise<memory_fault_result_t> => {
    const offset = addr - d.pstart;
    if (is_vcpu_read_fault(vcpu)) {
      const value = cfg.read_fn ? await cfg.read_fn(offset) : 0;
      set_vcpu_fault_data(vcpu, BigInt(value >>> 0) << BigInt((addr & 3) * 8));
    } else if (cfg.write_fn) {
      await cfg.write_fn(offset, Number(get_vcpu_fault_data(vcpu) & 0xffff_ffffn));
    }
    advance_vcpu_fault(vcpu);
    return FAULT_HANDLED;
  };
  if (!vm_reserve_memory_at(vm, d.pstart, d.size, handler, null)) {
    logError(vm, "vm_install_generic_forward_device", `cannot reserve ${hex(d.pstart)}+${hex(d.size)} for device "${d.name}"`);
    return -1;
  }
  return 0;
}
