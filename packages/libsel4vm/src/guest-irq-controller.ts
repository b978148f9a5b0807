import { seL4_AllRights, seL4_Error, seL4_RootCNodeCapSlots, seL4_WordBits, vka_alloc_frame_at, type vka_object_t } from "@sel4ts/sel4-kernel-sim";
import { vm_map_reservation, vm_reserve_memory_at } from "./guest-memory";
import { FAULT_ERROR, type memory_fault_result_t, type vm_frame_t } from "./guest-memory-types";
import { requireInitialised } from "./address";
import { hex, logError } from "./log";
import type { vm_t, vm_vcpu_t } from "./types";
import { vgic_dist_fault } from "./vgic/distributor";
import { GIC_SPI_BASE, MAX_INTID, MAX_VIRQS, vgic_set_pending_irq, vgic_t, type irq_ack_fn_t } from "./vgic/vgic";

export type { irq_ack_fn_t } from "./vgic/vgic";

/** qemu-arm-virt GICv2 addresses: the distributor the guest sees (emulated). */
export const GIC_DIST_PADDR = 0x0800_0000;
/** The CPU interface the guest sees (backed by the virtual CPU interface). */
export const GIC_CPU_PADDR = 0x0801_0000;
/** The hardware virtual CPU interface (GICV) that backs it. */
export const GIC_VCPU_PADDR = 0x0804_0000;
/** Size of the distributor page. */
export const GIC_DIST_SIZE = 0x1000;
/** Size of the CPU interface (GICC_DIR sits at 0x1000). */
export const GIC_CPU_SIZE = 0x2000;

/** vm_inject_irq: makes `irq` pending on the vCPU (vGIC); 0 / -1. */
export function vm_inject_irq(vcpu: vm_vcpu_t, irq: number): number {
  const vm = vcpu.vm;
  if (!vm.arch.vgic) {
    logError(vm, "vm_inject_irq", "the VM has no interrupt controller (vm_create_default_irq_controller)");
    return -1;
  }
  return vgic_set_pending_irq(vm, vm.arch.vgic, vcpu, irq);
}

/** vm_set_irq_level: level-triggered lines are an x86 (i8259) interface; on ARM it always fails with -1. */
export function vm_set_irq_level(vcpu: vm_vcpu_t, irq: number, _level: number): number {
  logError(vcpu.vm, "vm_set_irq_level", `not supported on ARM (IRQ ${irq}); use vm_inject_irq`);
  return -1;
}

/**
 * vm_register_irq: registers virtual IRQ `irq` on the vCPU with the callback run when the guest
 * acknowledges it. -1 without a vGIC, for a duplicate SGI/PPI, a full SPI table or an invalid IRQ.
 */
export function vm_register_irq(vcpu: vm_vcpu_t, irq: number, ack_fn: irq_ack_fn_t, cookie: unknown): number {
  const fn = "vm_register_irq";
  const vm = vcpu.vm;
  const vgic = vm.arch.vgic;
  if (!vgic) {
    logError(vm, fn, "the VM has no interrupt controller (vm_create_default_irq_controller)");
    return -1;
  }
  if (irq < 0 || irq > MAX_INTID) {
    logError(vm, fn, `IRQ ${irq} is not a valid interrupt ID`);
    return -1;
  }
  const handle = { virq: irq, ack: ack_fn, token: cookie };
  if (irq < GIC_SPI_BASE) {
    const table = vgic.vcpuState(vcpu).local_virqs;
    if (table[irq]) {
      logError(vm, fn, `IRQ ${irq} is already registered on vcpu ${vcpu.vcpu_id}`);
      return -1;
    }
    table[irq] = handle;
    return 0;
  }
  if (vgic.spis.length >= MAX_VIRQS) {
    logError(vm, fn, `no room for IRQ ${irq}: ${MAX_VIRQS} SPIs are registered`);
    return -1;
  }
  vgic.spis.push(handle);
  return 0;
}

