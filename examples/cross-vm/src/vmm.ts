/**
 * cross-vm: a CAmkES-VM style VMM with cross-VM connections, written against
 * @sel4ts/libsel4vm and @sel4ts/libsel4vmmplatsupport.
 *
 * The VMM is the root task of a simulated seL4 kernel on QEMU's `virt` board. It builds a VM
 * with 2 MiB of RAM, the vGICv2, the board's PL011 passed through, and a virtual PCI bus that
 * carries two cross-VM connections (camkes-vm's vm_cross_connector): connection 0 carries the
 * guest's messages and events to a native component, connection 1 the component's replies and
 * events back. The guest is a bare-metal AArch64 program booted as an arm64 Image.
 */
import { Fdt, buildQemuVirtFdt } from "@sel4ts/fdt";
import {
  PSCI_SYSTEM_OFF,
  vcpu_set_entry,
  vcpu_start,
  vm_create_default_irq_controller,
  vm_init,
  vm_ram_register_at,
  vm_register_smc_handler_callback,
  vm_run,
  vm_smc_handle_default,
  vm_t,
  type guest_error_report,
  type vm_exit_kind,
  type vm_vcpu_t,
} from "@sel4ts/libsel4vm";
import { create_vmm_plat_vcpu, vm_install_passthrough_device, vm_load_guest_kernel, type guest_kernel_image_t } from "@sel4ts/libsel4vmmplatsupport";
import {
  Kernel,
  seL4_RootCNodeCapSlots as S,
  sel4ts_make_bootinfo_vka,
  sel4ts_make_vspace,
  simple_default_init_bootinfo,
  vka_alloc_endpoint,
  type seL4_UserContext,
  type simple_t,
  type vka_object_t,
} from "@sel4ts/sel4-kernel-sim";
import { addPciNode, installConnections, startComponent, type VmmContext } from "./connections";

export { CONNECTION_IRQ, DATAPORT_SIZE, DONE_BADGE } from "./connections";

/** Guest physical layout (QEMU virt). */
export const GUEST_RAM_BASE = 0x4000_0000;
export const GUEST_RAM_SIZE = 0x20_0000;
export const UART_BASE = 0x0900_0000;
const VMM_PRIORITY = 200;
const VCPU_PRIORITY = 100;

/** What a run of the example produced. */
export interface CrossVmResult {
  /** "powered-off" when the guest called PSCI SYSTEM_OFF; "guest-error" when libsel4vm stopped it. */
  readonly outcome: "powered-off" | "guest-error";
  /** The guest's UART output and the component's lines, in the order they happened. */
  readonly output: string;
  /** Events the guest emitted (connection 0) and events relayed to it (connection 1). */
  readonly events: { readonly emitted: number; readonly consumed: number };
  /** Exits vm_run handled, by kind. */
  readonly exits: Readonly<Record<vm_exit_kind, number>>;
  /** Instructions the guest retired. */
  readonly instructions: number;
  /** Virtual time at power-off, in ns. */
  readonly virtualNs: number;
  /** The device tree a Linux guest of this VMM would get (with the /pci node). */
  readonly dtb: Uint8Array;
  /** The libsel4vm error report, if the guest was stopped. */
  readonly error: guest_error_report | null;
  /** Log lines of the VM. */
  readonly log: readonly string[];
}

/** Options of {@link runCrossVm}. */
export interface CrossVmOptions {
  /** The guest (an arm64 Image). */
  readonly image: Uint8Array;
  /** Round trips guest → component → guest (default 3). */
  readonly rounds?: number;
  /** No per-round output (the bench). */
  readonly quiet?: boolean;
  /** Called with the output as it happens. */
  readonly onOutput?: (text: string) => void;
}

