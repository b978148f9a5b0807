// The virtio-mmio transport, version 2 (virtio 1.x §4.2.2): registers, feature negotiation,
// device status, queue set-up and notification, interrupt status.
import type { VmmLog } from "../pd";
import { hex } from "../pd";
import { Virtq, type GuestMemory } from "./virtq";

export const VIRTIO_MMIO_MAGIC = 0x7472_6976;
export const VIRTIO_MMIO_VERSION = 2;
export const VIRTIO_MMIO_VENDOR_ID = 0x344c_6573; // "seL4"
export const VIRTIO_MMIO_DEV_SIZE = 0x200;
export const VIRTIO_QUEUE_SIZE_MAX = 128;
export const VIRTIO_F_VERSION_1_HI = 1; // feature bit 32
export const VIRTIO_STATUS_FEATURES_OK = 8;
export const VIRTIO_IRQ_USED_BUFFER = 1;
export const VIRTIO_IRQ_CONFIG_CHANGE = 2;

export const VIRTIO_MMIO = {
  MagicValue: 0x000, Version: 0x004, DeviceID: 0x008, VendorID: 0x00c, DeviceFeatures: 0x010, DeviceFeaturesSel: 0x014,
  DriverFeatures: 0x020, DriverFeaturesSel: 0x024, QueueSel: 0x030, QueueNumMax: 0x034, QueueNum: 0x038, QueueReady: 0x044,
  QueueNotify: 0x050, InterruptStatus: 0x060, InterruptACK: 0x064, Status: 0x070, QueueDescLow: 0x080, QueueDescHigh: 0x084,
  QueueAvailLow: 0x090, QueueAvailHigh: 0x094, QueueUsedLow: 0x0a0, QueueUsedHigh: 0x0a4, ConfigGeneration: 0x0fc, Config: 0x100,
} as const;

/** What a device type supplies (C's virtio_device_funs_t). */
export interface VirtioDeviceFuns {
  readonly device_id: number;
  readonly num_queues: number;
  /** Device feature bits 0-31 (bit 32, VERSION_1, is always offered). */
  readonly features_lo: number;
  queue_notify(dev: VirtioMmioDevice, queue: number): void;
  device_reset?(dev: VirtioMmioDevice): void;
  get_device_config?(dev: VirtioMmioDevice, offset: number): number;
}

export class VirtioMmioDevice {
  DeviceFeaturesSel = 0;
  DriverFeaturesSel = 0;
  readonly DriverFeatures = [0, 0];
  QueueSel = 0;
  InterruptStatus = 0;
  Status = 0;
  ConfigGeneration = 0;
  readonly vqs: Virtq[];

  constructor(
    readonly funs: VirtioDeviceFuns,
    readonly mem: GuestMemory,
    private readonly injectIrq: () => boolean,
    private readonly log: VmmLog,
  ) {
    this.vqs = Array.from({ length: funs.num_queues }, () => new Virtq());
  }

  reset(): void {
    this.DeviceFeaturesSel = this.DriverFeaturesSel = this.QueueSel = this.InterruptStatus = this.Status = 0;
    this.DriverFeatures.fill(0);
    for (const vq of this.vqs) vq.reset();
    this.funs.device_reset?.(this);
  }

  /** virtio_set_interrupt_status + virtio_inject_interrupt. */
  interrupt(bits: number): boolean {
    this.InterruptStatus |= bits;
    return this.injectIrq();
  }

  #queue(): Virtq | null {
    return this.vqs[this.QueueSel] ?? null;
  }

  read(offset: number): number {
    const R = VIRTIO_MMIO;
    switch (offset) {
      case R.MagicValue: return VIRTIO_MMIO_MAGIC;
      case R.Version: return VIRTIO_MMIO_VERSION;
      case R.DeviceID: return this.funs.device_id;
      case R.VendorID: return VIRTIO_MMIO_VENDOR_ID;
      case R.DeviceFeatures: return this.DeviceFeaturesSel === 0 ? this.funs.features_lo >>> 0 : this.DeviceFeaturesSel === 1 ? VIRTIO_F_VERSION_1_HI : 0;
      case R.QueueNumMax: return this.#queue() ? VIRTIO_QUEUE_SIZE_MAX : 0;
      case R.QueueReady: return this.#queue()?.ready ? 1 : 0;
      case R.InterruptStatus: return this.InterruptStatus;
      case R.Status: return this.Status;
      case R.ConfigGeneration: return this.ConfigGeneration;
      default:
        if (offset >= R.Config) return this.funs.get_device_config?.(this, offset - R.Config) ?? 0;
        return 0;
    }
  }

  write(offset: number, value: number): void {
    const R = VIRTIO_MMIO;
    const vq = this.#queue();
    const low = (field: "desc" | "avail" | "used"): void => void (vq && (vq[field] = vq[field] - (vq[field] % 0x1_0000_0000) + (value >>> 0)));
    const high = (field: "desc" | "avail" | "used"): void => void (vq && (vq[field] = (vq[field] % 0x1_0000_0000) + (value >>> 0) * 0x1_0000_0000));
    switch (offset) {
      case R.DeviceFeaturesSel: this.DeviceFeaturesSel = value; break;
      case R.DriverFeaturesSel: this.DriverFeaturesSel = value; break;
      case R.DriverFeatures: if (this.DriverFeaturesSel < 2) this.DriverFeatures[this.DriverFeaturesSel] = value >>> 0; break;
      case R.QueueSel: this.QueueSel = value; break;
      case R.QueueNum: if (vq) vq.num = Math.min(value, VIRTIO_QUEUE_SIZE_MAX); break;
      case R.QueueReady: if (vq) vq.ready = (value & 1) === 1; break;
      case R.QueueNotify:
        if (value < this.vqs.length) this.funs.queue_notify(this, value);
        else this.log.error("virtio_mmio", `notify of queue ${value}, the device has ${this.vqs.length}`);
        break;
      case R.InterruptACK: this.InterruptStatus &= ~value; break;
      case R.Status: this.#setStatus(value); break;
      case R.QueueDescLow: low("desc"); break;
      case R.QueueDescHigh: high("desc"); break;
      case R.QueueAvailLow: low("avail"); break;
      case R.QueueAvailHigh: high("avail"); break;
      case R.QueueUsedLow: low("used"); break;
      case R.QueueUsedHigh: high("used"); break;
      default: this.log.error("virtio_mmio", `write of ${hex(value)} to read-only or unknown register ${hex(offset)} ignored`);
    }
  }

  #setStatus(value: number): void {
    if (value === 0) return this.reset();
    // FEATURES_OK sticks only if the driver accepted a subset of what we offer, VERSION_1 included.
    if ((value & VIRTIO_STATUS_FEATURES_OK) !== 0 && (this.Status & VIRTIO_STATUS_FEATURES_OK) === 0) {
      const subset = (this.DriverFeatures[0]! & ~this.funs.features_lo) === 0 && this.DriverFeatures[1] === VIRTIO_F_VERSION_1_HI;
      if (!subset) value &= ~VIRTIO_STATUS_FEATURES_OK;
    }
    this.Status = value;
  }
}
