/**
 * The cross-VM side of both VMMs of this example (the bare-metal guest's and Linux's): the
 * virtual PCI bus, the two connections with their dataports and notifications, the notification
 * callback that relays the component's replies, the /pci node of the guest's device tree, and
 * the native component thread.
 */
import type { Fdt } from "@sel4ts/fdt";
import { vm_register_notification_callback, vm_register_unhandled_mem_fault_callback, type vm_t } from "@sel4ts/libsel4vm";
import {
  CROSSVM_NO_CONSUME,
  PCI_MEM_REGION_ADDR,
  consume_connection_event,
  cross_vm_connections_init_common,
  fdt_generate_vpci_node,
  vm_install_vpci,
  vmm_io_port_init,
  vmm_pci_init,
  vpci_unclaimed_access_handler,
  type crossvm_handle_t,
  type vmm_io_port_list_t,
  type vmm_pci_space_t,
} from "@sel4ts/libsel4vmmplatsupport";
import {
  emptyUserContext,
  seL4_AllRights,
  seL4_Error,
  seL4_RootCNodeCapSlots as S,
  seL4_WordBits,
  vka_alloc_frame,
  vka_alloc_notification,
  vka_alloc_tcb,
  vspace_get_cap,
  vspace_map_pages,
  vspace_new_pages,
  type Sel4,
  type vka_object_t,
  type vka_t,
  type vspace_t,
} from "@sel4ts/sel4-kernel-sim";
import { componentBody } from "./component";

/** The connections' shared IRQ: SPI 50, camkes-vm's first free interrupt on qemu-arm-virt. */
export const CONNECTION_IRQ = 82;
/** The badge of the component's "done" signal (above the vCPU badges 1..4). */
export const DONE_BADGE = 1n << 6n;
/** Each dataport is one 4 KiB frame (CAmkES `dataport Buf(4096)`). */
export const DATAPORT_SIZE = 0x1000;
const COMPONENT_PRIORITY = 150;

/** Events counted by the connections: emitted by the guest, consumed (relayed) to it. */
export interface EventCounts {
  emitted: number;
  consumed: number;
}

/** What the VMM hands in: its kernel interface, allocator, address space and error handling. */
export interface VmmContext {
  readonly sel4: Sel4;
  readonly vka: vka_t;
  readonly vmmVspace: vspace_t;
  readonly log: (line: string) => void;
  /** Throws (with the VM's log) when `status` is not 0. */
  readonly check: (status: number, what: string) => void;
  /** Throws (with the VM's log). */
  readonly fail: (what: string) => never;
}

/** The installed connections and the component's capabilities. */
export interface CrossVmConnections {
  readonly pci: vmm_pci_space_t;
  readonly connections: crossvm_handle_t[];
  readonly dataports: readonly [number, number];
  readonly readyNotification: number;
  readonly doneNotification: number;
}

/**
 * Virtual PCI (host bridge at 00:00.0, the CAM and I/O windows; accesses to the PCI windows that
 * no BAR decodes are bus errors for the guest), then the component's side (two dataport frames,
 * a notification it waits on, one bound to this thread that it signals, badged) and the two
 * connections: 0 = dataport 0 + emit (signals "ready"), 1 = dataport 1 + consumes DONE_BADGE,
 * both on CONNECTION_IRQ; the notification callback relays "done" to the guest.
 */
export function installConnections(ctx: VmmContext, vm: vm_t, events: EventCounts): CrossVmConnections {
  const { sel4, vka, check, fail } = ctx;
  const pci = { value: null as vmm_pci_space_t | null };
  const io = { value: null as vmm_io_port_list_t | null };
  check(vmm_pci_init(pci, { logger: ctx.log }), "vmm_pci_init");
  check(vmm_io_port_init(io, 0x1000, { logger: ctx.log }), "vmm_io_port_init");
  check(vm_install_vpci(vm, io.value, pci.value!), "vm_install_vpci");
  check(vm_register_unhandled_mem_fault_callback(vm, vpci_unclaimed_access_handler, pci.value), "vm_register_unhandled_mem_fault_callback");

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

  // The connections (seed 003): one PCI function each, BAR0 events, BAR1 the dataport.
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
  return { pci: pci.value!, connections, dataports, readyNotification: ready.value.cptr, doneNotification: doneBadged.value };
}

/** Adds /pci (made after all devices) to the guest's tree, its interrupts wired to the GIC node. */
export function addPciNode(ctx: VmmContext, vm: vm_t, pci: vmm_pci_space_t, fdt: Fdt): void {
  const gic = fdt.findCompatible("arm,cortex-a15-gic")[0] ?? ctx.fail("finding the GIC node");
  ctx.check(fdt_generate_vpci_node(vm, pci, fdt, fdt.allocatePhandle(gic)), "fdt_generate_vpci_node");
}

/** Maps a copy of frame `cap` into `vspace` (the component's view of a dataport); its address. */
function mapCopy(ctx: VmmContext, cap: number): number {
  const { sel4, vka } = ctx;
  const slot = { value: 0 };
  if (vka.cspace_alloc(slot) !== 0) ctx.fail("a free slot");
  const copied = sel4.seL4_CNode_Copy(S.seL4_CapInitThreadCNode, slot.value, seL4_WordBits, S.seL4_CapInitThreadCNode, cap, seL4_WordBits, seL4_AllRights);
  if (copied !== seL4_Error.seL4_NoError) ctx.fail(`copying frame cap ${cap}`);
  return vspace_map_pages(ctx.vmmVspace, [slot.value], null, seL4_AllRights, 1, 12, true) ?? ctx.fail("mapping a dataport for the component");
}

/** Starts the component: a thread in the VMM's address space with its own view of the dataports. */
export function startComponent(ctx: VmmContext, installed: CrossVmConnections, print: ((line: string) => void) | null): void {
  const { sel4, vka, vmmVspace, check, fail } = ctx;
  const tcb = { value: null as unknown as vka_object_t };
  check(vka_alloc_tcb(vka, tcb), "vka_alloc_tcb");
  const ipcBuffer = vspace_new_pages(vmmVspace, seL4_AllRights, 1, 12) ?? fail("an IPC buffer");
  sel4.seL4_TCB_Configure(tcb.value.cptr, 0, S.seL4_CapInitThreadCNode, 0, S.seL4_CapInitThreadVSpace, 0, ipcBuffer, vspace_get_cap(vmmVspace, ipcBuffer));
  sel4.seL4_TCB_SetPriority(tcb.value.cptr, S.seL4_CapInitThreadTCB, COMPONENT_PRIORITY);
  const regs = emptyUserContext();
  regs.pc = sel4.nativeEntry(componentBody({
    readyNotification: installed.readyNotification,
    doneNotification: installed.doneNotification,
    fromGuestVaddr: mapCopy(ctx, installed.dataports[0]),
    toGuestVaddr: mapCopy(ctx, installed.dataports[1]),
    dataportSize: DATAPORT_SIZE,
    print,
  }));
  if (sel4.seL4_TCB_WriteRegisters(tcb.value.cptr, true, 0, 1, regs) !== seL4_Error.seL4_NoError) fail("starting the component");
}
