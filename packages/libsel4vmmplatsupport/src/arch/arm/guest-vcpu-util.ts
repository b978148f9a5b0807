import { seL4_Error, type seL4_UserContext } from "@sel4ts/sel4-kernel-sim";
import type { Fdt } from "@sel4ts/fdt";
import {
  HSR_EC_BRK64,
  HSR_EC_SMC64,
  HSR_EC_SYSREG64,
  HSR_EC_WFX,
  advance_vcpu_fault,
  vm_create_vcpu,
  vm_get_thread_context,
  vm_register_irq,
  vm_register_unhandled_vcpu_fault_callback,
  vm_set_thread_context,
  type vm_t,
  type vm_vcpu_t,
  type MaybePromise,
} from "@sel4ts/libsel4vm";
import { logError } from "../../log";

/** vcpu_exception_handler_fn: handles a VCPUFault of one exception class; 0 handled, -1 error. */
export type vcpu_exception_handler_fn = (vcpu: vm_vcpu_t, hsr: number) => MaybePromise<number>;

/** Largest HSR exception class (6 bits). */
export const HSR_MAX_EXCEPTION = 0x3f;
/** The virtual timer PPI and the two SGIs create_vmm_plat_vcpu registers. */
export const PPI_VTIMER_IRQ = 27;
export const SGI_RESCHEDULE_IRQ = 0;
export const SGI_FUNC_CALL = 1;
/** qemu-arm-virt's PLAT_CPU_COMPAT. */
export const PLAT_CPU_COMPAT = "arm,cortex-a53";

/** unknown_vcpu_exception_handler: -1 (the VM stops). */
export function unknown_vcpu_exception_handler(_vcpu: vm_vcpu_t, _hsr: number): number {
  return -1;
}

/** ignore_exception: 0 without a reply; for WFI/WFE the vCPU waits until vm_inject_irq wakes it. */
export function ignore_exception(_vcpu: vm_vcpu_t, _hsr: number): number {
  return 0;
}

/**
 * handle_smc: the SMC64 handler: the guest's registers go to vm.arch.vm_smc_handler (default
 * PSCI: libsel4vm's vm_smc_handle_default), come back, and the vCPU steps over the SMC. 0 / -1.
 */
export async function handle_smc(vcpu: vm_vcpu_t, _hsr: number): Promise<number> {
  const regs = {} as seL4_UserContext;
  if (vm_get_thread_context(vcpu, regs) !== 0) {
    logError(vcpu.vm, "handle_smc", "failed to get vcpu registers to decode smc fault");
    return -1;
  }
  if ((await vcpu.vm.arch.vm_smc_handler(vcpu, regs)) !== 0) {
    logError(vcpu.vm, "handle_smc", `SMC handler failed for function 0x${(regs.x0 & 0xffff_ffffn).toString(16)}`);
    return -1;
  }
  if (!vcpu.vcpu_online) return 0; // the handler powered the vCPU off: no reply
  if (vm_set_thread_context(vcpu, regs) !== 0) return -1;
  advance_vcpu_fault(vcpu);
  return 0;
}

/** MSR/MRS ISS fields (Arm ARM D17.2.37, EC 0x18): op0 bits 20-21. */
const sysregOp0 = (hsr: number): number => (hsr >>> 20) & 3;

/**
 * sysreg_exception_handler: trapped MSR/MRS. As C's table: debug and trace registers (op0 = 2)
 * are ignored (writes dropped, reads leave the register); anything else is -1.
 */
export function sysreg_exception_handler(vcpu: vm_vcpu_t, hsr: number): number {
  if (sysregOp0(hsr) !== 2) {
    logError(vcpu.vm, "sysreg_exception_handler", `unhandled system register access, HSR 0x${(hsr >>> 0).toString(16)}`);
    return -1;
  }
  advance_vcpu_fault(vcpu);
  return 0;
}

/** software_breakpoint_exception: a guest BRK is stepped over. */
export function software_breakpoint_exception(vcpu: vm_vcpu_t, _hsr: number): number {
  advance_vcpu_fault(vcpu);
  return 0;
}

function defaultHandlers(): vcpu_exception_handler_fn[] {
  const table = new Array<vcpu_exception_handler_fn>(HSR_MAX_EXCEPTION + 1).fill(unknown_vcpu_exception_handler);
  table[HSR_EC_WFX] = ignore_exception;
  table[HSR_EC_SYSREG64] = sysreg_exception_handler;
  table[HSR_EC_BRK64] = software_breakpoint_exception;
  table[HSR_EC_SMC64] = handle_smc;
  return table;
}

/** Per-VM handler tables (C has one static table per process). */
const handlerTables = new WeakMap<vm_t, vcpu_exception_handler_fn[]>();

function tableOf(vm: vm_t): vcpu_exception_handler_fn[] {
  let table = handlerTables.get(vm);
  if (!table) handlerTables.set(vm, (table = defaultHandlers()));
  return table;
}

/**
 * register_arm_vcpu_exception_handler: replaces the handler of exception class `ec_class` for
 * the VM (TS-only third argument; C's table is process-wide). -1 for a class above 0x3f.
 */
