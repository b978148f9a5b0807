/**
 * The VM both VMMs of this example build (the bare-metal guest's and Linux's), up to their
 * guest-specific steps, and the loop that runs it: the VMM's environment, the VM with its RAM,
 * the vGICv2 and the board's PL011 passed through (no exits for output), the vCPU with the
 * platform defaults, PSCI power-off, and the cross-VM connections.
 */
import { QEMU_VIRT } from "@sel4ts/fdt";
import {
  sel4ts_vm_init_default,
  sel4ts_vmm_env_init,
  vcpu_set_entry,
  vcpu_start,
  vm_register_smc_handler_callback,
  vm_run,
  type smc_handler_callback_fn,
  type vm_t,
  type vm_vcpu_t,
} from "@sel4ts/libsel4vm";
import { create_vmm_plat_vcpu, vm_install_passthrough_device } from "@sel4ts/libsel4vmmplatsupport";
import { seL4_RootCNodeCapSlots as S, type Sel4, type seL4_UserContext } from "@sel4ts/sel4-kernel-sim";
import { installConnections, type CrossVmConnections, type EventCounts, type VmmContext } from "./connections";

const VCPU_PRIORITY = 100;
const VMM_PRIORITY = 200;

/** What {@link setUpCrossVm} needs. */
export interface CrossVmSetupOptions {
  /** The VM's name (prefixes libsel4vm's log lines). */
  readonly name: string;
  /** Guest RAM at QEMU virt's RAM base, in bytes. */
  readonly ramSize: number;
  /** Where the VM's log lines go (also quoted when a step fails). */
  readonly log: string[];
  /** The connections' event counters. */
  readonly events: EventCounts;
  /** The SMC function IDs (PSCI's) that power the guest off: the VMM suspends the vCPU and marks it offline. */
  readonly powerOffCalls: readonly number[];
  /** Called when the guest powered off. */
  readonly onPowerOff?: () => void;
  /** The handler of every other SMC. */
  readonly otherSmc: smc_handler_callback_fn;
}

/** The VM built by {@link setUpCrossVm}, ready for the guest's images. */
export interface CrossVmSetup {
  readonly ctx: VmmContext;
  readonly vm: vm_t;
  readonly vcpu: vm_vcpu_t;
  readonly installed: CrossVmConnections;
}

/** Builds the VM in `vm`; throws with the VM's log if a step fails (they do not, on this board). */
export function setUpCrossVm(sel4: Sel4, vm: vm_t, options: CrossVmSetupOptions): CrossVmSetup {
  const { log } = options;
  const fail = (what: string): never => {
    throw new Error(`${what} failed:\n${log.join("\n")}`);
  };
  const check = (status: number, what: string) => {
    if (status !== 0) fail(what);
  };
  // 1. The VMM's environment; the VM with its RAM and the vGICv2; the board's PL011 passed through.
  const env = sel4ts_vmm_env_init(sel4);
  check(sel4ts_vm_init_default(vm, env, options.name, QEMU_VIRT.ramBase, options.ramSize, { logger: (line) => log.push(line) }), "sel4ts_vm_init_default");
  const pl011 = { name: "pl011", pstart: QEMU_VIRT.pl011, size: QEMU_VIRT.pl011Size, handle_device_fault: null, priv: null };
  check(vm_install_passthrough_device(vm, pl011), "vm_install_passthrough_device");

  // 2. The vCPU with the platform defaults (VCPU-fault dispatch, timer PPI, SGIs); the power-off
  //    calls suspend it and mark it offline (vm_run then returns 0), other SMCs go to `otherSmc`.
  const vcpu = create_vmm_plat_vcpu(vm, VCPU_PRIORITY) ?? fail("create_vmm_plat_vcpu");
  vm_register_smc_handler_callback(vm, (v: vm_vcpu_t, regs: seL4_UserContext) => {
    if (!options.powerOffCalls.includes(Number(regs.x0 & 0xffff_ffffn))) return options.otherSmc(v, regs);
    sel4.seL4_TCB_Suspend(v.tcb.tcb.cptr);
    v.vcpu_online = false;
    options.onPowerOff?.();
    return 0;
  });

  // 3. Virtual PCI, the component's side and the two connections (./connections).
  const ctx: VmmContext = { sel4, vka: env.vka, vmmVspace: env.vspace, log: (line) => log.push(line), check, fail };
  return { ctx, vm, vcpu, installed: installConnections(ctx, vm, options.events) };
}

/**
 * Starts the vCPU at the loaded image's entry with x0 = `x0` and runs the VM until the guest
 * powers off (vm_run returns 0 after timer PPIs and once no vCPU is online) or is stopped; returns
 * vm_run's last status (negative: libsel4vm stopped the guest).
 */
export async function startAndRun(setup: CrossVmSetup, x0: bigint): Promise<number> {
  const { ctx, vm, vcpu } = setup;
  ctx.check(vcpu_set_entry(vcpu, BigInt(vm.entry), x0), "vcpu_set_entry");
  ctx.check(vcpu_start(vcpu), "vcpu_start");
  ctx.sel4.seL4_TCB_SetPriority(S.seL4_CapInitThreadTCB, S.seL4_CapInitThreadTCB, VMM_PRIORITY);
  let status = 0;
  while (status === 0 && vcpu.vcpu_online) status = await vm_run(vm);
  return status;
}
