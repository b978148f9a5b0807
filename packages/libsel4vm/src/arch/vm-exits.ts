import { seL4_Error, seL4_FaultType, seL4_MessageInfo_new, seL4_RootCNodeCapSlots, seL4_WordBits, type Sel4 } from "@sel4ts/sel4-kernel-sim";
import { SYS_NOP, SYS_PA_TO_IPA, VM_EXIT_HANDLED, VM_EXIT_HANDLE_ERROR, VM_EXIT_UNHANDLED, VM_GUEST_ERROR_EXIT, VM_GUEST_MMIO_EXIT, VM_GUEST_UNKNOWN_EXIT } from "../constants";
import { vm_inject_irq } from "../guest-irq-controller";
import { vm_memory_handle_fault } from "../guest-memory";
import { FAULT_ERROR, FAULT_HANDLED, FAULT_IGNORE, FAULT_RESTART, FAULT_UNHANDLED, type memory_fault_result_t } from "../guest-memory-types";
import { hex, logError } from "../log";
import type { vm_exit_kind, vm_t, vm_vcpu_t } from "../types";
import { vgic_handle_maintenance } from "../vgic/vgic";
import { build_guest_error_report, format_guest_error_report } from "./guest-error-report";
import { HSR_EC_SMC64, HSR_EC_WFX, hsrExceptionClass } from "./hsr";
import { vm_stop_vcpus } from "./vcpu-control";

const mr = (sel4: Sel4, i: number): bigint => sel4.seL4_GetMR(i);

/**
 * Stops the VM after a guest error: logs the report, keeps it in vm.run.last_error, and
 * suspends every vCPU (C leaves the faulting vCPU blocked; suspending all makes the stop explicit).
 */
export function stop_vm_with_report(vm: vm_t, vcpu: vm_vcpu_t, exit: vm_exit_kind, reason: string, details: { esr?: number; fault_address?: number } = {}): number {
  const report = build_guest_error_report(vcpu, exit, reason, details);
  vm.run.last_error = report;
  for (const line of format_guest_error_report(report)) logError(vm, "vm_run", line);
  vm_stop_vcpus(vm, VM_GUEST_ERROR_EXIT);
  return VM_EXIT_HANDLE_ERROR;
}

const RESULT_NAMES = ["FAULT_HANDLED", "FAULT_UNHANDLED", "FAULT_RESTART", "FAULT_IGNORE", "FAULT_ERROR"];

/** Acts on a memory fault callback's result (C's handle_page_fault). */
function applyFaultResult(vm: vm_t, vcpu: vm_vcpu_t, result: memory_fault_result_t, what: string): number {
  const fault = vcpu.vcpu_arch.fault;
  switch (result) {
    case FAULT_HANDLED:
      return VM_EXIT_HANDLED;
    case FAULT_RESTART:
      fault.restart();
      return VM_EXIT_HANDLED;
    case FAULT_IGNORE:
      fault.ignore();
      return VM_EXIT_HANDLED;
    default: {
      const name = RESULT_NAMES[result] ?? `result ${result as number}`;
      return stop_vm_with_report(vm, vcpu, "abort", `${what} returned ${name} for ${fault.kind === "prefetch" ? "instruction fetch" : fault.isWrite() ? "write" : "read"} at ${hex(fault.addr)}`, {
        esr: fault.fsr,
        fault_address: fault.addr,
      });
    }
  }
}

async function handleAbort(vm: vm_t, vcpu: vm_vcpu_t): Promise<number> {
  const sel4 = vm.vka.sel4;
  const fault = vcpu.vcpu_arch.fault;
  const ip = mr(sel4, 0);
  const addr = Number(mr(sel4, 1));
  const prefetch = mr(sel4, 2) !== 0n;
  const fsr = Number(mr(sel4, 3) & 0xffff_ffffn);
  vm.run.exit_reason = VM_GUEST_MMIO_EXIT;
  if (!fault.beginMemory(ip, addr, fsr, prefetch)) return VM_EXIT_HANDLE_ERROR;
  const details = { esr: fsr, fault_address: addr };
  if (fault.width === 0) return stop_vm_with_report(vm, vcpu, "abort", "data abort without an instruction syndrome (ISV=0) cannot be emulated", details);
  const result = await vm_memory_handle_fault(vm, vcpu, addr, fault.width);
  if (result !== FAULT_UNHANDLED) return applyFaultResult(vm, vcpu, result, "the reservation's fault callback");
  const handler = vm.mem.unhandled_mem_fault_handler;
  if (!handler) return stop_vm_with_report(vm, vcpu, "abort", `no reservation covers ${prefetch ? "instruction fetch" : "access"} at ${hex(addr)}`, details);
  const unhandled = await handler(vm, vcpu, addr, fault.width, vm.mem.unhandled_mem_fault_cookie);
  if (unhandled === FAULT_UNHANDLED) return stop_vm_with_report(vm, vcpu, "abort", `the unhandled memory fault callback did not handle ${hex(addr)}`, details);
  return applyFaultResult(vm, vcpu, unhandled === FAULT_ERROR ? FAULT_ERROR : unhandled, "the unhandled memory fault callback");
}

