// virtio console (virtio 1.x §5.3): queue 0 receive, queue 1 transmit, one port, no features.
// libvmm's connects to sDDF serial queues; here output goes to a callback and input is pushed in.
import type { VmmLog } from "../pd";
import { VirtioMmioDevice, VIRTIO_IRQ_USED_BUFFER } from "./virtio-mmio";
import type { GuestMemory } from "./virtq";

export const VIRTIO_DEVICE_ID_CONSOLE = 3;
const RX = 0;
const TX = 1;

export class VirtioConsole {
  readonly dev: VirtioMmioDevice;
  readonly #pending: number[] = [];

  constructor(mem: GuestMemory, inject: () => boolean, log: VmmLog, private readonly output: (bytes: Uint8Array) => void) {
    this.dev = new VirtioMmioDevice(
      { device_id: VIRTIO_DEVICE_ID_CONSOLE, num_queues: 2, features_lo: 0, queue_notify: (_dev, q) => (q === TX ? this.#transmit() : this.#deliver()), device_reset: () => void 0 },
      mem, inject, log,
    );
  }

  #transmit(): void {
    const { dev } = this;
    const vq = dev.vqs[TX]!;
    let any = false;
    for (let head = vq.pop_avail(dev.mem); head !== null; head = vq.pop_avail(dev.mem)) {
      for (const b of vq.chain(dev.mem, head)) if (!b.writable) this.output(dev.mem.read(b.addr, b.len));
      vq.add_used(dev.mem, head, 0);
      any = true;
    }
    if (any) dev.interrupt(VIRTIO_IRQ_USED_BUFFER);
  }

  /** Input for the guest (e.g. typed characters): delivered into RX buffers as the guest provides them. */
  input(bytes: Uint8Array): void {
    this.#pending.push(...bytes);
    this.#deliver();
  }

  #deliver(): void {
    const { dev } = this;
    const vq = dev.vqs[RX]!;
    let any = false;
    while (this.#pending.length > 0) {
      const head = vq.pop_avail(dev.mem);
      if (head === null) break;
      let written = 0;
      for (const b of vq.chain(dev.mem, head)) {
        if (!b.writable) continue;
        const chunk = Uint8Array.from(this.#pending.splice(0, b.len));
        dev.mem.write(b.addr, chunk);
        written += chunk.length;
        if (this.#pending.length === 0) break;
      }
      vq.add_used(dev.mem, head, written);
      any = true;
    }
    if (any) dev.interrupt(VIRTIO_IRQ_USED_BUFFER);
  }
}
