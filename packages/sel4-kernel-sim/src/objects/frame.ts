/** A frame of 2^sizeBits bytes (4 KiB, 2 MiB or 1 GiB) of RAM or device memory. */
export class Frame {
  /** Size in bytes. */
  readonly size: number;

  /** Creates a frame at `paddr`. */
  constructor(
    readonly paddr: number,
    readonly sizeBits: number,
    readonly isDevice: boolean,
  ) {
    this.size = 2 ** sizeBits;
  }
}