function cpuInterfaceFault(vm: vm_t, _vcpu: vm_vcpu_t, addr: number): memory_fault_result_t {
  logError(vm, "vgic", `unexpected fault on the GIC CPU interface at ${hex(addr)} (it is mapped to the virtual CPU interface)`);
  return FAULT_ERROR;
}

/** TypeScript-only options of {@link vm_create_default_irq_controller}. */
export interface irq_controller_options {
  /**
   * Another VM of this VMM whose virtual CPU interface frames to share (through cap copies).
   * The GICV frames exist once; the first VM retypes them, later VMs need copies.
   */
  readonly vcpu_interface_from?: vm_t;
}

/** A frame cap for the virtual CPU interface page behind guest address `addr`: a copy of `from`'s, or a new device frame. */
function vcpuInterfaceFrame(vm: vm_t, addr: number, from: vm_t | undefined): number {
  const fn = "vm_create_default_irq_controller";
  if (from) {
    const source = from.mem.vm_vspace.caps.get(addr)?.cap ?? 0;
    const slot = { value: 0 };
    const cnode = seL4_RootCNodeCapSlots.seL4_CapInitThreadCNode;
    if (source === 0 || vm.vka.cspace_alloc(slot) !== 0) {
      logError(vm, fn, `VM ${from.vm_name} has no virtual CPU interface frame at ${hex(addr)} to share`);
      return 0;
    }
    if (vm.vka.sel4.seL4_CNode_Copy(cnode, slot.value, seL4_WordBits, cnode, source, seL4_WordBits, seL4_AllRights) !== seL4_Error.seL4_NoError) {
      logError(vm, fn, `copying the virtual CPU interface frame cap of VM ${from.vm_name} failed`);
      return 0;
    }
    return slot.value;
  }
  const frame = { value: null as unknown as vka_object_t };
  const paddr = GIC_VCPU_PADDR + (addr - GIC_CPU_PADDR);
  if (vka_alloc_frame_at(vm.vka, 12, paddr, frame) !== 0) {
    logError(vm, fn, `no device frame at ${hex(paddr)} for the virtual CPU interface (another VM has it? pass vcpu_interface_from)`);
    return 0;
  }
  return frame.value.cptr;
}

/**
 * vm_create_default_irq_controller: the ARM vGICv2: an emulated distributor at GIC_DIST_PADDR
 * and the hardware virtual CPU interface mapped at GIC_CPU_PADDR. 0 / -1 (also if the VM has one).
 */
export function vm_create_default_irq_controller(vm: vm_t, options: irq_controller_options = {}): number {
  const fn = "vm_create_default_irq_controller";
  if (!requireInitialised(vm, fn)) return -1;
  if (vm.arch.vgic) {
    logError(vm, fn, "the VM already has an interrupt controller");
    return -1;
  }
  vm.arch.vgic = new vgic_t();
  const dist = vm_reserve_memory_at(vm, GIC_DIST_PADDR, GIC_DIST_SIZE, (v, vcpu, addr) => vgic_dist_fault(v, vcpu, addr, GIC_DIST_PADDR), null);
  const cpu = vm_reserve_memory_at(vm, GIC_CPU_PADDR, GIC_CPU_SIZE, (v, vcpu, addr) => cpuInterfaceFault(v, vcpu, addr), null);
  if (!dist || !cpu) {
    logError(vm, fn, "reserving the GIC regions failed");
    vm.arch.vgic = null;
    return -1;
  }
  const vcpuInterfaceFrames = (addr: number): vm_frame_t => ({
    cptr: vcpuInterfaceFrame(vm, addr, options.vcpu_interface_from),
    rights: seL4_AllRights,
    vaddr: addr,
    size_bits: 12,
  });
  if (vm_map_reservation(vm, cpu, vcpuInterfaceFrames, null) !== 0) {
    logError(vm, fn, "mapping the virtual CPU interface failed");
    return -1;
  }
  return 0;
}