/**
 * An SMC (or SMCCC call by HVC): the guest's registers go to vm.arch.vm_smc_handler (default
 * vm_smc_handle_default), which writes its results into them; then the instruction is skipped. If
 * the handler took the vCPU offline (PSCI CPU_OFF, SYSTEM_OFF, SYSTEM_RESET) there is no reply.
 */
async function handleSmcCall(vm: vm_t, vcpu: vm_vcpu_t, exit: vm_exit_kind): Promise<number> {
  const fault = vcpu.vcpu_arch.fault;
  const regs = { ...fault.context() };
  const status = await vm.arch.vm_smc_handler(vcpu, regs);
  if (status !== 0) return stop_vm_with_report(vm, vcpu, exit, `the SMC handler failed (${status}) for function ${hex(regs.x0 & 0xffff_ffffn)}`, { esr: fault.fsr });
  if (!vcpu.vcpu_online) return VM_EXIT_HANDLED;
  if (fault.setContext(regs) !== 0) return stop_vm_with_report(vm, vcpu, exit, "writing the SMC results to the vCPU failed");
  fault.advance();
  return VM_EXIT_HANDLED;
}

/**
 * What libsel4vm does with a VCPUFault when no vcpu fault callback is registered (the part of
 * libsel4vmmplatsupport's vmm_handle_arm_vcpu_exception that every VMM needs): SMC goes to the SMC
 * handler, WFI/WFE waits without a reply until vm_inject_irq wakes the vCPU; anything else stops
 * the VM with a report.
 */
async function handleVcpuFaultDefault(vm: vm_t, vcpu: vm_vcpu_t, hsr: number): Promise<number> {
  switch (hsrExceptionClass(hsr)) {
    case HSR_EC_SMC64:
      return handleSmcCall(vm, vcpu, "vcpu");
    case HSR_EC_WFX:
      return VM_EXIT_HANDLED;
    default:
      return stop_vm_with_report(vm, vcpu, "vcpu", "unhandled VCPU fault: register a callback with vm_register_unhandled_vcpu_fault_callback to emulate it", { esr: hsr });
  }
}

function handleSyscall(vm: vm_t, vcpu: vm_vcpu_t): Promise<number> | number {
  const sel4 = vm.vka.sel4;
  const fault = vcpu.vcpu_arch.fault;
  const syscall = Number(BigInt.asIntN(64, mr(sel4, 12)));
  if (!fault.begin("other", mr(sel4, 8), 0)) return VM_EXIT_HANDLE_ERROR;
  if (syscall !== SYS_PA_TO_IPA && syscall !== SYS_NOP) {
    // An SMCCC fast call (bit 31 of the function ID in x0) made with HVC: the SMC handler answers it,
    // so a guest whose device tree says `method = "hvc"` gets PSCI as well.
    if ((fault.context().x0 & 0x8000_0000n) !== 0n) return handleSmcCall(vm, vcpu, "syscall");
    return stop_vm_with_report(vm, vcpu, "syscall", `unknown hypercall ${syscall}`);
  }
  // SYS_PA_TO_IPA answers x0 unchanged: guest physical equals the address the guest passed (no 1:1 remap).
  fault.advance();
  return VM_EXIT_HANDLED;
}

function handleVgicMaintenance(vm: vm_t, vcpu: vm_vcpu_t): number {
  const idx = Number(BigInt.asIntN(64, mr(vm.vka.sel4, 0)));
  const fault = vcpu.vcpu_arch.fault;
  if (!fault.begin("other", 0n, 0)) return VM_EXIT_HANDLE_ERROR;
  if (!vm.arch.vgic) return stop_vm_with_report(vm, vcpu, "vgic_maintenance", "VGIC maintenance exit but the VM has no vGIC");
  const status = vgic_handle_maintenance(vm, vm.arch.vgic, vcpu, idx);
  fault.finish();
  return status === 0 ? VM_EXIT_HANDLED : VM_EXIT_HANDLE_ERROR;
}

