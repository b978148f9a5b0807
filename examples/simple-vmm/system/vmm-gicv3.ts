// The VMM PD of the GICv3 example: boots guest-gicv3/guest.bin on libvmm with gic_version 3
// (vGICv3 distributor and redistributor emulated, ICC_* through the ICH_* virtual interface)
// and a QEMU-virt GICv3 device tree.
import { readFileSync } from "node:fs";
import { buildQemuVirtFdt } from "@sel4ts/fdt";
import { GUEST_BOOT_VCPU_ID, libvmm, type Libvmm } from "@sel4ts/libvmm";
import { defineProtectionDomain, type MicrokitProgram } from "@sel4ts/microkit";

const GUEST_RAM_SIZE = 0x100_0000;
const GUEST_DTB_VADDR = 0x40f0_0000;
const GUEST_INIT_RAM_DISK_VADDR = 0x40d0_0000;

const guestImage = (): Uint8Array => readFileSync(new URL("../guest-gicv3/guest.bin", import.meta.url));

/** The VMM program; `onCreate` sees the PD's libvmm instance. */
export function gicv3Vmm(onCreate?: (vmm: Libvmm) => void): MicrokitProgram {
  return defineProtectionDomain((microkit) => {
    const ramVaddr = Number(microkit.setvars.guest_ram_vaddr);
    const vmm = libvmm(microkit, { guest_ram_vaddr: ramVaddr, guest_ram_size: GUEST_RAM_SIZE, gic_version: 3 });
    onCreate?.(vmm);
    return {
      init() {
        const kernel = guestImage();
        const dtb = buildQemuVirtFdt({ memorySize: GUEST_RAM_SIZE, cpus: 1, bootargs: "", gicVersion: 3 });
        const pc = vmm.linux_setup_images(ramVaddr, kernel, kernel.length, dtb, GUEST_DTB_VADDR, dtb.length, new Uint8Array(0), GUEST_INIT_RAM_DISK_VADDR, 0);
        if (pc === -1 || !vmm.virq_controller_init(GUEST_BOOT_VCPU_ID)) return;
        vmm.guest_start(GUEST_BOOT_VCPU_ID, pc, GUEST_DTB_VADDR, GUEST_INIT_RAM_DISK_VADDR);
      },
      notified(ch) {
        vmm.log.error("notified", `unexpected channel ${ch}`);
      },
      fault(child, msginfo, reply_msginfo) {
        if (!vmm.fault_handle(child, msginfo)) return false;
        reply_msginfo.value = microkit.microkit_msginfo_new(0, 0);
        return true;
      },
    };
  });
}
