import { disassemble } from "@sel4ts/cpu-aarch64";
import { USER_CONTEXT_NAMES, seL4_Error, seL4_VCPUReg } from "@sel4ts/sel4-kernel-sim";
import { vm_guest_ram_read_callback, vm_ram_touch } from "../guest-ram";
import { hex } from "../log";
import type { guest_error_report, vm_exit_kind, vm_t, vm_vcpu_t } from "../types";
import { describeHsr } from "./hsr";

export type { guest_error_report } from "../types";

/** The instruction word at `pc`, or null if it cannot be read (stage 1 on, or not RAM). */
function readInstruction(vm: vm_t, vcpu: vm_vcpu_t, pc: bigint): number | null {
  const sctlr = vm.vka.sel4.seL4_ARM_VCPU_ReadRegs(vcpu.vcpu.cptr, seL4_VCPUReg.seL4_VCPUReg_SCTLR);
  if (sctlr.error !== seL4_Error.seL4_NoError || (sctlr.value & 1n) === 1n) return null;
  if (pc > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  const addr = Number(pc);
  if (!vm.mem.ram_regions.some((r) => addr >= r.start && addr + 4 <= r.start + r.size)) return null;
  const bytes = new Uint8Array(4);
  if (vm_ram_touch(vm, addr, 4, vm_guest_ram_read_callback, bytes) !== 0) return null;
  return new DataView(bytes.buffer).getUint32(0, true);
}

/** Builds the report of a guest error on `vcpu` (reading its registers and instruction). */
export function build_guest_error_report(
  vcpu: vm_vcpu_t,
  exit: vm_exit_kind,
  reason: string,
  details: { esr?: number; fault_address?: number },
): guest_error_report {
  const vm = vcpu.vm;
  const registers = { ...vcpu.vcpu_arch.fault.context() };
  const instruction = readInstruction(vm, vcpu, registers.pc);
  return {
    vm_name: vm.vm_name,
    vcpu_id: vcpu.vcpu_id,
    exit,
    reason,
    pc: registers.pc,
    esr: details.esr ?? null,
    esr_decoded: details.esr === undefined ? null : describeHsr(details.esr),
    fault_address: details.fault_address ?? null,
    registers,
    instruction,
    disassembly: instruction === null ? null : disassemble(instruction, registers.pc),
  };
}

/** The report as log lines (without the VM-name prefix). */
export function format_guest_error_report(report: guest_error_report): string[] {
  const lines = [`guest error on vcpu ${report.vcpu_id} (${report.exit} exit): ${report.reason}`, `  pc ${hex(report.pc)}`];
  if (report.esr !== null) lines.push(`  esr ${hex(report.esr)}: ${report.esr_decoded}`);
  if (report.fault_address !== null) lines.push(`  fault address ${hex(report.fault_address)}`);
  lines.push(
    report.instruction === null
      ? "  instruction: not readable (stage-1 MMU on or pc outside guest RAM)"
      : `  instruction ${report.instruction.toString(16).padStart(8, "0")}  ${report.disassembly}`,
  );
  const gp = USER_CONTEXT_NAMES.filter((n) => /^x\d+$/.test(n)).sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
  for (let i = 0; i < gp.length; i += 4) {
    lines.push("  " + gp.slice(i, i + 4).map((n) => `${n.padStart(3)} ${report.registers[n].toString(16).padStart(16, "0")}`).join("  "));
  }
  lines.push(`   sp ${report.registers.sp.toString(16).padStart(16, "0")}  spsr ${report.registers.spsr.toString(16).padStart(8, "0")}`);
  return lines;
}
