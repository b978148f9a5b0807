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
  vm_register_notification_callback,
  vm_register_smc_handler_callback,
  vm_register_unhandled_mem_fault_callback,
  vm_run,
  vm_smc_handle_default,
  vm_t,
  type guest_error_report,
  type vm_exit_kind,
  type vm_vcpu_t,
} from "@sel4ts/libsel4vm";
import {
  CROSSVM_NO_CONSUME,
  PCI_MEM_REGION_ADDR,
  consume_connection_event,
  create_vmm_plat_vcpu,
  cross_vm_connections_init_common,
  fdt_generate_vpci_node,
  vm_install_passthrough_device,
  vm_install_vpci,
  vm_load_guest_kernel,
  vmm_io_port_init,
  vmm_pci_init,
  vpci_unclaimed_access_handler,
  type crossvm_handle_t,
  type guest_kernel_image_t,
  type vmm_io_port_list_t,
  type vmm_pci_space_t,
} from "@sel4ts/libsel4vmmplatsupport";
import {
  Kernel,
  emptyUserContext,
  seL4_AllRights,
  seL4_Error,
  seL4_RootCNodeCapSlots as S,
  seL4_WordBits,
  sel4ts_make_bootinfo_vka,
  sel4ts_make_vspace,
  simple_default_init_bootinfo,
  vka_alloc_endpoint,
  vka_alloc_frame,
  vka_alloc_notification,
  vka_alloc_tcb,
  vspace_get_cap,
  vspace_map_pages,
  vspace_new_pages,
  type Sel4,
  type seL4_UserContext,
  type simple_t,
  type vka_object_t,
  type vka_t,
  type vspace_t,
} from "@sel4ts/sel4-kernel-sim";
import { componentBody } from "./component";

/** Guest physical layout (QEMU virt). */
export const GUEST_RAM_BASE = 0x4000_0000;
export const GUEST_RAM_SIZE = 0x20_0000;
export const UART_BASE = 0x0900_0000;
/** The connections' shared IRQ: SPI 50, camkes-vm's first free interrupt on qemu-arm-virt. */
export const CONNECTION_IRQ = 82;
/** The badge of the component's "done" signal (above the vCPU badges 1..4). */
export const DONE_BADGE = 1n << 6n;
/** Each dataport is one 4 KiB frame (CAmkES `dataport Buf(4096)`). */
export const DATAPORT_SIZE = 0x1000;
const VMM_PRIORITY = 200;
const COMPONENT_PRIORITY = 150;
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

