/** What went wrong, for programmatic handling of {@link KernelSimError}. */
export type KernelSimErrorKind =
  | "config" // bad options given to the kernel, platform or memory
  | "usage" // an API used outside its contract (e.g. a native call from a thread that is not running)
  | "memory" // a physical address outside RAM or a frame without backing
  | "thread" // a native thread body threw
  | "internal"; // a kernel invariant broke (a bug in the simulator)

/**
 * The one error class of `@sel4ts/sel4-kernel-sim`. Kernel invocations never throw it: they
 * return seL4 error codes. It signals host-side misuse of the simulator itself.
 */
export class KernelSimError extends Error {
  override readonly name = "KernelSimError";
  /** The category of the failure. */
  readonly kind: KernelSimErrorKind;

  /** Creates an error whose message is prefixed with `sel4-kernel-sim:`. */
  constructor(kind: KernelSimErrorKind, message: string, options?: { cause?: unknown }) {
    super(`sel4-kernel-sim: ${message}`, options);
    this.kind = kind;
  }
}
