/** A growable big-endian byte buffer, used to build the structure and strings blocks. */
export class ByteSink {
  private bytes = new Uint8Array(256);
  private view = new DataView(this.bytes.buffer);
  private used = 0;

  /** Number of bytes written so far. */
  get length(): number {
    return this.used;
  }

  /** Appends a big-endian u32. */
  u32(value: number): void {
    this.reserve(4);
    this.view.setUint32(this.used, value);
    this.used += 4;
  }

  /** Appends a big-endian u64. */
  u64(value: bigint): void {
    this.reserve(8);
    this.view.setBigUint64(this.used, value);
    this.used += 8;
  }

  /** Appends raw bytes. */
  append(data: Uint8Array): void {
    this.reserve(data.length);
    this.bytes.set(data, this.used);
    this.used += data.length;
  }

  /** Appends zero bytes until the length is a multiple of `align`. */
  padTo(align: number): void {
    const target = Math.ceil(this.used / align) * align;
    this.reserve(target - this.used);
    this.bytes.fill(0, this.used, target);
    this.used = target;
  }

  /** A copy of the bytes written so far. */
  toBytes(): Uint8Array {
    return this.bytes.slice(0, this.used);
  }

  private reserve(extra: number): void {
    if (this.used + extra <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.used + extra) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.bytes.subarray(0, this.used));
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }
}