/** Runs the example on a fresh kernel; resolves when the guest powered off or was stopped. */
export async function runCrossVm(options: CrossVmOptions): Promise<CrossVmResult> {
  const rounds = options.rounds ?? 3;
  let output = "";
  const out = (text: string) => {
    output += text;
    options.onOutput?.(text);
  };
  const kernel = new Kernel({ debugMessages: false, consoleOutput: out, disableWfiWfeTraps: true });
  const log: string[] = [];
  const events = { emitted: 0, consumed: 0 };
  let result: CrossVmResult | null = null;

  kernel.createRootTask(async (sel4) => {
    const fail = (what: string): never => {
      throw new Error(`${what} failed:\n${log.join("\n")}`);
    };
    const check = (status: number, what: string) => {
      if (status !== 0) fail(what);
    };
    // 1. The VMM's environment.
    const bootInfo = sel4.seL4_GetBootInfo();
    const vka = sel4ts_make_bootinfo_vka(sel4, bootInfo);
    const simple = { value: null as simple_t | null };
    simple_default_init_bootinfo(simple, sel4, bootInfo);
    const vmmVspace = sel4ts_make_vspace(vka, S.seL4_CapInitThreadVSpace);
    const endpoint = { value: null as unknown as vka_object_t };
    check(vka_alloc_endpoint(vka, endpoint), "vka_alloc_endpoint");

    // 2. The VM: RAM, the vGIC, the board's UART passed through (no exits for output).
    const vm = new vm_t();
    check(vm_init(vm, vka, simple.value!, vmmVspace, null, endpoint.value.cptr, "cross-vm", { logger: (line) => log.push(line) }), "vm_init");
    check(vm_ram_register_at(vm, GUEST_RAM_BASE, GUEST_RAM_SIZE, false), "vm_ram_register_at");
    check(vm_create_default_irq_controller(vm), "vm_create_default_irq_controller");
    check(vm_install_passthrough_device(vm, { name: "pl011", pstart: UART_BASE, size: 0x1000, handle_device_fault: null, priv: null }), "vm_install_passthrough_device");

    // 3. The vCPU with the platform defaults (VCPU-fault dispatch, timer PPI, SGIs); PSCI
    //    SYSTEM_OFF powers it off, other calls go to the default PSCI handler.
    const vcpu = create_vmm_plat_vcpu(vm, VCPU_PRIORITY) ?? fail("create_vmm_plat_vcpu");
    vm_register_smc_handler_callback(vm, (v: vm_vcpu_t, regs: seL4_UserContext) => {
      if (Number(regs.x0 & 0xffff_ffffn) !== PSCI_SYSTEM_OFF) return vm_smc_handle_default(v, regs);
      sel4.seL4_TCB_Suspend(v.tcb.tcb.cptr);
      v.vcpu_online = false;
      return 0;
    });

    // 4-6. Virtual PCI, the component's side and the two connections (./connections).
    const ctx: VmmContext = { sel4, vka, vmmVspace, log: (line) => log.push(line), check, fail };
    const installed = installConnections(ctx, vm, events);

    // 7. The device tree a Linux guest would get: QEMU virt's, plus /pci made after all devices.
    const fdt = Fdt.parse(buildQemuVirtFdt({ memorySize: GUEST_RAM_SIZE }), { source: "qemu-virt" });
    addPciNode(ctx, vm, installed.pci, fdt);

    // 8. The component: a thread in this address space with its own view of the dataports.
    startComponent(ctx, installed, options.quiet ? null : out);

    // 9. Load the guest (an arm64 Image) and start the vCPU: x0 = rounds | quiet << 32.
    const kernelImage: guest_kernel_image_t = { kernel_image: { load_paddr: 0, alignment: 0, size: 0 }, kernel_image_arch: {} };
    check(vm_load_guest_kernel(vm, "cross.img", GUEST_RAM_BASE, 0, kernelImage, { files: (name) => (name === "cross.img" ? options.image : null) }), "vm_load_guest_kernel");
    check(vcpu_set_entry(vcpu, BigInt(vm.entry), BigInt(rounds) | (options.quiet ? 1n << 32n : 0n)), "vcpu_set_entry");
    check(vcpu_start(vcpu), "vcpu_start");
    sel4.seL4_TCB_SetPriority(S.seL4_CapInitThreadTCB, S.seL4_CapInitThreadTCB, VMM_PRIORITY);

    // 10. Run until the guest powers off (vm_run returns 0 after timer PPIs and once no vCPU is online).
    let status = 0;
    while (status === 0 && vcpu.vcpu_online) status = await vm_run(vm);
    result = {
      outcome: status < 0 ? "guest-error" : "powered-off",
      output,
      events: { ...events },
      exits: { ...vm.run.exit_counts },
      instructions: kernel.instructionsRetired,
      virtualNs: kernel.clock.now,
      dtb: fdt.toBlob(),
      error: vm.run.last_error,
      log,
    };
  });
  await kernel.run();
  if (!result) throw new Error(`the VMM did not finish:\n${log.join("\n")}`);
  return result;
}
