// SMC/HVC dispatch: SMCCC, PSCI 1.1 and one SiP handler (smc.h, psci.h).
import type { seL4_UserContext } from "@sel4ts/sel4-kernel-sim";
import {
  PSCI_AFFINITY_INFO, PSCI_AFFINITY_OFF, PSCI_AFFINITY_ON, PSCI_ALREADY_ON, PSCI_CPU_OFF, PSCI_CPU_ON, PSCI_FEATURES, PSCI_INVALID_PARAMETERS,
  PSCI_MAX, PSCI_MIGRATE_INFO_TYPE, PSCI_NOT_SUPPORTED, PSCI_SUCCESS, PSCI_SYSTEM_OFF, PSCI_SYSTEM_RESET, PSCI_TOS_NOT_PRESENT_MP, PSCI_VERSION,
  PSCI_VERSION_1_1, SMC_SERVICE_ARM_ARCH, SMC_SERVICE_SIP, SMC_SERVICE_STANDARD, psciReturn, smcccFunction, smcccService,
} from "@sel4ts/vmm-common";
import { hex, type VmmLog } from "./pd";

/** smc_sip_handler_t: handles a SiP call; true when handled (it sets x0 itself). */
export type smc_sip_handler_t = (vcpu_id: number, regs: seL4_UserContext, fn_number: number) => boolean;

/** What PSCI needs from the VMM. */
export interface PsciHost {
  readonly num_vcpus: number;
  vcpuIsOn(vcpu: number): boolean;
  cpuOn(vcpu: number, entry: bigint, context: bigint): void;
  cpuOff(vcpu: number): void;
  systemOff(vcpu: number): void;
  systemReset(vcpu: number): void;
  readonly log: VmmLog;
  sipHandler: smc_sip_handler_t | null;
}

const IMPLEMENTED = new Set([PSCI_VERSION, PSCI_CPU_OFF, PSCI_CPU_ON, PSCI_AFFINITY_INFO, PSCI_MIGRATE_INFO_TYPE, PSCI_SYSTEM_OFF, PSCI_SYSTEM_RESET, PSCI_FEATURES]);

/** The outcome of one call: "resume" (x0 set, advance the PC) or "stopped" (the calling vCPU is off). */
export type SmcResult = "resume" | "stopped" | "failed";

export function smc_set_return_value(regs: seL4_UserContext, value: bigint | number): void {
  regs.x0 = typeof value === "bigint" ? BigInt.asUintN(64, value) : psciReturn(value);
}

/** smc_get_arg: x1..x6. */
export function smc_get_arg(regs: seL4_UserContext, arg: number): bigint {
  return regs[`x${arg}` as "x1"];
}

function psci(host: PsciHost, vcpu: number, regs: seL4_UserContext, fn: number, via: string): SmcResult {
  const set = (value: number): SmcResult => (smc_set_return_value(regs, value), "resume");
  switch (fn) {
    case PSCI_VERSION:
      return set(PSCI_VERSION_1_1);
    case PSCI_CPU_ON: {
      const target = Number(regs.x1 & 0xffn);
      if ((regs.x1 & ~0xffn) !== 0n || target >= host.num_vcpus) return set(PSCI_INVALID_PARAMETERS);
      if (host.vcpuIsOn(target)) return set(PSCI_ALREADY_ON);
      host.cpuOn(target, regs.x2, regs.x3);
      return set(PSCI_SUCCESS);
    }
    case PSCI_CPU_OFF:
      host.cpuOff(vcpu);
      return "stopped";
    case PSCI_AFFINITY_INFO: {
      const target = Number(regs.x1 & 0xffn);
      if (regs.x2 !== 0n || target >= host.num_vcpus) return set(PSCI_INVALID_PARAMETERS);
      return set(host.vcpuIsOn(target) ? PSCI_AFFINITY_ON : PSCI_AFFINITY_OFF);
    }
    case PSCI_MIGRATE_INFO_TYPE:
      return set(PSCI_TOS_NOT_PRESENT_MP);
    case PSCI_FEATURES: {
      const fid = Number(regs.x1 & 0xffff_ffffn);
      const known = smcccService(fid) === SMC_SERVICE_STANDARD && IMPLEMENTED.has(smcccFunction(fid)) && (fid & 0x8000_0000) !== 0;
      return set(known ? PSCI_SUCCESS : PSCI_NOT_SUPPORTED);
    }
    case PSCI_SYSTEM_OFF:
      host.systemOff(vcpu);
      return "stopped";
    case PSCI_SYSTEM_RESET:
      host.systemReset(vcpu);
      return "stopped";
    default:
      host.log.error("handle_psci", `PSCI function ${hex(fn)} over ${via} is not supported (NOT_SUPPORTED returned)`);
      return set(PSCI_NOT_SUPPORTED);
  }
}

/** smc_handle for an SMC or HVC: decodes the SMCCC function ID in x0. */
export function handleSmccc(host: PsciHost, vcpu: number, regs: seL4_UserContext, via: "SMC" | "HVC"): SmcResult {
  const fid = Number(regs.x0 & 0xffff_ffffn);
  const service = smcccService(fid);
  const fn = smcccFunction(fid);
  if (service === SMC_SERVICE_STANDARD && fn <= PSCI_MAX) return psci(host, vcpu, regs, fn, via);
  if (service === SMC_SERVICE_SIP && host.sipHandler) return host.sipHandler(vcpu, regs, fn) ? "resume" : "failed";
  // SMCCC 1.0 firmware answers unknown calls (SMCCC_VERSION included) with NOT_SUPPORTED.
  if (service !== SMC_SERVICE_ARM_ARCH) host.log.error("smc_handle", `unhandled ${via} function ${hex(fid)} (service ${service}); NOT_SUPPORTED returned`);
  smc_set_return_value(regs, PSCI_NOT_SUPPORTED);
  return "resume";
}
