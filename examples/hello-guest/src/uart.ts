/**
 * The example VMM's two ways of giving a guest its PL011 UART: emulated by the VMM (a reservation
 * whose fault callback handles each access) or the board's own PL011 passed through (its frame
 * mapped into the guest, its receive interrupt forwarded as a virtual IRQ).
 */
import {
  seL4_AllRights,
  seL4_Error,
  seL4_RootCNodeCapSlots as S,
  simple_get_IRQ_handler,
  vka_alloc_frame_at,
  vka_alloc_notification,
  vka_cspace_alloc,
  vka_cspace_make_path,
  type Sel4,
  type cspacepath_t,
  type simple_t,
  type vka_object_t,
  type vka_t,
} from "@sel4ts/sel4-kernel-sim";
import {
  FAULT_ERROR,
  FAULT_HANDLED,
  advance_vcpu_fault,
  get_vcpu_fault_data,
  is_vcpu_read_fault,
  set_vcpu_fault_data,
  vm_inject_irq,
  vm_map_reservation,
  vm_register_irq,
  vm_register_notification_callback,
  vm_reserve_memory_at,
  type memory_fault_result_t,
  type vm_t,
  type vm_vcpu_t,
} from "@sel4ts/libsel4vm";
import type { VmmEvent } from "./events";

/** The PL011 on QEMU virt. */
export const UART_BASE = 0x0900_0000;
/** The PL011's interrupt on QEMU virt: SPI 1. */
export const UART_IRQ = 33;
const UART_DR = 0x00;
/** The badge of the UART's IRQ notification, outside libsel4vm's vCPU badges (1..CONFIG_MAX_NUM_NODES). */
const UART_IRQ_BADGE = 0x100n;

/**
 * The emulated UART: a reservation whose fault callback emulates the two registers the guest uses.
 * DR (write) is the transmit register; FR (read) reports "transmit FIFO not full" (0).
 */
export function uartFault(out: (c: string) => void, emit: (event: VmmEvent) => void) {
  return (_vm: vm_t, vcpu: vm_vcpu_t, addr: number): memory_fault_result_t => {
    const offset = addr - UART_BASE;
    const write = !is_vcpu_read_fault(vcpu);
    if (!write) {
      set_vcpu_fault_data(vcpu, 0n); // FR (+0x18) and every other register read as 0: never busy
    } else if (offset === UART_DR) {
      out(String.fromCharCode(Number(get_vcpu_fault_data(vcpu) & 0xffn)));
    }
    emit({ kind: "fault", address: addr, write, device: offset === UART_DR ? "UART DR" : offset === 0x18 ? "UART FR" : "UART" });
    advance_vcpu_fault(vcpu);
    return FAULT_HANDLED;
  };
}

/** Pass-through UART, memory: the board's PL011 frame mapped at its own address in the guest (no exits). */
export function passThroughUartFrame(vm: vm_t, vka: vka_t): void {
  const frame = { value: null as unknown as vka_object_t };
  if (vka_alloc_frame_at(vka, 12, UART_BASE, frame) !== 0) throw new Error("no device frame for the PL011");
  // A mapped reservation never faults; should it, the access is a guest error.
  const reservation = vm_reserve_memory_at(vm, UART_BASE, 0x1000, () => FAULT_ERROR, null);
  if (!reservation) throw new Error("vm_reserve_memory_at failed for the PL011");
  const status = vm_map_reservation(vm, reservation, (addr) => ({ cptr: frame.value.cptr, rights: seL4_AllRights, vaddr: addr, size_bits: 12 }), null);
  if (status !== 0) throw new Error("vm_map_reservation failed for the PL011");
}

/**
 * Pass-through UART, interrupt: IRQ 33's handler signals a notification bound to the VMM's TCB,
 * so vm_run receives it as a notification; the callback injects virtual IRQ 33, and the guest's
 * EOI (a maintenance exit) runs the ack callback, which acknowledges the real IRQ.
 */
export function forwardUartIrq(sel4: Sel4, vm: vm_t, vcpu: vm_vcpu_t, simple: simple_t, emit: (event: VmmEvent) => void, countInjection: () => void): void {
  const vka = vm.vka;
  const slot = { value: 0 };
  const badged = { value: 0 };
  const ntfn = { value: null as unknown as vka_object_t };
  const path = { value: null as unknown as cspacepath_t };
  if (vka_cspace_alloc(vka, slot) !== 0 || vka_cspace_alloc(vka, badged) !== 0 || vka_alloc_notification(vka, ntfn) !== 0) {
    throw new Error("no memory for the UART's IRQ handler and notification");
  }
  vka_cspace_make_path(vka, slot.value, path);
  const handler = slot.value;
  const steps: [string, seL4_Error][] = [
    ["seL4_IRQControl_Get", simple_get_IRQ_handler(simple, UART_IRQ, path.value)],
    ["seL4_CNode_Mint", sel4.seL4_CNode_Mint(S.seL4_CapInitThreadCNode, badged.value, 64, S.seL4_CapInitThreadCNode, ntfn.value.cptr, 64, seL4_AllRights, UART_IRQ_BADGE)],
    ["seL4_IRQHandler_SetNotification", sel4.seL4_IRQHandler_SetNotification(handler, badged.value)],
    ["seL4_TCB_BindNotification", sel4.seL4_TCB_BindNotification(S.seL4_CapInitThreadTCB, ntfn.value.cptr)],
  ];
  for (const [call, error] of steps) {
    if (error !== seL4_Error.seL4_NoError) throw new Error(`${call} failed for the UART IRQ (${seL4_Error[error]})`);
  }
  const ack = () => {
    emit({ kind: "irq-ack", irq: UART_IRQ });
    sel4.seL4_IRQHandler_Ack(handler);
  };
  if (vm_register_irq(vcpu, UART_IRQ, ack, null) !== 0) throw new Error("vm_register_irq failed for the UART IRQ");
  vm_register_notification_callback(vm, (_vm, badge) => {
    if ((badge & UART_IRQ_BADGE) === 0n) return -1;
    if (vm_inject_irq(vcpu, UART_IRQ) !== 0) {
      sel4.seL4_IRQHandler_Ack(handler); // the guest has it disabled: drop it, or the line stays masked
      return 0;
    }
    countInjection();
    emit({ kind: "virq", irq: UART_IRQ, source: "UART receive" });
    return 0;
  }, null);
}
