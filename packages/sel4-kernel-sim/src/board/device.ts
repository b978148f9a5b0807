/**
 * The contract every register-level device model of a board follows, in the style of
 * rust-vmm's vm-superio: a device decodes register accesses at an offset inside its MMIO window,
 * reports interrupts through an injected {@link IrqLine} without knowing who listens, and can be
 * snapshotted into a plain object with named fields.
 */

/** The width in bytes of one MMIO access. */
export type AccessSize = 1 | 2 | 4 | 8;

/** An interrupt wire driven by a device: high while the device requests service. */
export interface IrqLine {
  /** Drives the wire to `level` (true = asserted). Repeating the current level is harmless. */
  setLevel(level: boolean): void;
}

/** A device model behind an MMIO window, with a snapshot of type `State`. */
export interface BoardDevice<State> {
  /** Reads `size` bytes at `offset` from the window base; the result is an unsigned 32-bit value. */
  read(offset: number, size: AccessSize): number;
  /** Writes the low `size` bytes of `value` at `offset` from the window base. */
  write(offset: number, size: AccessSize, value: number): void;
  /** A snapshot with named fields that {@link BoardDevice.restore} accepts. */
  save(): State;
  /** Puts the device back into the state `save()` returned, driving its interrupt lines to match. */
  restore(state: State): void;
}

/** An MMIO device with 64-bit values, the shape `@sel4ts/cpu-aarch64`'s `GuestMemory.mapDevice` takes. */
export interface BigIntMmioDevice {
  /** Reads `size` bytes at `offset`. */
  read(offset: number, size: AccessSize): bigint;
  /** Writes `size` bytes at `offset`. */
  write(offset: number, size: AccessSize, value: bigint): void;
}

/**
 * Adapts a board device to the CPU's bigint MMIO interface. The board's registers are 32 bits
 * wide, so an 8-byte access becomes two 4-byte accesses, low word first.
 */
export function toBigIntMmio(device: BoardDevice<unknown>): BigIntMmioDevice {
  return {
    read(offset, size) {
      if (size !== 8) return BigInt(device.read(offset, size));
      const low = device.read(offset, 4);
      const high = device.read(offset + 4, 4);
      return (BigInt(high) << 32n) | BigInt(low);
    },
    write(offset, size, value) {
      if (size !== 8) {
        device.write(offset, size, Number(BigInt.asUintN(32, value)));
        return;
      }
      device.write(offset, 4, Number(BigInt.asUintN(32, value)));
      device.write(offset + 4, 4, Number(BigInt.asUintN(32, value >> 32n)));
    },
  };
}

/**
 * An {@link IrqLine} that remembers its level, for consumers that poll (a CPU checking its IRQ
 * input at block boundaries) or subscribe (to wake a CPU waiting in WFI).
 */
export class IrqSignal implements IrqLine {
  #level = false;
  readonly #listeners = new Set<(level: boolean) => void>();

  /** The current level of the wire. */
  get level(): boolean {
    return this.#level;
  }

  /** Drives the wire; listeners hear only actual changes. */
  setLevel(level: boolean): void {
    if (level === this.#level) return;
    this.#level = level;
    for (const listener of this.#listeners) listener(level);
  }

  /** Calls `listener` on every change of level; returns a function that unsubscribes it. */
  subscribe(listener: (level: boolean) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

/** Extracts the `size`-byte lane at byte `offset & 3` of a 32-bit register value. */
export function readLane(register: number, offset: number, size: AccessSize): number {
  const shifted = register >>> ((offset & 3) * 8);
  return size >= 4 ? shifted >>> 0 : shifted & ((1 << (size * 8)) - 1);
}
