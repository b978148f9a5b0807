// The VMM PD of the simple example: libvmm's examples/simple/vmm.c (0.1.0 order), plus an
// emulated register block and a doorbell IRQ for the bundled guest. State lives in the
// program's closure: every VMM PD that runs this program has its own libvmm instance.
import { readFileSync } from "node:fs";
import { buildQemuVirtFdt } from "@sel4ts/fdt";
import { GUEST_BOOT_VCPU_ID, fault_emulate_write, fault_is_read, libvmm, type Libvmm } from "@sel4ts/libvmm";
import { defineProtectionDomain, type MicrokitProgram } from "@sel4ts/microkit";

const GUEST_RAM_SIZE = 0x100_0000;
const GUEST_DTB_VADDR = 0x40f0_0000;
const GUEST_INIT_RAM_DISK_VADDR = 0x40d0_0000;
const SERIAL_IRQ_CH = 1;
const SERIAL_IRQ = 33;
/** The emulated register block: +0 boot count (r), +4 doorbell (w), +8 ID (r), +12 serial IRQ passed through (r). */
const VMM_DEVICE = 0x2000_0000;
const VMM_DEVICE_ID = 0x564d_4d21; // "VMM!"
const DOORBELL_IRQ = 48;

const guestImage = (): Uint8Array => readFileSync(new URL("../guest/guest.bin", import.meta.url));

/** The VMM program; `onCreate` sees each PD's libvmm instance (the example's summary uses it). */
export function simpleVmm(onCreate?: (vmm: Libvmm) => void): MicrokitProgram {
  return defineProtectionDomain((microkit) => {
    const ramVaddr = Number(microkit.setvars.guest_ram_vaddr);
    const vmm = libvmm(microkit, { guest_ram_vaddr: ramVaddr, guest_ram_size: GUEST_RAM_SIZE });
    onCreate?.(vmm);
    const hasSerialIrq = ((microkit.microkit_irqs >> BigInt(SERIAL_IRQ_CH)) & 1n) === 1n;
    return {
      init() {
        vmm.log.info("starting \"linux\"");
        const kernel = guestImage();
        const dtb = buildQemuVirtFdt({ memorySize: GUEST_RAM_SIZE, cpus: 1, bootargs: "" });
        const initrd = new Uint8Array(0);
        const kernel_pc = vmm.linux_setup_images(ramVaddr, kernel, kernel.length, dtb, GUEST_DTB_VADDR, dtb.length, initrd, GUEST_INIT_RAM_DISK_VADDR, 0);
        if (kernel_pc === -1) {
          vmm.log.error("init", "failed to initialise guest images");
          return;
        }
        if (!vmm.virq_controller_init(GUEST_BOOT_VCPU_ID)) return;
        if (hasSerialIrq) vmm.virq_register_passthrough(GUEST_BOOT_VCPU_ID, SERIAL_IRQ, SERIAL_IRQ_CH);
        vmm.virq_register(GUEST_BOOT_VCPU_ID, DOORBELL_IRQ, (vcpu, irq) => vmm.log.info(`ack_fn: IRQ ${irq} of vCPU ${vcpu} (the guest EOI'd it, or enabled it while not pending)`), null);
        vmm.fault_register_vm_exception_handler(VMM_DEVICE, 0x1000, (vcpu, offset, fsr, regs) => {
          if (fault_is_read(fsr)) {
            const value = offset === 0 ? vmm.stats.boots - 1 : offset === 8 ? VMM_DEVICE_ID : offset === 12 ? Number(hasSerialIrq) : 0;
            fault_emulate_write(regs, offset, fsr, BigInt(value));
            return true;
          }
          if (offset !== 4) return true;
          vmm.log.info(`doorbell from vCPU ${vcpu}: injecting IRQ ${DOORBELL_IRQ}`);
          return vmm.virq_inject(vcpu, DOORBELL_IRQ);
        }, null);
        vmm.guest_start(GUEST_BOOT_VCPU_ID, kernel_pc, GUEST_DTB_VADDR, GUEST_INIT_RAM_DISK_VADDR);
      },
      notified(ch) {
        if (ch === SERIAL_IRQ_CH) {
          vmm.log.info(`IRQ ${SERIAL_IRQ} on channel ${ch}: virq_handle_passthrough`);
          vmm.virq_handle_passthrough(ch);
        }
        else vmm.log.error("notified", `unexpected channel ${ch}`);
      },
      fault(child, msginfo, reply_msginfo) {
        if (!vmm.fault_handle(child, msginfo)) return false;
        reply_msginfo.value = microkit.microkit_msginfo_new(0, 0);
        return true;
      },
    };
  });
}

export default simpleVmm();