export function register_arm_vcpu_exception_handler(ec_class: number, exception_handler: vcpu_exception_handler_fn, vm: vm_t): number {
  if (!Number.isInteger(ec_class) || ec_class < 0 || ec_class > HSR_MAX_EXCEPTION) {
    logError(vm, "register_arm_vcpu_exception_handler", `exception class 0x${ec_class.toString(16)} is not 0..0x3f`);
    return -1;
  }
  tableOf(vm)[ec_class] = exception_handler;
  return 0;
}

/** vmm_handle_arm_vcpu_exception: the VCPU-fault callback: dispatches on the HSR's exception class. */
export function vmm_handle_arm_vcpu_exception(vcpu: vm_vcpu_t, hsr: number, _cookie: unknown): MaybePromise<number> {
  const ec = (hsr >>> 26) & HSR_MAX_EXCEPTION;
  const handler = tableOf(vcpu.vm)[ec] ?? unknown_vcpu_exception_handler;
  if (handler === unknown_vcpu_exception_handler) logError(vcpu.vm, "vmm_handle_arm_vcpu_exception", `no handler for exception class 0x${ec.toString(16)} (HSR 0x${(hsr >>> 0).toString(16)})`);
  return handler(vcpu, hsr);
}

/**
 * create_vmm_plat_vcpu: vm_create_vcpu plus the platform defaults: the VCPU-fault callback
 * vmm_handle_arm_vcpu_exception, the virtual timer PPI 27 (acknowledged with
 * seL4_ARM_VCPU_AckVPPI) and SGIs 0 and 1. null on failure.
 */
export function create_vmm_plat_vcpu(vm: vm_t, priority: number): vm_vcpu_t | null {
  const fn = "create_vmm_plat_vcpu";
  const vcpu = vm_create_vcpu(vm, priority);
  if (!vcpu) {
    logError(vm, fn, "failed to create platform vcpu");
    return null;
  }
  if (vm_register_unhandled_vcpu_fault_callback(vcpu, vmm_handle_arm_vcpu_exception, null) !== 0) {
    logError(vm, fn, "failed to register vcpu platform fault callback handlers");
    return null;
  }
  const vppiAck = (v: vm_vcpu_t, irq: number) => {
    const error = v.vm.vka.sel4.seL4_ARM_VCPU_AckVPPI(v.vcpu.cptr, irq);
    if (error !== seL4_Error.seL4_NoError) logError(v.vm, "vppi_event_ack", `VCPU AckVPPI failed (${seL4_Error[error]})`);
  };
  const sgiAck = () => undefined;
  const irqs: [number, (v: vm_vcpu_t, irq: number) => void, string][] = [
    [PPI_VTIMER_IRQ, vppiAck, "virtual timer irq"],
    [SGI_RESCHEDULE_IRQ, sgiAck, "sgi 0 irq"],
    [SGI_FUNC_CALL, sgiAck, "sgi 1 irq"],
  ];
  for (const [irq, ack, what] of irqs) {
    if (vm_register_irq(vcpu, irq, ack, null) !== 0) {
      logError(vm, fn, `failed to register vcpu ${what}`);
      return null;
    }
  }
  return vcpu;
}

/**
 * fdt_generate_plat_vcpu_node: adds /cpus (#address-cells 1, #size-cells 0) with a cpu@<id>
 * per vCPU (device_type "cpu", compatible PLAT_CPU_COMPAT, reg id, enable-method "psci" when
 * there are several) and, with several vCPUs, /psci (arm,psci-1.0 over SMC) unless it exists.
 * 0, or -1 if /cpus exists.
 */
export function fdt_generate_plat_vcpu_node(vm: vm_t, fdt: Fdt): number {
  if (fdt.root.child("cpus")) {
    logError(vm, "fdt_generate_plat_vcpu_node", "failed to create cpu node: /cpus exists");
    return -1;
  }
  const cpus = fdt.root.addChild("cpus");
  cpus.setCells("#address-cells", [1]);
  cpus.setCells("#size-cells", [0]);
  const smp = vm.num_vcpus > 1;
  for (const vcpu of vm.vcpus.slice(0, vm.num_vcpus)) {
    const cpu = cpus.addChild(`cpu@${vcpu.vcpu_id.toString(16)}`);
    cpu.setString("device_type", "cpu");
    cpu.setString("compatible", PLAT_CPU_COMPAT);
    cpu.setCells("reg", [vcpu.vcpu_id]);
    if (smp) cpu.setString("enable-method", "psci");
  }
  if (smp && !fdt.root.child("psci")) {
    const psci = fdt.root.addChild("psci");
    psci.setCells("cpu_off", [0x8400_0002]);
    psci.setCells("cpu_on", [0xc400_0003]);
    psci.setCells("cpu_suspend", [0xc400_0001]);
    psci.setString("method", "smc");
    psci.setString("compatible", "arm,psci-1.0");
    psci.setString("status", "okay");
  }
  return 0;
}
