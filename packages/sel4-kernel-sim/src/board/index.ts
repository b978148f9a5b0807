/** The `qemu-virt` board: memory map, device contract, PL011, GICv2 and its virtualisation extensions. */

export { toBigIntMmio, readLane, IrqSignal } from "./device";
export type { AccessSize, IrqLine, BoardDevice, BigIntMmioDevice } from "./device";
export {
  QEMU_VIRT_MEMORY_MAP,
  QEMU_VIRT_RAM_BASE,
  QEMU_VIRT_MAX_RAM_SIZE,
  QEMU_VIRT_DEFAULT_RAM_SIZE,
  QEMU_VIRT_IRQS,
  VIRTIO_MMIO_SLOT_COUNT,
  VIRTIO_MMIO_SLOT_SIZE,
  spiToIntid,
  ppiToIntid,
  virtioMmioSlot,
} from "./memory-map";
export type { AddressRange } from "./memory-map";
export {
  Pl011,
  stdoutByteSink,
  PL011_REGISTERS,
  PL011_FR,
  PL011_INT,
  PL011_CR,
  PL011_LCR_H_FEN,
  PL011_FIFO_DEPTH,
} from "./pl011";
export type { ByteSink, Pl011Options, Pl011State } from "./pl011";
export {
  GIC_SGI_COUNT,
  GIC_PRIVATE_IRQ_COUNT,
  GIC_SPURIOUS_INTID,
  GIC_GROUP1_SPURIOUS_INTID,
  GIC_MAX_IRQS,
  GIC_MAX_CPUS,
  QEMU_VIRT_GIC_IRQS,
  GICC_IIDR_VALUE,
  GICD_IIDR_VALUE,
  GICC_CTLR,
  GICC_REGISTERS,
  GICD_REGISTERS,
} from "./gic/gic-constants";
export { GicV2 } from "./gic/gic-v2";
export type { GicV2Options, GicV2State } from "./gic/gic-v2";
export { GicDistributor } from "./gic/gic-distributor";
export type {
  GicDistributorState,
  GicInterruptState,
  GicBankedState,
  GicSharedInterruptState,
} from "./gic/gic-distributor";
export { GicCpuInterface } from "./gic/gic-cpu-interface";
export type { GicCpuInterfaceState } from "./gic/gic-cpu-interface";
export {
  GicVirtualInterface,
  GICH_REGISTERS,
  GICH_HCR,
  GICH_MISR,
  GICH_VMCR,
  GICH_VTR_VALUE,
  GIC_LIST_REGISTER_COUNT,
} from "./gic/gic-virtual-interface";
export type {
  GicVirtualInterfaceOptions,
  GicVirtualInterfaceState,
  InjectIrqResult,
} from "./gic/gic-virtual-interface";
export { GicV3VcpuInterface } from "./gic/gic-v3-vcpu-interface";
export type { GicV3VcpuInterfaceOptions } from "./gic/gic-v3-vcpu-interface";
export { LR_STATE, encodeListRegister, decodeListRegister } from "./gic/list-register";
export type { ListRegister, ListRegisterState } from "./gic/list-register";
export { QemuVirtBoard } from "./qemu-virt-board";
export type { BoardDeviceRegion, QemuVirtBoardOptions, QemuVirtBoardState } from "./qemu-virt-board";
