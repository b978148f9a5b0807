// A split virtqueue (virtio 1.x §2.7) in guest RAM: descriptor table, available and used rings.
import { hex } from "../pd";

/** Guest memory as the device reads and writes it (guest-physical addresses). */
export interface GuestMemory {
  read(addr: number, length: number): Uint8Array;
  write(addr: number, bytes: Uint8Array): void;
}

export const VIRTQ_DESC_F_NEXT = 1;
export const VIRTQ_DESC_F_WRITE = 2;

export interface VirtqBuffer {
  readonly addr: number;
  readonly len: number;
  readonly writable: boolean;
}

export class Virtq {
  num = 0;
  ready = false;
  desc = 0;
  avail = 0;
  used = 0;
  /** The next available-ring index the device will consume. */
  last_idx = 0;

  reset(): void {
    this.num = 0;
    this.ready = false;
    this.desc = this.avail = this.used = this.last_idx = 0;
  }

  #u16(mem: GuestMemory, addr: number): number {
    const b = mem.read(addr, 2);
    return b[0]! | (b[1]! << 8);
  }

  /** virtio_virtq_pop_avail: the head of the next available chain, or null. */
  pop_avail(mem: GuestMemory): number | null {
    if (!this.ready || this.num === 0) return null;
    const idx = this.#u16(mem, this.avail + 2);
    if (idx === this.last_idx) return null;
    const head = this.#u16(mem, this.avail + 4 + 2 * (this.last_idx % this.num));
    this.last_idx = (this.last_idx + 1) & 0xffff;
    return head;
  }

  /** The buffers of the chain starting at `head` (a loop or an index out of range is an error). */
  chain(mem: GuestMemory, head: number): VirtqBuffer[] {
    const buffers: VirtqBuffer[] = [];
    let index = head;
    for (let n = 0; n <= this.num; n++) {
      if (index >= this.num) throw new RangeError(`virtq: descriptor index ${index} is outside the queue of ${this.num}`);
      const d = new DataView(mem.read(this.desc + 16 * index, 16).buffer);
      const flags = d.getUint16(12, true);
      buffers.push({ addr: Number(d.getBigUint64(0, true)), len: d.getUint32(8, true), writable: (flags & VIRTQ_DESC_F_WRITE) !== 0 });
      if ((flags & VIRTQ_DESC_F_NEXT) === 0) return buffers;
      index = d.getUint16(14, true);
    }
    throw new RangeError(`virtq: descriptor chain from ${head} at ${hex(this.desc)} loops`);
  }

  /** virtio_virtq_add_used: returns the chain `head` with `len` bytes written. */
  add_used(mem: GuestMemory, head: number, len: number): void {
    const idx = this.#u16(mem, this.used + 2);
    const entry = new DataView(new ArrayBuffer(8));
    entry.setUint32(0, head, true);
    entry.setUint32(4, len, true);
    mem.write(this.used + 4 + 8 * (idx % this.num), new Uint8Array(entry.buffer));
    mem.write(this.used + 2, Uint8Array.of((idx + 1) & 0xff, ((idx + 1) >> 8) & 0xff));
  }
}