/** Maps a copy of frame `cap` into `vspace` (the component's view of a dataport); its address. */
function mapCopy(sel4: Sel4, vka: vka_t, vspace: vspace_t, cap: number): number {
  const slot = { value: 0 };
  if (vka.cspace_alloc(slot) !== 0) throw new Error("no free slot");
  const copied = sel4.seL4_CNode_Copy(S.seL4_CapInitThreadCNode, slot.value, seL4_WordBits, S.seL4_CapInitThreadCNode, cap, seL4_WordBits, seL4_AllRights);
  if (copied !== seL4_Error.seL4_NoError) throw new Error(`copying frame cap ${cap} failed`);
  const vaddr = vspace_map_pages(vspace, [slot.value], null, seL4_AllRights, 1, 12, true);
  if (vaddr === null) throw new Error("mapping a dataport for the component failed");
  return vaddr;
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

    // 4. Virtual PCI: host bridge at 00:00.0, the CAM and I/O windows; accesses to the PCI
    //    windows that no BAR decodes are bus errors for the guest.
    const pci = { value: null as vmm_pci_space_t | null };
    const io = { value: null as vmm_io_port_list_t | null };
    check(vmm_pci_init(pci, { logger: (line) => log.push(line) }), "vmm_pci_init");
    check(vmm_io_port_init(io, 0x1000, { logger: (line) => log.push(line) }), "vmm_io_port_init");
    check(vm_install_vpci(vm, io.value, pci.value!), "vm_install_vpci");
    check(vm_register_unhandled_mem_fault_callback(vm, vpci_unclaimed_access_handler, pci.value), "vm_register_unhandled_mem_fault_callback");

    // 5. The component's side: two dataport frames, a notification it waits on ("ready"), and
    //    one bound to this thread that it signals ("done", badged) and vm_run receives.
    const frame = () => {
      const f = { value: null as unknown as vka_object_t };
      check(vka_alloc_frame(vka, 12, f), "vka_alloc_frame");
      return f.value.cptr;
    };
    const dataports = [frame(), frame()] as const;
    const ready = { value: null as unknown as vka_object_t };
    const done = { value: null as unknown as vka_object_t };
    check(vka_alloc_notification(vka, ready), "vka_alloc_notification");
    check(vka_alloc_notification(vka, done), "vka_alloc_notification");
    if (sel4.seL4_TCB_BindNotification(S.seL4_CapInitThreadTCB, done.value.cptr) !== seL4_Error.seL4_NoError) fail("seL4_TCB_BindNotification");
    const doneBadged = { value: 0 };
    check(vka.cspace_alloc(doneBadged), "cspace_alloc");
    sel4.seL4_CNode_Mint(S.seL4_CapInitThreadCNode, doneBadged.value, seL4_WordBits, S.seL4_CapInitThreadCNode, done.value.cptr, seL4_WordBits, seL4_AllRights, DONE_BADGE);

    // 6. The connections (seed 003): one PCI function each, BAR0 events, BAR1 the dataport.
    const connections: crossvm_handle_t[] = [
      {
        dataport: { size: DATAPORT_SIZE, num_frames: 1, frames: [dataports[0]] },
        emit_fn: async () => {
          events.emitted++;
          await sel4.seL4_Signal(ready.value.cptr);
        },
        consume_id: CROSSVM_NO_CONSUME,
        connection_name: "guest_to_component",
      },
      {
        dataport: { size: DATAPORT_SIZE, num_frames: 1, frames: [dataports[1]] },
        emit_fn: null,
        consume_id: DONE_BADGE,
        connection_name: "component_to_guest",
      },
    ];
    check(cross_vm_connections_init_common(vm, PCI_MEM_REGION_ADDR, connections, connections.length, pci.value!, () => CONNECTION_IRQ), "cross_vm_connections_init_common");
    // camkes-vm's register_async_event_handler: a badge matches when all its bits are set.
    check(vm_register_notification_callback(vm, (v, badge) => {
      for (const c of connections) {
        if (c.consume_id !== CROSSVM_NO_CONSUME && (badge & c.consume_id) === c.consume_id) {
          events.consumed++;
          consume_connection_event(v, c.consume_id, true);
        }
      }
      return 0;
    }, null), "vm_register_notification_callback");

    // 7. The device tree a Linux guest would get: QEMU virt's, plus /pci made after all devices.
    const fdt = Fdt.parse(buildQemuVirtFdt({ memorySize: GUEST_RAM_SIZE }), { source: "qemu-virt" });
    const gic = fdt.findCompatible("arm,cortex-a15-gic")[0] ?? fail("finding the GIC node");
    check(fdt_generate_vpci_node(vm, pci.value!, fdt, fdt.allocatePhandle(gic)), "fdt_generate_vpci_node");

    // 8. The component: a thread in this address space with its own view of the dataports.
    const tcb = { value: null as unknown as vka_object_t };
    check(vka_alloc_tcb(vka, tcb), "vka_alloc_tcb");
    const ipcBuffer = vspace_new_pages(vmmVspace, seL4_AllRights, 1, 12) ?? fail("an IPC buffer");
    sel4.seL4_TCB_Configure(tcb.value.cptr, 0, S.seL4_CapInitThreadCNode, 0, S.seL4_CapInitThreadVSpace, 0, ipcBuffer, vspace_get_cap(vmmVspace, ipcBuffer));
    sel4.seL4_TCB_SetPriority(tcb.value.cptr, S.seL4_CapInitThreadTCB, COMPONENT_PRIORITY);
    const regs = emptyUserContext();
    regs.pc = sel4.nativeEntry(componentBody({
      readyNotification: ready.value.cptr,
      doneNotification: doneBadged.value,
      fromGuestVaddr: mapCopy(sel4, vka, vmmVspace, dataports[0]),
      toGuestVaddr: mapCopy(sel4, vka, vmmVspace, dataports[1]),
      dataportSize: DATAPORT_SIZE,
      print: options.quiet ? null : out,
    }));
    if (sel4.seL4_TCB_WriteRegisters(tcb.value.cptr, true, 0, 1, regs) !== seL4_Error.seL4_NoError) fail("starting the component");

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