async function handleVcpuFault(vm: vm_t, vcpu: vm_vcpu_t): Promise<number> {
  const hsr = Number(mr(vm.vka.sel4, 0) & 0xffff_ffffn);
  const fault = vcpu.vcpu_arch.fault;
  if (!fault.beginVcpu(hsr)) return VM_EXIT_HANDLE_ERROR;
  const callback = vcpu.vcpu_arch.unhandled_vcpu_callback;
  if (!callback) return handleVcpuFaultDefault(vm, vcpu, hsr);
  const result = await callback(vcpu, hsr, vcpu.vcpu_arch.unhandled_vcpu_callback_cookie);
  if (result !== 0) return stop_vm_with_report(vm, vcpu, "vcpu", `the vcpu fault callback failed (${result})`, { esr: hsr });
  return VM_EXIT_HANDLED;
}

function handleVppi(vm: vm_t, vcpu: vm_vcpu_t): number {
  const sel4 = vm.vka.sel4;
  const irq = Number(mr(sel4, 0));
  const fault = vcpu.vcpu_arch.fault;
  if (!fault.begin("other", 0n, 0)) return VM_EXIT_HANDLE_ERROR;
  if (vm_inject_irq(vcpu, irq) !== 0) {
    logError(vm, "vm_run", `VPPI IRQ ${irq} dropped on vcpu ${vcpu.vcpu_id}`);
    // The guest will not take it, so unmask it in the kernel.
    const acked = sel4.seL4_ARM_VCPU_AckVPPI(vcpu.vcpu.cptr, irq);
    if (acked !== seL4_Error.seL4_NoError) logError(vm, "vm_run", `AckVPPI of IRQ ${irq} failed (${seL4_Error[acked]})`);
  }
  fault.finish();
  // As in C: a VPPI makes vm_run return 0 (callers loop).
  return VM_EXIT_UNHANDLED;
}

const EXIT_KINDS: Partial<Record<seL4_FaultType, vm_exit_kind>> = {
  [seL4_FaultType.seL4_Fault_VMFault]: "abort",
  [seL4_FaultType.seL4_Fault_UnknownSyscall]: "syscall",
  [seL4_FaultType.seL4_Fault_UserException]: "user_exception",
  [seL4_FaultType.seL4_Fault_VGICMaintenance]: "vgic_maintenance",
  [seL4_FaultType.seL4_Fault_VCPUFault]: "vcpu",
  [seL4_FaultType.seL4_Fault_VPPIEvent]: "vppi",
};

/** Handles one exit of `vcpu` whose fault message has label `label`; VM_EXIT_HANDLED / UNHANDLED / HANDLE_ERROR. */
export async function handle_vcpu_exit(vm: vm_t, vcpu: vm_vcpu_t, label: number): Promise<number> {
  const kind = EXIT_KINDS[label as seL4_FaultType] ?? "unknown";
  vm.run.exit_counts[kind]++;
  if (kind !== "abort") vm.run.exit_reason = VM_GUEST_UNKNOWN_EXIT;
  switch (kind) {
    case "abort":
      return handleAbort(vm, vcpu);
    case "syscall":
      return handleSyscall(vm, vcpu);
    case "user_exception": {
      const fault = vcpu.vcpu_arch.fault;
      if (!fault.begin("other", mr(vm.vka.sel4, 0), 0)) return VM_EXIT_HANDLE_ERROR;
      // C logs and resumes, re-executing the same instruction forever; stopping is the useful choice.
      const code = mr(vm.vka.sel4, 4);
      return stop_vm_with_report(vm, vcpu, kind, `user exception (number ${mr(vm.vka.sel4, 3)}, code ${hex(code)})`, { esr: Number(code & 0xffff_ffffn) });
    }
    case "vgic_maintenance":
      return handleVgicMaintenance(vm, vcpu);
    case "vcpu":
      return handleVcpuFault(vm, vcpu);
    case "vppi":
      return handleVppi(vm, vcpu);
    default: {
      const fault = vcpu.vcpu_arch.fault;
      if (!fault.begin("other", 0n, 0)) return VM_EXIT_HANDLE_ERROR;
      return stop_vm_with_report(vm, vcpu, kind, `unknown exit (fault label ${label})`);
    }
  }
}

/** Sends the replies handlers queued (advance/restart/ignore, WFI wake-ups) before vm_run waits again. */
export async function flush_vcpu_replies(vm: vm_t): Promise<void> {
  const sel4 = vm.vka.sel4;
  for (const vcpu of vm.vcpus) {
    const fault = vcpu.vcpu_arch.fault;
    if (!fault.reply_pending) continue;
    fault.reply_pending = false;
    await sel4.seL4_Send(fault.reply_slot, seL4_MessageInfo_new(0, 0, 0, 0));
    sel4.seL4_CNode_Delete(seL4_RootCNodeCapSlots.seL4_CapInitThreadCNode, fault.reply_slot, seL4_WordBits);
  }
}
