// @sel4ts/libvmm: au-ts libvmm (0.1.0 API) for TypeScript Microkit VMM PDs. Browser-safe.
export { Libvmm, libvmm, GUEST_BOOT_VCPU_ID, GUEST_MAX_NUM_VCPUS, MAX_VM_EXCEPTION_HANDLERS } from "./libvmm";
export type { LibvmmOptions, LibvmmStats, vm_exception_handler_t } from "./libvmm";
export {
  decode_rt, fault_is_read, fault_is_write, fault_get_data, fault_get_data_mask, fault_emulate, fault_emulate_write, fault_to_string,
} from "./fault-helpers";
export { smc_get_arg, smc_set_return_value } from "./psci";
export type { smc_sip_handler_t } from "./psci";
export { LINUX_IMAGE_MAGIC, DTB_MAGIC, DTB_MAX_SIZE } from "./linux";
export { VgicV2, VGIC_NUM_IRQS, VGIC_NUM_LIST_REGS, VGIC_DIST_SIZE } from "./vgic/vgic-v2";
export type { virq_ack_fn_t } from "./vgic/vgic-v2";
export { VirtioConsole, VIRTIO_DEVICE_ID_CONSOLE } from "./virtio/console";
export { VirtioMmioDevice, VIRTIO_MMIO, VIRTIO_MMIO_MAGIC, VIRTIO_MMIO_VERSION, VIRTIO_MMIO_VENDOR_ID, VIRTIO_MMIO_DEV_SIZE, VIRTIO_QUEUE_SIZE_MAX } from "./virtio/virtio-mmio";
export type { VirtioDeviceFuns } from "./virtio/virtio-mmio";
export { Virtq, VIRTQ_DESC_F_NEXT, VIRTQ_DESC_F_WRITE } from "./virtio/virtq";
export type { GuestMemory, VirtqBuffer } from "./virtio/virtq";
