import type { seL4_UserContext } from "@sel4ts/sel4-kernel-sim";
import { VM_GUEST_POWER_OFF_EXIT, VM_GUEST_RESET_EXIT } from "../constants";
import { logError } from "../log";
import { vcpu_set_entry, vcpu_start, vcpu_stop, vm_assign_vcpu_target, vm_stop_vcpus } from "./vcpu-control";
import type { vm_vcpu_t } from "../types";

/** PSCI function IDs the default SMC handler answers (SMC32 and SMC64 forms where both exist). */
export const PSCI_VERSION = 0x8400_0000;
export const PSCI_CPU_OFF = 0x8400_0002;
export const PSCI_CPU_ON_32 = 0x8400_0003;
export const PSCI_CPU_ON_64 = 0xc400_0003;
export const PSCI_MIGRATE_INFO_TYPE = 0x8400_0006;
export const PSCI_SYSTEM_OFF = 0x8400_0008;
export const PSCI_SYSTEM_RESET = 0x8400_0009;
export const PSCI_FEATURES = 0x8400_000a;

/** PSCI return codes. */
export const PSCI_SUCCESS = 0;
export const PSCI_NOT_SUPPORTED = -1;
export const PSCI_ALREADY_ON = -4;
export const PSCI_INTERNAL_FAILURE = -6;
/** PSCI 1.0, what the default handler reports. */
export const PSCI_VERSION_1_0 = 0x0001_0000;
/** MIGRATE_INFO_TYPE answer: no Trusted OS to migrate. */
const PSCI_TOS_NOT_PRESENT_MP = 2;

const ret = (value: number): bigint => BigInt.asUintN(64, BigInt(value));

/** The function IDs vm_smc_handle_default implements (what PSCI_FEATURES reports as present). */
const IMPLEMENTED = new Set([PSCI_VERSION, PSCI_CPU_OFF, PSCI_CPU_ON_32, PSCI_CPU_ON_64, PSCI_MIGRATE_INFO_TYPE, PSCI_SYSTEM_OFF, PSCI_SYSTEM_RESET, PSCI_FEATURES]);

function cpuOn(vcpu: vm_vcpu_t, regs: seL4_UserContext): number {
  const vm = vcpu.vm;
  const target = Number(regs.x1 & 0xffn);
  const existing = vm.vcpus.find((v) => v.target_cpu === target);
  if (existing?.vcpu_online) return PSCI_ALREADY_ON;
  const free = existing ?? vm.vcpus.find((v) => v.target_cpu === -1) ?? null;
  if (!free || vm_assign_vcpu_target(free, target) !== 0) return PSCI_INTERNAL_FAILURE;
  return vcpu_set_entry(free, regs.x2, regs.x3) === 0 && vcpu_start(free) === 0 ? PSCI_SUCCESS : PSCI_INTERNAL_FAILURE;
}

/**
 * vm_smc_handle_default: the default SMC (and HVC) handler, PSCI only: VERSION (1.0), CPU_ON
 * (starts a free vCPU at the entry point with x0 = context), CPU_OFF (takes the calling vCPU
 * offline), MIGRATE_INFO_TYPE (2), FEATURES (0 for the functions listed here, NOT_SUPPORTED
 * otherwise, so Linux stays at SMCCC 1.0), SYSTEM_OFF and SYSTEM_RESET (stop the VM: every vCPU
 * is suspended and vm_run returns VM_RUN_STOPPED with exit_reason VM_GUEST_POWER_OFF_EXIT or
 * VM_GUEST_RESET_EXIT). Writes the result to x0; -1 for other calls (the VM stops with a report).
 * C's handler answers SYSTEM_RESET without acting and does not know SYSTEM_OFF or CPU_OFF.
 */
export function vm_smc_handle_default(vcpu: vm_vcpu_t, regs: seL4_UserContext): number {
  const id = Number(regs.x0 & 0xffff_ffffn);
  switch (id) {
    case PSCI_VERSION:
      regs.x0 = ret(PSCI_VERSION_1_0);
      return 0;
    case PSCI_CPU_ON_32:
    case PSCI_CPU_ON_64:
      regs.x0 = ret(cpuOn(vcpu, regs));
      return 0;
    case PSCI_CPU_OFF:
      vcpu_stop(vcpu);
      return 0;
    case PSCI_MIGRATE_INFO_TYPE:
      regs.x0 = ret(PSCI_TOS_NOT_PRESENT_MP);
      return 0;
    case PSCI_FEATURES:
      regs.x0 = ret(IMPLEMENTED.has(Number(regs.x1 & 0xffff_ffffn)) ? PSCI_SUCCESS : PSCI_NOT_SUPPORTED);
      return 0;
    case PSCI_SYSTEM_OFF:
      vm_stop_vcpus(vcpu.vm, VM_GUEST_POWER_OFF_EXIT);
      return 0;
    case PSCI_SYSTEM_RESET:
      vm_stop_vcpus(vcpu.vm, VM_GUEST_RESET_EXIT);
      return 0;
    default:
      logError(vcpu.vm, "vm_smc_handle_default", `unhandled SMC function 0x${id.toString(16)} (register your own handler with vm_register_smc_handler_callback)`);
      return -1;
  }
}
