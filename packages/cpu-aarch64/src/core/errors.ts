/** Base class of every error @sel4ts/cpu-aarch64 throws (bad host-side use, bad tables). */
export class CpuError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A host-side GuestMemory operation touched an address that is not mapped, or bad arguments. */
export class GuestMemoryError extends CpuError {}
